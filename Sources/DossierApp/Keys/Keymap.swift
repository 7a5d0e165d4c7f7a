/// A key press, decoded by the terminal layer (or written by tests).
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, given as the lower-case letter.
    case control(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, backspace, escape, tab, backTab, delete
    /// Esc then Enter, as terminals send Alt-Enter (Meta-Enter): a new line in a note.
    case altEnter
    /// The terminal changed size (columns, rows).
    case resize(Int, Int)
    /// Text pasted into the terminal (bracketed paste): typed into a prompt as it is.
    case paste(String)
    /// The mouse, when it is on (`--mouse`, or `mouse = true` in the configuration).
    case mouse(MouseEvent)

    /// How the key is written in the help overlay and docs/keys.md.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let letter): return "Ctrl-" + String(letter)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .backspace: return "Backspace"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .delete: return "Delete"
        case .altEnter: return "Alt-Enter"
        case .resize: return "(resize)"
        case .paste: return "(paste)"
        case .mouse: return "(mouse)"
        }
    }
}

extension Key {
    /// The key a help text names by its label (`Enter`, `Esc`, `Tab`, `Alt-Enter`, one character).
    init?(label: String) {
        switch label {
        case "Enter": self = .enter
        case "Esc": self = .escape
        case "Tab": self = .tab
        case "Alt-Enter": self = .altEnter
        default:
            guard label.count == 1, let character = label.first else { return nil }
            self = .character(character)
        }
    }
}

/// Everything a key can ask for.
public enum Action: String, CaseIterable, Sendable {
    case moveDown, moveUp, top, bottom, halfPageDown, halfPageUp, pageDown, pageUp
    case moveLeft, moveRight, firstColumn, lastColumn
    case focusNext, focusPrevious
    case showArticles, showActors, showStatements, showTimeline, showMatrix, showNotes
    case follow, back, forward
    case nextSpan, previousSpan, nextMatch, previousMatch
    // Selecting a passage in the reader.
    case selectPassage, nextSentence, previousSentence, nextWord, previousWord, swapEnds
    case sortActors, actorTimeline
    case compareSources, compareDisagreement, markStatement
    case find, problems, toggleSupplied, addNote, toggleBookmark, undo, showEdits
    // In the Notes view.
    case editNote, deleteNote
    case startFilter, clear
    case zoom, widenList, narrowList, redraw
    case copy, copyDossier, export
    /// `q`: close what is on top (help, an overlay, a zoomed pane); quit from the base screen.
    case close
    case help, quit
    // While typing a filter or a search.
    case acceptFilter, deleteFilterCharacter
    // Line editing in every prompt.
    case cursorLeft, cursorRight, lineStart, lineEnd, deleteForward, killToStart, killToEnd, killWord, newLine
    // In the help overlay.
    case closeHelp
}

/// Where a binding applies. The help overlay and docs/keys.md are grouped by it.
public enum KeyContext: String, CaseIterable, Sendable {
    case everywhere = "Everywhere"
    case moving = "Moving"
    case panes = "Panes and views"
    case following = "Following facts to their sources"
    case workflows = "Analyst workflows"
    case reader = "Article reader"
    case passage = "Selecting a passage in the reader (after v)"
    case picker = "Attaching a passage (Enter on it)"
    case actors = "Actors list"
    case timeline = "Timeline"
    case matrix = "Stance matrix"
    case compare = "Sources side by side"
    case signatories = "Who signed: two statements compared"
    case profiles = "Two profiles side by side"
    case problems = "Problems of the corpus"
    case notes = "Notes view: your notes and bookmarks"
    case edits = "Edits made in this session"
    case search = "Search everything"
    case filtering = "While typing a filter"
    case prompt = "Editing a prompt (filter, search, help search)"
    case helpOverlay = "Help overlay"

    /// The heading of its part of the help, naming keys as `Keymap.words` resolves them.
    public var heading: String {
        switch self {
        case .passage: return "Selecting a passage in the reader (after {v=selectPassage/reader})"
        case .picker: return "Attaching a passage ({Enter=follow/passage} on it)"
        default: return rawValue
        }
    }
}

public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var context: KeyContext
    public var help: String
    /// A short word for the status line's key hints; nil when the binding is not hinted there.
    public var hint: String?
}

/// The one table of key bindings: `update` looks keys up here, and the `?` overlay, the status line's
/// hints, docs/keys.md and the man page are generated from it, so they cannot disagree. `standard` is
/// the table as shipped; the user's configuration makes another from it (`rebinding`), which the
/// explorer's `State` holds.
public struct Keymap: Sendable {
    public private(set) var bindings: [Binding]

    public init(bindings: [Binding]) { self.bindings = bindings }

