import DossierModel

/// The Notes view (`6`): every note and bookmark on the corpus, newest first, filtered as you type;
/// each opens what it is about. A note whose record or words are gone is listed as orphaned.
public struct NotesScreenState: Equatable, Sendable {
    public var place = ScrollState()
    public var filter = ""

    public init() {}
}

extension Explorer {
    /// `6`: the Notes view.
    static func openNotes(_ state: State) -> State {
        var state = state
        if case .notes = state.navigation.overlay { return state }
        remember(&state)
        state.navigation.overlay = .notes(NotesScreenState())
        state.editingFilter = false
        return state
    }

    /// The notes the Notes view lists (indices into `state.notes`): newest change first, those the
    /// filter keeps. Each word of the filter must match: `#tag` a tag (its start), any other word the
    /// note's text, author, kind, the name of its record or its words, or "orphaned".
    public static func listedNotes(_ state: State) -> [Int] {
        let filter: String
        if case .notes(let screen) = state.navigation.overlay { filter = screen.filter } else { filter = "" }
        // Read from the notes' digest (made once a revision); until the bodies it needs are read (the
        // key is handled again when they are), the notes in their order.
        guard let digest = state.notesDigest else { return Array(state.notes.indices.reversed()) }
        return digest.listed(filter: filter)
    }

    /// The note selected in the Notes view.
    static func selectedNote(_ state: State) -> Note? {
        guard case .notes(let screen) = state.navigation.overlay else { return nil }
        let listed = listedNotes(state)
        return listed.indices.contains(screen.place.selected) ? state.notes[listed[screen.place.selected]] : nil
    }

    @Sendable static func performInNotes(_ action: Action, _ state: State) -> State {
        guard case .notes(var screen) = state.navigation.overlay else { return state }
        var state = state
        let count = listedNotes(state).count
        let page = ListWithDetailLayout.notes(width: state.width, height: state.height).listHeight
        switch action {
        case .moveDown: screen.place.move(by: 1, count: count)
        case .moveUp: screen.place.move(by: -1, count: count)
        case .pageDown: screen.place.move(by: page, count: count)
        case .pageUp: screen.place.move(by: -page, count: count)
        case .top: screen.place.selected = 0
        case .bottom: screen.place.selected = count - 1
        case .showArticles, .showActors, .showStatements, .showTimeline, .showMatrix:
            state.navigation.overlay = nil
            state.editingFilter = false
            return performInView(action, on: state)
        case .startFilter:
            state.editingFilter = true
            state.prompt = LineEditor(screen.filter, selectingAll: true)
            return state
        case .acceptFilter:
            state.editingFilter = false
            return state
        case .clear:
            // Esc clears the filter first, then closes.
            guard state.editingFilter || !screen.filter.isEmpty else { return performInAnyOverlay(.clear, state) ?? state }
            state.editingFilter = false
            screen.filter = ""
            screen.place = ScrollState()
        case .follow:
            guard let note = selectedNote(state) else { return state }
            return open(note, from: state)
        case .editNote:
            guard let note = selectedNote(state) else { return noNoteSelected(state) }
            return startEditing(note, state)
        case .deleteNote:
            guard let note = selectedNote(state) else { return noNoteSelected(state) }
            state.request(.changeNote(PendingNoteEdit(edit: .delete(id: note.id), isUndo: false)))
            return state
        case .undo: return undoLast(state)
        case .copy:
            guard let note = selectedNote(state) else { return noNoteSelected(state) }
            state.request(.copy(ClipboardRequest(text: NotesOutput.markdown([note], corpus: state.corpus, body: state.bodyText).trimmingCharacters(in: .newlines),
                                                  what: "the note and what it is about")))
            return state
        default: return performInAnyOverlay(action, state) ?? state
        }
        state.navigation.overlay = .notes(screen)
        return state
    }

    static func noNoteSelected(_ state: State) -> State {
        var state = state
        let keys = state.keymap
        state.message = state.notes.isEmpty
            ? "No notes yet: \(keys.name(.addNote, in: [.workflows], usual: .character("a"))) writes one, \(keys.name(.toggleBookmark, in: [.workflows], usual: .character("b"))) bookmarks"
            : "No note listed: \(keys.name(.clear, in: [.notes], usual: .escape)) clears the filter"
        return state
    }

    /// While the filter is typed.
    static func setNotesFilter(_ text: String, _ state: inout State) {
        guard case .notes(var screen) = state.navigation.overlay else { return }
        if screen.filter != text { screen.place = ScrollState() }
        screen.filter = text
        state.navigation.overlay = .notes(screen)
    }

