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

    /// The note, written now by whoever runs Dossier (`$USER`, else the account's name), with a fresh
    /// id: what the explorer and `dossier notes add` both save.
    public func note(environment: [String: String]) -> Note {
        let at = ISO8601DateFormatter().string(from: Date())
        var author = environment["USER"] ?? ""
        // No $USER (a cron job, a container): the account's name.
        if author.isEmpty { author = getpwuid(getuid())?.pointee.pw_name.map { String(cString: $0) } ?? "unknown" }
        return Note(id: "n-" + UUID().uuidString.lowercased().prefix(13), kind: kind, target: target, text: text, author: author, created: at, updated: at)
    }
}

extension Explorer {
    /// What `a` writes a note on: in the reader, the selected span's words in its article; elsewhere the
    /// selected record (or the focused row's record in a pane); nil when nothing is selected.
    static func noteTarget(_ state: State) -> NoteTarget? {
        let corpus = state.corpus
        if state.navigation.overlay == nil, state.view == .articles, state.position.focus != .list, let id = state.selectedID() {
            let spans = corpus.excerptsInArticle[id, default: []]
            if !spans.isEmpty, let excerpt = corpus.excerpt(spans[min(max(0, state.position.detail.selected), spans.count - 1)]),
               excerpt.anchor != .unanchored {
                return NoteTarget(record: id, quote: excerpt.passage ?? excerpt.quote, prefix: excerpt.prefix, suffix: excerpt.suffix,
                                  start: excerpt.span.start, end: excerpt.span.end)
            }
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
        state.notePrompt = LineEditor()
        return state
    }

    /// Keys while a note is written: Enter saves, Esc cancels, the rest edits (as every prompt does).
    static func updateNotePrompt(_ state: State, _ key: Key) -> State {
        var state = state
        guard var prompt = state.notePrompt, let target = state.noteTarget else { return state }
        switch edit(&prompt, with: key) {
        case .accepted:
            state.notePrompt = nil
            state.noteTarget = nil
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                state.message = "An empty note is not saved"
            } else {
                state.noteRequest = NoteRequest(target: target, text: text, kind: .note)
            }
        case .cancelled:
            state.notePrompt = nil
            state.noteTarget = nil
            state.message = "Note not saved"
        case .edited:
            state.notePrompt = prompt
        case .unbound:
            return unbound(key, state)
        }
        return state
    }

    /// A record's notes, newest first, as the detail pane shows them.
    static func noteLines(of id: String, state: State) -> [PaneLine] {
        guard let indices = state.notesOfRecord[id], !indices.isEmpty else { return [] }
        var lines: [PaneLine] = [.text("Notes (\(indices.count))", .heading)]
        for index in indices.reversed() {
            let note = state.notes[index]
            var segments = [Segment("  \(note.author), \(note.updated.prefix(10)): ", .label)]
            if let quote = note.target.quote { segments.append(Segment("on “\(quote)”: ", .dim)) }
            segments.append(Segment(note.text))
            // A span note whose words moved, changed or went says so; it is never dropped.
            if let said = NotesOutput.anchorWords(NoteAnchor.resolve(note, in: state.corpus)) { segments.append(Segment(" ⚠ " + said, .warning)) }
            lines.append(PaneLine(segments))
        }
        return lines + [.blank]
    }
}
