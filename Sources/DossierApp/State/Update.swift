import DossierModel

/// The controller: one pure function from a state and a key to the next state (the Elm shape).
public enum Explorer {
    public static func update(_ state: State, _ key: Key) -> State {
        var state = state
        state.redrawRequested = false
        state.clipboard = nil
        state.exportRequest = nil
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
            state.quitRequested = true
            return state
        case .redraw?:
            state.redrawRequested = true
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
        func label(_ action: Action, _ context: KeyContext) -> String {
            state.keymap.bindings.first { $0.action == action && $0.context == context }?.keys.first?.label ?? action.rawValue
        }
        if case .paste = key {
            state.message = "Pasted text goes into a prompt: \(label(.startFilter, .everywhere)) filters, \(label(.find, .workflows)) searches"
        } else {
            state.message = "\(key.label) does nothing here · \(label(.help, .everywhere)) lists the keys"
        }
        return state
    }

    // MARK: Help overlay

    @Sendable static func normalizedHelp(_ state: State) -> State {
        var state = state
        state.helpTop = ScrollState.clamp(state.helpTop, 0, helpLines(state).count - helpHeight(state))
        return state
    }

    /// Lines of help text visible below the overlay's title.
    static func helpHeight(_ state: State) -> Int { max(1, state.height - 3) }

    static func updateHelp(_ state: State, _ key: Key) -> State {
        // `normalizedHelp` keeps helpTop within the lines after every key.
        var state = state
        let page = helpHeight(state)
        if state.helpEditing {
            if let action = state.keymap.action(for: key, in: [.filtering, .prompt]) {
                switch action {
                case .acceptFilter: state.helpEditing = false
                case .clear:
                    state.helpEditing = false
                    state.helpQuery = ""
                default:
                    if isLineEdit(action) { _ = state.prompt.apply(action) }
                }
            } else if let text = typed(key) {
                state.prompt.insert(text)
            } else {
                return unbound(key, state)
            }
            if state.helpEditing {
                state.helpQuery = state.prompt.text
                // Incremental: the first line that matches, from the top.
                if let line = helpMatches(state).first { state.helpTop = line }
            }
            return state
        }
        guard let action = state.keymap.action(for: key, in: [.helpOverlay]) else { return unbound(key, state) }
        switch action {
        case .moveDown: state.helpTop += 1
        case .moveUp: state.helpTop -= 1
        case .pageDown: state.helpTop += page
        case .pageUp: state.helpTop -= page
        case .halfPageDown: state.helpTop += max(1, page / 2)
        case .halfPageUp: state.helpTop -= max(1, page / 2)
        case .top: state.helpTop = 0
        case .bottom: state.helpTop = Int.max / 2
        case .startFilter:
            state.helpEditing = true
            state.prompt = LineEditor(state.helpQuery, selectingAll: true)
        case .nextMatch, .previousMatch:
            let matches = helpMatches(state)
            guard !matches.isEmpty else {
                state.message = state.helpQuery.isEmpty ? "/ searches the help first" : "No line of the help matches “\(state.helpQuery)”"
                break
            }
            if action == .nextMatch {
                state.helpTop = matches.first { $0 > state.helpTop } ?? matches[0]
            } else {
                state.helpTop = matches.last { $0 < state.helpTop } ?? matches[matches.count - 1]
            }
        case .closeHelp:
            state.showHelp = false
            state.helpEditing = false
        case .quit: state.quitRequested = true
        default: break
        }
        return state
    }

    /// The help as drawn: the keymap's lines wrapped to the overlay's width, never cut.
    public static func helpLines(_ state: State) -> [PaneLine] {
        // A wrapped description continues under itself, not under the keys.
        let column = state.keymap.helpTextColumn
        let lines = state.keymap.helpLines().map { help in
            var line = PaneLine.text(help.text, help.isHeading ? .heading : .normal)
            line.hangingIndent = column
            return line
        }
        return PaneContent.laidOut(lines, width: max(1, state.width - 1))
    }

