import DossierModel

/// Keeping positions valid (`normalized`): every scroll clamped, the selection in view.
extension Explorer {
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
