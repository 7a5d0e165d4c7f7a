import DossierModel

extension Keymap {
    /// The help overlay's keys (`?`).
    /// Spliced into the standard table (`Keymap.standard`); the help, docs/keys.md and the man page
    /// list each context's keys in the order given here.
    static let helpBindings: [Binding] = [
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .helpOverlay, help: "scroll down", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .helpOverlay, help: "scroll up", hint: nil),
        Binding(keys: [.pageDown, .character(" ")], action: .pageDown, context: .helpOverlay, help: "a page down", hint: nil),
        Binding(keys: [.pageUp, .character("b")], action: .pageUp, context: .helpOverlay, help: "a page up", hint: nil),
        Binding(keys: [.control("d")], action: .halfPageDown, context: .helpOverlay, help: "half a page down", hint: nil),
        Binding(keys: [.control("u")], action: .halfPageUp, context: .helpOverlay, help: "half a page up", hint: nil),
        Binding(keys: [.character("g"), .home], action: .top, context: .helpOverlay, help: "top", hint: nil),
        Binding(keys: [.character("G"), .end], action: .bottom, context: .helpOverlay, help: "bottom", hint: nil),
        Binding(keys: [.character("/")], action: .startFilter, context: .helpOverlay, help: "search the help ({Enter=acceptFilter/filtering} keeps it, {Esc=clear/filtering} clears it)", hint: nil),
        Binding(keys: [.character("n")], action: .nextMatch, context: .helpOverlay, help: "next line matching the help search", hint: nil),
        Binding(keys: [.character("N")], action: .previousMatch, context: .helpOverlay, help: "previous line matching the help search", hint: nil),
        Binding(keys: [.escape, .character("?"), .character("q")], action: .closeHelp, context: .helpOverlay, help: "close the help", hint: nil),
        Binding(keys: [.character("Q"), .control("c")], action: .quit, context: .helpOverlay, help: "quit", hint: nil),
    ]
}