    /// The help lines that hold the help search (ignoring case and accents).
    public static func helpMatches(_ state: State) -> [Int] {
        guard !state.helpQuery.isEmpty else { return [] }
        let lines = helpLines(state)
        return lines.indices.filter { line in
            !SearchIndex.matches(of: state.helpQuery, in: lines[line].segments.map(\.text).joined()).isEmpty
        }
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
        case .quit: state.quitRequested = true
        case .close:
            if state.zoomed { state.zoomed = false } else { state.quitRequested = true }
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
        case .redraw: state.redrawRequested = true
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

    // MARK: Moving

    static func move(_ state: State, by delta: Int) -> State {
        var state = state
        if state.view == .matrix {
            let model = state.matrixModel
            guard let cell = model.cell(state.navigation.matrix) else { return state }
            state.navigation.matrix.row = model.rows[clamp(cell.row &+ delta, 0, model.rows.count - 1)]
            state.navigation.matrix.column = model.columns[cell.column]
            return state
        }
        // While a filter is typed, the arrows move in the list whatever pane had the focus.
        let pane = state.editingFilter ? .list : state.position.focus
        switch (pane, state.view) {
        case (.list, _):
            let ids = state.listIDs()
            guard !ids.isEmpty else { return state }
            let row = clamp(state.selectedRow(in: ids) &+ delta, 0, ids.count - 1)
            if ids[row] != state.position.list.selectedID || state.position.list.selectedID == nil {
                state.position.list.selectedID = ids[row]
                state.position.detail = PanePosition()
                state.position.source = PanePosition()
            }
        case (.detail, .articles):
            // The reader's cursor moves; the view follows it (normalizing keeps it in view). A page
            // moves the view by as much as the cursor, as less pages.
            guard let reader = reader(of: state) else { break }
            let old = state.position.detail.cursor
            let cursor = clamp(old &+ delta, min(reader.content.header.count, reader.content.lineCount - 1), reader.content.lineCount - 1)
            state.position.detail.cursor = cursor
            if abs(delta) > 1 { state.position.detail.top = max(0, state.position.detail.top &+ (cursor - old)) }
            state.position.detail.top = ScrollState.top(showing: cursor...cursor, from: state.position.detail.top, height: reader.height,
                                                        lineCount: reader.content.lineCount)
        case (.detail, _):
            state.position.detail.selected = max(0, state.position.detail.selected &+ delta)
            state.position.source = PanePosition()
        case (.source, .articles):
            state.position.source.selected = max(0, state.position.source.selected &+ delta)
        case (.source, _):
            state.position.source.top = max(0, state.position.source.top &+ delta)
        }
        return state
    }

    static func moveColumn(_ state: State, by delta: Int) -> State {
        var state = state
        let model = state.matrixModel
        guard let cell = model.cell(state.navigation.matrix) else { return state }
        state.navigation.matrix.row = model.rows[cell.row]
        state.navigation.matrix.column = model.columns[clamp(cell.column &+ delta, 0, model.columns.count - 1)]
        return state
    }

    /// `]` and `[`: the next or previous span, from the one selected, or from the cursor's line when
    /// no span is on it; the cursor goes to the span's first line.
    static func moveSpan(_ state: State, by delta: Int) -> State {
        var state = state
        guard state.view == .articles, let id = state.selectedID(in: .articles) else { return state }
        let count = state.corpus.excerptsInArticle[id, default: []].count
        guard count > 0, let reader = reader(of: state) else { return state }
        let selected = state.position.detail.selected
        if (0..<count).contains(selected) {
            state.position.detail.selected = clamp(selected + delta, 0, count - 1)
        } else {
            let cursor = state.position.detail.cursor
            let starts = (0..<count).map { reader.content.line(ofSpan: $0) }
            state.position.detail.selected = delta > 0 ? (starts.firstIndex { $0 > cursor } ?? count - 1) : (starts.lastIndex { $0 < cursor } ?? 0)
        }
        state.position.source = PanePosition()
        let line = reader.content.line(ofSpan: state.position.detail.selected)
        state.position.detail.top = scrolledTo(line: line, top: state.position.detail.top, height: reader.height)
        state.position.detail.cursor = line
        return state
    }

    /// The reader's search matches in the selected article.
    public static func readerMatches(_ state: State) -> [Range<Int>] {
        guard let query = state.navigation.readerQuery, let id = state.selectedID(in: .articles),
              let article = state.corpus.article(id) else { return [] }
        return state.readerLayouts.matches(of: query, in: id) {
            // A body that cannot be read has no matches; the reader says why it shows no text.
            SearchIndex.matches(of: query, in: (try? state.bodies.text(of: article)) ?? "")
        }
    }

    static func moveMatch(_ state: State, by delta: Int) -> State {
        var state = state
        let matches = readerMatches(state)
        guard !matches.isEmpty else {
            state.message = "No match for “\(state.navigation.readerQuery ?? "")” in this article"
            return state
        }
        // Wrap around, as n and N do in less and vim.
        state.navigation.readerMatch = wrapped(state.navigation.readerMatch + delta, count: matches.count)
        state = scrollToMatch(state)
        return state
    }

    static func scrollToMatch(_ state: State) -> State {
        var state = state
        let matches = readerMatches(state)
        guard matches.indices.contains(state.navigation.readerMatch), let reader = reader(of: state) else { return state }
        let line = reader.content.header.count + reader.content.body.line(containingUTF8: matches[state.navigation.readerMatch].lowerBound)
        let top = state.positions[.articles]?.detail.top ?? 0
        state.positions[.articles]?.detail.top = scrolledTo(line: line, top: top, height: reader.height)
        state.positions[.articles]?.detail.cursor = line
        // The hit's span (if it is in one) is the target; normalizing picks it from the cursor's line.
        state.positions[.articles]?.detail.selected = -1
        return state
    }

    /// Keeps a line in view, placing it near the top when it has to scroll.
    static func scrolledTo(line: Int, top: Int, height: Int) -> Int {
        line < top || line >= top + height ? max(0, line - 2) : top
    }

    // MARK: Following

    static func follow(_ state: State) -> State {
        var state = state
        if state.view == .matrix {
            let model = state.matrixModel
            guard let cell = model.cell(state.navigation.matrix),
                  let mark = model.mark(row: model.rows[cell.row], column: model.columns[cell.column]),
                  let excerpt = MatrixModel.excerpts(actor: model.rows[cell.row], statement: model.columns[cell.column], mark: mark,
                                                     corpus: state.corpus).first else {
                state.message = "Nothing in this cell: the sources do not name this state here"
                return state
            }
            return jump(state, to: .excerpt(excerpt))
        }
        switch state.position.focus {
        case .list:
            // In the timeline a statement opens in its own view; other rows open their detail.
            if state.view == .timeline, let id = state.selectedID(), state.corpus.kind(of: id) == .statement {
                return jump(state, to: .statement(id))
            }
            state.position.focus = .detail
            return state
        case .detail:
            if state.view == .articles {
                state.position.focus = .source
                return state
            }
            let lines = detailLines(state)
            guard let line = PaneContent.selectedLine(lines, selection: state.position.detail.selected), let link = lines[line].link else { return state }
            return jump(state, to: link)
        case .source:
            if state.view == .articles {
                let lines = PaneContent.source(state, view: .articles, width: paneWidth(state, .source))
                guard let line = PaneContent.selectedLine(lines, selection: state.position.source.selected), let link = lines[line].link else { return state }
                return jump(state, to: link)
            }
            // The source pane quotes excerpts: Enter opens the first one in its article.
            let lines = detailLines(state)
            guard let line = PaneContent.selectedLine(lines, selection: state.position.detail.selected), let excerpt = lines[line].excerpts.first else { return state }
            return jump(state, to: .excerpt(excerpt))
        }
    }

    /// Remembers where we are, so Back returns exactly here; a new jump forgets the forward path.
    static func remember(_ state: inout State) {
        state.history.append(state.navigation)
        if state.history.count > 200 { state.history.removeFirst(state.history.count - 200) }
        state.forwardHistory.removeAll()
    }

    static func goBack(_ state: State) -> State {
        travel(state, from: \.history, to: \.forwardHistory)
    }

    static func goForward(_ state: State) -> State {
        travel(state, from: \.forwardHistory, to: \.history)
    }

    /// Moves through history: the place left goes on the other stack, so the way back is kept.
    static func travel(_ state: State, from source: WritableKeyPath<State, [Navigation]>, to other: WritableKeyPath<State, [Navigation]>) -> State {
        var state = state
        guard let target = state[keyPath: source].popLast() else { return state }
        state[keyPath: other].append(state.navigation)
        state.navigation = target
        state.editingFilter = isSearchOpen(state)
        if case .search(let search) = state.navigation.overlay { state.prompt = LineEditor(search.query) }
        return state
    }

    /// The keys every overlay shares: Esc closes it, Back and Forward go through history, help and quit
    /// work as anywhere. Nil for any other action.
    static func performInAnyOverlay(_ action: Action, _ state: State) -> State? {
        var state = state
        switch action {
        case .clear, .close:
            state.navigation.overlay = nil
            state.editingFilter = false
            return state
        case .back: return goBack(state)
        case .forward: return goForward(state)
        case .copy: return copy(state, dossier: false)
        case .copyDossier: return copy(state, dossier: true)
        case .export: return startExport(state)
        case .help:
            state.showHelp = true
            state.helpTop = 0
            return state
        case .quit:
            state.quitRequested = true
            return state
        default:
            return nil
        }
    }

    static func isSearchOpen(_ state: State) -> Bool {
        if case .search = state.navigation.overlay { return true }
        return false
    }

    /// Goes to a record, remembering where we were so Backspace returns exactly there.
    public static func jump(_ state: State, to link: Link) -> State {
        var state = state
        // A corpus opened with its problems may name records it does not have, and hold excerpts whose
        // quote was not found: following one says so and stays.
        let id = linkedID(link)
        guard state.corpus.kind(of: id) != nil else {
            state.message = "“\(id)” is not in the corpus: a broken reference (\(Explorer.problemsKey(state)) lists the problems)"
            return state
        }
        if case .excerpt = link, state.corpus.excerpt(id)?.anchor == .unanchored {
            state.message = "\(id): its quote is not found in its article, so it marks no span there (\(Explorer.problemsKey(state)) lists the problems)"
            return state
        }
        remember(&state)
        state.navigation.overlay = nil
        state.editingFilter = false
        switch link {
        case .actor(let id):
            select(id, in: .actors, state: &state)
            state.positions[.actors]?.focus = .detail
        case .statement(let id):
            select(id, in: .statements, state: &state)
            state.positions[.statements]?.focus = .detail
        case .event(let id):
            if !state.index.ids(of: .timeline, sortedBy: state.actorSort, filter: "", timelineActor: state.navigation.timelineActor,
                                corpus: state.corpus).contains(id) {
                state.navigation.timelineActor = nil
            }
            select(id, in: .timeline, state: &state)
            state.positions[.timeline]?.focus = .detail
        case .excerpt(let id):
            guard let excerpt = state.corpus.excerpt(id) else { return state }
            select(excerpt.article, in: .articles, state: &state)
            let spans = state.corpus.excerptsInArticle[excerpt.article, default: []]
            state.positions[.articles]?.detail.selected = spans.firstIndex(of: id) ?? 0
            state.positions[.articles]?.focus = .detail
            if let reader = reader(of: state) {
                let line = reader.content.line(ofSpan: spans.firstIndex(of: id) ?? 0)
                state.positions[.articles]?.detail.top = max(0, line - 2)
                state.positions[.articles]?.detail.cursor = line
            }
        }
        return state
    }

    static func select(_ id: String, in view: ViewID, state: inout State) {
        state.view = view
        var position = state.positions[view] ?? ViewPosition()
        if !state.index.ids(of: view, sortedBy: state.actorSort, filter: position.list.filter, timelineActor: state.navigation.timelineActor,
                            corpus: state.corpus).contains(id) {
            position.list.filter = ""  // the target is filtered out: show it rather than nothing
        }
        position.list.selectedID = id
        position.detail = PanePosition()
        position.source = PanePosition()
        state.positions[view] = position
    }

    /// `t` on an actor: the timeline of the events and statements it takes part in.
    static func timeline(of state: State) -> State {
        guard let actor = state.selectedID(in: .actors) else { return state }
        var state = state
        remember(&state)
        state.navigation.timelineActor = actor
        state.view = .timeline
        state.positions[.timeline] = ViewPosition()
        return state
    }

    // MARK: Keeping positions valid

    /// A pane's content width in the current view's layout (the whole width when the pane is hidden).
    static func paneWidth(_ state: State, _ pane: PaneID) -> Int {
        max(1, state.layout.content(of: pane)?.width ?? state.width)
    }

    /// The current view's detail pane, as drawn.
    static func detailLines(_ state: State) -> [PaneLine] {
        PaneContent.detail(state, view: state.view, width: paneWidth(state, .detail))
    }

    /// The reader's content and visible height for the current state, if an article is selected.
    static func reader(of state: State) -> (content: ReaderContent, height: Int)? {
        let layout = state.layout(for: .articles)
        let rect = layout.content(of: .detail) ?? Rect(x: 0, y: 1, width: state.width, height: max(1, state.height - 3))
        guard let content = PaneContent.reader(state, width: rect.width) else { return nil }
        return (content, max(1, rect.height))
    }

    /// Clamps every position of the current screen and scrolls each pane so its selection is visible.
    public static func normalized(_ state: State) -> State {
        var state = state
        state.cacheList()
        return ScreenTable.ops(state.screen).normalize(state)
    }

    /// A list view: its list, detail and source panes.
    @Sendable static func normalizedView(_ state: State) -> State {
        var state = state
        let layout = state.layout
        let fallbackHeight = max(1, state.height - 3)
        func height(_ pane: PaneID) -> Int { max(1, layout.content(of: pane)?.height ?? fallbackHeight) }
        func width(_ pane: PaneID) -> Int { max(1, layout.content(of: pane)?.width ?? state.width) }

        // List: keep a valid selection, in view.
        let ids = state.listIDs()
        if ids.isEmpty {
            state.position.list.top = 0
        } else {
            if let selected = state.position.list.selectedID, !ids.contains(selected) {
                state.position.list.selectedID = ids[0]
                state.position.detail = PanePosition()
                state.position.source = PanePosition()
            } else if state.position.list.selectedID == nil {
                state.position.list.selectedID = ids[0]
            }
            let row = state.selectedRow(in: ids)
            state.position.list.top = ScrollState.top(showing: row...row, from: state.position.list.top, height: height(.list), lineCount: ids.count)
        }

        // A passage belongs to the article it was selected in.
        if let passage = state.passage, state.view != .articles || state.selectedID() != passage.article || state.navigation.overlay != nil {
            state.passage = nil
        }
        if state.view == .articles {
            let matches = readerMatches(state)
            state.navigation.readerMatch = clamp(state.navigation.readerMatch, 0, matches.count - 1)
            if let reader = reader(of: state) {
                state.position.detail.clampTop(height: reader.height, lineCount: reader.content.lineCount)
                // The cursor is on a line of the body, in view: the view was moved, so the cursor comes
                // into it (a move of the cursor has moved the view already).
                let firstBody = min(reader.content.header.count, reader.content.lineCount - 1)
                var cursor = clamp(state.position.detail.cursor, firstBody, reader.content.lineCount - 1)
                cursor = clamp(cursor, state.position.detail.top, state.position.detail.top + reader.height - 1)
                cursor = clamp(cursor, firstBody, reader.content.lineCount - 1)
                state.position.detail.cursor = cursor
                // One target: the selected span is the one on the cursor's line (the current search hit's,
                // when the hit is there), or none (-1) on a line no span takes. What y, a, b and the facts
                // pane act on is always what the reader marks.
                let hit = matches.indices.contains(state.navigation.readerMatch) ? matches[state.navigation.readerMatch].lowerBound : nil
                let hitOnLine = hit.flatMap { reader.content.header.count + reader.content.body.line(containingUTF8: $0) == cursor ? $0 : nil }
                state.position.detail.selected = reader.content.span(onLine: cursor, preferring: state.position.detail.selected, holding: hitOnLine) ?? -1
            }
            let facts = PaneContent.source(state, view: .articles, width: width(.source))
            let rows = PaneContent.selectable(facts)
            state.position.source.clampSelection(count: rows.count)
            if let line = PaneContent.selectedLine(facts, selection: state.position.source.selected) {
                state.position.source.reveal(line...PaneContent.lastLine(ofRowAt: line, in: facts), height: height(.source), lineCount: facts.count)
            } else {
                state.position.source.top = 0
            }
        } else {
            let detail = PaneContent.detail(state, view: state.view, width: width(.detail))
            let rows = PaneContent.selectable(detail)
            state.position.detail.clampSelection(count: rows.count)
            if let line = PaneContent.selectedLine(detail, selection: state.position.detail.selected) {
                // The whole wrapped row in view, its first line above all.
                let last = PaneContent.lastLine(ofRowAt: line, in: detail)
                state.position.detail.reveal(line...last, height: height(.detail), lineCount: detail.count)
                // Show the record's heading above the first rows too, when the whole row still fits.
                if last < height(.detail) { state.position.detail.top = min(state.position.detail.top, 0) }
            } else {
                state.position.detail.top = 0
            }
            let source = PaneContent.source(state, view: state.view, width: width(.source))
            state.position.source.clampTop(height: height(.source), lineCount: source.count)
        }
        return state
    }

    @Sendable static func normalizedMatrix(_ state: State) -> State {
        var state = state
        let model = state.matrixModel
        state.matrixCache = model
        guard let cell = model.cell(state.navigation.matrix) else {
            state.navigation.matrix.top = 0
            state.navigation.matrix.left = 0
            return state
        }
        let layout = state.matrixLayout
        state.navigation.matrix.row = model.rows[cell.row]
        state.navigation.matrix.column = model.columns[cell.column]
        state.navigation.matrix.top = ScrollState.top(showing: cell.row...cell.row, from: state.navigation.matrix.top,
                                                      height: layout.visibleRows, lineCount: model.rows.count)
        state.navigation.matrix.left = ScrollState.top(showing: cell.column...cell.column, from: state.navigation.matrix.left,
                                                       height: layout.visibleColumns, lineCount: model.columns.count)
        return state
    }

    /// An index that steps past either end comes round to the other (for cycling with n/N and ]/[).
    static func wrapped(_ index: Int, count: Int) -> Int {
        (index % count + count) % count
    }

    static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int {
        ScrollState.clamp(value, low, high)
    }
}
