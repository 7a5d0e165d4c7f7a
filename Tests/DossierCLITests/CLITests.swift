import Foundation
import Testing

/// Runs the real `dossier` binary built beside this test bundle.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/Fixtures").path

    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["DOSSIER_BINARY"] { return URL(fileURLWithPath: path) }
        // SwiftPM puts the test bundle and the products in one folder.
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dossier")
    }

    static let cacheHome = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-cli-cache-\(getpid())").path

    static func run(_ arguments: [String], binary: URL = CLI.binary, in directory: String? = nil, environment: [String: String]? = nil,
                    input: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Indexes go to a cache folder of the test run's own, never the user's ~/.cache.
        var environment = environment ?? ProcessInfo.processInfo.environment
        if environment["XDG_CACHE_HOME"] == nil { environment["XDG_CACHE_HOME"] = CLI.cacheHome }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(input)
            try inputPipe.fileHandleForWriting.close()
        }
        // Read both pipes at once before waiting: a child that fills one pipe while this side waits on
        // the other would block for ever (a thousand problems fill standard error's 64 KB).
        let errorReader = PipeReader(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = errorReader.finish()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Reads a pipe to its end on a thread of its own.
final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()  // orders the write above before the read in finish()
        }
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}

@Suite struct CLITests {
    let good = CLI.fixtures + "/good/small.json"

    @Test func validateAcceptsTheBundledCorpus() throws {
        let result = try CLI.run(["validate"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("valid: "))
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr == "")
    }

    @Test func validateSummarisesAGoodCorpusOnOneLine() throws {
        let result = try CLI.run(["validate", good])
        #expect(result.status == 0)
        #expect(result.stdout == "valid: 1 article, 6 actors, 1 statement, 1 event, 6 excerpts\n")
    }

    @Test func aCorpusCanComeThroughAPipe() throws {
        // `dossier show a-letter --data <(curl ...)`: a pipe has no size and is read to its end.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        let result = try CLI.run(["validate", "/dev/stdin"], input: bytes)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "valid: 1 article, 6 actors, 1 statement, 1 event, 6 excerpts\n")
        let shown = try CLI.run(["show", "a-letter", "--data", "/dev/stdin"], input: bytes)
        #expect(shown.status == 0 && shown.stdout.contains("Volker Türk spoke again."))
    }

    @Test func validateReportsEveryProblemAndExits65() throws {
        let path = CLI.fixtures + "/bad/bad-id.json"
        let result = try CLI.run(["validate", path])
        #expect(result.status == 65)
        #expect(result.stdout == "")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == path + ":26:13: error: id \"fr ance\" may hold only ASCII letters, digits and - _ . :")
        #expect(lines[3] == "dossier: \(path) is not a valid corpus: 3 errors, 0 warnings")
    }

