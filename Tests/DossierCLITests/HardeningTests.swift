import Foundation
import Testing

/// Issue 11: inputs that are not files, output that cannot be written, and the messages for both.
@Suite struct HardeningTests {
    func temporaryDirectory(_ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-\(name)-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test(arguments: ["/dev/zero", "/dev/urandom"])
    func aDeviceIsRefusedNotReadForEver(device: String) throws {
        let result = try CLI.run(["validate", device])
        #expect(result.status == 66)
        #expect(result.stderr == "dossier: cannot read \(device): is a character device (a terminal, /dev/zero…), not a file\n")
    }

    @Test func aCorpusWhoseArticlesLinkToADeviceIsRefused() throws {
        let directory = try temporaryDirectory("device-link")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["actors", "statements", "events", "excerpts"] {
            try FileManager.default.copyItem(atPath: CLI.repository.appendingPathComponent("data/\(name).json").path, toPath: "\(directory)/\(name).json")
        }
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/articles.json", withDestinationPath: "/dev/zero")
        for command in [["validate", directory], ["list", "articles", "--data", directory]] {
            let result = try CLI.run(command)
            #expect(result.status == 66, "\(command)")
            #expect(result.stderr.contains("articles.json: is a character device"), "\(command): \(result.stderr)")
        }
    }

    @Test func aFIFOThatNothingWritesToIsSaidToBeOne() throws {
        let directory = try temporaryDirectory("fifo")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fifo = directory + "/corpus.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        let started = Date()
        let result = try CLI.run(["validate", fifo])
        #expect(result.status == 66)
        #expect(result.stderr == "dossier: cannot read \(fifo): is a pipe that nothing writes to (waited 10 seconds)\n")
        #expect(Date().timeIntervalSince(started) < 30)
    }

    @Test func aSymlinkLoopAndAnUnsearchableDirectoryAreNamedAsSuch() throws {
        let directory = try temporaryDirectory("loop")
        defer {
            chmod(directory + "/locked", 0o700)
            try? FileManager.default.removeItem(atPath: directory)
        }
        try FileManager.default.createSymbolicLink(atPath: directory + "/loop.json", withDestinationPath: directory + "/loop.json")
        let loop = try CLI.run(["validate", directory + "/loop.json"])
        #expect(loop.status == 66)
        #expect(loop.stderr.lowercased().contains("too many levels of symbolic links"), "\(loop.stderr)")
    }
}

/// Issue 11: output that cannot be written is an error (74, EX_IOERR), never a silent exit 0.
@Suite struct WriteErrorTests {
    @Test(arguments: [["list", "articles"], ["list", "statements", "--format", "json"], ["show", "bachelet"], ["search", "bachelet"],
                      ["validate"], ["keys"]])
    func aFullDiskIsAnError(arguments: [String]) throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 74, "\(arguments)")
        #expect(message.hasPrefix("dossier: cannot write the output: "), "\(arguments): \(message)")
    }
}

/// Issue 11: messages that say what is wrong.
@Suite struct MessageTests {
    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        // Unique per call: the cases of a parameterised test run at the same time.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-\(name)-\(UUID().uuidString).json").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [("UTF-16 (little-endian)", [UInt8(0xFF), 0xFE]), ("UTF-16 (big-endian)", [0xFE, 0xFF]),
                      ("UTF-32 (little-endian)", [0xFF, 0xFE, 0x00, 0x00]), ("UTF-32 (big-endian)", [0x00, 0x00, 0xFE, 0xFF])])
    func aFileInUTF16Or32IsSaidToBeOne(encoding: String, byteOrderMark: [UInt8]) throws {
        let utf8 = Array(#"{"articles": []}"#.utf8)
        var bytes = byteOrderMark
        for byte in utf8 {
            switch encoding {
            case "UTF-16 (little-endian)": bytes += [byte, 0]
            case "UTF-16 (big-endian)": bytes += [0, byte]
            case "UTF-32 (little-endian)": bytes += [byte, 0, 0, 0]
            default: bytes += [0, 0, 0, byte]
            }
        }
        let path = try write(bytes, "encoding")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["validate", path])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(path):1:1: error: the file is \(encoding), not UTF-8"), "\(result.stderr)")
    }

    @Test(arguments: [("18446744073709551616", "a number too large to count with"), ("1e999", "a number too large to count with"),
                      ("-3", "a negative number"), ("2.5", "a number that is not whole")])
    func aCountThatIsNoCountSaysWhy(value: String, expected: String) throws {
        let corpus = #"{"articles": [], "actors": [], "statements": [{"id": "s", "title": "t", "kind": "letter", "date": "2019", "stance": "critical", "counts": [{"value": \#(value), "excerpt": "e"}]}], "events": [], "excerpts": []}"#
        let path = try write(Array(corpus.utf8), "count")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["validate", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("counts[0].value must be a whole number of zero or more, found \(expected)"), "\(result.stderr)")
    }

    @Test func carriageReturnsAloneEndLinesToo() throws {
        let path = try write(Array("{\"articles\": [],\r\"actors\": [\r{\"id\": \"x\"}\r], \"statements\": [], \"events\": [], \"excerpts\": []}".utf8), "cr")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["validate", path])
        #expect(result.stderr.hasPrefix("\(path):3:1: error: x: missing required field \"name\""), "\(result.stderr)")
    }

    @Test func generateSaysWhichArgumentIsWrong() throws {
        let negative = try CLI.run(["generate", "-5", "/tmp/dossier-never-written"])
        #expect(negative.status == 64 && negative.stderr.contains("the number of articles must be 1 or more, got -5"), "\(negative.stderr)")
        let zero = try CLI.run(["generate", "0", "/tmp/dossier-never-written"])
        #expect(zero.status == 64 && zero.stderr.contains("got 0"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/dossier-never-written"))
    }

    /// Seen this stop: `generate 10 a/b` said "Error: cannot write a/b/actors.json" (exit 1) though its
    /// help says the directory is created if needed. It is, with the folders above it; one that cannot
    /// be is named with why, exit 74.
    @Test func generateMakesTheFoldersAboveAndSaysWhyItCannot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("generate-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let made = try CLI.run(["generate", "5", root + "/a/b"])
        #expect(made.status == 0 && FileManager.default.fileExists(atPath: root + "/a/b/articles.json"), "\(made.stderr)")
        try "x".write(toFile: root + "/file", atomically: true, encoding: .utf8)
        let refused = try CLI.run(["generate", "5", root + "/file/c"])
        #expect(refused.status == 74 && refused.stderr == "dossier: cannot make the directory \(root)/file/c: Not a directory\n", "\(refused.stderr)")
    }
}

@Suite struct UnreadableDirectoryTests {
    @Test func aCorpusFileThatIsALoopIsUnreadableNotMissing() throws {
        // Issue 11: a directory corpus whose actors.json cannot be reached (a link that loops; a
        // directory without search permission fails the same check) said "missing" five times and
        // exited 65. It is unreadable: 66, with the reason.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-loop-dir-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.copyItem(atPath: CLI.repository.appendingPathComponent("data").path, toPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.removeItem(atPath: directory + "/actors.json")
        try FileManager.default.createSymbolicLink(atPath: directory + "/actors.json", withDestinationPath: directory + "/actors.json")
        let result = try CLI.run(["validate", directory])
        #expect(result.status == 66)
        #expect(result.stderr == "dossier: cannot read \(directory)/actors.json: Too many levels of symbolic links\n", "\(result.stderr)")
    }
}
