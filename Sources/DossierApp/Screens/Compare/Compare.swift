import DossierModel

/// The compare screen's state: which excerpts, which one each column shows, where each is scrolled.
public struct CompareState: Equatable, Sendable {
    /// What is being compared ("Counts for: Joint letter of 22 states…").
    public var title: String
    /// The excerpts either column can show; each column shows one at a time.
    public var excerpts: [String]
    /// Which excerpt each column shows, its scroll, and which column has the focus.
    public var shown: [Int]
    public var tops: [Int]
    public var focus = 0
    /// A figure or label for each excerpt ("22", "more than 20"), shown in the column heading.
    public var labels: [String]
}

/// Where the two readers of the compare screen go: a title row, then two columns each with a heading.
struct CompareLayout {
    let columnWidth: Int
    let readerHeight: Int
    let columnX: [Int]

    init(width: Int, height: Int) {
        columnWidth = max(1, (width - 1) / 2)
        readerHeight = max(1, height - 4)
        columnX = [0, columnWidth + 1]
    }
}

extension Explorer {
    /// `c` opens the excerpts behind the selected fact side by side; `d` the two that disagree on a
    /// statement's count. Both need two or more excerpts.
    static func openCompare(_ state: State, disagreementOnly: Bool) -> State {
        var state = state
        guard let candidates = compareCandidates(state, disagreementOnly: disagreementOnly) else { return state }
        if candidates.excerpts.count < 2 {
            state.message = disagreementOnly ? "The sources do not disagree on this statement's count"
                                             : "Comparing needs two or more excerpts behind the selected fact"
            return state
        }
        var compare = CompareState(title: candidates.title, excerpts: candidates.excerpts, shown: candidates.shown, tops: [0, 0], labels: candidates.labels)
        let layout = CompareLayout(width: state.width, height: state.height)
        for column in 0..<2 {
            compare.tops[column] = spanTop(compare, column: column, width: layout.columnWidth, state: state)
        }
        remember(&state)
        state.navigation.overlay = .compare(compare)
        return state
    }

    struct CompareCandidates {
        var title: String
        var excerpts: [String]
        var labels: [String]
        var shown: [Int]
    }

    static func compareCandidates(_ state: State, disagreementOnly: Bool) -> CompareCandidates? {
        let corpus = state.corpus
        guard let id = state.view == .articles ? nil : state.selectedID() else {
            return CompareCandidates(title: "", excerpts: [], labels: [], shown: [0, 1])
        }
        if let statement = corpus.statement(id) {
            let countExcerpts = statement.counts.map(\.excerpt)
            let countLabels = statement.counts.map(RecordText.qualifierWords)
            if disagreementOnly {
                // The first pair of figures that cannot both be right, and every count to cycle through.
                for first in statement.counts.indices {
                    for second in statement.counts.indices where second > first {
                        let pair = Statement(id: "", title: "", kind: .other, date: statement.date, stance: statement.stance,
                                             counts: [statement.counts[first], statement.counts[second]])
                        if pair.sourcesDisagreeOnCount {
                            return CompareCandidates(title: "Sources disagree on how many signed: \(statement.title)", excerpts: countExcerpts,
                                                     labels: countLabels, shown: [first, second])
                        }
                    }
                }
                return CompareCandidates(title: "", excerpts: [], labels: [], shown: [0, 1])
            }
            // A selected count row compares all the counts; a signatory row its own excerpts.
            if state.position.focus != .list {
                let lines = detailLines(state)
                if let line = PaneContent.selectedLine(lines, selection: state.position.detail.selected) {
                    let row = lines[line]
                    if let excerpt = row.excerpts.first, countExcerpts.contains(excerpt), row.excerpts.count == 1 {
                        return CompareCandidates(title: "Counts for: \(statement.title)", excerpts: countExcerpts, labels: countLabels, shown: [0, 1])
                    }
                    if row.excerpts.count >= 2 {
                        return CompareCandidates(title: "Sources for: \(statement.title)", excerpts: row.excerpts,
                                                 labels: row.excerpts.map { _ in "" }, shown: [0, 1])
                    }
                }
            }
            var all: [String] = []
            for excerpt in countExcerpts + statement.excerpts + statement.signatories.flatMap(\.excerpts) where !all.contains(excerpt) {
                all.append(excerpt)
            }
            let labels = all.map { excerpt in countExcerpts.firstIndex(of: excerpt).map { countLabels[$0] } ?? "" }
            return CompareCandidates(title: "Sources for: \(statement.title)", excerpts: all, labels: labels, shown: [0, 1])
        }
        if disagreementOnly { return CompareCandidates(title: "", excerpts: [], labels: [], shown: [0, 1]) }
        if state.position.focus != .list {
            let lines = detailLines(state)
            if let line = PaneContent.selectedLine(lines, selection: state.position.detail.selected), lines[line].excerpts.count >= 2 {
                return CompareCandidates(title: "Sources for: \(corpus.name(of: id) ?? id)", excerpts: lines[line].excerpts,
                                         labels: lines[line].excerpts.map { _ in "" }, shown: [0, 1])
            }
        }
        let about = corpus.kind(of: id) == .event ? (corpus.event(id)?.excerpts ?? []) : corpus.excerptsAbout[id, default: []]
        return CompareCandidates(title: "Sources for: \(corpus.name(of: id) ?? id)", excerpts: about, labels: about.map { _ in "" }, shown: [0, 1])
    }

