import DossierModel

/// What the controller asks the edge to do, as a value: `Explorer.update` returns these with the next
/// state, and only the terminal edge (DossierTerminal) carries them out, handing what came of them back
/// as an `ExplorerEvent`. The controller itself opens no file, reads no clock and asks nobody's name.
public enum Effect: Equatable, Sendable {
    /// `q`, Ctrl-C: the session ends.
    case quit
    /// Ctrl-L: the terminal repaints every cell, not only the changed ones.
    case redrawAll
    /// `y`, `Y`: text for the clipboard (OSC 52) and the copies file. Comes back as `.reported`.
    case copy(ClipboardRequest)
    /// `e` then a name: a file to write. Comes back as `.reported`.
    case export(ExportRequest)
    /// A note added, changed, deleted or restored: the edge stamps it (id, author, clock), appends it to
    /// the notes file and answers with `.noteSaved`.
    case changeNote(PendingNoteEdit)
    /// A change to the corpus through the editing layer; answered with `.corpusEdited`.
    case editCorpus(CorpusEditRequest)
    /// Article bodies kept in their files, which the next frame shows or the event being handled
    /// needs (it is then put off and handled again); answered with `.bodiesRead`.
    case readBodies([Article])
}

/// What reaches the controller: keys, and what came of the work the edge did.
public enum ExplorerEvent: Sendable {
    case key(Key)
    /// The background load finished: the full corpus replaces the articles-only preview, keeping
    /// where the user is.
    case loaded(State)
    /// The edge's words for a copy or an export it carried out, for the status line.
    case reported(String)
    /// A note change written to the notes file (or why it was not).
    case noteSaved(NoteSaved)
    /// A corpus edit made and the corpus read again (or why not).
    case corpusEdited(CorpusEdited)
    /// Another explorer (or `dossier notes add`) appended to the notes file: the notes as they are now.
    case notesChanged([Note])
    /// Another editor changed the corpus on disk: the corpus as it is now, the edit log read again
    /// (nil when there is no log), and the words for the status line.
    case corpusChanged(ReadCorpus, loggedEdits: [EditLogEntry]?, message: String)
    /// The bodies asked for with `.readBodies`, as read.
    case bodiesRead([BodyRead])
    /// Nothing happened, but the edge is about to show a state it set itself (the first frame, a
    /// place restored, the corpus read again): the controller asks for what that frame shows.
    case settle
}

/// A corpus the edge read again (after an edit, or another editor's), with its search index made
/// there: making it folds every article body, which is reading them.
public struct ReadCorpus: Sendable {
    public var loaded: LoadedCorpus
    public var search: SearchIndex

    public init(loaded: LoadedCorpus, search: SearchIndex) {
        self.loaded = loaded
        self.search = search
    }
}

/// An event put off until the bodies it needs are read (boxed: an event may hold a state).
final class AwaitedEvent: Sendable {
    let event: ExplorerEvent

    init(_ event: ExplorerEvent) {
        self.event = event
    }
}

/// A note change as the edge carried it out: the stamp it gave it, the note as it was before, and the
/// notes file's live notes afterwards (or why nothing was saved).
public struct NoteSaved: Sendable {
    public var pending: PendingNoteEdit
    public var stamp: NoteStamp
    public var before: Note?
    public var path: String
    public var outcome: Result<[Note], EdgeFailure>

    public init(pending: PendingNoteEdit, stamp: NoteStamp, before: Note?, path: String, outcome: Result<[Note], EdgeFailure>) {
        self.pending = pending
        self.stamp = stamp
        self.before = before
        self.path = path
        self.outcome = outcome
    }
}

/// A corpus edit as the edge carried it out.
public struct CorpusEdited: Sendable {
    /// What the editing layer did: the record edits that undo it, its log entry, the records it added
    /// ("actor x-new") and the excerpt it linked instead of copying, and the corpus read again.
    public struct Applied: Sendable {
        public var undo: [RecordEdit]
        public var logged: EditLogEntry?
        public var logProblem: String?
        public var added: [String]
        public var linked: String?
        public var reloaded: Result<ReadCorpus, EdgeFailure>
        public var loggedEdits: [EditLogEntry]?

