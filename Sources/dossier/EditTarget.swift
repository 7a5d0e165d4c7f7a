import ArgumentParser
import DossierApp
import DossierConfig
import DossierModel
import Foundation

/// The corpus directory an edit writes to: `--data DIR`. The bundled corpus is compiled in and read-only.
struct EditTarget: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The corpus directory to edit (the bundled corpus is read-only: `dossier init DIR --from-bundled` makes a copy).",
                                            valueName: "DIR"), completion: .directory)
    var data: String?

    /// The directory a command names otherwise (`import … --into DIR`).
    static func directory(_ path: String) -> EditTarget {
        var target = EditTarget()
        target.data = path
        return target
    }

    func editor() throws -> CorpusEditor {
        guard let data else {
            printError("dossier: the bundled corpus is read-only: edit a copy (`dossier init DIR --from-bundled`, then --data DIR)")
            throw ExitCode(64)
        }
        do {
            let environment = ProcessInfo.processInfo.environment
            let configured = (try? Configuration.load(explicit: nil, environment: environment))?.author
            return try CorpusEditor(directory: data, log: EditTarget.log(for: data, author: NoteStamp.author(environment: environment, configured: configured)))
        } catch {
            throw editFailure(error)
        }
    }

    /// Where a corpus's edits are logged, `$XDG_STATE_HOME/dossier/edits-NAME-HASH.jsonl` (one file per
    /// corpus, named as its notes are), with who makes them (`[notes] author` in the configuration, else
    /// `$USER`).
    static func log(for directory: String, author: String) -> (path: String, author: String) {
        (UserFolders.state(environment: ProcessInfo.processInfo.environment) + "/" + UserFolders.fileName("edits", corpus: directory, extension: "jsonl"), author)
    }
}

func editFailure(_ error: EditError) -> ExitCode {
    for line in error.description.split(separator: "\n", omittingEmptySubsequences: false) { printError("dossier: " + SafeText.line(String(line))) }
    return ExitCode(error.exitCode)
}

/// Runs an edit and prints what it added or changed.
func runEdit(_ target: EditTarget, said: (EditOutcome) -> String,
             _ build: (Corpus, (RecordKind, String) -> JSONValue?) throws(EditError) -> [RecordEdit]) throws {
    let editor = try target.editor()
    let outcome: EditOutcome
    do {
        outcome = try editor.apply(build)
    } catch {
        throw editFailure(error)
    }
    print(said(outcome))
    try finishOutput()
    warnIfNotLogged(outcome)
}

/// An edit made but not logged (a full or unwritable state folder) is said, not lost silently.
func warnIfNotLogged(_ outcome: EditOutcome) {
    if let problem = outcome.logProblem { printError("dossier: warning: " + problem + "; `dossier undo` cannot take it back") }
}