    /// The reader line a column scrolls to: two lines above its excerpt's span.
    static func spanTop(_ compare: CompareState, column: Int, width: Int, state: State) -> Int {
        guard let reader = compareReader(compare, column: column, width: width, state: state) else { return 0 }
        return max(0, reader.content.line(ofSpan: reader.highlighted) - 2)
    }

    /// The reader of one column, with the index of its shown excerpt among the article's spans.
    /// A column may show an article itself (two articles marked with `m`): no span is highlighted then.
    static func compareReader(_ compare: CompareState, column: Int, width: Int, state: State) -> (content: ReaderContent, highlighted: Int)? {
        guard compare.excerpts.indices.contains(compare.shown[column]) else { return nil }
        let id = compare.excerpts[compare.shown[column]]
        if state.corpus.article(id) != nil {
            return PaneContent.reader(of: id, width: width, state: state).map { ($0, -1) }
        }
        guard let excerpt = state.corpus.excerpt(id),
              let content = PaneContent.reader(of: excerpt.article, width: width, state: state) else { return nil }
        return (content, content.spans.firstIndex { $0.id == excerpt.id } ?? 0)
    }

    @Sendable static func performInCompare(_ action: Action, _ state: State) -> State {
        if let handled = performInAnyOverlay(action, state) { return handled }
        guard case .compare(var compare) = state.navigation.overlay else { return state }
        var state = state
        let layout = CompareLayout(width: state.width, height: state.height)
        let page = max(1, layout.readerHeight)
        let focus = compare.focus
        switch action {
        case .moveDown: compare.tops[focus] += 1
        case .moveUp: compare.tops[focus] = max(0, compare.tops[focus] - 1)
        case .pageDown: compare.tops[focus] += page
        case .pageUp: compare.tops[focus] = max(0, compare.tops[focus] - page)
        case .halfPageDown: compare.tops[focus] += max(1, page / 2)
        case .halfPageUp: compare.tops[focus] = max(0, compare.tops[focus] - max(1, page / 2))
        case .top: compare.tops[focus] = 0
        case .bottom: compare.tops[focus] = Int.max / 2  // clamped to the article's end by normalizing
        case .focusNext, .focusPrevious: compare.focus = 1 - compare.focus
        case .nextSpan, .previousSpan:
            let step = action == .nextSpan ? 1 : -1
            compare.shown[focus] = wrapped(compare.shown[focus] + step, count: compare.excerpts.count)
            compare.tops[focus] = spanTop(compare, column: focus, width: layout.columnWidth, state: state)
        case .follow:
            guard compare.excerpts.indices.contains(compare.shown[focus]) else { return state }
            let id = compare.excerpts[compare.shown[focus]]
            guard state.corpus.article(id) != nil else { return jump(state, to: .excerpt(id)) }
            // An article itself: open it in the reader, Back returning here.
            remember(&state)
            state.navigation.overlay = nil
            select(id, in: .articles, state: &state)
            state.positions[.articles]?.focus = .detail
            return state
        default:
            return state
        }
        state.navigation.overlay = .compare(compare)
        return state
    }

    @Sendable static func normalizedCompare(_ state: State) -> State {
        guard case .compare(var compare) = state.navigation.overlay else { return state }
        var state = state
        let layout = CompareLayout(width: state.width, height: state.height)
        for column in 0..<2 {
            let lines = compareReader(compare, column: column, width: layout.columnWidth, state: state)?.content.lineCount ?? 0
            compare.tops[column] = ScrollState.clamp(compare.tops[column], 0, lines - layout.readerHeight)
        }
        state.navigation.overlay = .compare(compare)
        return state
    }
}

extension ScreenOps {
    /// How the screen table runs the compare screen: its key contexts, keys, positions and drawing.
    static let compare = ScreenOps(contexts: [.compare, .following, .everywhere], takesTyping: false, perform: Explorer.performInCompare,
                                   normalize: Explorer.normalizedCompare, draw: { state, grid in Screens.compare(state, into: &grid) })
}
