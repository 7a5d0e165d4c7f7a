import DossierModel

extension Keymap {
    /// The Edits (`E`) screen's keys, in their place in the standard table (so the help and docs/keys.md
    /// list them where they always were).
    static let editsBindings: [Binding] = [
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .edits, help: "next edit", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .edits, help: "previous edit", hint: nil),
        Binding(keys: [.character("u")], action: .undo, context: .edits, help: "undo the last change of the session", hint: "undo"),
        Binding(keys: [.escape, .character("E")], action: .clear, context: .edits, help: "close", hint: "close"),
    ]
}
