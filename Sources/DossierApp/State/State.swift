import DossierModel
import Synchronization

public enum ViewID: Int, CaseIterable, Sendable {
    case articles, actors, statements, timeline, matrix

    public var title: String {
        switch self {
        case .articles: return "Articles"
        case .actors: return "Actors"
        case .statements: return "Statements"
        case .timeline: return "Timeline"
        case .matrix: return "Matrix"
        }
    }

    /// For tab lines too narrow for the full titles.
    public var shortTitle: String {
        switch self {
        case .articles: return "Art"
        case .actors: return "Act"
        case .statements: return "Stm"
        case .timeline: return "Time"
        case .matrix: return "Mtx"
        }
    }
}

/// The three panes of the list views: the list, the detail beside it (the article reader, the actor
/// profile, the statement or event detail) and the source pane, where the excerpt behind the selected
/// fact is read beside it (in the Articles view: the facts the selected span supports).
public enum PaneID: Int, CaseIterable, Sendable {
    case list, detail, source
}

public enum ActorSort: String, Sendable {
    case name, kind
}

public struct ListPosition: Equatable, Sendable {
    /// The selected record by id, so a filter or a re-sort keeps the same record selected.
    public var selectedID: String?
    public var top = 0
    public var filter = ""
}

public struct ViewPosition: Equatable, Sendable {
    public var list = ListPosition()
    public var detail = PanePosition()
    public var source = PanePosition()
    public var focus: PaneID = .list
}

/// Where the user is: everything that Back and Forward restore, exactly.
public struct Navigation: Equatable, Sendable {
    public var view: ViewID = .articles
    public var positions: [ViewID: ViewPosition] = Dictionary(uniqueKeysWithValues: ViewID.allCases.map { ($0, ViewPosition()) })
    public var actorSort: ActorSort = .name
    /// A full-screen comparison or the search, over the current view.
    public var overlay: Overlay?
    /// The record marked with `m` (a statement, an article or an actor), waiting for a second of its kind
    /// to compare it with.
    public var marked: String?
    /// The actor the timeline is narrowed to.
    public var timelineActor: String?
    public var matrix = MatrixPosition()
    /// A search query whose matches the reader highlights, with the current one (n/N move).
    public var readerQuery: String?
    public var readerMatch = 0
}

/// Everything the explorer shows is derived from this value; `update` makes the next one.
public struct State: Sendable {
    // What derives from the corpus (these three, `readerLayouts`, the caches and `problems`)
    // is replaced whole when the corpus is read again (`adopting`); the rest is the user's and stays.
    public private(set) var corpus: Corpus
    public private(set) var index: ExplorerIndex
    public private(set) var search: SearchIndex
    public var width: Int
    public var height: Int
    public var navigation = Navigation()
    /// Typing goes into the list filter (or the search query while the search is open).
    public var editingFilter = false
    /// The prompt being typed in (the filter, the search query or the help search), with its cursor.
    public var prompt = LineEditor()
    public var showHelp = false
    public var helpTop = 0
    /// The help overlay's search (`/` in help), whether it is being typed, and the line it found.
    public var helpQuery = ""
    public var helpEditing = false
    /// The focused pane fills the body (`z`).
    public var zoomed = false
    /// Columns `>` added to the list (negative: `<` took them away).
    public var splitShift = 0
    /// The effects asked for while an event is handled, in order: `Explorer.update` hands them out and
    /// empties this, so a state it returns never holds one (see `Effect`).
    var outbox: [Effect] = []
    /// The file name being typed after `e`.
    public var exportPrompt: LineEditor?
    /// The note being written after `a` (its words, and what it is about; the note it rewrites after
    /// `e` in the Notes view). Enter asks the edge to save it (`Effect.changeNote`).
    public var notePrompt: LineEditor?
    public var noteTarget: NoteTarget?
    public var noteBeingEdited: String?
    /// How to undo each change this session made (a note's, the corpus's), the latest last: `u` takes
    /// it back.
    public var undoStack: [UndoStep] = []
    /// The picker Enter opens on a passage.
    public var picker: AttachPicker?
    /// What the tab line calls the open corpus (its folder's name; nil for the bundled one).
    public var corpusName: String?
    /// The corpus is a directory the edge can edit; when not, why (shown when an edit is asked for).
    public var corpusWritable = false
    public var readOnlyReason = "the bundled corpus is compiled in: `dossier init DIR --from-bundled` makes a copy to open with --data DIR"
    /// The edits made this session, as the status line said them, and the file that logs every edit.
    public var editLog: [String] = []
    public var editLogPath: String?
    /// Every edit the log holds (from the explorer, `dossier add`, `unlink`, `undo`…), oldest first, as
    /// read when the explorer opened and after each edit or reload: what `E` lists.
    public var loggedEdits: [EditLogEntry] = []
    /// The passage being selected in the reader (`v`), while the reader shows its article.
    public var passage: PassageSelection?
    /// The notes on this corpus that are not deleted, as the notes file holds them.
    public var notes: [Note] = [] {
        didSet {
            notesOfRecord = Dictionary(grouping: notes.indices, by: { notes[$0].target.record })
            notesRevision = State.revisions.add(1, ordering: .relaxed).newValue
        }
    }
    /// Which notes these are, for the laid-out rows kept by key: drawn from one counter for every
    /// state, so two states made from one (which share those rows) never give different notes one number.
    public private(set) var notesRevision = 0
    private static let revisions = Atomic<Int>(0)
    /// Each record's notes and bookmarks (indices into `notes`), in the order they were added.
    public private(set) var notesOfRecord: [String: [Int]] = [:]
    /// Where Back returns to (a snapshot taken before each jump) and where Forward goes again.
    public var history: [Navigation] = []
    public var forwardHistory: [Navigation] = []
    /// The corpus's problems, errors and warnings, in the order the loader found them: a corpus opens
    /// with them (see `LoadMode.tolerant`), and `!` lists them.
    public var problems: [Diagnostic] = [] {
        didSet { problemsOfRecord = Dictionary(grouping: problems.indices, by: { problems[$0].recordID ?? "" }) }
    }
    /// Each record's problems (indices into `problems`), so its detail can say them.
    public private(set) var problemsOfRecord: [String: [Int]] = [:]
    /// A one-line notice for the status line, cleared by the next key.
    public var message: String?
    /// Line drawing and symbols: Unicode, or ASCII where the terminal's locale cannot show it.
    /// The key bindings in effect: the standard table with the user's configuration applied.
    public var keymap: Keymap = .standard
    /// How `y` cites a quote (`[citation] format` in the configuration).
    public var citationFormat: CitationFormat = .standard
    public var glyphs: Glyphs = .unicode
    /// The stance matrix for the current matrix filter, built once per filter rather than per frame.
    var matrixCache: MatrixModel?
    /// The current view's list after its filter, kept while what it depends on is unchanged: a frame
    /// asks for it several times, and filtering a large corpus takes tens of milliseconds.
    var listCache: (view: ViewID, key: ListKey, ids: [String])?

