/// Where each pane goes for a terminal size: three columns when wide, the list beside a detail/source
/// column when medium, stacked when narrow, only the focused pane when also short or zoomed.
///
/// The list is as wide as its rows need, up to a share of the screen, so the reader and detail get
/// the rest; `<` and `>` move that split, `z` gives the focused pane the whole body.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 20
    public static let minimumHeight = 6

    public var tabLine: Rect
    public var statusLine: Rect
    /// Each visible pane's rectangle, its title row included.
    public var panes: [PaneID: Rect]
    public var verticalSeparators: [Rect]
    public var tooSmall: Bool

    /// What besides the terminal size decides the panes.
    public struct Options: Equatable, Sendable {
        public var focus: PaneID = .list
        /// The focused pane alone fills the body.
        public var zoomed = false
        /// Columns added to (or taken from) the list by `>` and `<`.
        public var splitShift = 0
        /// Columns the list's rows need to show whole; nil for the fixed shares.
        public var listNeed: Int?

        public init(focus: PaneID = .list, zoomed: Bool = false, splitShift: Int = 0, listNeed: Int? = nil) {
            self.focus = focus
            self.zoomed = zoomed
            self.splitShift = splitShift
            self.listNeed = listNeed
        }
    }

    /// The narrowest a list or a reader column is made by `<`, `>` or a short list.
    public static let minimumColumn = 12

    public static func compute(width: Int, height: Int, focus: PaneID) -> Layout {
        compute(width: width, height: height, options: Options(focus: focus))
    }

    public static func compute(width: Int, height: Int, options: Options) -> Layout {
        let tabLine = Rect(x: 0, y: 0, width: width, height: 1)
        let statusLine = Rect(x: 0, y: height - 1, width: width, height: 1)
        guard width >= minimumWidth, height >= minimumHeight else {
            return Layout(tabLine: tabLine, statusLine: statusLine, panes: [:], verticalSeparators: [], tooSmall: true)
        }
        let top = 1
        let bodyHeight = height - 2
        var panes: [PaneID: Rect] = [:]
        var separators: [Rect] = []
        /// The list's width: what its rows need within its share, moved by the split.
        func listWidth(share: Int, fallback: Int, rest: Int) -> Int {
            let wanted = options.listNeed.map { min($0, width * share / 100) } ?? fallback
            return max(minimumColumn, min(width - rest, wanted + options.splitShift))
        }
        if options.zoomed {
            panes[options.focus] = Rect(x: 0, y: top, width: width, height: bodyHeight)
        } else if width >= 100 {
            // The reader and source columns keep at least a quarter of the screen each; of what the
            // list leaves, the reader or detail gets the larger part.
            // On a very wide screen the list may take half, so long titles show whole.
            let listWidth = listWidth(share: width >= 160 ? 50 : 40, fallback: width * 30 / 100, rest: 2 * max(minimumColumn, width / 4) + 2)
            let detailWidth = (width - listWidth - 2) * 55 / 100
            let sourceX = listWidth + 1 + detailWidth + 1
            panes[.list] = Rect(x: 0, y: top, width: listWidth, height: bodyHeight)
            panes[.detail] = Rect(x: listWidth + 1, y: top, width: detailWidth, height: bodyHeight)
            panes[.source] = Rect(x: sourceX, y: top, width: width - sourceX, height: bodyHeight)
            separators = [Rect(x: listWidth, y: top, width: 1, height: bodyHeight),
                          Rect(x: listWidth + 1 + detailWidth, y: top, width: 1, height: bodyHeight)]
        } else if width >= 60 {
            let listWidth = listWidth(share: 38, fallback: width * 36 / 100, rest: max(minimumColumn, width / 2) + 1)
            let rightX = listWidth + 1
            let detailHeight = max(3, bodyHeight * 55 / 100)
            panes[.list] = Rect(x: 0, y: top, width: listWidth, height: bodyHeight)
            panes[.detail] = Rect(x: rightX, y: top, width: width - rightX, height: detailHeight)
            panes[.source] = Rect(x: rightX, y: top + detailHeight, width: width - rightX, height: bodyHeight - detailHeight)
            separators = [Rect(x: listWidth, y: top, width: 1, height: bodyHeight)]
        } else if bodyHeight >= 14 {
            let listHeight = bodyHeight * 30 / 100
            let detailHeight = bodyHeight * 35 / 100
            panes[.list] = Rect(x: 0, y: top, width: width, height: listHeight)
            panes[.detail] = Rect(x: 0, y: top + listHeight, width: width, height: detailHeight)
            panes[.source] = Rect(x: 0, y: top + listHeight + detailHeight, width: width, height: bodyHeight - listHeight - detailHeight)
        } else {
            panes[options.focus] = Rect(x: 0, y: top, width: width, height: bodyHeight)
        }
        return Layout(tabLine: tabLine, statusLine: statusLine, panes: panes, verticalSeparators: separators, tooSmall: false)
    }

    /// The pane's content area: its rectangle less the title row.
    public func content(of pane: PaneID) -> Rect? {
        guard let rect = panes[pane] else { return nil }
        return Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    }
}
