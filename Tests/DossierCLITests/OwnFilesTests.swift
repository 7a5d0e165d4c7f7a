import Foundation
import Testing

/// Issue 28, items 1 and 2: no note lost to a missing newline, no file replaced that is not ours.
@Suite struct OwnFilesTests {
    static func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-own-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func exportReplacesOnlyARegularFileAndDashIsStandardOutput() throws {
        // Seen on main: --out PATH --force renamed over a FIFO, a device node, a symbolic link.
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/fifo", 0o600) == 0)
        #expect(symlink(folder + "/target.csv", folder + "/link.csv") == 0)
        try FileManager.default.createDirectory(atPath: folder + "/folder.csv", withIntermediateDirectories: false)
        for (name, kind) in [("fifo", "a FIFO"), ("link.csv", "a symbolic link"), ("folder.csv", "a folder")] {
            let run = try CLI.run(["export", "signatories", "--out", folder + "/" + name, "--force"])
            #expect(run.status == 73, "\(name)")
            #expect(run.stderr == "dossier: cannot write \(folder)/\(name): it is \(kind), not a regular file: only a regular file is replaced\n", "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/target.csv"))
        var status = stat()
        #expect(lstat(folder + "/fifo", &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        // As root the device node itself would have gone: a character device is refused too.
        let device = try CLI.run(["export", "signatories", "--out", "/dev/null", "--force"])
        #expect(device.status == 73 && device.stderr.contains("it is a character device, not a regular file"))
        // A regular file is replaced; - is standard output.
        _ = FileManager.default.createFile(atPath: folder + "/old.csv", contents: Data("old".utf8))
        #expect(try CLI.run(["export", "signatories", "--out", folder + "/old.csv", "--force"]).status == 0)
        #expect(try String(contentsOfFile: folder + "/old.csv", encoding: .utf8).hasPrefix("statement_id,"))
        let dash = try CLI.run(["export", "counts", "--out", "-"])
        let plain = try CLI.run(["export", "counts"])
        #expect(dash.status == 0 && dash.stdout == plain.stdout)
    }

    @Test func aNotesFileIsWrittenOnlyItselfNeverThroughALinkAndItsFolderSaysWhatIsWrong() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Seen on main: a notes path that was a link to another file (.dossier-lock) was written into.
        _ = FileManager.default.createFile(atPath: folder + "/other", contents: Data())
        #expect(symlink(folder + "/other", folder + "/notes.jsonl") == 0)
        let linked = try CLI.run(["notes", "add", "usa", "a note", "--notes", folder + "/notes.jsonl"])
        #expect(linked.status != 0 && linked.stderr.contains("it is a symbolic link: Dossier writes only to a regular file of its own"))
        let other = try Data(contentsOf: URL(fileURLWithPath: folder + "/other"))
        #expect(other.isEmpty)
        // Seen on main: a XDG_DATA_HOME that is a file was "No such file or directory", and stopped the
        // explorer's notes from loading (65).
        _ = FileManager.default.createFile(atPath: folder + "/data-file", contents: Data("x".utf8))
        let environment = ["XDG_DATA_HOME": folder + "/data-file", "XDG_CACHE_HOME": CLI.cacheHome]
        let added = try CLI.run(["notes", "add", "usa", "hi"], environment: environment)
        #expect(added.status == 74 && added.stderr == "dossier: \(folder)/data-file/dossier/notes-bundled.jsonl: cannot create the folder: a part of the path is a file, not a folder (\(folder)/data-file/dossier/)\n",
                "\(added.stderr)")
        let listed = try CLI.run(["notes"], environment: environment)
        #expect(listed.status == 0 && listed.stdout == "No notes.\n")
    }

    @Test func aHeaderWithoutItsNewlineTakesTheNextNoteOnALineOfItsOwn() throws {
        // Seen on main: `printf '{"dossier-notes": 1}' > n.jsonl; dossier notes add aus x --notes n.jsonl`
        // appended onto line 1 (exit 74), and every later command refused the file (65).
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/n.jsonl"
        try "{\"dossier-notes\": 1}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["notes", "add", "aus", "first", "--notes", path]).status == 0)
        #expect(try CLI.run(["notes", "add", "aus", "second", "--notes", path]).status == 0)
        let listed = try CLI.run(["notes", "--notes", path, "--format", "json"])
        #expect(listed.status == 0 && listed.stdout.contains("\"text\": \"first\"") && listed.stdout.contains("\"text\": \"second\""))
    }

    @Test func aFIFOAtTheIndexPathIsIgnoredAndReplacedNotWaitedOn() throws {
        // Seen on main: a FIFO at the index path blocked validate (and the explorer) for ever.
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let corpus = CLI.repository.appendingPathComponent("Tests/Fixtures/good/small.json").path
        let environment = ["XDG_CACHE_HOME": folder + "/cache"]
        #expect(try CLI.run(["validate", corpus], environment: environment).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder + "/cache/dossier").filter { $0.hasSuffix(".dix") }
        let index = folder + "/cache/dossier/" + (try #require(names.first))
        #expect(unlink(index) == 0 && mkfifo(index, 0o600) == 0)
        // A hang would leave this waiting; CLI.run returns when the program does.
        let run = try CLI.run(["validate", corpus], environment: environment)
        #expect(run.status == 0 && run.stdout.hasPrefix("valid: "))
        var status = stat()
        #expect(lstat(index, &status) == 0 && status.st_mode & S_IFMT == S_IFREG)
    }
}
