import ArgumentParser
import DossierImport
import DossierModel
import DossierTeam
import Foundation

struct TeamInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a team folder: the corpus, the shared notes, a folder per analyst, the members and a log.",
        discussion: "HOME must not exist yet, or be empty. Exit 73 if it holds files.")

    @Argument(help: ArgumentHelp("The team folder to make (default: $XDG_DATA_HOME/dossier/team).", valueName: "HOME"), completion: .directory)
    var home: String?

    @Option(help: ArgumentHelp("Copy this corpus directory (it must validate) as the team's corpus.", valueName: "DIR"), completion: .directory)
    var corpus: String?

    @Flag(help: "Start from a copy of the bundled corpus.")
    var fromBundled = false

    func validate() throws {
        guard (corpus == nil) != !fromBundled else { throw ValidationError("Give one of --corpus DIR or --from-bundled.") }
    }

    func run() throws {
        let team = TeamFolder(home: home ?? TeamHome.standard)
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: team.home), !existing.isEmpty {
            printError("dossier: \(team.home) holds files already: a team folder starts empty")
            throw ExitCode(73)
        }
        var files: [String: [UInt8]]
        if let corpus {
            // The team starts from a valid corpus: its problems are said here, located, and nothing is made.
            _ = try CorpusOptions.load(path: corpus, showWarnings: false, cache: false, countWarnings: false)
            files = [:]
            for kind in RecordKind.allCases {
                let path = corpus + "/" + kind.collectionName + ".json"
                guard let data = FileManager.default.contents(atPath: path) else {
                    printError("dossier: cannot read \(path): --corpus takes a corpus directory")
                    throw ExitCode(66)
                }
                files[kind.collectionName] = Array(data)
            }
        } else {
            files = Dictionary(uniqueKeysWithValues: EmbeddedCorpus.files.map { ($0.collection, Array($0.text.utf8)) })
        }
        do {
            try AtomicFile.makeFolders(team.home, mode: 0o755)
            try CorpusTemplate.create(at: team.corpus, files: files)
            try AtomicFile.makeFolders(team.analysts, mode: 0o700)
            try AtomicFile.makeFolders(team.cache, mode: 0o700)
            try AtomicFile.write([], to: team.notes, replacing: false, mode: 0o600)
            try AtomicFile.write([], to: team.log, replacing: false, mode: 0o600)
        } catch let error as ImportError {
            throw fail(error)
        } catch {
            printError("dossier: \(error)")
            throw ExitCode(74)
        }
        do {
            try team.writeMembers([])
        } catch {
            throw fail(error)
        }
        print("created the team folder \(team.home)")
        let option = home == nil ? "" : " --team \(team.home)"
        print("next: `dossier team add NAME --key FILE.pub --role reader|editor\(option)` for each analyst (docs/team.md)")
        try finishOutput()
    }
}
