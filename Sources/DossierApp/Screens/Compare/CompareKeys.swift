import DossierModel

extension Keymap {
    /// The compare screen's keys, in their place in the standard table (so the help and docs/keys.md
    /// list them where they always were).
    static let compareBindings: [Binding] = [
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .compare, help: "scroll this column down", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .compare, help: "scroll this column up", hint: nil),
        Binding(keys: [.pageDown, .character(" ")], action: .pageDown, context: .compare, help: "a page down", hint: nil),
        Binding(keys: [.pageUp, .character("b")], action: .pageUp, context: .compare, help: "a page up", hint: nil),
        Binding(keys: [.control("d")], action: .halfPageDown, context: .compare, help: "half a page down", hint: nil),
        Binding(keys: [.control("u")], action: .halfPageUp, context: .compare, help: "half a page up", hint: nil),
        Binding(keys: [.character("g"), .home], action: .top, context: .compare, help: "top of the article", hint: nil),
        Binding(keys: [.character("G"), .end], action: .bottom, context: .compare, help: "end of the article", hint: nil),
        Binding(keys: [.tab, .character("h"), .character("l"), .left, .right], action: .focusNext, context: .compare, help: "switch column", hint: "column"),
        Binding(keys: [.character("]"), .character("n")], action: .nextSpan, context: .compare, help: "show the next excerpt in this column", hint: "next"),
        Binding(keys: [.character("["), .character("N")], action: .previousSpan, context: .compare, help: "show the previous excerpt in this column", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .compare, help: "open this column's article in the reader", hint: "open"),
        Binding(keys: [.character("y")], action: .copy, context: .compare, help: "copy this column's excerpt with its citation", hint: "copy"),
        Binding(keys: [.escape], action: .clear, context: .compare, help: "close", hint: "close"),
    ]
}
