import DossierModel

/// Where the who-signed screen goes: the two statements, then three columns of names.
struct SignatoriesLayout {
    static let headingRow = 4
    static let listTop = 5
    let columnWidth: Int
    let visibleRows: Int

    init(width: Int, height: Int) {
        columnWidth = max(1, (width - 2) / 3)
        visibleRows = max(1, height - 1 - SignatoriesLayout.listTop)
    }
}

extension Explorer {
    /// `m` marks the selected statement, article or actor; `m` on a second of the same kind compares
    /// the two: statements by who signed both, only the first and only the second (and `c` there shows
    /// their details side by side), articles in the side-by-side reader, actors' profiles side by side.
    /// `m` on the marked record unmarks it.
    static func markStatement(_ state: State) -> State {
        var state = state
        let corpus = state.corpus
        guard state.view != .matrix, let id = state.selectedID(), let kind = corpus.kind(of: id), [.statement, .article, .actor].contains(kind) else {
            state.message = "m marks a statement, an article or an actor, to compare it with another"
            return state
        }
        guard let marked = state.navigation.marked, corpus.kind(of: marked) == kind else {
            state.navigation.marked = id
            state.message = "Marked. Press \(state.keymap.name(.markStatement, in: [.workflows], usual: .character("m"))) on another \(kind.rawValue) to compare" + (kind == .statement ? " who signed." : " them side by side.")
            return state
        }
        if marked == id {
            state.navigation.marked = nil
            state.message = "Unmarked."
            return state
        }
        remember(&state)
        state.navigation.marked = nil
        switch kind {
        case .statement:
            state.navigation.overlay = .signatories(SignatoryComparison(first: marked, second: id))
        case .article:
            let titles = [marked, id].map { corpus.article($0)?.title ?? $0 }
            state.navigation.overlay = .compare(CompareState(title: "Two articles: \(titles[0]) · \(titles[1])", excerpts: [marked, id],
                                                             shown: [0, 1], tops: [0, 0], labels: ["", ""]))
        default:
            state.navigation.overlay = .profiles(ProfilesState(records: [marked, id]))
        }
        return state
    }

    @Sendable static func performInSignatories(_ action: Action, _ state: State) -> State {
        if let handled = performInAnyOverlay(action, state) { return handled }
        guard case .signatories(var comparison) = state.navigation.overlay else { return state }
        var state = state
        let columns = comparison.columns(in: state.corpus)
        let column = comparison.column
        switch action {
        case .moveDown: comparison.places[column].move(by: 1, count: columns[column].count)
        case .moveUp: comparison.places[column].move(by: -1, count: columns[column].count)
        case .focusNext: comparison.column = (column + 1) % 3
        case .focusPrevious: comparison.column = (column + 2) % 3
        case .compareSources:
            // The two statements' details side by side; Back returns to who signed.
            remember(&state)
            state.navigation.overlay = .profiles(ProfilesState(records: [comparison.first, comparison.second]))
            return state
        case .follow:
            let names = columns[column]
            guard !names.isEmpty else { return state }
            return jump(state, to: .actor(names[min(comparison.places[column].selected, names.count - 1)]))
        default:
            return state
        }
        state.navigation.overlay = .signatories(comparison)
        return state
    }

    @Sendable static func normalizedSignatories(_ state: State) -> State {
        guard case .signatories(var comparison) = state.navigation.overlay else { return state }
        var state = state
        let columns = comparison.columns(in: state.corpus)
        let height = SignatoriesLayout(width: state.width, height: state.height).visibleRows
        for column in 0..<3 {
            comparison.places[column].clampSelection(count: columns[column].count)
            let row = comparison.places[column].selected
            comparison.places[column].reveal(row...row, height: height, lineCount: columns[column].count)
        }
        state.navigation.overlay = .signatories(comparison)
        return state
    }
}

public struct SignatoryComparison: Equatable, Sendable {
    public var first: String
    public var second: String
    /// The focused column (0 both, 1 only the first, 2 only the second) and each column's place.
    public var column = 0
    public var places = [ScrollState(), ScrollState(), ScrollState()]

    /// Named signatories in both, only the first, only the second; each in the first's order, then
    /// the second's.
    public func columns(in corpus: Corpus) -> [[String]] {
        let a = corpus.statement(first)?.signatories.map(\.actor) ?? []
        let b = corpus.statement(second)?.signatories.map(\.actor) ?? []
        let setA = Set(a), setB = Set(b)
        return [a.filter(setB.contains), a.filter { !setB.contains($0) }, b.filter { !setA.contains($0) }]
    }
}

extension ScreenOps {
    /// How the screen table runs who-signed (`m` on two statements): its keys, positions and drawing.
    static let whoSigned = ScreenOps(contexts: [.signatories, .following, .everywhere], takesTyping: false, perform: Explorer.performInSignatories,
                                     normalize: Explorer.normalizedSignatories, draw: { state, grid in Screens.signatories(state, into: &grid) })
}