    public static let standard = Keymap(bindings: [
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
        Binding(keys: [.character("t")], action: .actorTimeline, context: .actors, help: "the timeline narrowed to this actor", hint: "timeline"),
        Binding(keys: [.character("s")], action: .sortActors, context: .actors, help: "sort by name or by kind", hint: "sort"),
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
        Binding(keys: [.down, .control("n")], action: .moveDown, context: .picker, help: "next row", hint: nil),
        Binding(keys: [.up, .control("p")], action: .moveUp, context: .picker, help: "previous row", hint: nil),
        Binding(keys: [.pageDown], action: .pageDown, context: .picker, help: "ten rows down", hint: nil),
        Binding(keys: [.pageUp], action: .pageUp, context: .picker, help: "ten rows up", hint: nil),
        Binding(keys: [.tab], action: .focusNext, context: .picker, help: "next field of a new actor's or statement's form", hint: nil),
        Binding(keys: [.backTab], action: .focusPrevious, context: .picker, help: "previous field of the form", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .picker,
                help: "take the row: a statement asks what the passage shows (1-6); a signatory, lead or addressee asks which actor; the last rows make a new actor or statement", hint: nil),
        Binding(keys: [.escape], action: .clear, context: .picker, help: "back a step; from the first, close (the passage stays selected)", hint: nil),
        Binding(keys: [.escape], action: .clear, context: .timeline, help: "clear the filter, then the narrowing to one actor", hint: nil),
        Binding(keys: [.character("h"), .left], action: .moveLeft, context: .matrix, help: "previous statement (column)", hint: nil),
        Binding(keys: [.character("l"), .right], action: .moveRight, context: .matrix, help: "next statement (column)", hint: nil),
        Binding(keys: [.character("0")], action: .firstColumn, context: .matrix, help: "first column", hint: nil),
        Binding(keys: [.character("$")], action: .lastColumn, context: .matrix, help: "last column", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .matrix, help: "open the excerpt that names the cell in its article", hint: "open"),
    ] + compareBindings + [
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .signatories, help: "next name", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .signatories, help: "previous name", hint: nil),
        Binding(keys: [.tab, .character("l"), .right], action: .focusNext, context: .signatories, help: "next column", hint: nil),
        Binding(keys: [.backTab, .character("h"), .left], action: .focusPrevious, context: .signatories, help: "previous column", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .signatories, help: "open the actor", hint: "open"),
        Binding(keys: [.character("y")], action: .copy, context: .signatories, help: "copy the selected state's name and id", hint: nil),
        Binding(keys: [.character("Y")], action: .copyDossier, context: .signatories, help: "copy the selected state's dossier as Markdown", hint: nil),
        Binding(keys: [.character("e"), .control("s")], action: .export, context: .signatories, help: "export the three columns to a file you name", hint: "export"),
        Binding(keys: [.character("c")], action: .compareSources, context: .signatories, help: "the two statements' details side by side", hint: "details"),
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
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .edits, help: "next edit", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .edits, help: "previous edit", hint: nil),
        Binding(keys: [.character("u")], action: .undo, context: .edits, help: "undo the last change of the session", hint: "undo"),
        Binding(keys: [.escape, .character("E")], action: .clear, context: .edits, help: "close", hint: "close"),
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
        Binding(keys: [.escape], action: .clear, context: .signatories, help: "close", hint: "close"),
        Binding(keys: [.down, .control("n")], action: .moveDown, context: .search, help: "next result", hint: nil),
        Binding(keys: [.up, .control("p")], action: .moveUp, context: .search, help: "previous result", hint: nil),
        Binding(keys: [.pageDown], action: .pageDown, context: .search, help: "a page down", hint: nil),
        Binding(keys: [.pageUp], action: .pageUp, context: .search, help: "a page up", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .search,
                help: "open the result (an article scrolled to the match; n/N then step through its matches)", hint: "open"),
        Binding(keys: [.escape], action: .clear, context: .search, help: "close the search", hint: "close"),
        Binding(keys: [.control("s")], action: .export, context: .search,
                help: "export the results to a file you name (letters type the query here, so not e)", hint: "export"),
        Binding(keys: [.character("/")], action: .startFilter, context: .everywhere,
                help: "filter the list as you type (ignores case and accents: \"turk\" finds Türk; in the matrix: a stance, a year or 2019-2021)", hint: "filter"),
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
    ])

    /// The action bound to a key in one of the given contexts, searched in order.
    public func action(for key: Key, in contexts: [KeyContext]) -> Action? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding.action
            }
        }
        return nil
    }

    /// How a status line, hint or message names the key for `action`: `usual` (the standard key it
    /// was written with) while that is still bound to the action, else the first key bound to it in the
    /// first of `contexts` that binds it, so a `[keys]` rebinding is what the screen names.
    public func name(_ action: Action, in contexts: [KeyContext], usual: Key) -> String {
        for context in contexts {
            let bound = bindings.filter { $0.context == context && $0.action == action }.flatMap(\.keys)
            if bound.contains(usual) { return usual.label }
            if let first = bound.first { return first.label }
        }
        return "(unbound)"
    }

    /// A help text or heading with each `{usual=action/context}` in it named as `name` names it: the
    /// help that mentions another key ("Enter goes to the record") says the key in force.
    public func words(_ text: String) -> String {
        guard text.contains("{") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let token = rest[rest.index(after: open)..<close]
            let parts = token.split(separator: "=", maxSplits: 1)
            let target = parts.last?.split(separator: "/") ?? []
            if parts.count == 2, target.count == 2, let usual = Key(label: String(parts[0])), let action = Action(rawValue: String(target[0])),
               let context = KeyContext.allCases.first(where: { "\($0)" == target[1] }) {
                result += name(action, in: [context], usual: usual)
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    public static func keyLabels(_ binding: Binding) -> String {
        binding.keys.map(\.label).joined(separator: " ")
    }

    /// Where the "what they do" column of the help begins.
    public var helpTextColumn: Int { 2 + (bindings.map { DisplayWidth.of(Self.keyLabels($0)) }.max() ?? 0) + 2 }

    /// The help text, as lines: a heading per context, then "keys  what they do".
    public func helpLines() -> [(text: String, isHeading: Bool)] {
        var lines: [(String, Bool)] = []
        let keyColumn = bindings.map { DisplayWidth.of(Self.keyLabels($0)) }.max() ?? 0
        for context in KeyContext.allCases {
            let group = bindings.filter { $0.context == context }
            guard !group.isEmpty else { continue }
            if !lines.isEmpty { lines.append(("", false)) }
            lines.append((words(context.heading), true))
            if context == .filtering { lines.append(("  " + DisplayWidth.pad("(letters)", to: keyColumn) + "  type to narrow the list", false)) }
            if context == .prompt { lines.append(("  " + DisplayWidth.pad("(paste)", to: keyColumn) + "  pasted text is typed in; after / the last filter is selected, so typing replaces it", false)) }
            if context == .search { lines.append(("  " + DisplayWidth.pad("(letters)", to: keyColumn) + "  type the query; results update as you type", false)) }
            for binding in group {
                lines.append(("  " + DisplayWidth.pad(Self.keyLabels(binding), to: keyColumn) + "  " + words(binding.help), false))
            }
        }
        return lines
    }

    /// docs/keys.md, generated: `dossier keys` prints it and a test keeps the file in step.
    public func markdown() -> String {
        var text = "# Keys\n\nGenerated from the keymap table (`Sources/DossierApp/Keys/Keymap.swift`) by `dossier keys`;\n"
        text += "the `?` overlay in the explorer shows the same table.\n"
        for context in KeyContext.allCases {
            let group = bindings.filter { $0.context == context }
            guard !group.isEmpty else { continue }
            text += "\n## \(words(context.heading))\n\n| keys | action |\n|---|---|\n"
            if context == .filtering { text += "| (letters) | type to narrow the list |\n" }
            if context == .prompt { text += "| (paste) | pasted text is typed in; after / the last filter is selected, so typing replaces it |\n" }
            if context == .search { text += "| (letters) | type the query; results update as you type |\n" }
            for binding in group {
                let keys = binding.keys.map { "`" + ($0.label == "`" ? "\\`" : $0.label.replacingOccurrences(of: "|", with: "\\|")) + "`" }.joined(separator: " ")
                text += "| \(keys) | \(words(binding.help)) |\n"
            }
        }
        return text
    }
}

// MARK: The user's keys

extension Key {
    /// A key as a configuration file writes it: one character (`j`, `G`, `?`), a name (`Enter`,
    /// `Esc`, `Tab`, `Shift-Tab`, `Space`, `Backspace`, `Delete`, `Up`, `Down`, `Left`, `Right`,
    /// `Home`, `End`, `PgUp`, `PgDn`, `Alt-Enter`), or `Ctrl-` and a letter; names in any case, and
    /// every label the help shows (`↑`, `Ctrl-d`). Nil for anything else.
    public init?(configName name: String) {
        let lower = name.lowercased()
        let named: [String: Key] = [
            "space": .character(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
            "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "delete": .delete, "del": .delete,
            "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "alt-enter": .altEnter,
            "↑": .up, "↓": .down, "←": .left, "→": .right,
        ]
        if let key = named[lower] {
            self = key
            return
        }
        if name.count == 1, let character = name.first, !character.isWhitespace || character == " " {
            self = .character(character)
            return
        }
        for prefix in ["ctrl-", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter {
                self = .control(letter)
                return
            }
        }
        return nil
    }

    /// A key that types text where text is typed (a filter, a search, a note): not to be bound there.
    var types: Bool {
        if case .character = self { return true }
        return false
    }
}

/// One change the user asked for: these keys, and no others, for an action, in one context or (with
/// none given) in every context where the standard table binds it.
public struct KeyRebinding: Sendable, Equatable {
    public var action: Action
    public var keys: [Key]
    public var context: KeyContext?

    public init(action: Action, keys: [Key], context: KeyContext? = nil) {
        self.action = action
        self.keys = keys
        self.context = context
    }
}

extension KeyContext {
    /// The context's name in a configuration file's [keys.NAME] table: moving, reader, search…
    public var configName: String {
        // Not "problems": [keys] problems = "!" is the action's key, and TOML cannot have both.
        self == .problems ? "problems-list" : kebabCased(String(describing: self))
    }
}

extension Keymap {
    /// The contexts where text is typed: there an action keeps only the keys of a rebinding that do
    /// not type a character (j stays a letter in a search).
    static let typingContexts: Set<KeyContext> = [.filtering, .prompt, .search]

    /// This table with `rebindings` applied (those for every context first, then those for one), and
    /// why each one that could not be is refused (by its index): a key that would be bound twice in
    /// one context, to the rebound action and to another; or, for one context where text is typed, a
    /// key that types. A refused rebinding leaves its action's keys as they were; the others apply.
    public func rebinding(_ rebindings: [KeyRebinding]) -> (keymap: Keymap, refused: [Int: String]) {
        var refused: [Int: String] = [:]
        for (index, rebinding) in rebindings.enumerated() {
            if let context = rebinding.context {
                if !bindings.contains(where: { $0.action == rebinding.action && $0.context == context }) {
                    refused[index] = "\(rebinding.action.rawValue) has no key in [keys.\(context.configName)]; it applies in "
                        + bindings.filter { $0.action == rebinding.action }.map { "[keys.\($0.context.configName)]" }.joined(separator: ", ")
                } else if Self.typingContexts.contains(context), let key = rebinding.keys.first(where: \.types) {
                    refused[index] = "\(key.label) types text in “\(context.rawValue)”, so it cannot be a key there; use one such as Ctrl-… instead"
                }
            }
        }
        let order = rebindings.indices.filter { rebindings[$0].context == nil } + rebindings.indices.filter { rebindings[$0].context != nil }
        // Apply what is left; a clash refuses the later rebinding involved, then everything is tried
        // again (each round refuses one more, so this ends).
        while true {
            var keymap = self
            for index in order where refused[index] == nil {
                let rebinding = rebindings[index]
                for position in keymap.bindings.indices where keymap.bindings[position].action == rebinding.action {
                    let context = keymap.bindings[position].context
                    guard rebinding.context == nil || rebinding.context == context else { continue }
                    var keys = rebinding.keys
                    if rebinding.context == nil && Self.typingContexts.contains(context) {
                        keys = keys.filter { !$0.types }
                        if keys.isEmpty { continue }  // nothing that does not type: the standard keys stay
                    }
                    keymap.bindings[position].keys = keys
                }
            }
            guard let clash = keymap.firstClash(among: rebindings, refused: refused) else { return (keymap, refused) }
            refused[clash.index] = clash.reason
        }
    }

    /// A key bound to two actions in one context where a rebinding put it there.
    private func firstClash(among rebindings: [KeyRebinding], refused: [Int: String]) -> (index: Int, reason: String)? {
        for context in KeyContext.allCases {
            var owner: [Key: Action] = [:]
            for binding in bindings where binding.context == context {
                for key in binding.keys {
                    guard let other = owner[key], other != binding.action else {
                        owner[key] = binding.action
                        continue
                    }
                    // The later of the user's rebindings that put this key here is the one refused.
                    let involved = rebindings.indices.filter { index in
                        let rebinding = rebindings[index]
                        return refused[index] == nil && [other, binding.action].contains(rebinding.action) && rebinding.keys.contains(key)
                            && (rebinding.context == nil || rebinding.context == context)
                    }
                    guard let index = involved.last else { continue }  // a clash the standard table has itself
                    let kept = rebindings[index].action == other ? binding.action : other
                    return (index, "\(key.label) is bound twice in “\(context.rawValue)”: to \(kept.rawValue) and to \(rebindings[index].action.rawValue)")
                }
            }
        }
        return nil
    }
}

extension Explorer {
    /// The key that lists the corpus's problems, as messages name it.
    static func problemsKey(_ state: State) -> String {
        state.keymap.name(.problems, in: [.workflows], usual: .character("!"))
    }

    /// "Enter keep · Esc clear" for a filter being typed, in the keys of the keymap in force.
    static func keepAndClear(_ state: State) -> String {
        "\(state.keymap.name(.acceptFilter, in: [.filtering], usual: .enter)) keep · \(state.keymap.name(.clear, in: [.filtering], usual: .escape)) clear"
    }
}
