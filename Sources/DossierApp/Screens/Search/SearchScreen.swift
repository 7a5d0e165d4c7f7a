import DossierModel

/// Where the search screen goes: the prompt, then the results from row 3 to the status line.
struct SearchLayout {
    static let resultsTop = 3
    let visibleRows: Int
    /// The column of names before each hit's context.
    let nameWidth: Int

    init(width: Int, height: Int) {
        visibleRows = max(1, height - 1 - SearchLayout.resultsTop)
        nameWidth = min(22, max(8, width / 4))
    }
}

/// One row of the search screen: a group heading or a hit.
public enum SearchRow: Equatable, Sendable {
    case heading(RecordKind, Int)
    /// A hit, or past the last hit a note (see `SearchState.notes`).
    case hit(Int)
    case notesHeading(Int)
}

extension Explorer {
    static func openSearch(_ state: State) -> State {
        var state = state
        remember(&state)
        state.navigation.overlay = .search(SearchState())
        state.editingFilter = true
        state.prompt = LineEditor()
        return state
    }

    /// Runs the search's query (within the previous result when it allows), giving way to a newer key.
    static func run(_ search: inout SearchState, after previous: SearchIndex.Result?, in state: State) {
        let result = state.search.search(search.query, after: previous, shouldStop: { state.interruption.isRequested })
        search.result = result
        search.hits = result.hits
        search.notes = matchingNotes(search.query, in: state)
    }

    /// The notes whose words, tags or author hold the query (a few hundred notes: a scan is enough).
    static func matchingNotes(_ query: String, in state: State) -> [Int] {
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        return state.notes.indices.filter { state.notes[$0].kind == .note || !state.notes[$0].text.isEmpty }
            .filter { !SearchIndex.matches(of: query, in: state.notes[$0].text + "\n" + state.notes[$0].author).isEmpty }
    }

    /// A note found by the search: its text around the match, and where the match is in it.
    static func noteContext(_ note: Note, query: String) -> (context: String, highlight: Range<Int>) {
        let text = String(note.text.map { $0.isNewline ? " " : $0 })
        guard let match = SearchIndex.matches(of: query, in: text).first else { return (text, 0..<0) }
        let start = text.startIndex
        let lower = text.utf8.index(start, offsetBy: match.lowerBound), upper = text.utf8.index(start, offsetBy: match.upperBound)
        let before = text[..<lower].suffix(40)
        let lead = (before.startIndex > text.startIndex ? "…" : "") + before
        let after = text[upper...].prefix(60)
        return (lead + text[lower..<upper] + after + (after.endIndex < text.endIndex ? "…" : ""),
                lead.count..<(lead.count + text[lower..<upper].count))
    }

    /// Changes the query and searches again: results update as you type.
    static func editSearch(_ state: State, _ edit: (inout LineEditor) -> Void) -> State {
        guard case .search(var search) = state.navigation.overlay else { return state }
        var state = state
        edit(&state.prompt)
        guard state.prompt.text != search.query else { return state }
        search.query = state.prompt.text
        run(&search, after: search.result, in: state)
        search.place = ScrollState()
        state.navigation.overlay = .search(search)
        return state
    }

    /// The rows of the results: each group's heading, then its hits; the notes found last.
    public static func searchRows(_ search: SearchState) -> [SearchRow] {
        var rows = searchRows(search.hits)
        if !search.notes.isEmpty {
            rows.append(.notesHeading(search.notes.count))
            rows += search.notes.indices.map { .hit(search.hits.count + $0) }
        }
        return rows
    }

    public static func searchRows(_ hits: [SearchIndex.Hit]) -> [SearchRow] {
        var rows: [SearchRow] = []
        var index = 0
        while index < hits.count {
            let kind = hits[index].kind
            let count = hits[index...].prefix { $0.kind == kind }.count
            rows.append(.heading(kind, count))
            for offset in 0..<count { rows.append(.hit(index + offset)) }
            index += count
        }
        return rows
    }

