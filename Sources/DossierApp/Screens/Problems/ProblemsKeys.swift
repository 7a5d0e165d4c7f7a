import DossierModel

extension Keymap {
    /// The problems (`!`) screen's keys, in their place in the standard table (so the help and docs/keys.md
    /// list them where they always were).
    static let problemsBindings: [Binding] = [
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .problems, help: "next problem", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .problems, help: "previous problem", hint: nil),
        Binding(keys: [.pageDown, .character(" ")], action: .pageDown, context: .problems, help: "a page down", hint: nil),
        Binding(keys: [.pageUp, .character("b")], action: .pageUp, context: .problems, help: "a page up", hint: nil),
        Binding(keys: [.character("g"), .home], action: .top, context: .problems, help: "first problem", hint: nil),
        Binding(keys: [.character("G"), .end], action: .bottom, context: .problems, help: "last problem", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .problems, help: "go to the record at fault", hint: "go to"),
        Binding(keys: [.character("y")], action: .copy, context: .problems, help: "copy the problem as validate prints it (file:line:column: …)", hint: nil),
        Binding(keys: [.character("e"), .control("s")], action: .export, context: .problems, help: "export the problems to a file you name", hint: "export"),
        Binding(keys: [.character("!"), .escape], action: .clear, context: .problems, help: "close the problems", hint: "close"),
        Binding(keys: [.backspace, .control("o")], action: .back, context: .problems, help: "back", hint: nil),
    ]
}
