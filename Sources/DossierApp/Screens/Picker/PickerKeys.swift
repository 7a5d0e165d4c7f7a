import DossierModel

extension Keymap {
    /// The picker's keys (Enter on a passage: what it is about).
    /// Spliced into the standard table (`Keymap.standard`); the help, docs/keys.md and the man page
    /// list each context's keys in the order given here.
    static let pickerBindings: [Binding] = [
        Binding(keys: [.down, .control("n")], action: .moveDown, context: .picker, help: "next row", hint: nil),
        Binding(keys: [.up, .control("p")], action: .moveUp, context: .picker, help: "previous row", hint: nil),
        Binding(keys: [.pageDown], action: .pageDown, context: .picker, help: "ten rows down", hint: nil),
        Binding(keys: [.pageUp], action: .pageUp, context: .picker, help: "ten rows up", hint: nil),
        Binding(keys: [.tab], action: .focusNext, context: .picker, help: "next field of a new actor's or statement's form", hint: nil),
        Binding(keys: [.backTab], action: .focusPrevious, context: .picker, help: "previous field of the form", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .picker,
                help: "take the row: a statement asks what the passage shows (1-6); a signatory, lead or addressee asks which actor; the last rows make a new actor or statement", hint: nil),
        Binding(keys: [.escape], action: .clear, context: .picker, help: "back a step; from the first, close (the passage stays selected)", hint: nil),
    ]
}
