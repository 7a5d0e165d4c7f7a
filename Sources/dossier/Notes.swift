import ArgumentParser
import DossierApp
import DossierModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a corpus's notes live: `--notes PATH`, else a file per corpus in `$XDG_DATA_HOME/dossier/`
/// (`~/.local/share/dossier/`), named after the corpus and a hash of its absolute path so two corpora
/// with the same folder name keep apart.
struct NotesOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The notes file (default: one per corpus in $XDG_DATA_HOME/dossier/).", valueName: "PATH"), completion: .file())
    var notes: String?

    /// "notes-bundled.jsonl", or "notes-NAME-HASH.jsonl" for a corpus at a path (see `UserFolders`).
    func path(corpus: String?) -> String {
        if let notes { return notes }
        return UserFolders.data(environment: ProcessInfo.processInfo.environment) + "/" + UserFolders.fileName("notes", corpus: corpus, extension: "jsonl")
    }

    func open(corpus: String?) throws -> NotesFile {
        do {
            return try NotesFile(path: path(corpus: corpus))
        } catch {
            printError("dossier: \(error)")
            throw ExitCode(65)
        }
    }
}

struct NotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes",
        abstract: "Print or add notes on a corpus (kept outside it, in a file of their own; see docs/notes.md).",
        subcommands: [NotesList.self, NotesAdd.self],
        defaultSubcommand: NotesList.self)
}

struct NotesList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print the notes (the default): markdown, json, or annotations (W3C Web Annotation JSON-LD).")

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, json, annotations }

    @Option(help: "markdown (default), json or annotations.") var format: Format = .markdown
    @Flag(help: "Include deleted notes.") var deleted = false
    @OptionGroup var notes: NotesOptions
    @OptionGroup var corpus: CorpusOptions

    func run() throws {
        let file = try notes.open(corpus: corpus.data)
        for warning in file.warnings { printError("\(warning.path):\(warning.line):\(warning.column): warning: \(warning.message)") }
        let loaded = try corpus.load()
        let shown = file.notes.filter { deleted || !$0.deleted }.sorted { $0.updated > $1.updated }
        switch format {
        case .markdown: print(NotesOutput.markdown(shown, corpus: loaded, body: Article.readBody), terminator: "")
        case .json: print(JSONWriter.write(.list(shown.map { NotesOutput.json($0, corpus: loaded, body: Article.readBody) })))
        case .annotations: print(JSONWriter.write(NotesOutput.annotations(shown, corpus: loaded)))
        }
        try finishOutput()
    }
}

struct NotesAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a note on a record (by id); prints its id once it is on the disk.")

    @Argument(help: ArgumentHelp("The record the note is about: its id, or a name or title one record has (as show takes it).", valueName: "ID"),
              completion: .custom(CorpusCompletion.ids)) var record: String
    @Argument(help: "The note (#tags in it are its tags).") var text: String
    @Flag(help: "A bookmark (the text is its label).") var bookmark = false
    @OptionGroup var notes: NotesOptions
    @OptionGroup var corpus: CorpusOptions
    @OptionGroup var config: ConfigOptions

    func run() throws {
        let configuration = try config.load()
        let loaded = try corpus.load()
        let record = try RecordNaming.id(self.record, in: loaded)
        let file = try notes.open(corpus: corpus.data)
        let note = NoteRequest(target: NoteTarget(record: record), text: text, kind: bookmark ? .bookmark : .note)
            .note(.now(environment: ProcessInfo.processInfo.environment, author: configuration.author))
        do {
            try file.append(.add(note))
        } catch {
            printError("dossier: \(error)")
            throw ExitCode(74)
        }
        print("saved \(note.id)")
        try finishOutput()
    }
}
