import DossierApp
import DossierModel
import Foundation

// The effects the controller asks for and cannot carry out itself (it does no I/O): editing the
// corpus and reading it again, writing and reading the notes file, the clock and who is writing.
// The key loop (`ExplorerSession`) performs them after each key; tests with real files call them too.

extension NoteStamp {
    /// Now, by `author` when one is configured, else `$USER`, else the account's name; a fresh id.
    public static func now(environment: [String: String], author configured: String? = nil) -> NoteStamp {
        NoteStamp(id: "n-" + UUID().uuidString.lowercased().prefix(13), author: author(environment: environment, configured: configured),
                  at: ISO8601DateFormatter().string(from: Date()))
    }

    /// Who is writing: the configured name, else `$USER`, else (a cron job, a container) the account's name.
    public static func author(environment: [String: String], configured: String?) -> String {
        let author = configured ?? environment["USER"] ?? ""
        return author.isEmpty ? getpwuid(getuid())?.pointee.pw_name.map { String(cString: $0) } ?? "unknown" : author
    }
}

extension Explorer {
    /// Carries out a note change on the notes file (the terminal edge calls this after each key, and
    /// tests with real files): the change is on the disk before the status line says so, and the
    /// notes others appended meanwhile come back with it.
    public static func carryOut(_ pending: PendingNoteEdit, in file: NotesFile?, stamp: NoteStamp, state: State) -> State {
        var state = state
        guard let file else {
            state.message = "Not saved: no notes file"
            return state
        }
        let before = file.notes.first { $0.id == pending.edit.noteID }
        let change: NoteChange
        let inverse: NoteEdit
        let said: String
        switch pending.edit {
        case .add(let request):
            let note = request.note(stamp)
            change = .add(note)
            inverse = .delete(id: note.id)
            said = note.kind == .bookmark ? "Bookmarked (\(state.keymap.name(.showNotes, in: [.panes], usual: .character("6"))) lists bookmarks)" : "Note “\(firstWords(note.text))” saved to \(file.path)"
        case .edit(let id, let text):
            change = .edit(id: id, text: text, author: stamp.author, at: stamp.at)
            inverse = .edit(id: id, text: before?.text ?? text)
            said = "Note changed"
        case .delete(let id):
            let undo = state.keymap.name(.undo, in: [.workflows], usual: .character("u"))
            change = .delete(id: id, author: stamp.author, at: stamp.at)
            inverse = .restore(id: id)
            said = before?.kind == .bookmark ? "Bookmark removed · \(undo) puts it back" : "Note deleted · \(undo) restores it"
        case .restore(let id):
            change = .restore(id: id, author: stamp.author, at: stamp.at)
            inverse = .delete(id: id)
            said = before?.kind == .bookmark ? "Bookmark put back" : "Note restored"
        }
        do {
            try file.append(change)
        } catch {
            state.message = "Not saved: \(error)"
            if pending.isUndo { state.undoStack.append(.note(pending.edit)) }
            return state
        }
        state.notes = file.liveNotes
        if !pending.isUndo { state.undoStack.append(.note(inverse)) }
        state.message = pending.isUndo ? "Undone: \(said.prefix { $0 != "·" }.trimmingCharacters(in: .whitespaces))" : said
        return normalized(state)
    }

    /// Notes another explorer (or `dossier notes add`) appended to the file: shown without a key.
    /// Nil when nothing changed.
    public static func notesChanged(in file: NotesFile, state: State) -> State? {
        guard (try? file.refreshIfChanged()) == true else { return nil }
        var state = state
        state.notes = file.liveNotes
        return normalized(state)
    }

    /// Makes an edit the user asked for through the editing layer (the terminal edge calls this, and
    /// tests with real directories), then shows the corpus as it now is on disk, keeping the user's
    /// place. The status line says what changed; `u` takes it back.
    public static func carryOut(_ request: CorpusEditRequest, editor: CorpusEditor?, state: State) -> State {
        var state = state
        guard let editor else {
            state.message = "This corpus is read-only here: \(state.readOnlyReason)"
            return state
        }
        let outcome: EditOutcome
        let said: String
        do {
            switch request {
            case .attach(let attachment):
                var linked: String?
                outcome = try editor.apply { corpus, record throws(EditError) in
                    // Words an excerpt already quotes are linked to it, not copied (said so below).
                    let plan = try attachment.plan(in: corpus, record: record)
                    linked = plan.linked
                    return plan.edits
                }
                var parts = outcome.added.isEmpty ? [] : ["Added " + outcome.added.map { id in (outcome.corpus.kind(of: id)?.rawValue ?? "record") + " " + id }.joined(separator: ", ")]
                if let linked { parts.append((parts.isEmpty ? "Linked" : "linked") + " excerpt \(linked) (it already quotes these words)") }
                said = parts.joined(separator: ", ") + (attachment.statement.map { " to \($0.id)" } ?? "")
            case .undo(let edits, let what, let logged):
                outcome = try editor.apply(undoing: logged) { _, _ throws(EditError) in edits }
                said = "Undone: " + what
            }
        } catch {
            state.message = "Not changed: " + error.description.replacingOccurrences(of: "\n", with: " · ")
            if case .undo(let edits, let what, let logged) = request { state.undoStack.append(.corpus(edits, what, logged: logged)) }
            return state
        }
        let loaded: LoadedCorpus
        do {
            loaded = try CorpusLoader.load(path: editor.directory, mode: .tolerant)
        } catch {
            state.message = said + ", but the corpus cannot be read again: \(error)"
            return state
        }
        var next = state.reloaded(with: loaded)
        if case .attach = request {
            next.undoStack.append(.corpus(outcome.undo, said.prefix(1).lowercased() + said.dropFirst(), logged: outcome.logged))
        }
        next.editLog.append(said)
        if let log = editor.log { next.loggedEdits = EditLog.read(log.path) }
        next.message = said + (request.isUndo ? "" : " · \(state.keymap.name(.undo, in: [.workflows], usual: .character("u"))) undoes") + (outcome.logProblem.map { " · ⚠ " + $0 } ?? "")
        return normalized(next)
    }

    /// The corpus read again from its directory (another editor changed it), where the user was; nil
    /// when it cannot be read now (the next look tries again).
    public static func reload(_ directory: String, state: State, message: String) -> State? {
        guard let loaded = try? CorpusLoader.load(path: directory, mode: .tolerant) else { return nil }
        var next = state.reloaded(with: loaded)
        // Another editor's change is in the log too (when it is ours: `dossier add` by the same user).
        if let path = state.editLogPath { next.loggedEdits = EditLog.read(path) }
        // A passage being selected (or attached) stays while its article's text is as it was.
        if let passage = state.passage, let before = state.corpus.article(passage.article), let after = loaded.corpus.article(passage.article),
           (try? state.bodies.text(of: before)) == (try? next.bodies.text(of: after)) {
            next.passage = passage
            next.picker = state.picker
        }
        next.message = message
        return normalized(next)
    }
}
