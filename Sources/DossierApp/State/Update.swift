import DossierModel

/// The controller: one pure function from a state and a key to the next state (the Elm shape).
public enum Explorer {
    /// The next state for a key; the effects it asks for wait in `outbox` (see `update(_:_:)` for events).
    static func update(_ state: State, _ key: Key) -> State {
        var state = state
        // A resize is no key: what the status line says stays through it.
        if case .resize(let width, let height) = key {
            state.width = max(0, width)
            state.height = max(0, height)
            return normalized(state)
        }
        state.message = nil
        if case .mouse(let event) = key { return normalized(updateMouse(state, event)) }
        // Ctrl-C and Ctrl-L mean the same on every screen, prompts included.
        switch state.keymap.action(for: key, in: [.everywhere]) {
        case .quit? where key == .control("c"):
            state.request(.quit)
            return state
        case .redraw?:
            state.request(.redrawAll)
            return state
        default: break
        }
        if state.showHelp { return normalized(updateHelp(state, key)) }
        if state.exportPrompt != nil { return normalized(updateExportPrompt(state, key)) }
        if state.notePrompt != nil { return normalized(updateNotePrompt(state, key)) }
        if state.picker != nil { return normalized(updatePicker(state, key)) }
        // A passage being selected takes its own keys first; the rest (j/k, paging) work as ever.
        if state.passage != nil, !state.editingFilter, let action = state.keymap.action(for: key, in: [.passage]),
           let next = performOnPassage(action, state) {
            return normalized(next)
        }
        // The screen on top decides where the key is looked up and what carries it out.
        let screen = ScreenTable.ops(state.screen)
        if screen.takesTyping {
            if let action = state.keymap.action(for: key, in: screen.contexts + [.prompt]) {
                if isLineEdit(action) { return normalized(editSearch(state) { _ = $0.apply(action) }) }
                return normalized(screen.perform(action, state))
            }
            if let text = typed(key) { return normalized(editSearch(state) { $0.insert(text) }) }
            return unbound(key, state)
        }
        if state.editingFilter {
            // The list filter of a view, or the Notes view's.
            func setFilter(_ state: inout State) {
                if state.screen == .notes { setNotesFilter(state.prompt.text, &state) } else { state.position.list.filter = state.prompt.text }
            }
            if let action = state.keymap.action(for: key, in: [.filtering, .prompt]) {
                if isLineEdit(action) {
                    _ = state.prompt.apply(action)
                    setFilter(&state)
                } else {
                    state = screen.perform(action, state)
                }
            } else if let text = typed(key) {
                state.prompt.insert(text)
                setFilter(&state)
            } else {
                return unbound(key, state)
            }
            return normalized(state)
        }
        guard let action = state.keymap.action(for: key, in: screen.contexts) else { return unbound(key, state) }
        return normalized(screen.perform(action, state))
    }

    /// What a key types into a prompt: a character, or pasted text.
    static func typed(_ key: Key) -> String? {
        switch key {
        case .character(let character): return String(character)
        case .paste(let text): return text
        default: return nil
        }
    }

    /// What a key did to a status-line prompt that saves or cancels (the export name, a note).
    enum PromptKey { case accepted, cancelled, edited, unbound }

    /// Enter accepts, Esc cancels, the line-editing keys edit and other text is typed in.
    static func edit(_ prompt: inout LineEditor, with key: Key, keymap: Keymap) -> PromptKey {
        if let action = keymap.action(for: key, in: [.filtering, .prompt]) {
            switch action {
            case .acceptFilter: return .accepted
            case .clear: return .cancelled
            default:
                if isLineEdit(action) { _ = prompt.apply(action) }
                return .edited
            }
        }
        guard let text = typed(key) else { return .unbound }
        prompt.insert(text)
        return .edited
    }

    static func isLineEdit(_ action: Action) -> Bool {
        // What the action does, not which key it has: the standard table says it.
        Keymap.standard.bindings.contains { $0.context == .prompt && $0.action == action }
    }

    /// A key that does nothing here says so, briefly, instead of being ignored in silence.
    static func unbound(_ key: Key, _ state: State) -> State {
        var state = state
        // Said with the user's keys for these actions.
        let keys = state.keymap
        if case .paste = key {
            state.message = "Pasted text goes into a prompt: \(keys.name(.startFilter, in: [.everywhere], usual: .character("/"))) filters, "
                + "\(keys.name(.find, in: [.workflows], usual: .character("f"))) searches"
        } else {
            state.message = "\(key.label) does nothing here · \(keys.name(.help, in: [.everywhere], usual: .character("?"))) lists the keys"
        }
        return state
    }

