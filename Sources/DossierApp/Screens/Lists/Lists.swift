import DossierModel

extension ScreenOps {
    /// How the screen table runs a list view (Articles, Actors, Statements, Timeline): its own keys (the
    /// reader's in Articles), then those every view shares; three panes drawn by `Render.panes`.
    static func list(_ view: ViewID) -> ScreenOps {
        let own: [KeyContext] = [.articles: [.reader], .actors: [.actors], .timeline: [.timeline]][view] ?? []
        return ScreenOps(contexts: own + ScreenTable.viewContexts, takesTyping: false, perform: Explorer.performInView,
                         normalize: Explorer.normalizedView, draw: { state, grid in Render.panes(state, into: &grid) })
    }
}

extension Explorer {
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
            // How many rows it takes away or gives back here, so the key is seen to do something (issue
            // 32: "hidden" was said while nothing visibly changed), and the status line keeps saying so.
            let before = state.listIDs().count
            state.hideSupplied.toggle()
            let changed = abs(state.listIDs().count - before)
            let key = state.keymap.name(.toggleSupplied, in: [.workflows], usual: .character("S"))
            let rows = changed == 0 ? "none in this list" : plural(changed, "row") + " in this list"
            state.message = state.hideSupplied ? "Supplied records hidden, \(rows): only what the articles state (\(key) shows them)"
                : "Supplied records shown, dimmed, \(rows) (\(key) hides them)"
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
}

extension Screens {
    /// "Statements 2/20 · detail · filter: x": where the user is in a list view, and what y, a and b act on.
    static func listWhere(_ state: State) -> String {
        let ids = state.listIDs()
        var parts: [String] = []
        let pane = ["list", "detail", state.view == .articles ? "facts" : "source"][state.position.focus.rawValue]
        let place = ids.isEmpty ? "0/0" : "\(state.selectedRow(in: ids) + 1)/\(ids.count)"
        parts.append("\(state.view.title) \(place) · \(pane)")
        if !state.position.list.filter.isEmpty { parts.append("filter: \(state.position.list.filter)") }
        if state.view == .actors { parts.append("sort: \(state.actorSort.rawValue)") }
        if state.view == .timeline, let actor = state.navigation.timelineActor { parts.append("only: \(state.corpus.name(of: actor) ?? actor)") }
        // What y, a and b act on, named: the reader's span on the cursor's line, the source pane's excerpt.
        if state.view == .articles, state.position.focus != .list, let id = state.selectedID() {
            let spans = state.corpus.excerptsInArticle[id, default: []]
            let selected = state.position.detail.selected
            if state.passage == nil && !spans.isEmpty {
                parts.append(spans.indices.contains(selected) ? "span \(selected + 1)/\(spans.count)" : "no span on this line")
            }
        } else if state.view != .articles, state.position.focus == .source, let excerpt = Explorer.sourceExcerpt(state) {
            parts.append("excerpt \(excerpt)")
        }
        if state.view == .articles, let query = state.navigation.readerQuery {
            let count = Explorer.readerMatches(state).count
            let keys = state.keymap.name(.nextMatch, in: [.reader], usual: .character("n")) + "/" + state.keymap.name(.previousMatch, in: [.reader], usual: .character("N"))
            parts.append(count == 0 ? "“\(query)”: no match here" : "“\(query)” \(state.navigation.readerMatch + 1)/\(count) \(keys)")
        }
        if state.hideSupplied { parts.append("supplied hidden") }
        // `m` marks only statements, articles and actors, none of which the matrix lists.
        if let marked = state.navigation.marked {
            parts.append("\(state.glyphs.marked) \(state.corpus.name(of: marked) ?? marked)")
        }
        return parts.joined(separator: " · ")
    }
}
