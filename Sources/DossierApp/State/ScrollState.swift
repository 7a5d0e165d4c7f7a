/// The one scroll state of every list and pane on screen: the selected row and the first line shown.
/// A row may take several lines (a wrapped row, a group's heading above its first hit), so showing a
/// row means showing a range of lines. Lists, panes, the search results, the who-signed columns, the
/// help and the readers all keep their place with these few functions.
public struct ScrollState: Equatable, Sendable {
    /// The selected row (in a reader: the marked span).
    public var selected = 0
    /// The first line shown.
    public var top = 0
    /// In the article reader: the line the cursor is on (`v` selects from it), kept in view.
    public var cursor = 0

    public init(selected: Int = 0, top: Int = 0, cursor: Int = 0) {
        self.selected = selected
        self.top = top
        self.cursor = cursor
    }

    /// Moves the selection by `delta` rows, stopping at either end of `count` rows.
    public mutating func move(by delta: Int, count: Int) {
        selected = ScrollState.clamp(selected &+ delta, 0, count - 1)
    }

    /// Keeps the selection among the `count` rows there are.
    public mutating func clampSelection(count: Int) {
        selected = ScrollState.clamp(selected, 0, count - 1)
    }

    /// Scrolls the least that shows `lines`, or their first line when they do not all fit.
    public mutating func reveal(_ lines: ClosedRange<Int>, height: Int, lineCount: Int) {
        top = ScrollState.top(showing: lines, from: top, height: height, lineCount: lineCount)
    }

    /// Keeps the top within the lines there are, for a pane that scrolls without a selection.
    public mutating func clampTop(height: Int, lineCount: Int) {
        top = ScrollState.clamp(top, 0, lineCount - height)
    }

    /// The top that shows `lines` from `top` with the least scrolling, within `lineCount` lines.
    public static func top(showing lines: ClosedRange<Int>, from top: Int, height: Int, lineCount: Int) -> Int {
        var top = top
        if lines.upperBound >= top + height { top = lines.upperBound - height + 1 }
        if lines.lowerBound < top { top = lines.lowerBound }
        return clamp(top, 0, lineCount - height)
    }

    /// A value within low...high (low when the range is empty).
    public static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int {
        min(max(value, low), max(low, high))
    }
}

/// A pane's place: its selected row and scroll.
public typealias PanePosition = ScrollState
