import DossierModel

/// The standard keymap: every key of the explorer, by context. The help overlay, docs/keys.md and the
/// man page are made from it; `[keys]` in the configuration rebinds from it (`rebinding`).
extension Keymap {
    /// The keys every view shares (moving, panes, following links, the workflows), then each screen's
    /// own from its folder under Screens/, then the keys of every screen and of the prompts.
    public static let standard = Keymap(bindings: sharedBindings + listsBindings + readerBindings + pickerBindings + timelineBindings
        + matrixBindings + compareBindings + whoSignedBindings + problemsBindings + notesBindings + editsBindings + profilesBindings
        + searchBindings + everywhereBindings + helpBindings)

    /// The keys of the list views that every one of them shares.
    static let sharedBindings: [Binding] = [
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .moving, help: "next row (scroll down in the reader)", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .moving, help: "previous row (scroll up in the reader)", hint: nil),
        Binding(keys: [.character("g"), .home], action: .top, context: .moving, help: "first row", hint: nil),
        Binding(keys: [.character("G"), .end], action: .bottom, context: .moving, help: "last row", hint: nil),
        Binding(keys: [.pageDown, .character(" "), .control("f")], action: .pageDown, context: .moving, help: "a page down", hint: nil),
        Binding(keys: [.pageUp, .control("b")], action: .pageUp, context: .moving, help: "a page up ({b=toggleBookmark/workflows} bookmarks here; it pages up in the help and the side-by-side screens)", hint: nil),
        Binding(keys: [.control("d")], action: .halfPageDown, context: .moving, help: "half a page down", hint: nil),
        Binding(keys: [.control("u")], action: .halfPageUp, context: .moving, help: "half a page up", hint: nil),
        Binding(keys: [.tab, .character("l"), .right], action: .focusNext, context: .panes, help: "focus the next pane to the right", hint: nil),
        Binding(keys: [.backTab, .character("h"), .left], action: .focusPrevious, context: .panes, help: "focus the previous pane to the left", hint: nil),
        Binding(keys: [.character("1")], action: .showArticles, context: .panes, help: "Articles view", hint: nil),
        Binding(keys: [.character("2")], action: .showActors, context: .panes, help: "Actors view", hint: nil),
        Binding(keys: [.character("3")], action: .showStatements, context: .panes, help: "Statements view", hint: nil),
        Binding(keys: [.character("4")], action: .showTimeline, context: .panes, help: "Timeline: events and statements by date", hint: nil),
        Binding(keys: [.character("5")], action: .showMatrix, context: .panes, help: "Stance matrix: states by statements", hint: nil),
        Binding(keys: [.character("6")], action: .showNotes, context: .panes, help: "Notes: your notes and bookmarks on this corpus, newest first", hint: nil),
        Binding(keys: [.character("z")], action: .zoom, context: .panes, help: "zoom the focused pane to the whole screen, and back", hint: "zoom"),
        Binding(keys: [.character(">")], action: .widenList, context: .panes, help: "widen the list (move the split right)", hint: nil),
        Binding(keys: [.character("<")], action: .narrowList, context: .panes, help: "narrow the list (move the split left)", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .following,
                help: "open the selected item: a signatory's actor, a statement, an excerpt's article scrolled to its span", hint: "open"),
        Binding(keys: [.backspace, .control("o")], action: .back, context: .following, help: "back to exactly where you were", hint: "back"),
        Binding(keys: [.character("L")], action: .forward, context: .following, help: "forward again after going back", hint: nil),
        Binding(keys: [.character("f")], action: .find, context: .workflows,
                help: "search everything: article bodies, excerpts, titles, names and aliases", hint: "find"),
        Binding(keys: [.character("c")], action: .compareSources, context: .workflows,
                help: "read the excerpts behind the selected fact side by side (two or more)", hint: "compare"),
        Binding(keys: [.character("d")], action: .compareDisagreement, context: .workflows,
                help: "open the sources that disagree on a statement's count side by side", hint: nil),
        Binding(keys: [.character("m")], action: .markStatement, context: .workflows,
                help: "mark a statement, article or actor; m on a second of its kind compares them (who signed; two articles or profiles side by side)", hint: nil),
        Binding(keys: [.character("S")], action: .toggleSupplied, context: .workflows,
                help: "hide or show records the articles do not state (supplied from the public record; dimmed, with their note)", hint: nil),
        Binding(keys: [.character("!")], action: .problems, context: .workflows,
                help: "the corpus's problems (a corpus opens with them): where each is, what is wrong; {Enter=follow/problems} goes to the record", hint: nil),
        Binding(keys: [.character("y")], action: .copy, context: .workflows,
                help: "copy the selected item with its citation: a fact or excerpt as its exact quote and source, a record as its name and id", hint: "copy"),
        Binding(keys: [.character("e"), .control("s")], action: .export, context: .workflows,
                help: "export the list on screen, as filtered and sorted, to a file you name (.md, .csv, .tsv, .json; a name ending in ! replaces a file)", hint: "export"),
        Binding(keys: [.character("Y")], action: .copyDossier, context: .workflows,
                help: "copy the selected record's whole dossier as Markdown: each fact with its quote and source", hint: nil),
        Binding(keys: [.character("a")], action: .addNote, context: .workflows,
                help: "write a note on the selected record (in the reader, on the selected span); #words are tags; {Alt-Enter=newLine/prompt} starts a new line; saved to the notes file (docs/notes.md)", hint: "note"),
        Binding(keys: [.character("b")], action: .toggleBookmark, context: .workflows,
                help: "bookmark the selected record (in the reader, the selected span), or remove its bookmark; 6 lists them", hint: nil),
        Binding(keys: [.character("E")], action: .showEdits, context: .workflows,
                help: "every edit of the corpus in its log (from here, dossier add, unlink, repair, undo), newest first, with when and who, and which were undone", hint: nil),
        Binding(keys: [.character("u")], action: .undo, context: .workflows,
                help: "undo this session's last change: a note or bookmark added, edited or deleted, or an edit of the corpus (itself a safe write)", hint: nil),
    ]

    /// The keys that work on every screen, and in the prompts (the filter, the search, a note, a name).
    static let everywhereBindings: [Binding] = [
        Binding(keys: [.character("/")], action: .startFilter, context: .everywhere,
                help: "filter the list as you type (ignores case and accents: \"turk\" finds Türk; ≠ keeps the statements whose sources disagree on the count; in the matrix: a stance, a year or 2019-2021)", hint: "filter"),
        Binding(keys: [.escape], action: .clear, context: .everywhere, help: "clear the filter or search highlight, close the overlay", hint: nil),
        Binding(keys: [.character("?")], action: .help, context: .everywhere, help: "this help", hint: "help"),
        Binding(keys: [.character("q")], action: .close, context: .everywhere,
                help: "close what is on top (help, an overlay, a zoomed pane); quit from the base screen", hint: "quit"),
        Binding(keys: [.character("Q"), .control("c")], action: .quit, context: .everywhere, help: "quit from anywhere (in a prompt Q is typed; Ctrl-c quits there too)", hint: nil),
        Binding(keys: [.control("l")], action: .redraw, context: .everywhere, help: "redraw the whole screen", hint: nil),
        Binding(keys: [.enter], action: .acceptFilter, context: .filtering, help: "keep the filter and return to the list", hint: nil),
        Binding(keys: [.escape], action: .clear, context: .filtering, help: "clear the filter", hint: nil),
        Binding(keys: [.down, .control("n")], action: .moveDown, context: .filtering, help: "next match", hint: nil),
        Binding(keys: [.up, .control("p")], action: .moveUp, context: .filtering, help: "previous match", hint: nil),
        Binding(keys: [.left, .control("b")], action: .cursorLeft, context: .prompt, help: "cursor left", hint: nil),
        Binding(keys: [.right, .control("f")], action: .cursorRight, context: .prompt, help: "cursor right", hint: nil),
        Binding(keys: [.home, .control("a")], action: .lineStart, context: .prompt, help: "cursor to the start", hint: nil),
        Binding(keys: [.end, .control("e")], action: .lineEnd, context: .prompt, help: "cursor to the end", hint: nil),
        Binding(keys: [.backspace, .control("h")], action: .deleteFilterCharacter, context: .prompt, help: "delete the character before the cursor", hint: nil),
        Binding(keys: [.delete, .control("d")], action: .deleteForward, context: .prompt, help: "delete the character under the cursor", hint: nil),
        Binding(keys: [.control("u")], action: .killToStart, context: .prompt, help: "delete to the start", hint: nil),
        Binding(keys: [.control("k")], action: .killToEnd, context: .prompt, help: "delete to the end", hint: nil),
        Binding(keys: [.control("w")], action: .killWord, context: .prompt, help: "delete the word before the cursor", hint: nil),
        Binding(keys: [.altEnter], action: .newLine, context: .prompt, help: "a new line (in a note; other prompts are one line)", hint: nil),
    ]
}
