import DossierModel

/// Full-screen workflows opened over a view; Esc closes them and Back returns through them.
public enum Overlay: Equatable, Sendable {
    /// Two article readers side by side, each scrolled to an excerpt.
    case compare(CompareState)
    /// Who signed both of two statements, or only one.
    case signatories(SignatoryComparison)
    /// Search over everything.
    case search(SearchState)
    /// Two records' profiles (actors, or statements' details) side by side.
    case profiles(ProfilesState)
    /// The problems of a corpus opened with them.
    case problems(ScrollState)
    /// The Notes view: the user's notes and bookmarks.
    case notes(NotesScreenState)
    /// The edits made in this session.
    case edits(ScrollState)
}

public struct ProfilesState: Equatable, Sendable {
    public var records: [String]
    public var tops = [0, 0]
    /// Each column's selected row (a fact, a statement, an excerpt): what y, a, b and Enter act on.
    public var selected = [0, 0]
    public var focus = 0

    public init(records: [String]) {
        self.records = records
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

public struct MatrixPosition: Equatable, Sendable {
    /// The selected cell: a state (row) and a statement (column), by id.
    public var row: String?
    public var column: String?
    public var top = 0
    public var left = 0
}
