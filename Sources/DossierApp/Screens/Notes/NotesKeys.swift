import DossierModel

extension Keymap {
    /// The Notes (`6`) screen's keys, in their place in the standard table (so the help and docs/keys.md
    /// list them where they always were).
    static let notesBindings: [Binding] = [
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .notes, help: "next note", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .notes, help: "previous note", hint: nil),
        Binding(keys: [.pageDown, .character(" "), .control("f")], action: .pageDown, context: .notes, help: "a page down", hint: nil),
        Binding(keys: [.pageUp, .control("b")], action: .pageUp, context: .notes, help: "a page up", hint: nil),
        Binding(keys: [.character("g"), .home], action: .top, context: .notes, help: "newest", hint: nil),
        Binding(keys: [.character("G"), .end], action: .bottom, context: .notes, help: "oldest", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .notes, help: "open what the note is about (a span: the article at its words)", hint: "open"),
        Binding(keys: [.character("/")], action: .startFilter, context: .notes,
                help: "filter as you type: words of the note, its author or record; #tag for a tag; \"orphaned\" or \"bookmark\" for those", hint: "filter"),
        Binding(keys: [.character("e")], action: .editNote, context: .notes, help: "edit the note's words ({Enter=acceptFilter/filtering} saves, {Esc=clear/filtering} keeps them as they were)", hint: "edit"),
        Binding(keys: [.character("d")], action: .deleteNote, context: .notes, help: "delete the note or bookmark (u restores it)", hint: "delete"),
        Binding(keys: [.character("u")], action: .undo, context: .notes, help: "undo this session's last change (a note's or the corpus's)", hint: "undo"),
        Binding(keys: [.character("y")], action: .copy, context: .notes, help: "copy the note with what it is about", hint: nil),
        Binding(keys: [.control("s")], action: .export, context: .notes, help: "export the notes listed to a file you name (e edits here, so not e)", hint: "export"),
        Binding(keys: [.escape], action: .clear, context: .notes, help: "clear the filter, then close", hint: nil),
        Binding(keys: [.character("6")], action: .close, context: .notes, help: "close", hint: nil),
        Binding(keys: [.backspace, .control("o")], action: .back, context: .notes, help: "back", hint: nil),
    ]
}
