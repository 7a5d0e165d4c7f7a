import DossierModel

extension Keymap {
    /// The who-signed screen's keys (`m` on two statements).
    /// Spliced into the standard table (`Keymap.standard`); the help, docs/keys.md and the man page
    /// list each context's keys in the order given here.
    static let whoSignedBindings: [Binding] = [
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .signatories, help: "next name", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .signatories, help: "previous name", hint: nil),
        Binding(keys: [.tab, .character("l"), .right], action: .focusNext, context: .signatories, help: "next column", hint: nil),
        Binding(keys: [.backTab, .character("h"), .left], action: .focusPrevious, context: .signatories, help: "previous column", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .signatories, help: "open the actor", hint: "open"),
        Binding(keys: [.character("y")], action: .copy, context: .signatories, help: "copy the selected state's name and id", hint: nil),
        Binding(keys: [.character("Y")], action: .copyDossier, context: .signatories, help: "copy the selected state's dossier as Markdown", hint: nil),
        Binding(keys: [.character("e"), .control("s")], action: .export, context: .signatories, help: "export the three columns to a file you name", hint: "export"),
        Binding(keys: [.character("c")], action: .compareSources, context: .signatories, help: "the two statements' details side by side", hint: "details"),
        Binding(keys: [.escape], action: .clear, context: .signatories, help: "close", hint: "close"),
    ]
}
