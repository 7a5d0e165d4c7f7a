import Foundation
import Testing

/// Issue 28, item 4: nothing the outside world can make fail may trap. Seen on main: `y` inside tmux
/// while a resize arrived died with exit 132, a trap on an interrupted read of `tmux show-options`.
@Suite struct SourceRulesTests {
    /// Every Swift source of the program (not the tests), with its lines.
    static func sources() throws -> [(path: String, lines: [Substring])] {
        let root = CLI.repository.appendingPathComponent("Sources").path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var found: [(String, [Substring])] = []
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            let text = try String(contentsOfFile: root + "/" + relative, encoding: .utf8)
            found.append((relative, text.split(separator: "\n", omittingEmptySubsequences: false)))
        }
        return found
    }

    @Test func noTryBangNoFatalErrorAndNoTrappingReadsInTheProgram() throws {
        var offending: [String] = []
        let sources = try Self.sources()
        #expect(sources.count > 50)
        for (path, lines) in sources {
            for (number, line) in lines.enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                // `try!` traps on any error; readDataToEndOfFile traps on EINTR (a resize, a signal); a
                // fatalError's message is lost on curses' screen (FatalReport says it after the reset).
                if code.range(of: #"\btry!"#, options: .regularExpression) != nil || code.contains("readDataToEndOfFile") || code.contains("fatalError(") { offending.append("\(path):\(number + 1): \(line)") }
            }
        }
        #expect(offending.isEmpty, "\(offending.joined(separator: "\n"))")
    }

    /// Issue 30, item 4: one kind of lock (`Mutex`), and `@unchecked Sendable` only where a comment
    /// right above it (`// @unchecked: …`) says why the compiler cannot see it is safe.
    @Test func oneKindOfLockAndEveryUncheckedSendableSaysWhy() throws {
        var offending: [String] = []
        for (path, lines) in try Self.sources() {
            for (number, line) in lines.enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                if code.contains("NSLock") || code.contains("pthread_mutex") || code.contains("os_unfair_lock") {
                    offending.append("\(path):\(number + 1): a lock other than Mutex: \(line)")
                }
                guard code.contains("@unchecked Sendable") else { continue }
                // The comment may run over several lines; its first says "@unchecked:".
                var above = number - 1
                while above >= 0, lines[above].trimmingCharacters(in: .whitespaces).hasPrefix("//"),
                      !lines[above].contains("// @unchecked:") { above -= 1 }
                if above < 0 || !lines[above].contains("// @unchecked:") {
                    offending.append("\(path):\(number + 1): @unchecked Sendable without a comment saying why: \(line)")
                }
            }
        }
        #expect(offending.isEmpty, "\(offending.joined(separator: "\n"))")
    }

    /// Issue 30, item 2: the controller does no I/O of its own: no files, clock, environment, process
    /// or threads in DossierApp; the edge (DossierTerminal's `Effects.swift`, `StagedLoad`) does it.
    /// An article body kept in its file is read only by the edge, asked for with `Effect.readBodies`:
    /// nothing in DossierApp reads one (`.text()` of a body or a search hit, folding bodies into a
    /// new search index) but the state's initialiser, which the edge and tests call.
    @Test func theControllerOpensNoFileReadsNoClockAndStartsNoThread() throws {
        let banned = ["FileManager", "fopen(", "Date()", "ProcessInfo", "getenv(", "getpwuid(", "UUID()", "CorpusLoader.load", "AtomicFile",
                      "ISO8601DateFormatter", "ContinuousClock", "Thread {", "Thread(", "DispatchQueue", "EditLog.read", "refreshIfChanged",
                      ".apply {", ".apply(undoing", ".text()", "paragraphs()", "textOnce", "withUTF8Once", "Article.readBody", "BodyStore"]
        var offending: [String] = []
        for (path, lines) in try Self.sources() where path.hasPrefix("DossierApp/") {
            for (number, line) in lines.enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                for word in banned where code.contains(word) { offending.append("\(path):\(number + 1): \(word): \(line)") }
                // A search hit's context and range read its field's text unless handed it.
                for property in [".contextAndHighlight", ".utf8Range"] where code.contains(property) && !code.contains(property + "(in") {
                    offending.append("\(path):\(number + 1): \(property) reads a body: \(line)")
                }
                if code.contains("SearchIndex(corpus"), path != "DossierApp/State/State.swift" {
                    offending.append("\(path):\(number + 1): a search index made (it folds every body): \(line)")
                }
            }
        }
        #expect(offending.isEmpty, "\(offending.joined(separator: "\n"))")
    }

    /// Issue 30: a file of the controller is one job a reader can hold in mind: none passes 400 lines.
    @Test func noControllerFilePassesFourHundredLines() throws {
        let long = try Self.sources().filter { $0.path.hasPrefix("DossierApp/") && $0.lines.count > 401 }.map { "\($0.path): \($0.lines.count) lines" }
        #expect(long.isEmpty, "\(long)")
    }

    /// Issue 30, item 1: one folder per screen, holding its keys; the shared table keeps only the keys
    /// every screen or view shares, so a screen's key is found in its folder.
    @Test func everyScreenHasAFolderWithItsKeys() throws {
        let sources = try Self.sources()
        let screens = ["Lists", "Reader", "Timeline", "Matrix", "Compare", "WhoSigned", "Profiles", "Search", "Notes", "Problems", "Edits",
                       "Picker", "Export", "Help"]
        for screen in screens {
            let files = sources.filter { $0.path.hasPrefix("DossierApp/Screens/\(screen)/") }
            #expect(!files.isEmpty, "no folder DossierApp/Screens/\(screen)")
            // The export prompt is a status-line prompt: its keys are the prompt's, shared by every prompt.
            if screen != "Export" {
                #expect(files.contains { $0.path.hasSuffix("Keys.swift") }, "Screens/\(screen) has no keys file")
            }
        }
        let shared: Set<String> = ["moving", "panes", "following", "workflows", "everywhere", "filtering", "prompt"]
        let table = try #require(sources.first { $0.path == "DossierApp/Keys/KeymapTable.swift" })
        let screenOwn = table.lines.compactMap { line -> String? in
            guard let range = line.range(of: "context: .") else { return nil }
            let context = String(line[range.upperBound...].prefix { $0.isLetter })
            return shared.contains(context) ? nil : context
        }
        #expect(screenOwn.isEmpty, "screen keys left in the shared table: \(screenOwn)")
    }

    /// Issue 30, item 4: the model is three modules with one-way dependencies: the corpus imports
    /// neither the store nor the index, and the store does not import the index.
    @Test func theModelsModulesDependOneWay() throws {
        let forbidden = ["DossierCorpus/": ["DossierStore", "DossierIndex", "DossierModel", "DossierApp"],
                         "DossierStore/": ["DossierIndex", "DossierModel", "DossierApp"], "DossierIndex/": ["DossierModel", "DossierApp"]]
        var offending: [String] = []
        for (path, lines) in try Self.sources() {
            guard let banned = forbidden.first(where: { path.hasPrefix($0.key) })?.value else { continue }
            for line in lines where line.hasPrefix("import ") || line.hasPrefix("@testable import ") || line.contains("@_exported import ") {
                if banned.contains(where: { line.hasSuffix(" " + $0) }) { offending.append("\(path): \(line)") }
            }
        }
        #expect(offending.isEmpty, "\(offending)")
        #expect(try Self.sources().contains { $0.path.hasPrefix("DossierStore/") && $0.lines.contains("import DossierCorpus") })
    }
}