        public init(undo: [RecordEdit], logged: EditLogEntry?, logProblem: String?, added: [String], linked: String?,
                    reloaded: Result<ReadCorpus, EdgeFailure>, loggedEdits: [EditLogEntry]?) {
            self.undo = undo
            self.logged = logged
            self.logProblem = logProblem
            self.added = added
            self.linked = linked
            self.reloaded = reloaded
            self.loggedEdits = loggedEdits
        }
    }

    public var request: CorpusEditRequest
    public var outcome: Result<Applied, EdgeFailure>

    public init(request: CorpusEditRequest, outcome: Result<Applied, EdgeFailure>) {
        self.request = request
        self.outcome = outcome
    }
}

/// Why the edge could not do what was asked, in words for the status line.
public enum EdgeFailure: Error, Sendable, Equatable {
    /// There is no notes file, or no editor for this corpus.
    case unavailable
    case failed(String)
}

extension Explorer {
    /// The one entry point of the controller: the next state for an event, and the effects it asks for.
    /// The state handed back holds no effect; the edge carries out the list, in order.
    ///
    /// An event whose handling looks for an article body the edge has not read (a key that opens an
    /// article, moves in one, or finds in it) is put off: the state is handed back as it was, with
    /// `.readBodies`, and the event is handled again, once, when `.bodiesRead` brings them.
    public static func update(_ state: State, _ event: ExplorerEvent) -> (State, [Effect]) {
        if case .bodiesRead(let read) = event {
            var next = state
            next.bodyTexts.keep(read, shown: Set(articlesOnScreen(state).map(\.body)))
            guard let awaited = next.awaiting else { return handled(next, .settle, again: false) }
            next.awaiting = nil
            return handled(next, awaited.event, again: true)
        }
        return handled(state, event, again: false)
    }

    /// `update` for one event; `again`: the event was put off for bodies, which have come.
    private static func handled(_ state: State, _ event: ExplorerEvent, again: Bool) -> (State, [Effect]) {
        var state = state
        state.bodyMisses = BodyMisses()
        var next: State
        switch event {
        case .key(let key): next = update(state, key)
        case .loaded(let full): next = state.adopting(full)
        case .reported(let words):
            next = state
            next.message = words
        case .noteSaved(let saved): next = noteSaved(saved, state: state)
        case .corpusEdited(let edited): next = corpusEdited(edited, state: state)
        case .notesChanged(let notes):
            next = state
            next.notes = notes
            next = normalized(next)
        case .corpusChanged(let loaded, let loggedEdits, let message): next = corpusChanged(loaded, loggedEdits: loggedEdits, message: message, state: state)
        case .bodiesRead, .settle: next = state
        }
        var missed = state.bodyMisses.take()
        if next.bodyMisses !== state.bodyMisses { missed += next.bodyMisses.take() }
        if !missed.isEmpty && !again {
            var waiting = state
            waiting.awaiting = AwaitedEvent(event)
            return (waiting, [.readBodies(unread(missed, in: state))])
        }
        var effects = next.outbox
        next.outbox = []
        let unshown = unread(articlesOnScreen(next), in: next)
        if !unshown.isEmpty { effects.append(.readBodies(unshown)) }
        return (next, effects)
    }

    /// The notes-file change a pending edit makes, given the stamp the edge chose (pure: the edge appends
    /// exactly this).
    public static func noteChange(_ pending: PendingNoteEdit, stamp: NoteStamp) -> NoteChange {
        switch pending.edit {
        case .add(let request): return .add(request.note(stamp))
        case .edit(let id, let text): return .edit(id: id, text: text, author: stamp.author, at: stamp.at)
        case .delete(let id): return .delete(id: id, author: stamp.author, at: stamp.at)
        case .restore(let id): return .restore(id: id, author: stamp.author, at: stamp.at)
        }
    }

