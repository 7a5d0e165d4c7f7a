import DossierApp
import DossierModel
import Foundation

// The effects the controller asks for and cannot carry out itself (it does no I/O): editing the
// corpus and reading it again, writing and reading the notes file, the clock and who is writing.
// Each is carried out here and answered with an `ExplorerEvent` that goes back through `Explorer.update`; the
// key loop (`ExplorerSession`) does that after each key, and tests with real files call these too.

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
    /// Carries out a note change on the notes file: stamps it, appends it (on the disk before the
    /// status line says so) and answers with the notes as the file now holds them.
    public static func perform(_ pending: PendingNoteEdit, in file: NotesFile?, stamp: NoteStamp) -> ExplorerEvent {
        guard let file else {
            return .noteSaved(NoteSaved(pending: pending, stamp: stamp, before: nil, path: "", outcome: .failure(.unavailable)))
        }
        let before = file.notes.first { $0.id == pending.edit.noteID }
        let outcome: Result<[Note], EdgeFailure>
        do {
            try file.append(noteChange(pending, stamp: stamp))
            outcome = .success(file.liveNotes)
        } catch {
            outcome = .failure(.failed("\(error)"))
        }
        return .noteSaved(NoteSaved(pending: pending, stamp: stamp, before: before, path: file.path, outcome: outcome))
    }

    /// Makes an edit through the editing layer, then reads the corpus again from its directory.
    public static func perform(_ request: CorpusEditRequest, editor: CorpusEditor?) -> ExplorerEvent {
        guard let editor else { return .corpusEdited(CorpusEdited(request: request, outcome: .failure(.unavailable))) }
        let outcome: EditOutcome
        var linked: String?
        do {
            switch request {
            case .attach(let attachment):
                outcome = try editor.apply { corpus, record throws(EditError) in
                    // Words an excerpt already quotes are linked to it, not copied (the status line says so).
                    let plan = try attachment.plan(in: corpus, record: record)
                    linked = plan.linked
                    return plan.edits
                }
            case .undo(let edits, _, let logged):
                outcome = try editor.apply(undoing: logged) { _, _ throws(EditError) in edits }
            }
        } catch {
            return .corpusEdited(CorpusEdited(request: request, outcome: .failure(.failed(error.description))))
        }
        let reloaded: Result<ReadCorpus, EdgeFailure>
        do {
            reloaded = .success(readCorpus(try CorpusLoader.load(path: editor.directory, mode: .tolerant)))
        } catch {
            reloaded = .failure(.failed("\(error)"))
        }
        let added = outcome.added.map { id in (outcome.corpus.kind(of: id)?.rawValue ?? "record") + " " + id }
        return .corpusEdited(CorpusEdited(request: request, outcome: .success(CorpusEdited.Applied(
            undo: outcome.undo, logged: outcome.logged, logProblem: outcome.logProblem, added: added, linked: linked,
            reloaded: reloaded, loggedEdits: editor.log.map { EditLog.read($0.path) }))))
    }

    /// A corpus read again, with its search index (which reads every body to fold it).
    static func readCorpus(_ loaded: LoadedCorpus) -> ReadCorpus {
        ReadCorpus(loaded: loaded, search: SearchIndex(corpus: loaded.corpus))
    }

    /// How many times one event's answers may ask for bodies again. One key asks at most twice (the
    /// bodies its work needs, then those its frame shows); past this the edge stops reading and the
    /// frame says "Reading…" where a body is missing, rather than hang on a controller that keeps asking
    /// (a tall search screen once pushed its own bodies out, a batch at a time, for ever).
    public static let bodyReadsPerEvent = 4

    /// Reads the article bodies the controller asked for, from their files (or why not: the file
    /// changed since the corpus was loaded).
    public static func perform(reading articles: [Article]) -> ExplorerEvent {
        .bodiesRead(articles.map { article in
            BodyRead(article: article, text: Result { () throws(ArticleBody.Unreadable) in try article.body.text() })
        })
    }

    /// Notes another explorer (or `dossier notes add`) appended to the file; nil when nothing changed.
    public static func notesChanged(in file: NotesFile) -> ExplorerEvent? {
        guard (try? file.refreshIfChanged()) == true else { return nil }
        return .notesChanged(file.liveNotes)
    }

    /// The corpus read again from its directory (another editor changed it); nil when it cannot be
    /// read now (the next look tries again).
    public static func corpusChanged(in directory: String, editLogPath: String?, message: String) -> ExplorerEvent? {
        guard let loaded = try? CorpusLoader.load(path: directory, mode: .tolerant) else { return nil }
        // Another editor's change is in the log too (when it is ours: `dossier add` by the same user).
        return .corpusChanged(readCorpus(loaded), loggedEdits: editLogPath.map { EditLog.read($0) }, message: message)
    }

    /// The controller's answer to `event`, with the bodies it asks for read and handed back (which may
    /// ask for more): the state ready to be drawn, and the other effects, not carried out.
    public static func updateReadingBodies(_ state: State, _ event: ExplorerEvent) -> (State, [Effect]) {
        var (state, effects) = update(state, event)
        var others: [Effect] = []
        var reads = 0
        while !effects.isEmpty {
            let effect = effects.removeFirst()
            guard case .readBodies(let articles) = effect else {
                others.append(effect)
                continue
            }
            // As the key loop does: a controller that kept asking would otherwise never let go.
            reads += 1
            guard reads <= bodyReadsPerEvent else { continue }
            let more: [Effect]
            (state, more) = update(state, perform(reading: articles))
            effects.insert(contentsOf: more, at: 0)
        }
        return (state, others)
    }

    // What the key loop does with each effect, for tests with real files: carry it out, then let the
    // controller take in what came of it.

    public static func carryOut(_ pending: PendingNoteEdit, in file: NotesFile?, stamp: NoteStamp, state: State) -> State {
        updateReadingBodies(state, perform(pending, in: file, stamp: stamp)).0
    }

    public static func carryOut(_ request: CorpusEditRequest, editor: CorpusEditor?, state: State) -> State {
        updateReadingBodies(state, perform(request, editor: editor)).0
    }

    public static func notesChanged(in file: NotesFile, state: State) -> State? {
        notesChanged(in: file).map { updateReadingBodies(state, $0).0 }
    }

    public static func reload(_ directory: String, state: State, message: String) -> State? {
        corpusChanged(in: directory, editLogPath: state.editLogPath, message: message).map { updateReadingBodies(state, $0).0 }
    }
}
