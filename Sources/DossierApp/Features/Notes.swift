import DossierModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A note for the terminal edge to save: what it is about and its words (the edge gives it its id,
/// author and time, so the controller stays deterministic).
public struct NoteRequest: Equatable, Sendable {
    public var target: NoteTarget
    public var text: String
    public var kind: Note.Kind

    public init(target: NoteTarget, text: String, kind: Note.Kind) {
        self.target = target
        self.text = text
        self.kind = kind
    }

    /// The note, written now by whoever runs Dossier, with a fresh id: what the explorer and
    /// `dossier notes add` both save.
    public func note(_ stamp: NoteStamp) -> Note {
        Note(id: stamp.id, kind: kind, target: target, text: text, author: stamp.author, created: stamp.at, updated: stamp.at)
    }
}

/// Who changes a note, when, and the id a new note gets: the part of a change the controller cannot
/// know (it is pure), given by the edge that carries the change out.
public struct NoteStamp: Equatable, Sendable {
    public var id: String
    public var author: String
    public var at: String

    public init(id: String, author: String, at: String) {
        self.id = id
        self.author = author
        self.at = at
    }

}

/// A change to the notes the user asked for, waiting for the edge to carry it out.
public enum NoteEdit: Equatable, Sendable {
    case add(NoteRequest)
    case edit(id: String, text: String)
    case delete(id: String)
    case restore(id: String)
}

public struct PendingNoteEdit: Equatable, Sendable {
    public var edit: NoteEdit
    /// Set by `u`: carrying it out takes a change back, so it is not itself put on the undo list.
    public var isUndo: Bool

    public init(edit: NoteEdit, isUndo: Bool) {
        self.edit = edit
        self.isUndo = isUndo
    }
}

extension Explorer {
    /// What `a` and `b` are about: in the reader, the selected span's words in its article; elsewhere
    /// the selected record (or the focused row's record in a pane); nil when nothing is selected.
    static func noteTarget(_ state: State) -> NoteTarget? {
        let corpus = state.corpus
        if state.navigation.overlay == nil, state.view == .articles, state.position.focus != .list, let id = state.selectedID() {
            // A passage being selected is what the reader marks: the note is on its words.
            if let passage = state.passage, passage.article == id, let body = readerBody(state)?.text {
                let bytes = Array(body.utf8)
                guard passage.range.upperBound <= bytes.count else { return NoteTarget(record: id) }
                let start = bytes[..<passage.range.lowerBound].withUnsafeBufferPointer { QuoteResolver.scalarCount($0) }
                let words = String(decoding: bytes[passage.range], as: UTF8.self)
                return NoteTarget(record: id, quote: words, start: start, end: start + words.unicodeScalars.count)
            }
            if let excerptID = readerSpan(state), let excerpt = corpus.excerpt(excerptID), excerpt.anchor != .unanchored {
                return NoteTarget(record: id, quote: excerpt.quote, prefix: excerpt.prefix, suffix: excerpt.suffix,
                                  start: excerpt.span.start, end: excerpt.span.end)
            }
        }
        // A row of a detail pane that is a part of the record (a signatory, a count) or another record
        // (an excerpt): the note is on that.
        if state.navigation.overlay == nil, state.view != .articles, state.view != .matrix, state.position.focus == .detail {
            let lines = detailLines(state)
            if let line = PaneContent.selectedLine(lines, selection: state.position.detail.selected), let target = lines[line].noteTarget {
                return target
            }
        }
        // The source pane quotes excerpts: the note is on the one it shows (as y copies it).
        if state.navigation.overlay == nil, state.view != .articles, state.view != .matrix, state.position.focus == .source,
           let excerpt = sourceExcerpt(state) {
            return NoteTarget(record: excerpt)
        }
        // A profile's selected row, as a detail pane's.
        if case .profiles(let profiles) = state.navigation.overlay, let (lines, line) = profileRow(profiles, state: state) {
            return lines[line].noteTarget ?? NoteTarget(record: profiles.records[profiles.focus])
        }
        return recordToCopy(state).map { NoteTarget(record: $0) }
    }

    /// `a`: asks for the note's words.
    static func startNote(_ state: State) -> State {
        var state = state
        guard let target = noteTarget(state) else {
            state.message = "Nothing selected to write a note on"
            return state
        }
        state.noteTarget = target
        state.noteBeingEdited = nil
        state.notePrompt = LineEditor(multiline: true)
        return state
    }

    /// `e` in the Notes view: the note's words, to change.
    static func startEditing(_ note: Note, _ state: State) -> State {
        var state = state
        state.noteTarget = note.target
        state.noteBeingEdited = note.id
        state.notePrompt = LineEditor(note.text, multiline: true)
        return state
    }

    /// Keys while a note is written: Enter saves, Alt-Enter starts a line, Esc cancels, the rest edits
    /// (as every prompt does).
    static func updateNotePrompt(_ state: State, _ key: Key) -> State {
        var state = state
        guard var prompt = state.notePrompt, let target = state.noteTarget else { return state }
        let editing = state.noteBeingEdited
        switch edit(&prompt, with: key, keymap: state.keymap) {
        case .accepted:
            state.notePrompt = nil
            state.noteTarget = nil
            state.noteBeingEdited = nil
            // Spaces and blank lines around the words are not part of them.
            let text = prompt.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let id = editing {
                if text.isEmpty {
                    state.message = "A note cannot be emptied: d deletes it"
                } else if text == state.notes.first(where: { $0.id == id })?.text {
                    state.message = "The note is unchanged"
                } else {
                    state.request(.changeNote(PendingNoteEdit(edit: .edit(id: id, text: text), isUndo: false)))
                }
            } else if text.isEmpty {
                state.message = "An empty note is not saved"
            } else {
                state.request(.changeNote(PendingNoteEdit(edit: .add(NoteRequest(target: target, text: text, kind: .note)), isUndo: false)))
            }
        case .cancelled:
            state.notePrompt = nil
            state.noteTarget = nil
            state.noteBeingEdited = nil
            state.message = editing == nil ? "Note not saved" : "The note is as it was"
        case .edited:
            state.notePrompt = prompt
        case .unbound:
            return unbound(key, state)
        }
        return state
    }

    /// `b`: bookmarks what `a` would write on, or removes the bookmark it has.
    static func toggleBookmark(_ state: State) -> State {
        var state = state
        guard let target = noteTarget(state) else {
            state.message = "Nothing selected to bookmark"
            return state
        }
        if let bookmark = state.notes.first(where: { $0.kind == .bookmark && $0.target.record == target.record && $0.target.quote == target.quote
                                                     && $0.target.part == target.part }) {
            state.request(.changeNote(PendingNoteEdit(edit: .delete(id: bookmark.id), isUndo: false)))
        } else {
            state.request(.changeNote(PendingNoteEdit(edit: .add(NoteRequest(target: target, text: "", kind: .bookmark)), isUndo: false)))
        }
        return state
    }

    /// The first words of a note, for the status line.
    public static func firstWords(_ text: String) -> String {
        let line = text.prefix { !$0.isNewline }
        return line.count > 24 ? String(line.prefix(23)) + "…" : String(line)
    }

    /// A record's notes, newest first, as the detail pane shows them, and who bookmarked it.
    static func noteLines(of id: String, state: State) -> [PaneLine] {
        guard let indices = state.notesOfRecord[id], !indices.isEmpty else { return [] }
        let notes = indices.map { state.notes[$0] }.filter { $0.kind == .note || !$0.text.isEmpty }
        let bookmarks = indices.map { state.notes[$0] }.filter { $0.kind == .bookmark }
        var lines: [PaneLine] = []
        if !notes.isEmpty { lines.append(.text("Notes (\(notes.count))", .heading)) }
        for note in notes.reversed() {
            var segments = [Segment("  \(note.author), \(note.updated.prefix(10)): ", .label)]
            if let quote = note.target.quote { segments.append(Segment("on “\(quote)”: ", .dim)) }
            if let part = note.target.part { segments.append(Segment("on \(NotesOutput.partWords(part, corpus: state.corpus)): ", .dim)) }
            // A note's own line breaks are kept; each line wraps on its own.
            let paragraphs = note.text.split(separator: "\n", omittingEmptySubsequences: false)
            segments.append(Segment(String(paragraphs[0])))
            // A span note whose words moved, changed or went says so; it is never dropped.
            let warning = NotesOutput.anchorWords(state.noteAnchor(note)).map { Segment(" ⚠ " + $0, .warning) }
            if paragraphs.count == 1, let warning { segments.append(warning) }
            lines.append(PaneLine(segments))
            for (number, paragraph) in paragraphs.enumerated().dropFirst() {
                var line = PaneLine([Segment("    " + paragraph)])
                if number == paragraphs.count - 1, let warning { line.segments.append(warning) }
                lines.append(line)
            }
        }
        for bookmark in bookmarks.reversed() {
            let on = bookmark.target.quote.map { " on “\($0)”" } ?? bookmark.target.part.map { " on " + NotesOutput.partWords($0, corpus: state.corpus) } ?? ""
            lines.append(PaneLine([Segment("\(state.glyphs.bookmark) Bookmarked\(on) by \(bookmark.author), \(bookmark.updated.prefix(10))", .label)]))
        }
        return lines.isEmpty ? [] : lines + [.blank]
    }
}

extension NoteEdit {
    public var noteID: String? {
        switch self {
        case .add: return nil
        case .edit(let id, _), .delete(let id), .restore(let id): return id
        }
    }
}
