import DossierModel

/// Moving: rows, columns, spans and search matches.
extension Explorer {
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
        return state.readerLayouts.matches(of: query, in: id) { () -> [Range<Int>]? in
            // A body that cannot be read has no matches; the reader says why it shows no text. One
            // not read yet has none yet (the update asks for it).
            guard let body = state.bodyText(of: article) else { return nil }
            return SearchIndex.matches(of: query, in: (try? body.get()) ?? "")
        } ?? []
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
}
