import DossierApp
import DossierModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the explorer on a terminal until the user quits, a terminating signal arrives or the terminal
/// goes away; the terminal is restored on every one of those paths.
public enum ExplorerSession {
    public enum Outcome {
        case quit
        case signal(Int32)
        case terminalGone
        /// The corpus turned out to be invalid while it loaded in the background.
        case loadFailed(CorpusError)

        /// The process exit status: 0 for q, 128 + the signal number as shells report it, 1 for a lost
        /// terminal, 65 or 66 for a corpus that failed to load.
        public var exitCode: Int32 {
            switch self {
            case .quit: return 0
            case .signal(let number): return 128 + number
            case .terminalGone: return 1
            case .loadFailed(.invalid): return 65
            case .loadFailed(.unreadable): return 66
            }
        }
    }

    /// What the user's configuration changes in the explorer.
    public struct Settings: Sendable {
        public var keymap: Keymap = .standard
        public var citation: CitationFormat = .standard
        public var palette: Palette = .standard
        public var mouse = false
        /// Ctrl-Z stops the explorer (false in a team session, where there is no shell to resume it).
        public var suspendable = true

        public init(keymap: Keymap = .standard, citation: CitationFormat = .standard, palette: Palette = .standard, mouse: Bool = false,
                    suspendable: Bool = true) {
            self.keymap = keymap
            self.citation = citation
            self.palette = palette
            self.mouse = mouse
            self.suspendable = suspendable
        }
    }

    /// What the first frame did not need but a key soon may (the lists' folded filter text), made on
    /// a thread of its own once the frame is on screen.
    static func prepareInBackground(_ state: State) {
        let index = state.index
        Thread { index.prepareFilterText() }.start()
    }