    /// A note change is on the disk before the status line says so; the notes others appended meanwhile
    /// come back with it.
    static func noteSaved(_ saved: NoteSaved, state: State) -> State {
        var state = state
        let pending = saved.pending
        let before = saved.before
        let inverse: NoteEdit
        let said: String
        switch pending.edit {
        case .add(let request):
            let note = request.note(saved.stamp)
            inverse = .delete(id: note.id)
            said = note.kind == .bookmark ? "Bookmarked (\(state.keymap.name(.showNotes, in: [.panes], usual: .character("6"))) lists bookmarks)" : "Note “\(firstWords(note.text))” saved to \(saved.path)"
        case .edit(let id, let text):
            inverse = .edit(id: id, text: before?.text ?? text)
            said = "Note changed"
        case .delete(let id):
            let undo = state.keymap.name(.undo, in: [.workflows], usual: .character("u"))
            inverse = .restore(id: id)
            said = before?.kind == .bookmark ? "Bookmark removed · \(undo) puts it back" : "Note deleted · \(undo) restores it"
        case .restore(let id):
            inverse = .delete(id: id)
            said = before?.kind == .bookmark ? "Bookmark put back" : "Note restored"
        }
        switch saved.outcome {
        case .failure(let failure):
            state.message = failure == .unavailable ? "Not saved: no notes file" : "Not saved: \(failure.words)"
            if pending.isUndo { state.undoStack.append(.note(pending.edit)) }
            return state
        case .success(let notes):
            state.notes = notes
        }
        if !pending.isUndo { state.undoStack.append(.note(inverse)) }
        state.message = pending.isUndo ? "Undone: \(said.prefix { $0 != "·" }.trimmingCharacters(in: .whitespaces))" : said
        return normalized(state)
    }

    /// An edit made through the editing layer, and the corpus as it now is on disk, where the user was.
    /// The status line says what changed; `u` takes it back.
    static func corpusEdited(_ edited: CorpusEdited, state: State) -> State {
        var state = state
        let request = edited.request
        let applied: CorpusEdited.Applied
        switch edited.outcome {
        case .failure(.unavailable):
            state.message = "This corpus is read-only here: \(state.readOnlyReason)"
            return state
        case .failure(let failure):
            state.message = "Not changed: " + failure.words.replacingOccurrences(of: "\n", with: " · ")
            if case .undo(let edits, let what, let logged) = request { state.undoStack.append(.corpus(edits, what, logged: logged)) }
            return state
        case .success(let done):
            applied = done
        }
        let said: String
        switch request {
        case .attach(let attachment):
            var parts = applied.added.isEmpty ? [] : ["Added " + applied.added.joined(separator: ", ")]
            if let linked = applied.linked { parts.append((parts.isEmpty ? "Linked" : "linked") + " excerpt \(linked) (it already quotes these words)") }
            said = parts.joined(separator: ", ") + (attachment.statement.map { " to \($0.id)" } ?? "")
        case .undo(_, let what, _):
            said = "Undone: " + what
        }
        let loaded: ReadCorpus
        switch applied.reloaded {
        case .failure(let failure):
            state.message = said + ", but the corpus cannot be read again: \(failure.words)"
            return state
        case .success(let corpus):
            loaded = corpus
        }
        var next = state.reloaded(with: loaded)
        if case .attach = request {
            next.undoStack.append(.corpus(applied.undo, said.prefix(1).lowercased() + said.dropFirst(), logged: applied.logged))
        }
        next.editLog.append(said)
        if let logged = applied.loggedEdits { next.loggedEdits = logged }
        next.message = said + (request.isUndo ? "" : " · \(state.keymap.name(.undo, in: [.workflows], usual: .character("u"))) undoes")
            + (applied.logProblem.map { " · ⚠ " + $0 } ?? "")
        return normalized(next)
    }

    /// The corpus read again from its directory (another editor changed it), where the user was.
    static func corpusChanged(_ loaded: ReadCorpus, loggedEdits: [EditLogEntry]?, message: String, state: State) -> State {
        var next = state.reloaded(with: loaded)
        if let loggedEdits { next.loggedEdits = loggedEdits }
        // A passage being selected (or attached) stays while its article's text is as it was.
        if let passage = state.passage, let before = state.corpus.article(passage.article), let after = loaded.loaded.corpus.article(passage.article),
           case .success(let was)? = state.bodyText(of: before), case .success(let now)? = next.bodyText(of: after), was == now {
            next.passage = passage
            next.picker = state.picker
        }
        next.message = message
        return normalized(next)
    }
}

extension EdgeFailure {
    var words: String {
        switch self {
        case .unavailable: return "not available here"
        case .failed(let words): return words
        }
    }
}

extension State {
    /// Asks the edge for an effect, handed out by `Explorer.update` when the event has been handled.
    mutating func request(_ effect: Effect) {
        outbox.append(effect)
    }
}
