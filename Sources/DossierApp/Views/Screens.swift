import DossierModel

/// The namespace of every screen's drawing; each screen's own is in its folder under Screens/.
enum Screens {
    /// A full-screen workflow's title bar.
    static func title(_ text: String, state: State, into grid: inout Grid) {
        grid.fill(Rect(x: 0, y: 1, width: state.width, height: 1), with: state.glyphs.horizontal, role: .borderFocused)
        grid.put("\(state.glyphs.focusMark) \(text) ", x: 0, y: 1, limit: state.width, role: .borderFocused)
    }
}
