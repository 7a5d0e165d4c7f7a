import DossierModel

extension Keymap {
    /// The keys of two profiles or articles side by side (`m` on two actors or articles).
    /// Spliced into the standard table (`Keymap.standard`); the help, docs/keys.md and the man page
    /// list each context's keys in the order given here.
    static let profilesBindings: [Binding] = [
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .profiles, help: "next row of this column ({y=copy/profiles} copies it, {a=addNote/profiles} notes it: an excerpt row is the excerpt)", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .profiles, help: "previous row of this column", hint: nil),
        Binding(keys: [.pageDown, .character(" ")], action: .pageDown, context: .profiles, help: "a page of rows down", hint: nil),
        Binding(keys: [.pageUp, .character("b")], action: .pageUp, context: .profiles, help: "a page of rows up", hint: nil),
        Binding(keys: [.character("g"), .home], action: .top, context: .profiles, help: "first row", hint: nil),
        Binding(keys: [.character("G"), .end], action: .bottom, context: .profiles, help: "last row", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .profiles, help: "open the selected row's record (an excerpt in its article)", hint: nil),
        Binding(keys: [.character("y")], action: .copy, context: .profiles,
                help: "copy the selected row: a fact with its quote and citation, an excerpt row as the excerpt", hint: nil),
        Binding(keys: [.character("a")], action: .addNote, context: .profiles, help: "write a note on the selected row (an excerpt row: on the excerpt)", hint: nil),
        Binding(keys: [.tab, .character("h"), .character("l"), .left, .right], action: .focusNext, context: .profiles, help: "switch column", hint: "column"),
        Binding(keys: [.backspace, .control("o")], action: .back, context: .profiles, help: "back", hint: "back"),
        Binding(keys: [.escape], action: .clear, context: .profiles, help: "close", hint: "close"),
    ]
}