    /// Enter on a note: what it is about; a span note opens its article at its words (where they are
    /// now, if they moved). A note whose record is gone says so and stays.
    static func open(_ note: Note, from state: State) -> State {
        var state = state
        let anchor = state.noteAnchor(note)
        guard let kind = state.corpus.kind(of: note.target.record) else {
            state.message = "“\(note.target.record)” is no longer in the corpus: the note is kept, orphaned"
            return state
        }
        switch kind {
        case .actor: return jump(state, to: .actor(note.target.record))
        case .statement:
            var next = jump(state, to: .statement(note.target.record))
            // A note on a signatory or a count: that row selected.
            if let part = note.target.part {
                let lines = detailLines(next)
                let rows = PaneContent.selectable(lines)
                if let row = rows.firstIndex(where: { lines[$0].noteTarget?.part == part }) { next.position.detail.selected = row }
            }
            return normalized(next)
        case .event: return jump(state, to: .event(note.target.record))
        case .excerpt: return jump(state, to: .excerpt(note.target.record))
        case .article:
            remember(&state)
            state.navigation.overlay = nil
            state.editingFilter = false
            select(note.target.record, in: .articles, state: &state)
            state.positions[.articles]?.focus = .detail
            let span: TextSpan?
            switch anchor {
            case .span(let found, _), .drifted(let found, _): span = found
            case .record, .orphaned: span = nil
            }
            if let span, let reader = reader(of: state) {
                // The excerpt span that holds the words, if one does, becomes the selected span.
                let spans = state.corpus.excerptsInArticle[note.target.record, default: []].compactMap(state.corpus.excerpt)
                if let holding = spans.firstIndex(where: { $0.span.start <= span.start && span.end <= $0.span.end }) {
                    state.positions[.articles]?.detail.selected = holding
                }
                let line = reader.content.header.count + reader.content.body.line(containingUTF8: span.utf8Start)
                state.positions[.articles]?.detail.top = max(0, line - 2)
                state.positions[.articles]?.detail.cursor = line
            }
            if case .orphaned(let why) = anchor { state.message = "The note's words are not found: \(why)" }
            return state
        }
    }

    @Sendable static func normalizedNotes(_ state: State) -> State {
        guard case .notes(var screen) = state.navigation.overlay else { return state }
        var state = state
        let count = listedNotes(state).count
        screen.place.clampSelection(count: count)
        let layout = ListWithDetailLayout.notes(width: state.width, height: state.height)
        screen.place.reveal(screen.place.selected...screen.place.selected, height: layout.listHeight, lineCount: count)
        state.navigation.overlay = .notes(screen)
        return state
    }

    /// The notes listed, as a table for Ctrl-S.
    static func notesTable(_ state: State) -> ExportTable {
        let rows = listedNotes(state).map { index -> [String] in
            let note = state.notes[index]
            let anchor = state.noteAnchor(note)
            return [note.id, note.kind.rawValue, note.target.record, state.corpus.name(of: note.target.record) ?? "", note.target.quote ?? "",
                    note.text, note.tags.joined(separator: " "), note.author, note.created, note.updated, NotesOutput.anchorName(anchor)]
        }
        return ExportTable(columns: ["id", "kind", "record", "name", "quote", "text", "tags", "author", "created", "updated", "anchor"], rows: rows)
    }
}