    @Test func warningsGoToStandardErrorAndStillExit0() throws {
        let result = try CLI.run(["validate", CLI.fixtures + "/warn/count-below-named.json"])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("(1 warning)\n"))
        #expect(result.stderr.contains(":83:20: warning: s-letter: count 1"))
    }

    @Test(arguments: [["validate", "/nonexistent"], ["list", "actors", "--data", "/nonexistent"], ["show", "x", "--data", "/nonexistent"]])
    func aMissingPathExits66(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 66)
        #expect(result.stderr == "dossier: cannot read /nonexistent: No such file or directory\n")
    }

    @Test func aBadCorpusMakesListAndShowExit65() throws {
        for arguments in [["list", "articles"], ["show", "a-letter"]] {
            let result = try CLI.run(arguments + ["--data", CLI.fixtures + "/bad/quote-not-found.json"])
            #expect(result.status == 65)
            #expect(result.stderr.contains("quote-not-found.json:139:16: error: x-22: quote"))
        }
    }

    @Test func listPrintsAlignedTables() throws {
        let result = try CLI.run(["list", "statements", "--data", good])
        #expect(result.status == 0)
        #expect(result.stdout == """
            ID        DATE        STANCE    SIGNED   TITLE
            s-letter  2019-07-08  critical  2/22|25  Joint letter on Xinjiang

            """)
    }

    @Test func listJSONGivesTheFormatsObjectsWithResolvedSpans() throws {
        let result = try CLI.run(["list", "excerpts", "--format", "json", "--data", good])
        #expect(result.status == 0)
        let excerpts = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(excerpts.count == 6)
        let articles = try JSONSerialization.jsonObject(with: Data(try CLI.run(["list", "articles", "--format", "json", "--data", good]).stdout.utf8)) as? [[String: Any]]
        let body = try #require(articles?.first?["body"] as? String)
        let scalars = Array(body.unicodeScalars)
        for excerpt in excerpts {
            let start = try #require(excerpt["start"] as? Int)
            let end = try #require(excerpt["end"] as? Int)
            let quote = try #require(excerpt["quote"] as? String)
            // start/end are code point offsets into the body.
            #expect(Array(scalars[start..<end]) == Array(quote.unicodeScalars))
        }
        #expect(Set(excerpts[0].keys) == ["id", "article", "quote", "about", "start", "end"])
    }

    @Test func showJSONRoundTripsTheStatement() throws {
        let result = try CLI.run(["show", "s-letter", "--format", "json", "--data", good])
        #expect(result.status == 0)
        let statement = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(statement["id"] as? String == "s-letter")
        #expect(statement["date"] as? String == "2019-07-08")
        let counts = try #require(statement["counts"] as? [[String: Any]])
        #expect(counts.map { $0["value"] as? Int } == [22, 25])
        let signatories = try #require(statement["signatories"] as? [[String: Any]])
        #expect(signatories.map { $0["actor"] as? String } == ["gbr", "fra"])
    }

    @Test func showTextResolvesNamesAndQuotesTheSource() throws {
        let result = try CLI.run(["show", "gbr", "--data", good])
        #expect(result.status == 0)
        #expect(result.stdout.contains("name     United Kingdom\n"))
        #expect(result.stdout.contains("signatory: 2019-07-08  critical  Joint letter on Xinjiang [s-letter]"))
        #expect(result.stdout.contains("“Britain, France and Germany were among 18 European countries to co-sign the letter.” — Example Times, 2019-07 [x-britain]"))
    }

    @Test func showAnUnknownIDExits1WithSuggestions() throws {
        let result = try CLI.run(["show", "letter", "--data", good])
        #expect(result.status == 1)
        #expect(result.stderr == "dossier: no record has id or name \"letter\"; similar ids: a-letter, e-letter, s-letter; "
                + "names that contain it: s-letter (Joint letter on Xinjiang), e-letter (Letter delivered)\n")
    }

    @Test func textFromDataNeverReachesTheTerminalRaw() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = try String(contentsOfFile: good, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"China rebuked over Xinjiang\"", with: "\"China\\u001b]0;owned\\u0007 \\u001b[2J rebuked\"")
        let path = directory.appendingPathComponent("hostile.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        for arguments in [["list", "articles"], ["show", "a-letter"], ["show", "a-letter", "--format", "json"]] {
            let result = try CLI.run(arguments + ["--data", path])
            #expect(result.status == 0)
            #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{07}"))
            #expect(result.stdout.contains("␛]0;owned␇") || result.stdout.contains("\\u001B]0;owned\\u0007"))
        }
    }

    @Test func aCopiedBinaryStillFindsTheBundledCorpus() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("dossier")
        // Copy with cp, not FileManager: while this process holds the copy open for writing (FileManager
        // opens it without O_CLOEXEC), a child that another test spawns at that moment inherits the
        // descriptor, and running the copy then fails with ETXTBSY ("Text file busy"); seen under load.
        // cp's descriptor is cp's alone.
        let cp = try CLI.run([CLI.binary.path, copy.path], binary: URL(fileURLWithPath: "/bin/cp"))
        try #require(cp.status == 0, "\(cp.stderr)")
        let result = try CLI.run(["validate"], binary: copy, in: "/")
        #expect(result.status == 0)
        #expect(result.stdout == (try CLI.run(["validate"])).stdout)
    }

    @Test func withoutATerminalTheExplorerSaysWhatToUseAndExits2() throws {
        let result = try CLI.run([], environment: ["TERM": "xterm-256color", "PATH": "/usr/bin:/bin"])
        #expect(result.status == 2)
        #expect(result.stderr == "dossier: standard output is not a terminal; use `dossier list` or `dossier show ID` for plain output\n")
    }

    @Test func searchPrintsEveryHitForScripts() throws {
        let table = try CLI.run(["search", "Türk", "--data", good])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("KIND") && lines.count > 3)
        #expect(lines.contains { $0.hasPrefix("actor ") && $0.contains("turk") && $0.contains("Volker Türk") })
        let json = try CLI.run(["search", "raphael", "--format", "json", "--data", good])
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(hits.map { $0["kind"] as? String } == ["article", "excerpt", "actor"])
        // start/end are code points into the field: the decomposed "Raphae\u{308}l" is 8 of them.
        let actor = try #require(hits.last)
        #expect(actor["field"] as? String == "name" && actor["start"] as? Int == 0 && actor["end"] as? Int == 8)
        #expect(hits.first?["source"] as? String == "Example Times" && actor["source"] == nil)
        // A relayed quote's source says whose words they are (issue 14).
        let relayed = try CLI.run(["search", "group of 22", "--wide", "--data", CLI.repository.appendingPathComponent("data").path])
        #expect(relayed.stdout.split(separator: "\n").contains { $0.hasPrefix("excerpt") && $0.contains("x-cdt-22-nations") && $0.contains("CNN, via China Digital Times") })
    }

    @Test(arguments: ["table", "json"])
    func searchWithNoMatchPrintsNothingAndExits1(format: String) throws {
        let result = try CLI.run(["search", "zzzz", "--format", format, "--data", good])
        #expect(result.status == 1)
        // Like grep: no table on standard output for a script to mistake; JSON stays JSON, an empty list
        // (issue 32 asked for it: a JSON reader must not fail on no hit).
        #expect(result.stdout == (format == "json" ? "[]\n" : ""))
        #expect(result.stderr == "dossier: nothing matches \"zzzz\"\n")
    }

    @Test(arguments: [["--help"], ["validate", "--help"], ["list", "--help"], ["show", "--help"], ["search", "--help"], ["keys", "--help"], ["explore", "--help"], ["--version"]])
    func helpAndVersionExit0(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 0)
        #expect(!result.stdout.isEmpty)
    }

    @Test(arguments: [["list"], ["list", "people"], ["show"], ["list", "actors", "--format", "text"], ["search", "x", "--format", "text"],
                      ["show", "gbr", "--format", "table"], ["frobnicate", "x"]])
    func usageErrorsExit64(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error:") || result.stderr.contains("Usage:") || result.stderr.contains("error"))
    }
}

/// Issue 13, item 2: validate stays strict but tells a thousand of one mistake in a few lines.
@Suite struct GroupedProblemsTests {
    /// The small corpus with a statement whose leads name 1,000 actors it does not have, and one more
    /// mistake of another kind.
    static func corpusWithRepeats() throws -> String {
        let text = try String(contentsOfFile: CLI.fixtures + "/good/small.json", encoding: .utf8)
        let leads = (1...1000).map { "{\"actor\": \"absent-\($0)\", \"excerpts\": [\"x-22\"]}" }.joined(separator: ", ")
        let broken = text.replacingOccurrences(of: "\"leads\": [],", with: "\"leads\": [\(leads)],")
            .replacingOccurrences(of: "\"country\": \"FRA\"", with: "\"country\": \"FRX\"")
        #expect(broken != text)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-repeats-\(UUID().uuidString).json").path
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func afterTwentyOfOneKindValidateSaysHowManyMore() throws {
        let path = try Self.corpusWithRepeats()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLI.run(["validate", path])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.filter { $0.contains(": leads: \"absent-") }.count == 20)
        #expect(lines.contains("dossier: … and 980 more like the last (error: leads: \"…\" is not the id of any record; expected an actor); --all prints every one"))
        // The other kind is still printed, and the summary counts every problem.
        #expect(lines.contains { $0.contains("country \"FRX\" is not an ISO 3166-1 alpha-3 code") })
        #expect(lines.last == "dossier: \(path) is not a valid corpus: 1001 errors, 0 warnings")
        #expect(lines.count == 20 + 1 + 1 + 1)
        let all = try CLI.run(["validate", "--all", path])
        #expect(all.status == 65 && all.stderr.split(separator: "\n").filter { $0.contains(": leads: \"absent-") }.count == 1000)
    }
}
