import DossierModel

public enum ViewID: Int, CaseIterable, Sendable {
    case articles, actors, statements

    public var title: String {
        switch self {
        case .articles: return "Articles"
        case .actors: return "Actors"
        case .statements: return "Statements"
        }
    }
}

/// The three panes every view has: the list, the detail beside it (the article reader, the actor
/// profile, the statement detail) and the source pane, where the excerpt behind the selected fact is read
/// beside it (in the Articles view: the facts the selected span supports).
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

public struct PanePosition: Equatable, Sendable {
    /// The selected row (detail and facts panes) or marked span (reader).
    public var selected = 0
    public var top = 0
}

public struct ViewPosition: Equatable, Sendable {
    public var list = ListPosition()
    public var detail = PanePosition()
    public var source = PanePosition()
    public var focus: PaneID = .list
}

/// Everything the explorer shows is derived from this value; `update` makes the next one.
public struct State: Sendable {
    public let corpus: Corpus
    public let index: ExplorerIndex
    public var width: Int
    public var height: Int
    public var view: ViewID = .articles
    public var positions: [ViewID: ViewPosition] = [:]
    public var actorSort: ActorSort = .name
    public var editingFilter = false
    public var showHelp = false
    public var helpTop = 0
    /// Where Backspace returns to: a snapshot taken before each jump.
    public var history: [Snapshot] = []
    /// Set by `q`; the terminal loop ends.
    public var quitRequested = false
    /// Line drawing and symbols: Unicode, or ASCII where the terminal's locale cannot show it.
    public var glyphs: Glyphs = .unicode

    public struct Snapshot: Equatable, Sendable {
        public var view: ViewID
        public var positions: [ViewID: ViewPosition]
        public var actorSort: ActorSort
    }

    public init(corpus: Corpus, width: Int, height: Int) {
        self.corpus = corpus
        self.index = ExplorerIndex(corpus: corpus)
        self.width = width
        self.height = height
        for view in ViewID.allCases { positions[view] = ViewPosition() }
    }

    public var position: ViewPosition {
        get { positions[view] ?? ViewPosition() }
        set { positions[view] = newValue }
    }

    var snapshot: Snapshot { Snapshot(view: view, positions: positions, actorSort: actorSort) }

    mutating func restore(_ snapshot: Snapshot) {
        view = snapshot.view
        positions = snapshot.positions
        actorSort = snapshot.actorSort
    }

    /// The ids in the current view's list, in display order, after the filter.
    public func listIDs(for view: ViewID? = nil) -> [String] {
        let view = view ?? self.view
        return index.ids(of: view, sortedBy: actorSort, filter: positions[view]?.list.filter ?? "")
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
public struct Glyphs: Sendable, Equatable {
    public var vertical: Character
    public var horizontal: Character
    public var focusMark: Character
    public var spanMark: Character
    public var selectedSpanMark: Character
    public var disagree: Character
    public var ellipsis: Character
    /// Marks the selected row, so selection shows without colour or reverse video (and in snapshots).
    public var selectedRow: Character

    public static let unicode = Glyphs(vertical: "│", horizontal: "─", focusMark: "▶", spanMark: "▎", selectedSpanMark: "▶", disagree: "≠", ellipsis: "…", selectedRow: "▸")
    public static let ascii = Glyphs(vertical: "|", horizontal: "-", focusMark: ">", spanMark: "|", selectedSpanMark: ">", disagree: "!", ellipsis: "~", selectedRow: ">")
}