    @Sendable static func performInSearch(_ action: Action, _ state: State) -> State {
        guard case .search(var search) = state.navigation.overlay else { return state }
        var state = state
        let page = SearchLayout(width: state.width, height: state.height).visibleRows
        switch action {
        case .moveDown: search.place.move(by: 1, count: search.count)
        case .moveUp: search.place.move(by: -1, count: search.count)
        case .pageDown: search.place.move(by: page, count: search.count)
        case .pageUp: search.place.move(by: -page, count: search.count)
        case .follow:
            let note = search.place.selected - search.hits.count
            if search.notes.indices.contains(note), state.notes.indices.contains(search.notes[note]) {
                var next = open(state.notes[search.notes[note]], from: state)
                next.editingFilter = false
                return next
            }
            guard search.hits.indices.contains(search.place.selected) else { return state }
            return open(search.hits[search.place.selected], query: search.query, from: state)
        case .clear, .export:
            return performInAnyOverlay(action, state) ?? state
        default:
            return state
        }
        state.navigation.overlay = .search(search)
        return state
    }

    /// Opens a hit: an article at the match (its other matches a keystroke away with n/N), or the record.
    static func open(_ hit: SearchIndex.Hit, query: String, from state: State) -> State {
        switch hit.kind {
        case .article:
            var next = state
            remember(&next)
            next.navigation.overlay = nil
            next.editingFilter = false
            select(hit.id, in: .articles, state: &next)
            next.positions[.articles]?.focus = .detail
            next.navigation.readerQuery = query
            if hit.field == .body {
                let found = next.hitText(hit).flatMap { try? $0.get() }.map(hit.utf8Range(in:))
                next.navigation.readerMatch = readerMatches(next).firstIndex { $0.lowerBound == found?.lowerBound } ?? 0
                next = scrollToMatch(next)
            } else {
                next.navigation.readerMatch = 0
            }
            return next
        case .excerpt:
            var next = jump(state, to: .excerpt(hit.id))
            next.navigation.readerQuery = query
            return next
        case .statement: return jump(state, to: .statement(hit.id))
        case .actor: return jump(state, to: .actor(hit.id))
        case .event: return jump(state, to: .event(hit.id))
        }
    }

    @Sendable static func normalizedSearch(_ state: State) -> State {
        guard case .search(var search) = state.navigation.overlay else { return state }
        var state = state
        // A search a newer key interrupted is run again (the key that interrupted it may not have
        // changed the query): it completes once no key is waiting.
        if search.result?.interrupted == true { run(&search, after: nil, in: state) }
        // The notes may have changed under the search (saved here, or by another explorer).
        search.notes = matchingNotes(search.query, in: state)
        search.place.clampSelection(count: search.count)
        let rows = searchRows(search)
        let height = SearchLayout(width: state.width, height: state.height).visibleRows
        if let row = rows.firstIndex(of: .hit(search.place.selected)) {
            // Keep the group's heading in view above its first hit.
            let heading = row > 0 && rows[row - 1] != .hit(search.place.selected - 1) ? row - 1 : row
            search.place.reveal(heading...row, height: height, lineCount: rows.count)
        } else {
            search.place.top = 0
        }
        state.navigation.overlay = .search(search)
        return state
    }
}

extension ScreenOps {
    /// How the screen table runs the search (`f`) screen: its key contexts, keys, positions and drawing.
    static let search = ScreenOps(contexts: [.search], takesTyping: true, perform: Explorer.performInSearch,
                                   normalize: Explorer.normalizedSearch, draw: { state, grid in Screens.search(state, into: &grid) })
}

public struct SearchState: Equatable, Sendable {
    public var query = ""
    public var hits: [SearchIndex.Hit] = []
    /// The last result, which lets the next keystroke search only where this one matched.
    public var result: SearchIndex.Result?
    /// The user's notes that match (indices into `State.notes`), listed after the corpus's hits: a
    /// selection past the last hit is a note.
    public var notes: [Int] = []
    /// The selected hit, and the first row shown (rows are hits and group headings).
    public var place = ScrollState()

    /// Hits and notes: what the selection moves over.
    public var count: Int { hits.count + notes.count }
}
