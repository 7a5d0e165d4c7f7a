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
