import DossierModel

/// Keeping positions valid (`normalized`): every scroll clamped, the selection in view.
extension Explorer {
    /// A pane's content width in the current view's layout (the whole width when the pane is hidden).
    static func paneWidth(_ state: State, _ pane: PaneID) -> Int {
        max(1, state.layout.content(of: pane)?.width ?? state.width)
    }

    /// The current view's detail pane, as drawn.
    static func detailLines(_ state: State) -> [PaneLine] {
        PaneContent.detail(state, view: state.view, width: paneWidth(state, .detail))
    }

    /// The reader's content and visible height for the current state, if an article is selected.
    static func reader(of state: State) -> (content: ReaderContent, height: Int)? {
        let layout = state.layout(for: .articles)
        let rect = layout.content(of: .detail) ?? Rect(x: 0, y: 1, width: state.width, height: max(1, state.height - 3))
        guard let content = PaneContent.reader(state, width: rect.width) else { return nil }
        return (content, max(1, rect.height))
    }

    /// Clamps every position of the current screen and scrolls each pane so its selection is visible.
    public static func normalized(_ state: State) -> State {
        var state = state
        state.cacheList()
        return ScreenTable.ops(state.screen).normalize(state)
    }

    /// An index that steps past either end comes round to the other (for cycling with n/N and ]/[).
    static func wrapped(_ index: Int, count: Int) -> Int {
        (index % count + count) % count
    }

    static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int {
        ScrollState.clamp(value, low, high)
    }
}
