import Foundation
import Testing

/// Issue 15: `dossier notes` adds and prints notes, kept in a journal that loses nothing.
@Suite struct NotesCommandTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-notes-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func notesAreAddedToAFilePerCorpusAndPrintedInThreeFormats() throws {
        let home = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["XDG_DATA_HOME": home, "USER": "ana", "PATH": "/usr/bin:/bin"]
        let added = try CLI.run(["notes", "add", "st-2019-07-joint-letter", "Check the 25 against the Council's record #verify"], environment: environment)
        #expect(added.status == 0 && added.stdout.hasPrefix("saved n-"))
        #expect(try CLI.run(["notes", "add", "gbr", "UK", "--bookmark"], environment: environment).status == 0)
        #expect(FileManager.default.fileExists(atPath: home + "/dossier/notes-bundled.jsonl"))
        let markdown = try CLI.run(["notes"], environment: environment)
        #expect(markdown.stdout.contains("## Note on Joint letter of states to the High Commissioner on Xinjiang detentions [st-2019-07-joint-letter]\n\nCheck the 25"))
        #expect(markdown.stdout.contains("— ana, ") && markdown.stdout.contains("## Bookmark on United Kingdom [gbr]"))
        let json = try CLI.run(["notes", "--format", "json"], environment: environment)
        let notes = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(Set(notes.compactMap { $0["record"] as? String }) == ["st-2019-07-joint-letter", "gbr"])
        #expect(notes.first { $0["record"] as? String == "st-2019-07-joint-letter" }?["tags"] as? [String] == ["verify"])
        let annotations = try CLI.run(["notes", "--format", "annotations"], environment: environment)
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(annotations.stdout.utf8)) as? [String: Any])
        let items = try #require((collection["first"] as? [String: Any])?["items"] as? [[String: Any]])
        #expect(collection["@context"] as? String == "http://www.w3.org/ns/anno.jsonld" && items.count == 2)
        #expect(Set(items.compactMap { $0["motivation"] as? String }) == ["commenting", "bookmarking"])
        // Another corpus has notes of its own; --notes names any file.
        let other = try CLI.run(["notes", "--data", CLI.fixtures + "/good/small.json"], environment: environment)
        #expect(other.stdout == "No notes.\n")
        #expect(try CLI.run(["notes", "add", "nope", "x"], environment: environment).status == 1)
    }

    @Test func theAuthorComesFromTheConfigurationAndABadOneIsSaidButDoesNotStop() throws {
        let home = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home, "USER": "ana", "PATH": "/usr/bin:/bin"]
        try FileManager.default.createDirectory(atPath: home + "/dossier", withIntermediateDirectories: true)
        try "[notes]\nauthor = \"Ana Lima\"\n".write(toFile: home + "/dossier/config.toml", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["notes", "add", "gbr", "signed by the configured name"], environment: environment).status == 0)
        // A mistake: said with where it is, and the note is still saved, signed $USER.
        try "[notes]\nauthor = 3\n".write(toFile: home + "/bad.toml", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["notes", "add", "gbr", "signed by USER", "--config", home + "/bad.toml"], environment: environment)
        #expect(bad.status == 0 && bad.stderr.contains("dossier: warning: \(home)/bad.toml:2:1: “notes.author” must be a name, in quotes; $USER is used"))
        let missing = try CLI.run(["notes", "add", "gbr", "x", "--config", home + "/none.toml"], environment: environment)
        #expect(missing.status == 66 && missing.stderr.contains("none.toml: cannot read the configuration: no such file"))
        let json = try CLI.run(["notes", "--format", "json"], environment: environment)
        let notes = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(Set(notes.compactMap { "\($0["author"] ?? "")|\($0["text"] ?? "")" }) == ["Ana Lima|signed by the configured name", "ana|signed by USER"])
    }

    @Test func aTornLastLineIsReportedAndAFileThatIsNotNotesIsRefusedUntouched() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/team.jsonl"
        #expect(try CLI.run(["notes", "add", "gbr", "first", "--notes", path]).status == 0)
        #expect(try CLI.run(["notes", "add", "fra", "second", "--notes", path]).status == 0)
        let whole = try Data(contentsOf: URL(fileURLWithPath: path))
        try whole.dropLast(7).write(to: URL(fileURLWithPath: path))
        let torn = try CLI.run(["notes", "--notes", path])
        #expect(torn.status == 0 && torn.stdout.contains("first") && !torn.stdout.contains("second"))
        #expect(torn.stderr == "\(path):3:1: warning: the last line is incomplete (a write was cut off); skipped\n")
        let notNotes = folder + "/list.txt"
        try "milk\neggs\n".write(toFile: notNotes, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["notes", "add", "gbr", "x", "--notes", notNotes])
        #expect(refused.status == 65 && refused.stderr == "dossier: \(notNotes):1:1: not a Dossier notes file: its first line is not {\"dossier-notes\": 1}\n")
        #expect(try String(contentsOfFile: notNotes, encoding: .utf8) == "milk\neggs\n")
    }

    @Test func writersKilledAtRandomMomentsLoseNoSavedNote() throws {
        // Each `notes add` prints "saved ID" only after its line is on the disk. Writers are killed at
        // moments all along their run; every note one of them said was saved must be in the file, and
        // the file must load (a torn line from a killed writer is cut away by the next).
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/notes.jsonl"
        let started = Date()
        #expect(try CLI.run(["notes", "add", "gbr", "timing", "--notes", path]).status == 0)
        let duration = Date().timeIntervalSince(started)
        var saved: Set<String> = []
        var random = SystemRandomNumberGenerator()
        for attempt in 0..<40 {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["notes", "add", "fra", "attempt \(attempt)", "--notes", path]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(Double.random(in: 0.3...1.1, using: &random) * duration * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if printed.hasPrefix("saved ") { saved.insert(String(printed.dropFirst(6).prefix { !$0.isNewline })) }
        }
        #expect(try CLI.run(["notes", "add", "deu", "after the kills", "--notes", path]).status == 0)
        let listed = try CLI.run(["notes", "--format", "json", "--notes", path])
        #expect(listed.status == 0)
        let notes = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        let ids = Set(notes.compactMap { $0["id"] as? String })
        #expect(saved.isSubset(of: ids), "lost: \(saved.subtracting(ids))")
        #expect(notes.contains { $0["text"] as? String == "after the kills" })
    }
}
