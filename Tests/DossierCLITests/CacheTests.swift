import Foundation
import Testing

/// The persistent index from the command line (issue 17): every command answers from it as from the
/// JSON, `--no-cache` skips it, `dossier cache` shows and clears it, and a cache folder that cannot be
/// written is said once and worked around.
@Suite struct CacheTests {
    /// A copy of the bundled corpus, old enough (a second and more) for an index to trust its files.
    static func corpus(_ name: String) throws -> (root: String, corpus: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-cli-index-\(name)-\(getpid())").path
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let corpus = root + "/corpus"
        try FileManager.default.copyItem(atPath: CLI.repository.appendingPathComponent("data").path, toPath: corpus)
        usleep(1_100_000)
        return (root, corpus)
    }

    static func environment(cache: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cache
        environment["DOSSIER_CACHE_REPORT"] = "1"
        return environment
    }

    @Test func everyCommandAnswersFromTheIndexAsFromTheJSON() throws {
        let (root, corpus) = try Self.corpus("same")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let environment = Self.environment(cache: root + "/cache")
        let commands: [[String]] = [
            ["validate", corpus],
            ["list", "articles", "--format", "json", "--data", corpus],
            ["list", "excerpts", "--format", "json", "--data", corpus],
            ["list", "actors", "--data", corpus],
            ["show", "st-2016-03-us-joint-statement", "--data", corpus],
            ["show", "chn", "--format", "json", "--data", corpus],
            ["search", "Xinjiang", "--format", "json", "--data", corpus],
            ["search", "qqzxv", "--data", corpus],
            ["export", "signatories", "--data", corpus],
        ]
        for command in commands {
            let cold = try CLI.run(command + ["--no-cache"], environment: environment)
            #expect(cold.stderr.contains("dossier: index: off"), "\(command)")
            var runs: [Run] = []
            for _ in 0..<2 { runs.append(try CLI.run(command, environment: environment)) }
            // The first search writes the folded text into an index the others wrote without it.
            #expect(runs[1].stderr.contains("dossier: index: warm"), "\(command): \(runs[1].stderr)")
            for run in runs {
                #expect(run.status == cold.status, "\(command)")
                #expect(run.stdout == cold.stdout, "\(command)")
                // The same problems and messages, less the line that says how the index was used.
                func messages(_ text: String) -> [String] { text.split(separator: "\n").filter { !$0.hasPrefix("dossier: index:") }.map(String.init) }
                #expect(messages(run.stderr) == messages(cold.stderr), "\(command)")
            }
        }
    }

    @Test func noCacheWritesNoIndex() throws {
        let (root, corpus) = try Self.corpus("nocache")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let environment = Self.environment(cache: root + "/cache")
        #expect(try CLI.run(["list", "articles", "--data", corpus, "--no-cache"], environment: environment).status == 0)
        #expect(try CLI.run(["validate", corpus, "--no-cache"], environment: environment).status == 0)
        #expect(!FileManager.default.fileExists(atPath: root + "/cache/dossier"))
    }

    @Test func cacheStatusAndClear() throws {
        let (root, corpus) = try Self.corpus("status")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let environment = Self.environment(cache: root + "/cache")
        let before = try CLI.run(["cache", "status", "--data", corpus], environment: environment)
        #expect(before.status == 0)
        #expect(before.stdout.contains("folder: \(root)/cache/dossier\n"))
        #expect(before.stdout.contains("\(corpus): not fresh: no index yet"))
        #expect(try CLI.run(["search", "Xinjiang", "--data", corpus], environment: environment).status == 0)
        let after = try CLI.run(["cache", "--data", corpus], environment: environment)
        #expect(after.stdout.contains("1 file, "), "\(after.stdout)")
        #expect(after.stdout.contains("\(corpus): fresh (index-corpus-"))
        // A change to a file makes it stale, and says which.
        let events = corpus + "/events.json"
        let text = try String(contentsOfFile: events, encoding: .utf8)
        try (text + "\n").write(toFile: events, atomically: false, encoding: .utf8)
        let stale = try CLI.run(["cache", "status", "--data", corpus], environment: environment)
        #expect(stale.stdout.contains("\(corpus): not fresh: events.json changed since the index was written"))
        let cleared = try CLI.run(["cache", "clear"], environment: environment)
        #expect(cleared.status == 0)
        #expect(cleared.stdout.hasPrefix("removed 1 file ("), "\(cleared.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/cache/dossier").isEmpty)
        #expect(try CLI.run(["cache", "clear"], environment: environment).stdout.hasPrefix("removed 0 files"))
        let missing = try CLI.run(["cache", "status", "--data", root + "/nowhere"], environment: environment)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("cannot read \(root)/nowhere"))
    }

    @Test func anUnwritableCacheFolderIsSaidOnceAndWorkedAround() throws {
        let (root, corpus) = try Self.corpus("unwritable")
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A file where the cache folder should be: it cannot be made, whoever runs the test.
        try Data("in the way".utf8).write(to: URL(fileURLWithPath: root + "/cache"))
        let environment = Self.environment(cache: root + "/cache")
        let expected = try CLI.run(["search", "Xinjiang", "--format", "json", "--data", corpus, "--no-cache"], environment: environment)
        let run = try CLI.run(["search", "Xinjiang", "--format", "json", "--data", corpus], environment: environment)
        #expect(run.status == 0)
        #expect(run.stdout == expected.stdout)
        let warnings = run.stderr.split(separator: "\n").filter { $0.contains("warning: cannot write the index") }
        #expect(warnings.count == 1, "\(run.stderr)")
        #expect(warnings.first?.hasSuffix("working without it") == true)
    }
}
