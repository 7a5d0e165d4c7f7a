/// What the mouse did, at a cell of the screen (column x, row y, from 0), as the terminal layer
/// decodes it.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case wheelUp, wheelDown, click, doubleClick }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

extension Explorer {
    /// Rows a wheel step moves, as most terminal programs scroll.
    static let wheelStep = 3

    /// The mouse: the wheel scrolls the pane under the pointer (and a workflow or the help on top),
    /// a click focuses a pane and selects the row under it, a double click opens that row (Enter).
    /// It never types into a prompt, and where it means nothing it does nothing.
    static func updateMouse(_ state: State, _ event: MouseEvent) -> State {
        if state.exportPrompt != nil || state.notePrompt != nil || state.picker != nil || state.editingFilter { return state }
        let wheel: Action? = switch event.kind {
        case .wheelUp: .moveUp
        case .wheelDown: .moveDown
        default: nil
        }
        if state.showHelp {
            var state = state
            if let wheel { state.helpTop += wheel == .moveDown ? wheelStep : -wheelStep }
            return state
        }
        let screen = ScreenTable.ops(state.screen)
        guard case .view = state.screen, state.view != .matrix else {
            // A workflow or the matrix: the wheel moves as j and k do; a click means nothing yet.
            guard let wheel else { return state }
            return (0..<wheelStep).reduce(state) { state, _ in screen.perform(wheel, state) }
        }
        guard let (pane, rect) = state.layout.panes.first(where: { $0.value.contains(x: event.x, y: event.y) }) else { return state }
        var state = state
        let focus = state.position.focus
        state.position.focus = pane
        if let wheel {
            // One move of three rows, not three of one: in the reader a move of more than a row
            // scrolls the text with the cursor, as a wheel should.
            state = normalized(move(state, by: wheel == .moveDown ? wheelStep : -wheelStep))
            // Scrolling does not take the focus from where the keys are.
            state.position.focus = focus
            return state
        }
        // The pane's first row is its title.
        let row = event.y - rect.y - 1
        guard row >= 0 else { return state }
        switch pane {
        case .list:
            let ids = state.listIDs()
            let index = state.position.list.top + row
            guard ids.indices.contains(index) else { return state }
            state.position.list.selectedID = ids[index]
        case .detail:
            // In the reader a click puts the cursor on the line: the span there (if any) is the target.
            if state.view == .articles {
                state.position.detail.cursor = state.position.detail.top + row
            } else {
                state.position.detail.selected = state.position.detail.top + row
            }
        case .source:
            state.position.source.selected = state.position.source.top + row
        }
        state = normalized(state)
        if event.kind == .doubleClick { state = screen.perform(.follow, state) }
        return state
    }
}