    /// What a list's contents depend on besides the corpus.
    struct ListKey: Equatable {
        var filter: String
        var sort: ActorSort
        var timelineActor: String?
        var hideSupplied: Bool
    }
    /// `S`: records wholly supplied from outside the articles are left out of the lists.
    public var hideSupplied = false
    /// True while only the articles are shown and the rest of the corpus loads in the background.
    public var isLoading = false
    /// The reader's last layouts and matches (see `ReaderLayouts`).
    private(set) var readerLayouts = ReaderLayouts()

    /// The article bodies the edge has read for this corpus, the last few (see `BodyTexts`).
    var bodyTexts = BodyTexts()
    /// An event put off until the bodies it needs are read: handled again when they come.
    var awaiting: AwaitedEvent?
    /// The bodies looked for and not held during the update under way (see `BodyMisses`): each update
    /// puts a new one on its own copy of the state, since copies share it.
    var bodyMisses = BodyMisses()
    /// When a long search gives way to a newer key (see `Interruption`); set by the terminal edge.
    public var interruption = Interruption.never

    /// `searchable: false` skips the search index, for the articles-only state shown while loading.
    /// `foldedArticles`, folded beforehand by a staged load, spares folding the articles again.
    /// `search`, read from the persistent index, is used as it is.
    public init(corpus: Corpus, width: Int, height: Int, searchable: Bool = true,
                foldedArticles: SearchIndex.FoldedArticles? = nil, search: SearchIndex? = nil) {
        self.corpus = corpus
        self.index = ExplorerIndex(corpus: corpus)
        self.search = search ?? SearchIndex(corpus: searchable ? corpus : Corpus(articles: [], actors: [], statements: [], events: [], excerpts: []),
                                            articles: foldedArticles)
        self.width = width
        self.height = height
    }

    /// This state with the corpus of `loaded` (read in full after a staged load, or again after an
    /// edit): what derives from the corpus is `loaded`'s, and only that; where the user is, what they
    /// typed, their notes, settings and messages stay, with nothing copied field by field. A passage
    /// or picker is let go (its spans were the old corpus's; `Explorer.reload` keeps them when the
    /// article's text is unchanged).
    public func adopting(_ loaded: State) -> State {
        var next = self
        next.corpus = loaded.corpus
        next.index = loaded.index
        next.search = loaded.search
        next.readerLayouts = loaded.readerLayouts
        // The bodies read stay: each is known by its place in its own file, so the new corpus's
        // articles find only the texts read from their files.
        next.matrixCache = nil
        next.listCache = nil
        next.problems = loaded.problems
        next.isLoading = false
        next.passage = nil
        next.picker = nil
        // A search typed while loading runs now that there is an index.
        if case .search(var search) = next.navigation.overlay {
            Explorer.run(&search, after: nil, in: next)
            next.navigation.overlay = .search(search)
        }
        return Explorer.normalized(next)
    }