extension Screens {
    static func notes(_ state: State, into grid: inout Grid) {
        guard case .notes(let screen) = state.navigation.overlay else { return }
        let layout = ListWithDetailLayout.notes(width: state.width, height: state.height)
        let listed = Explorer.listedNotes(state)
        let bookmarks = state.madeNotesDigest?.bookmarks ?? state.notes.filter { $0.kind == .bookmark }.count
        var heading = "Notes: \(state.notes.count - bookmarks) note\(state.notes.count - bookmarks == 1 ? "" : "s"), \(bookmarks) bookmark\(bookmarks == 1 ? "" : "s")"
        if !screen.filter.isEmpty { heading += " · \(listed.count) match “\(screen.filter)”" }
        title(heading + " · newest first", state: state, into: &grid)
        if listed.isEmpty {
            let keys = state.keymap
            let text = state.notes.isEmpty
                ? "No notes yet. In any view, \(keys.name(.addNote, in: [.workflows], usual: .character("a"))) writes a note on the selected record (in the reader, on the selected span); "
                    + "\(keys.name(.toggleBookmark, in: [.workflows], usual: .character("b"))) bookmarks it."
                : "No note matches “\(screen.filter)”. \(keys.name(.clear, in: [.notes], usual: .escape)) clears the filter."
            for (offset, line) in wrapLines(text, width: max(1, state.width - 2)).prefix(layout.listHeight).enumerated() {
                grid.put(line, x: 1, y: ListWithDetailLayout.listTop + offset, limit: state.width - 1, role: .dim)
            }
        }
        let shown = Array(listed.dropFirst(screen.place.top).prefix(layout.listHeight))
        let anchors = Dictionary(uniqueKeysWithValues: shown.map { ($0, state.noteAnchor(state.notes[$0])) })
        // Columns as wide as the rows on screen need: author, then what the note is about (a record
        // gone is "⚠ orphaned"), then the note's words in what is left.
        func about(_ index: Int) -> String {
            let note = state.notes[index]
            let record = state.corpus.name(of: note.target.record) ?? note.target.record
            let part = note.target.part.map { NotesOutput.partWords($0, corpus: state.corpus) + " · " } ?? ""
            return (anchors[index]?.isOrphaned == true ? "⚠ orphaned: " : "") + part + record
        }
        let authorWidth = min(10, shown.map { DisplayWidth.of(state.notes[$0].author) }.max() ?? 0)
        let aboutWidth = min(shown.map { DisplayWidth.of(about($0)) }.max() ?? 0, max(8, (state.width - 18 - authorWidth) * 2 / 5))
        for (offset, index) in shown.enumerated() {
            let note = state.notes[index]
            let y = ListWithDetailLayout.listTop + offset
            let selected = offset + screen.place.top == screen.place.selected
            func role(_ preferred: Role) -> Role { selected ? .selection : preferred }
            if selected { grid.fill(Rect(x: 0, y: y, width: state.width, height: 1), role: .selection) }
            var x = grid.put(selected ? String(state.glyphs.selectedRow) + " " : "  ", x: 0, y: y, limit: state.width, role: role(.normal))
            x += grid.put(String(note.kind == .bookmark ? state.glyphs.bookmark : state.glyphs.note) + " ", x: x, y: y, limit: state.width - x, role: role(.label))
            x += grid.put(String(note.updated.prefix(10)) + "  ", x: x, y: y, limit: state.width - x, role: role(.dim))
            x += grid.put(DisplayWidth.pad(DisplayWidth.truncate(note.author, to: authorWidth), to: authorWidth) + "  ", x: x, y: y,
                          limit: state.width - x, role: role(.dim))
            x += grid.put(DisplayWidth.pad(DisplayWidth.truncate(about(index), to: aboutWidth), to: aboutWidth) + "  ", x: x, y: y,
                          limit: state.width - x, role: role(anchors[index]?.isOrphaned == true ? .warning : .heading))
            let words = note.text.isEmpty ? (note.target.quote.map { "“\($0)”" } ?? "") : note.text.replacingOccurrences(of: "\n", with: " ⏎ ")
            if state.width > x { grid.put(DisplayWidth.truncate(words, to: state.width - x), x: x, y: y, limit: state.width - x, role: role(.normal)) }
        }
        grid.fill(Rect(x: 0, y: layout.ruleY, width: state.width, height: 1), with: state.glyphs.horizontal, role: .border)
        guard let note = Explorer.selectedNote(state) else { return }
        // The selected note whole: what it is about, where its words are now, its text line by line.
        var lines: [(String, Role)] = []
        let width = max(1, state.width - 2)
        let kind = note.kind == .bookmark ? "Bookmark" : "Note"
        let edited = note.updated != note.created ? " (changed \(note.updated.prefix(16).replacingOccurrences(of: "T", with: " ")))" : ""
        let resolved = state.resolvedNote(note)
        let anchor = resolved.anchor
        lines += wrapLines("\(kind) by \(note.author), \(note.created.prefix(16).replacingOccurrences(of: "T", with: " "))\(edited) on \(NotesOutput.about(note, resolved: resolved, corpus: state.corpus))",
                           width: width).map { ($0, Role.label) }
        if let said = NotesOutput.anchorWords(anchor) {
            lines += wrapLines("⚠ " + said, width: width).map { ($0, Role.warning) }
        }
        for paragraph in note.text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += wrapLines(String(paragraph), width: width).map { ($0, Role.normal) }
        }
        for (offset, line) in lines.prefix(layout.detailHeight).enumerated() {
            grid.put(line.0, x: 1, y: layout.ruleY + 1 + offset, limit: state.width - 1, role: line.1)
        }
    }
}

extension ScreenOps {
    /// How the screen table runs the Notes (`6`) screen: its key contexts, keys, positions and drawing.
    static let notes = ScreenOps(contexts: [.notes, .everywhere, .panes], takesTyping: false, perform: Explorer.performInNotes,
                                   normalize: Explorer.normalizedNotes, draw: { state, grid in Screens.notes(state, into: &grid) })
}

extension Screens {
    /// Where the status line says the user is.
    static func notesWhere(_ screen: NotesScreenState, state: State) -> String {
        let count = Explorer.listedNotes(state).count
        return "Notes \(count == 0 ? 0 : min(screen.place.selected + 1, count))/\(count)" + (screen.filter.isEmpty ? "" : " · filter: \(screen.filter)")
    }
}