    /// An action on one of the five views (the keys of the list views and the matrix).
    @Sendable static func performInView(_ action: Action, on state: State) -> State {
        var state = state
        // A page is the focused pane's height as it is on screen; a matrix page its visible rows.
        let page = state.view == .matrix ? state.matrixLayout.visibleRows
            : max(1, state.layout.content(of: state.position.focus)?.height ?? state.height)
        switch action {
        case .moveDown: state = move(state, by: 1)
        case .moveUp: state = move(state, by: -1)
        case .pageDown: state = move(state, by: page)
        case .pageUp: state = move(state, by: -page)
        case .halfPageDown: state = move(state, by: max(1, page / 2))
        case .halfPageUp: state = move(state, by: -max(1, page / 2))
        case .top: state = move(state, by: Int.min / 2)
        case .bottom: state = move(state, by: Int.max / 2)
        case .moveLeft: state = moveColumn(state, by: -1)
        case .moveRight: state = moveColumn(state, by: 1)
        case .firstColumn: state = moveColumn(state, by: Int.min / 2)
        case .lastColumn: state = moveColumn(state, by: Int.max / 2)
        case .focusNext: state.position.focus = PaneID(rawValue: (state.position.focus.rawValue + 1) % PaneID.allCases.count)!
        case .focusPrevious: state.position.focus = PaneID(rawValue: (state.position.focus.rawValue + PaneID.allCases.count - 1) % PaneID.allCases.count)!
        case .showArticles: state.view = .articles
        case .showActors: state.view = .actors
        case .showStatements: state.view = .statements
        case .showTimeline: state.view = .timeline
        case .showMatrix: state.view = .matrix
        case .showNotes: state = openNotes(state)
        case .toggleBookmark: state = toggleBookmark(state)
        case .undo: state = undoLast(state)
        case .showEdits:
            remember(&state)
            state.navigation.overlay = .edits(ScrollState())
        case .follow: state = follow(state)
        case .back: state = goBack(state)
        case .forward: state = goForward(state)
        case .nextSpan: state = moveSpan(state, by: 1)
        case .previousSpan: state = moveSpan(state, by: -1)
        case .nextMatch: state = state.navigation.readerQuery == nil ? moveSpan(state, by: 1) : moveMatch(state, by: 1)
        case .previousMatch: state = state.navigation.readerQuery == nil ? moveSpan(state, by: -1) : moveMatch(state, by: -1)
        case .sortActors: state.actorSort = state.actorSort == .name ? .kind : .name
        case .actorTimeline: state = timeline(of: state)
        case .compareSources: state = openCompare(state, disagreementOnly: false)
        case .compareDisagreement: state = openCompare(state, disagreementOnly: true)
        case .markStatement: state = markStatement(state)
        case .find: state = openSearch(state)
        case .problems: state = openProblems(state)
        case .addNote: state = startNote(state)
        case .toggleSupplied:
            state.hideSupplied.toggle()
            state.message = state.hideSupplied ? "Supplied records hidden: only what the articles state (\(state.keymap.name(.toggleSupplied, in: [.workflows], usual: .character("S"))) shows them)"
                : "Supplied records shown, dimmed (\(state.keymap.name(.toggleSupplied, in: [.workflows], usual: .character("S"))) hides them)"
        case .startFilter:
            state.editingFilter = true
            state.position.focus = .list
            // The last filter comes back selected: typing replaces it, an arrow key keeps it to edit.
            state.prompt = LineEditor(state.position.list.filter, selectingAll: true)
        case .clear: state = clear(state)
        case .help:
            state.showHelp = true
            state.helpTop = 0
        case .quit: state.request(.quit)
        case .close:
            if state.zoomed { state.zoomed = false } else { state.request(.quit) }
        case .zoom:
            if state.view == .matrix {
                state.message = "The matrix fills the screen already"
            } else {
                state.zoomed.toggle()
            }
        case .widenList, .narrowList:
            // Only a step the layout honours is kept, so the opposite key undoes it at once.
            var moved = state
            moved.splitShift += action == .widenList ? 4 : -4
            if moved.layout(for: state.view).panes[.list]?.width != state.layout(for: state.view).panes[.list]?.width {
                state.splitShift = moved.splitShift
            } else {
                state.message = state.layout.panes[.list] == nil ? "The panes are stacked at this width"
                    : "The list is as \(action == .widenList ? "wide" : "narrow") as it can be here"
            }
        case .redraw: state.request(.redrawAll)
        case .copy: state = copy(state, dossier: false)
        case .copyDossier: state = copy(state, dossier: true)
        case .export: state = startExport(state)
        case .acceptFilter: state.editingFilter = false
        case .closeHelp: state.showHelp = false
        case .deleteFilterCharacter, .cursorLeft, .cursorRight, .lineStart, .lineEnd, .deleteForward, .killToStart, .killToEnd, .killWord, .newLine:
            break  // line editing: handled where a prompt is open
        case .editNote, .deleteNote:
            break  // the Notes view's own
        case .selectPassage: state = startPassage(state)
        case .nextSentence, .previousSentence, .nextWord, .previousWord, .swapEnds:
            break  // while a passage is selected (see `performOnPassage`)
        }
        return state
    }

    /// Esc: stop typing and clear the filter; else drop the reader's search highlight; else the
    /// timeline's narrowing to one actor.
    static func clear(_ state: State) -> State {
        var state = state
        if state.editingFilter || !state.position.list.filter.isEmpty {
            state.editingFilter = false
            state.position.list.filter = ""
        } else if state.view == .articles, state.navigation.readerQuery != nil {
            state.navigation.readerQuery = nil
        } else if state.view == .timeline, state.navigation.timelineActor != nil {
            state.navigation.timelineActor = nil
        }
        return state
    }

}
