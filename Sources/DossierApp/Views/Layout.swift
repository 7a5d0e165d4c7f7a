/// Where each pane goes for a terminal size: three columns when wide, the list beside a detail/source
/// column when medium, stacked when narrow, only the focused pane when also short.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 20
    public static let minimumHeight = 6

    public var tabLine: Rect
    public var statusLine: Rect
    /// Each visible pane's rectangle, its title row included.
    public var panes: [PaneID: Rect]
    public var verticalSeparators: [Rect]
    public var tooSmall: Bool

    public static func compute(width: Int, height: Int, focus: PaneID) -> Layout {
        let tabLine = Rect(x: 0, y: 0, width: width, height: 1)
        let statusLine = Rect(x: 0, y: height - 1, width: width, height: 1)
        guard width >= minimumWidth, height >= minimumHeight else {
            return Layout(tabLine: tabLine, statusLine: statusLine, panes: [:], verticalSeparators: [], tooSmall: true)
        }
        let top = 1
        let bodyHeight = height - 2
        var panes: [PaneID: Rect] = [:]
        var separators: [Rect] = []
        if width >= 100 {
            let listWidth = width * 30 / 100
            let detailWidth = (width - listWidth - 2) / 2
            let sourceX = listWidth + 1 + detailWidth + 1
            panes[.list] = Rect(x: 0, y: top, width: listWidth, height: bodyHeight)
            panes[.detail] = Rect(x: listWidth + 1, y: top, width: detailWidth, height: bodyHeight)
            panes[.source] = Rect(x: sourceX, y: top, width: width - sourceX, height: bodyHeight)
            separators = [Rect(x: listWidth, y: top, width: 1, height: bodyHeight),
                          Rect(x: listWidth + 1 + detailWidth, y: top, width: 1, height: bodyHeight)]
        } else if width >= 60 {
            let listWidth = width * 36 / 100
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
            panes[focus] = Rect(x: 0, y: top, width: width, height: bodyHeight)
        }
        return Layout(tabLine: tabLine, statusLine: statusLine, panes: panes, verticalSeparators: separators, tooSmall: false)
    }

    /// The pane's content area: its rectangle less the title row.
    public func content(of pane: PaneID) -> Rect? {
        guard let rect = panes[pane] else { return nil }
        return Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    }
}