    public var view: ViewID {
        get { navigation.view }
        set { navigation.view = newValue }
    }

    public var positions: [ViewID: ViewPosition] {
        get { navigation.positions }
        set { navigation.positions = newValue }
    }

    public var actorSort: ActorSort {
        get { navigation.actorSort }
        set { navigation.actorSort = newValue }
    }

    public var position: ViewPosition {
        get { navigation.positions[view] ?? ViewPosition() }
        set { navigation.positions[view] = newValue }
    }

    /// The stance matrix: the cached one while the filter is unchanged, otherwise built now.
    public var matrixModel: MatrixModel {
        if let cached = matrixCache, cached.filter == (positions[.matrix]?.list.filter ?? "") { return cached }
        return MatrixModel(state: self)
    }

    /// The ids in a view's list, in display order, after its filter (and the timeline's actor).
    public func listIDs(for view: ViewID? = nil) -> [String] {
        let view = view ?? self.view
        let key = listKey(for: view)
        if let cached = listCache, cached.view == view, cached.key == key { return cached.ids }
        return ids(for: view, key: key)
    }

    func ids(for view: ViewID, key: ListKey) -> [String] {
        let ids = index.ids(of: view, sortedBy: key.sort, filter: key.filter, timelineActor: key.timelineActor, corpus: corpus)
        return key.hideSupplied ? ids.filter { corpus.supplied(of: $0)?.record == nil } : ids
    }

    func listKey(for view: ViewID) -> ListKey {
        ListKey(filter: positions[view]?.list.filter ?? "", sort: actorSort, timelineActor: navigation.timelineActor, hideSupplied: hideSupplied)
    }

    /// Fills the cache for the current view (called after every key, before anything reads the list).
    mutating func cacheList() {
        let key = listKey(for: view)
        if let cached = listCache, cached.view == view, cached.key == key { return }
        listCache = (view, key, ids(for: view, key: key))
    }

    /// The panes of the current screen: what keys page by and what is drawn, from one function.
    public var layout: Layout { layout(for: view) }

    /// The panes of a view's screen as they are (or would be) drawn: its focus, the zoom and split,
    /// and the width its list's rows need.
    public func layout(for view: ViewID) -> Layout {
        let options = Layout.Options(focus: positions[view]?.focus ?? .list, zoomed: zoomed, splitShift: splitShift,
                                     listNeed: index.columnsNeeded[view] ?? 0)
        return Layout.compute(width: width, height: height, options: options)
    }

    /// The index of the selected record in the list (0 when the selection is not in it).
    public func selectedRow(in ids: [String], view: ViewID? = nil) -> Int {
        let view = view ?? self.view
        guard let id = positions[view]?.list.selectedID, let row = ids.firstIndex(of: id) else { return 0 }
        return row
    }

    /// The selected record of a view, if its list is not empty.
    public func selectedID(in view: ViewID? = nil) -> String? {
        let ids = listIDs(for: view)
        guard !ids.isEmpty else { return nil }
        return ids[selectedRow(in: ids, view: view)]
    }
}

/// Unicode line drawing and symbols, with an ASCII set for terminals or locales without them.
public struct Glyphs: Sendable, Hashable {
    public var vertical: Character
    public var horizontal: Character
    public var focusMark: Character
    public var spanMark: Character
    public var selectedSpanMark: Character
    public var disagree: Character
    /// Marks the selected row, so selection shows without colour or reverse video (and in snapshots).
    public var selectedRow: Character
    /// Marks a statement marked for comparison, and a year's first row in the timeline.
    public var marked: Character
    public var event: Character
    /// Before a record with notes, and one bookmarked, in lists.
    public var note: Character
    public var bookmark: Character
    /// The reader's cursor, in the gutter.
    public var cursor: Character
    /// After a date the articles do not give (supplied from elsewhere).
    public var suppliedDate: Character

    public static let unicode = Glyphs(vertical: "│", horizontal: "─", focusMark: "▶", spanMark: "▎", selectedSpanMark: "▶", disagree: "≠",
                                       selectedRow: "▸", marked: "★", event: "•", note: "✎", bookmark: "⚑", cursor: "›", suppliedDate: "*")
    public static let ascii = Glyphs(vertical: "|", horizontal: "-", focusMark: ">", spanMark: "|", selectedSpanMark: ">", disagree: "!",
                                     selectedRow: ">", marked: "*", event: "o", note: "+", bookmark: "^", cursor: ">", suppliedDate: "*")
}