    /// Shows `initial` at once; when `pending` is given (a staged load), adopts the full state as soon as
    /// it is ready, keeping where the user is. Keys are handled all along, so q quits at once.
    /// `session`: where the user's place in this corpus is kept; restored at the start when `restore`
    /// (once the corpus is whole, and only if no key was pressed meanwhile), written at every end.
    public static func run(initial: State, pending: StagedLoad?, environment: [String: String], asciiOnly: Bool = false,
                           notes: NotesFile? = nil, author: String? = nil, notice: String? = nil, editor: CorpusEditor? = nil,
                           session: (path: String, restore: Bool)? = nil, settings: Settings = Settings(), corpusPath: String? = nil) throws -> Outcome {
        let screen = try TerminalScreen(environment: environment, asciiOnly: asciiOnly, palette: settings.palette, mouse: settings.mouse)
        screen.suspendable = settings.suspendable
        let clipboard = Clipboard(environment: environment)
        defer { screen.end() }
        // A failure that cannot be recovered from in place (the index changed under us) puts the
        // terminal back first, so its message is read on the normal screen, then exits 66.
        nonisolated(unsafe) let ending = screen
        FatalReport.handler = { message in
            ending.end()
            let line = Array(("dossier: " + SafeText.line(message) + "\n").utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            exit(66)
        }
        defer { FatalReport.handler = nil }
        // The index file under a warm corpus may be cut short or written into by another program:
        // what is read from it then is zeros or empty records, counted (`IndexDamage`). A frame drawn
        // from them is never shown: the corpus is read again from its files first.
        IndexDamage.setRecovering(true)
        defer { IndexDamage.setRecovering(false) }
        var damageSeen = IndexDamage.count
        func show(_ state: inout State, everything: Bool = false) {
            var frame = Render.frame(state)
            IndexDamage.checkFiles()
            if IndexDamage.count != damageSeen {
                let message = "The corpus index was changed by another program: the corpus was read again from its files"
                guard let path = corpusPath, let reloaded = Explorer.reload(path, state: state, message: message) else {
                    FatalReport.fail("the corpus index changed while it was in use, and the corpus could not be read again from its files; start dossier again")
                }
                damageSeen = IndexDamage.count
                state = reloaded
                frame = Render.frame(state)
            }
            screen.draw(frame, everything: everything)
        }
        var pending = pending
        let size = screen.size
        var start = initial
        start.keymap = settings.keymap
        start.citationFormat = settings.citation
        start.interruption = screen.interruption
        start.corpusWritable = editor != nil
        start.editLogPath = editor?.log?.path
        start.loggedEdits = editor?.log.map { EditLog.read($0.path) } ?? []
        if let notes { start.notes = notes.liveNotes }
        var state = Explorer.updateReadingBodies(start, .key(.resize(size.width, size.height))).0
        state.glyphs = screen.supportsUnicode ? .unicode : .ascii
        // Said on the first frame (a mistake in the configuration), until the first key.
        state.message = notice
        var savedPlace = session.flatMap { $0.restore ? try? String(contentsOfFile: $0.path, encoding: .utf8) : nil }
        if pending == nil, let text = savedPlace {
            state = Session.restore(text, into: state) ?? state
            savedPlace = nil
        }
        /// Every way out keeps the user's place for next time.
        func end(_ outcome: Outcome) -> Outcome {
            if let session { try? AtomicFile.write(Array(Session.encode(state).utf8), to: session.path, replacing: true, mode: 0o600) }
            return outcome
        }
        var redrawAll = false
        var corpusSeen = editor.map { CorpusSignature.of($0.directory) }
        /// Hands `event` to the controller and carries out each effect it asks for, in order, handing
        /// what came of it back (which may ask for more). Returns how the session ends, if it does.
        func handle(_ event: ExplorerEvent) -> Outcome? {
            var effects: [Effect]
            (state, effects) = Explorer.update(state, event)
            var reads = 0
            while !effects.isEmpty {
                let effect = effects.removeFirst()
                let answer: ExplorerEvent
                switch effect {
                case .quit: return end(.quit)
                case .redrawAll:
                    redrawAll = true
                    continue
                case .readBodies(let articles):
                    reads += 1
                    guard reads <= Explorer.bodyReadsPerEvent else { continue }
                    answer = Explorer.perform(reading: articles)
                case .export(let request): answer = .reported(export(request))
                case .copy(let request): answer = .reported(copy(request, to: screen, clipboard: clipboard, environment: environment))
                case .changeNote(let pending): answer = Explorer.perform(pending, in: notes, stamp: .now(environment: environment, author: author))
                case .editCorpus(let request):
                    answer = Explorer.perform(request, editor: editor)
                    // Our own change is not another editor's.
                    corpusSeen = editor.map { CorpusSignature.of($0.directory) }
                }
                let more: [Effect]
                (state, more) = Explorer.update(state, answer)
                effects += more
            }
            return nil
        }
        // The first frame's bodies (and those of a place restored).
        _ = handle(.settle)
        show(&state)
        prepareInBackground(state)
        // Another explorer (a colleague's SSH session) may append notes, or edit the corpus: looked for
        // between keys.
        var notesLookedAt = ContinuousClock.now
        if let pending {
            pending.start()
            screen.setPollInterval(milliseconds: 50)
        }
        while true {
            let event = screen.nextEvent()
            if let load = pending, let result = load.result {
                pending = nil
                screen.setPollInterval(milliseconds: 250)
                switch result {
                case .success(let loaded):
                    _ = handle(.loaded(loaded))
                    if let text = savedPlace {
                        state = Session.restore(text, into: state) ?? state
                        _ = handle(.settle)
                    }
                    show(&state)
                    prepareInBackground(state)
                case .failure(let error):
                    return .loadFailed(error)
                }
            }
            switch event {
            case .idle:
                // Damage met between keys (by a background reader, or the file written into) is dealt
                // with before the next key.
                IndexDamage.checkFiles()
                if IndexDamage.count != damageSeen { show(&state) }
                guard ContinuousClock.now - notesLookedAt > .milliseconds(900) else { continue }
                notesLookedAt = ContinuousClock.now
                if let notes, let changed = Explorer.notesChanged(in: notes) {
                    _ = handle(changed)
                    show(&state)
                }
                if let editor, pending == nil, let seen = corpusSeen {
                    let now = CorpusSignature.of(editor.directory)
                    if now != seen && !now.isMidEdit {
                        corpusSeen = now
                        if let changed = Explorer.corpusChanged(in: editor.directory, editLogPath: state.editLogPath,
                                                                message: "The corpus changed on disk (another editor): shown as it is now") {
                            _ = handle(changed)
                            show(&state)
                        }
                    }
                }
                continue
            case .signal(let number):
                return end(.signal(number))
            case .terminalGone:
                return end(.terminalGone)
            case .key(let key):
                // A key pressed before the corpus is whole is where the user wants to be now.
                savedPlace = nil
                if let outcome = handle(.key(key)) { return outcome }
                show(&state, everything: redrawAll)
                redrawAll = false
            }
        }
    }

    /// Writes an export the user named (`e`), as `dossier export --out` does: atomically, replacing a
    /// file only when asked.
    static func export(_ request: ExportRequest) -> String {
        do {
            try AtomicFile.write(Array(request.text.utf8), to: request.path, replacing: request.replacing)
            // Where it went, in full: a relative name is relative to where the explorer was started,
            // which the user may not remember (issue 32).
            let full = request.path.hasPrefix("/") ? request.path : FileManager.default.currentDirectoryPath + "/" + request.path
            return "Exported \(request.rows) row\(request.rows == 1 ? "" : "s") to \(full)"
        } catch {
            return error.exists ? "\(request.path) exists: end the name with ! to replace it" : "Not exported: \(error)"
        }
    }

    /// Carries out a copy: OSC 52 to the terminal when the text fits, always the copies file; the
    /// status line's words for what happened.
    static func copy(_ request: ClipboardRequest, to screen: TerminalScreen, clipboard: Clipboard, environment: [String: String]) -> String {
        // Whatever asked for the copy, a control character from the data goes to the clipboard and the
        // copies file as its picture: a paste or a `cat` of copies.md can never replay an escape.
        let text = SafeText.block(request.text)
        let characters = text.count
        let saved = clipboard.append(text)
        let file = saved == nil ? "; also in \(clipboard.copiesFile)" : "; \(saved!)"
        guard let sequence = Clipboard.sequence(for: text) else {
            return "Too long for the terminal's clipboard (\(characters) characters): not copied\(file)"
        }
        screen.sendClipboard(sequence)
        if let advice = Clipboard.tmuxAdvice(environment: environment) {
            return "Sent \(request.what) (\(characters) characters), but \(advice)\(file)"
        }
        return "Copied \(request.what) (\(characters) characters)\(file)"
    }
}
