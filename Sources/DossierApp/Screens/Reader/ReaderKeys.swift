import DossierModel

extension Keymap {
    /// The reader's keys (the Articles view's detail pane) and those of a passage being selected in it.
    /// Spliced into the standard table (`Keymap.standard`); the help, docs/keys.md and the man page
    /// list each context's keys in the order given here.
    static let readerBindings: [Binding] = [
        Binding(keys: [.character("]")], action: .nextSpan, context: .reader, help: "next marked excerpt span", hint: nil),
        Binding(keys: [.character("[")], action: .previousSpan, context: .reader, help: "previous marked excerpt span", hint: nil),
        Binding(keys: [.character("n")], action: .nextMatch, context: .reader, help: "next search match (next span when there is no search)", hint: nil),
        Binding(keys: [.character("N")], action: .previousMatch, context: .reader, help: "previous search match (previous span)", hint: nil),
        Binding(keys: [.character("v")], action: .selectPassage, context: .reader,
                help: "select a passage: the first sentence that begins on the cursor's line (j/k move the cursor)", hint: nil),
        Binding(keys: [.character(")")], action: .nextSentence, context: .passage, help: "move the selection's moving end a sentence forward (at the end: extend)", hint: nil),
        Binding(keys: [.character("(")], action: .previousSentence, context: .passage, help: "move the moving end a sentence back (at the end: shrink)", hint: nil),
        Binding(keys: [.character("w")], action: .nextWord, context: .passage, help: "move the moving end a word forward", hint: nil),
        Binding(keys: [.character("b")], action: .previousWord, context: .passage, help: "move the moving end a word back", hint: nil),
        Binding(keys: [.character("o")], action: .swapEnds, context: .passage, help: "swap the ends: the keys above move the other end", hint: nil),
        Binding(keys: [.character("y")], action: .copy, context: .passage, help: "copy the passage, quoted, with its citation", hint: nil),
        Binding(keys: [.escape], action: .clear, context: .passage, help: "cancel the selection", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .passage,
                help: "attach the passage: choose the actor, statement or event it is about (docs/editing.md); needs a corpus opened with --data DIR", hint: nil),
    ]
}
