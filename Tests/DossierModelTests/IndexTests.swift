import DossierGenerator
import Foundation
import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

/// The persistent index (issue 17): it gives the answers a cold load gives, and every way it can go
/// stale or be damaged leads to a load from the JSON (and a new index), never to a wrong answer.
@Suite struct IndexTests {
    /// A corpus in a folder of its own, with a cache folder beside it. The racy margin is 50 ms, and
    /// each harness waits that long after writing its corpus, so an index can be written at once.
    struct Harness {
        let root: String
        var corpus: String { root + "/corpus" }
        var cacheFolder: String { root + "/cache" }
        var cache: CorpusCache { CorpusCache(folder: cacheFolder, programVersion: "test-1", racyMargin: 50_000_000) }

        init(_ name: String, bundled: Bool = false) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-index-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            if bundled {
                try FileManager.default.copyItem(atPath: Paths.data.path, toPath: corpus)
            } else {
                _ = try CorpusGenerator(articles: 60, seed: 11).write(to: corpus)
            }
            Self.settle()
        }

        /// Longer than the racy margin and the file system clock's tick: a change made after this has
        /// a newer time than what the index recorded.
        static func settle() { usleep(80_000) }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        var indexPath: String { cache.indexPath(for: corpus) }

        func load(search: Bool = true) throws -> CorpusCache.Loaded {
            try cache.load(path: corpus, mode: .strict, search: search)
        }
    }

    static let queries = ["türk", "新疆", "human rights", "xinjiang", "“", "qqzxv", "a"]

    /// Everything a user can be shown, as lines: the problems, every record as JSON output gives it,
    /// the back-links, and the hits (with their places and context) of a few searches.
    static func answers(_ loaded: LoadedCorpus, search: SearchIndex) throws -> [String] {
        let corpus = loaded.corpus
        var lines = loaded.problems.map(\.description)
        for kind in RecordKind.allCases {
            lines += try RecordJSON.values(of: kind, in: corpus).map { JSONWriter.write($0) }
        }
        func sorted<T>(_ map: [String: [T]], _ show: (T) -> String) -> [String] {
            map.keys.sorted().map { "\($0): " + map[$0]!.map(show).joined(separator: ",") }
        }
        lines += sorted(corpus.excerptsAbout.all) { $0 } + sorted(corpus.recordsCiting.all) { $0 } + sorted(corpus.excerptsInArticle.all) { $0 }
        lines += sorted(corpus.statementRoles.all) { "\($0.statement)/\($0.role)" } + sorted(corpus.eventsMentioning.all) { $0 }
        // The explorer's orders, and every id found again, by kind and name.
        lines += corpus.orders.all.map { "order: " + $0.map(String.init).joined(separator: ",") }
        lines += corpus.allIDs.sorted().map { "\($0): \(corpus.kind(of: $0).map(\.rawValue) ?? "none") \(corpus.name(of: $0) ?? "")" }
        lines.append("an id of no record: \(corpus.kind(of: "no-such-record") == nil && corpus.excerptsAbout["no-such-record"] == nil)")
        // What the lists' filter matches each record by.
        let words = ["a", "rights", "türk", "state", "新疆", "un human"].map { [Array(Fold.fold($0).utf8)] }
        lines += corpus.allIDs.sorted().map { id in "filter \(id): " + words.map { corpus.listFilterText.matches(id, words: $0) ? "1" : "0" }.joined() }
        for query in queries {
            let hits = search.search(query)
            let ranges = SearchIndex.utf8Ranges(of: hits)
            lines += zip(hits, ranges).map { "\(query): \($0.kind) \($0.id) \($0.field) \($1) \($0.context)" }
        }
        return lines
    }

    static func coldAnswers(_ path: String) throws -> [String] {
        let loaded = try CorpusLoader.load(path: path)
        return try answers(loaded, search: SearchIndex(corpus: loaded.corpus))
    }

    static func answers(_ result: CorpusCache.Loaded) throws -> [String] {
        try answers(result.loaded, search: try #require(result.search))
    }

    /// The orders as the explorer sorted them before they were kept in the index: by date (file order
    /// within one), by folded name then id, by kind then name then id, and the timeline with an event
    /// before a statement of the same date.
    @Test func theOrdersAreTheExplorersSorts() throws {
        let harness = try Harness("orders")
        defer { harness.remove() }
        let corpus = try CorpusLoader.load(path: harness.corpus).corpus
        let orders = corpus.orders
        let articles = corpus.articles.array, statements = corpus.statements.array, actors = corpus.actors.array, events = corpus.events.array
        let byDate = articles.indices.sorted { (articles[$0].published, $0) < (articles[$1].published, $1) }
        #expect(orders.articlesByDate.map(Int.init) == byDate)
        #expect(orders.statementsByDate.map(Int.init) == statements.indices.sorted { (statements[$0].date, $0) < (statements[$1].date, $1) })
        let byName = actors.indices.sorted { (Fold.fold(actors[$0].name), actors[$0].id) < (Fold.fold(actors[$1].name), actors[$1].id) }
        #expect(orders.actorsByName.map(Int.init) == byName)
        #expect(orders.actorsByKind.map(Int.init) == actors.indices.sorted {
            (actors[$0].kind, Fold.fold(actors[$0].name), actors[$0].id) < (actors[$1].kind, Fold.fold(actors[$1].name), actors[$1].id)
        })
        #expect(orders.statesByName.map(Int.init) == byName.filter { actors[$0].kind == .state })
        let dated = statements.indices.map { (statements[$0].date, 1, $0, "s\($0)") } + events.indices.map { (events[$0].date, 0, $0, "e\($0)") }
        let timeline = orders.timeline.map { code -> String in
            switch CorpusOrders.TimelineItem(code: code) {
            case .statement(let position): return "s\(position)"
            case .event(let position): return "e\(position)"
            }
        }
        #expect(timeline == dated.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3))
        #expect(orders.articlesLongestFirst.map { articles[Int($0)].title.utf8.count } == articles.map(\.title.utf8.count).sorted(by: >))
        #expect(orders.actorsLongestFirst.map { actors[Int($0)].name.utf8.count } == actors.map(\.name.utf8.count).sorted(by: >))
        #expect(Set(orders.timelineLongestFirst).count == statements.count + events.count)

        // Ties: an event before a statement of the same date, and each kind in file order.
        let date = PartialDate(year: 2019)
        let tied = Corpus(articles: [], actors: [], statements: [
            Statement(id: "s1", title: "S1", kind: .jointStatement, date: date, forum: nil, stance: .critical, leads: [], addressees: []),
            Statement(id: "s2", title: "S2", kind: .jointStatement, date: date, forum: nil, stance: .critical, leads: [], addressees: []),
        ], events: [
            Event(id: "e1", date: date, title: "E1", actors: [], statements: [], excerpts: []),
            Event(id: "e2", date: date, title: "E2", actors: [], statements: [], excerpts: []),
        ], excerpts: [])
        #expect(tied.orders.timeline.map(CorpusOrders.TimelineItem.init(code:)) == [.event(0), .event(1), .statement(0), .statement(1)])
    }

    @Test(arguments: [false, true])
    func aWarmOpenGivesTheAnswersOfAColdOne(bundled: Bool) throws {
        let harness = try Harness("same", bundled: bundled)
        defer { harness.remove() }
        let cold = try Self.coldAnswers(harness.corpus)
        let first = try harness.load()
        #expect(first.use == .rebuilt("no index yet"))
        #expect(try Self.answers(first) == cold)
        let second = try harness.load()
        #expect(second.use == .warm)
        let warm = try Self.answers(second)
        #expect(warm.count == cold.count)
        for (index, (left, right)) in zip(warm, cold).enumerated() where left != right {
            Issue.record("line \(index) differs:\n  warm: \(left)\n  cold: \(right)")
            break
        }
        // Bodies come from the corpus's own file, not the index.
        let article = try #require(second.loaded.corpus.articles.first)
        #expect(try article.body.text() == CorpusLoader.load(path: harness.corpus).corpus.articles.first!.body.text())
    }

    @Test func anIndexWithoutSearchTextIsUsedForRecordsAndCompletedForSearch() throws {
        let harness = try Harness("records")
        defer { harness.remove() }
        #expect(try harness.load(search: false).use == .rebuilt("no index yet"))
        #expect(try harness.load(search: false).use == .warm)
        let searched = try harness.load(search: true)
        #expect(searched.use == .rebuilt("the index holds no search text yet"))
        #expect(try Self.answers(searched) == Self.coldAnswers(harness.corpus))
        #expect(try harness.load(search: true).use == .warm)
        #expect(try harness.load(search: false).use == .warm)
    }

    /// Issue 28, item 3: an index another program cuts short or writes into while its corpus is in use
    /// (seen on main: SIGBUS, exit 135, once cut; exit 66 or a trap once written into). In the
    /// explorer's recovering mode a read past the new end gives zeros, a record that no longer decodes
    /// an empty stand-in, and both are counted, as is the file's change, so the explorer reads the
    /// corpus from its files before it shows anything. (The explorer's side: the e2e test.)
    @Test func anIndexCutShortOrWrittenIntoWhileInUseIsCountedNeverACrash() throws {
        let harness = try Harness("damaged-in-use")
        defer { harness.remove() }
        _ = try harness.load()
        let warm = try harness.load()
        #expect(warm.use == .warm)
        let corpus = warm.loaded.corpus
        IndexDamage.setRecovering(true)
        defer { IndexDamage.setRecovering(false) }
        let start = IndexDamage.count
        IndexDamage.checkFiles()
        #expect(IndexDamage.count == start)

        // Written into in place: every byte after the header's first 64 becomes 0xFF, the size kept.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: harness.indexPath)[.size] as? Int)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: harness.indexPath))
        try handle.seek(toOffset: 64)
        try handle.write(contentsOf: Data(repeating: 0xFF, count: size - 64))
        try handle.close()
        IndexDamage.checkFiles()
        #expect(IndexDamage.count == start + 1)
        IndexDamage.checkFiles()
        #expect(IndexDamage.count == start + 1, "a change is counted once")
        let written = IndexDamage.count
        let quotes = corpus.excerpts.map(\.quote)
        #expect(quotes.allSatisfy { $0.isEmpty }, "records that no longer decode stand empty")
        #expect(IndexDamage.count > written)

        // Cut short: reads past the new end give zeros (the mapping's rest), counted; never SIGBUS.
        #expect(truncate(harness.indexPath, 0) == 0)
        let cut = IndexDamage.count
        _ = corpus.actors.map(\.name) + corpus.statements.map(\.title) + corpus.events.map(\.title)
        _ = (corpus.actor("p1"), corpus.excerptsAbout["p1"], corpus.allIDs.count)
        #expect(IndexDamage.count > cut)
    }

    /// Rewrites a corpus file in place (same inode), changing the first letter of the first title that
    /// begins with an ASCII letter (one byte, so the file stays UTF-8).
    static func editInPlace(_ path: String) throws {
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let marker = Array("\"title\": \"".utf8)
        let at = try #require((0..<(bytes.count - marker.count - 1)).first {
            Array(bytes[$0..<($0 + marker.count)]) == marker && bytes[$0 + marker.count] < 0x80
        }) + marker.count
        bytes[at] = bytes[at] == UInt8(ascii: "Q") ? UInt8(ascii: "R") : UInt8(ascii: "Q")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    enum Staleness: String, CaseIterable {
        case editedInPlace, replacedByRename, touchedBackToItsOldTime, truncated
    }

    @Test(arguments: Staleness.allCases, ["articles", "statements", "events"])
    func aChangedFileIsReadAgain(_ change: Staleness, file: String) throws {
        let harness = try Harness("stale-\(change.rawValue)-\(file)")
        defer { harness.remove() }
        _ = try harness.load()
        #expect(try harness.load().use == .warm)
        let path = harness.corpus + "/\(file).json"
        var original = stat()
        stat(path, &original)
        switch change {
        case .editedInPlace:
            try Self.editInPlace(path)
        case .replacedByRename:
            let copy = path + ".new"
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            try Self.editInPlace(copy)
            rename(copy, path)
        case .touchedBackToItsOldTime:
            try Self.editInPlace(path)
            var times = [original.st_atim, original.st_mtim]
            utimensat(AT_FDCWD, path, &times, 0)
            var now = stat()
            stat(path, &now)
            #expect(now.st_mtim.tv_sec == original.st_mtim.tv_sec && now.st_mtim.tv_nsec == original.st_mtim.tv_nsec && now.st_size == original.st_size)
        case .truncated:
            truncate(path, off_t(original.st_size / 2))
        }
        Harness.settle()
        if change == .truncated {
            // What a cold load says: the file no longer parses.
            var coldError: CorpusError?
            do { _ = try CorpusLoader.load(path: harness.corpus) } catch { coldError = error }
            guard case .invalid(let expected)? = coldError else { Issue.record("a cut file loaded"); return }
            #expect(throws: CorpusError.self) { try harness.load() }
            do { _ = try harness.load() } catch let error as CorpusError {
                guard case .invalid(let found) = error else { Issue.record("\(error)"); return }
                #expect(found.map(\.description) == expected.map(\.description))
            }
            return
        }
        let reloaded = try harness.load()
        #expect(reloaded.use == .rebuilt("\(file).json changed since the index was written"))
        #expect(try Self.answers(reloaded) == Self.coldAnswers(harness.corpus))
        #expect(try harness.load().use == .warm)
    }

    enum Damage: CustomStringConvertible {
        case truncated(Int)
        case bitFlipped(Int)
        case otherProgramVersion
        case otherFormatVersion
        case foreign
        case empty

        var description: String {
            switch self {
            case .truncated(let at): return "truncated at \(at)"
            case .bitFlipped(let at): return "bit flipped at \(at)"
            case .otherProgramVersion: return "another program version"
            case .otherFormatVersion: return "another format version"
            case .foreign: return "a foreign file"
            case .empty: return "empty"
            }
        }
    }

    /// Offsets spread over the whole file (header, records, search text, its last byte), as fractions.
    static let places: [Double] = [0, 0.001, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.999]

    @Test func aDamagedIndexIsRebuiltNeverTrusted() throws {
        let harness = try Harness("damaged")
        defer { harness.remove() }
        let cold = try Self.coldAnswers(harness.corpus)
        _ = try harness.load()
        let good = try Array(Data(contentsOf: URL(fileURLWithPath: harness.indexPath)))
        var damages: [Damage] = [.otherProgramVersion, .otherFormatVersion, .foreign, .empty]
        for place in Self.places {
            let at = min(good.count - 1, Int(Double(good.count) * place))
            damages += [.truncated(at), .bitFlipped(at)]
        }
        damages += [.truncated(8), .truncated(56), .bitFlipped(9), .bitFlipped(20), .bitFlipped(30), .bitFlipped(36), .bitFlipped(44), .bitFlipped(52), .bitFlipped(good.count - 1)]
        for damage in damages {
            var bytes = good
            var cache = harness.cache
            switch damage {
            case .truncated(let at): bytes = Array(good[..<at])
            case .bitFlipped(let at): bytes[at] ^= 0x10
            case .otherProgramVersion: cache = CorpusCache(folder: harness.cacheFolder, programVersion: "test-2", racyMargin: 50_000_000)
            case .otherFormatVersion: bytes[8] &+= 1
            case .foreign: bytes = Array("{\"not\": \"an index\"}".utf8)
            case .empty: bytes = []
            }
            try Data(bytes).write(to: URL(fileURLWithPath: harness.indexPath))
            let loaded = try cache.load(path: harness.corpus, mode: .strict, search: true)
            guard case .rebuilt = loaded.use else {
                Issue.record("\(damage): the index was used (\(loaded.use))")
                continue
            }
            #expect(try Self.answers(loaded) == cold, "\(damage)")
            if case .otherProgramVersion = damage { continue }
            #expect(try harness.load().use == .warm, "\(damage): no good index written after")
        }
    }

    @Test func twoBuildersAtOnceBothSucceed() async throws {
        let harness = try Harness("builders")
        defer { harness.remove() }
        let cold = try Self.coldAnswers(harness.corpus)
        try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask { try Self.answers(harness.load()) }
            }
            for try await answers in group { #expect(answers == cold) }
        }
        #expect(try harness.load().use == .warm)
        // No writer's temporary file is left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: harness.cacheFolder)
        #expect(names == [(harness.indexPath as NSString).lastPathComponent])
    }

    @Test func aTemporaryFileAKilledWriterLeftIsRemovedByTheNextWriterOnceOld() throws {
        let harness = try Harness("abandoned")
        defer { harness.remove() }
        try FileManager.default.createDirectory(atPath: harness.cacheFolder, withIntermediateDirectories: true)
        let name = (harness.indexPath as NSString).lastPathComponent
        let old = harness.cacheFolder + "/.\(name).Ab12Cd"
        let recent = harness.cacheFolder + "/.\(name).Ef34Gh"
        for path in [old, recent] { try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path)) }
        // One left an hour ago, one still being written by another process.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: old)
        _ = try harness.load()
        #expect(!FileManager.default.fileExists(atPath: old))
        #expect(FileManager.default.fileExists(atPath: recent))
        #expect(FileManager.default.fileExists(atPath: harness.indexPath))
    }

    @Test func anUnwritableCacheFolderMeansWorkingWithoutIt() throws {
        let harness = try Harness("unwritable")
        defer { harness.remove() }
        // A file where the folder should be: no folder can be made there, whoever runs the test.
        try Data("in the way".utf8).write(to: URL(fileURLWithPath: harness.cacheFolder))
        let loaded = try harness.load()
        #expect(try Self.answers(loaded) == Self.coldAnswers(harness.corpus))
        let problem = try #require(loaded.problem)
        #expect(problem.contains(harness.cacheFolder) && problem.hasSuffix("working without it"))
        guard case .notWritten = loaded.use else { Issue.record("\(loaded.use)"); return }
    }

    @Test func aCorpusWithErrorsIsNotIndexed() throws {
        let harness = try Harness("errors")
        defer { harness.remove() }
        // An excerpt about a record that does not exist: an error, which a tolerant load opens with.
        let path = harness.corpus + "/excerpts.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "\"about\": [", with: "\"about\": [\"no-such-record\", ", options: [], range: text.range(of: "\"about\": ["))
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        Harness.settle()
        let loaded = try harness.cache.load(path: harness.corpus, mode: .tolerant, search: true)
        #expect(loaded.use == .notWritten(loadedBecause: "no index yet", notWritten: "the corpus has errors"))
        #expect(!FileManager.default.fileExists(atPath: harness.indexPath))
        #expect(throws: CorpusError.self) { try harness.load() }
    }

    @Test func filesChangedMomentsBeforeTheLoadAreNotTrusted() throws {
        let harness = try Harness("racy")
        defer { harness.remove() }
        try Self.editInPlace(harness.corpus + "/statements.json")
        let cache = CorpusCache(folder: harness.cacheFolder, programVersion: "test-1")  // the real margin: a second
        let loaded = try cache.load(path: harness.corpus, mode: .strict, search: false)
        // Every file was written moments ago; the first one checked is named.
        #expect(loaded.use == .notWritten(loadedBecause: "no index yet", notWritten: "articles.json changed less than a second before it was read"))
        #expect(!FileManager.default.fileExists(atPath: harness.indexPath))
    }

    @Test func clearRemovesIndexesAndLeftoverTemporaryFilesOnly() throws {
        let harness = try Harness("clear")
        defer { harness.remove() }
        _ = try harness.load()
        let leftover = harness.cacheFolder + "/." + (harness.indexPath as NSString).lastPathComponent + ".Ab12Cd"
        let unrelated = harness.cacheFolder + "/notes.txt"
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: leftover))
        try Data([1]).write(to: URL(fileURLWithPath: unrelated))
        #expect(harness.cache.entries().map(\.name) == [(leftover as NSString).lastPathComponent, (harness.indexPath as NSString).lastPathComponent])
        let removed = try harness.cache.clear()
        #expect(removed.files == 2 && removed.bytes > 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.cacheFolder) == ["notes.txt"])
        #expect(try harness.cache.clear().files == 0)
        #expect(try CorpusCache(folder: harness.root + "/never-made", programVersion: "x").clear().files == 0)
    }

    @Test func aCorpusOpenedByAnotherSpellingOfItsPathNamesItsFilesThatWay() throws {
        let harness = try Harness("spelling", bundled: true)
        defer { harness.remove() }
        // Give the corpus a warning to report: an actor no excerpt is about.
        let actors = harness.corpus + "/actors.json"
        let text = try String(contentsOfFile: actors, encoding: .utf8)
        let index = try #require(text.range(of: "[", options: []))
        try text.replacingCharacters(in: index, with: "[{\"id\": \"nobody\", \"name\": \"Nobody\", \"kind\": \"person\", \"aliases\": []},").write(toFile: actors, atomically: true, encoding: .utf8)
        Harness.settle()
        let first = try harness.load(search: false)
        #expect(first.loaded.warnings.contains { $0.description.hasPrefix(harness.corpus + "/actors.json") })
        let respelt = harness.root + "/./corpus/"
        let second = try harness.cache.load(path: respelt, mode: .strict, search: false)
        #expect(second.use == .warm)
        #expect(second.loaded.warnings.map(\.description) == (try CorpusLoader.load(path: respelt)).warnings.map(\.description))
    }
}

/// The "no excerpt is about this actor" warning is worked out without building the back-links; it must
/// name exactly the actors the back-links give no excerpt for.
@Suite struct CoverageWarningTests {
    @Test func theWarnedActorsAreThoseWithNoExcerptAbout() throws {
        let harness = try IndexTests.Harness("coverage", bundled: true)
        defer { harness.remove() }
        let actors = harness.corpus + "/actors.json"
        let text = try String(contentsOfFile: actors, encoding: .utf8)
        let bracket = try #require(text.range(of: "["))
        // Three new actors: one nothing supports, one only a signatory's excerpt does, one only a lead's.
        let added = ["nobody", "only-signer", "only-lead"].map { "{\"id\": \"\($0)\", \"name\": \"\($0)\", \"kind\": \"person\", \"aliases\": []}," }.joined()
        try text.replacingCharacters(in: bracket, with: "[" + added).write(toFile: actors, atomically: true, encoding: .utf8)
        let statementsPath = harness.corpus + "/statements.json"
        var statements = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: statementsPath))) as? [[String: Any]])
        let excerpt = try #require((statements[0]["excerpts"] as? [String])?.first)
        statements[0]["signatories"] = ((statements[0]["signatories"] as? [Any]) ?? []) + [["actor": "only-signer", "excerpts": [excerpt]]]
        statements[0]["leads"] = ((statements[0]["leads"] as? [Any]) ?? []) + [["actor": "only-lead", "excerpts": [excerpt]]]
        try JSONSerialization.data(withJSONObject: statements, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: statementsPath))
        for path in [harness.corpus, ScaleTests.directory] {
            let loaded = try CorpusLoader.load(path: path)
            let warned = Set(loaded.warnings.filter { $0.message == "no excerpt is about this actor" }.compactMap(\.recordID))
            let unsupported = Set(loaded.corpus.actors.map(\.id).filter { loaded.corpus.excerptsAbout[$0, default: []].isEmpty })
            #expect(warned == unsupported, "\(path)")
            if path == harness.corpus { #expect(warned.contains("nobody") && !warned.contains("only-signer") && !warned.contains("only-lead")) }
        }
    }
}

/// A directory corpus's articles.json is decoded on a second thread beside the other files; what comes
/// out must be what decoding one file after the other gives (as a staged load still does), problems in
/// the same order, and an id shared across files reported at the later record.
@Suite struct ParallelDecodingTests {
    enum Damage: String, CaseIterable {
        case none, problemsInSeveralFiles, actorWithAnArticlesID, articlesFileNotJSON
    }

    @Test(arguments: Damage.allCases)
    func decodingInParallelGivesWhatDecodingInOrderGives(_ damage: Damage) throws {
        let harness = try IndexTests.Harness("parallel-\(damage.rawValue)", bundled: true)
        defer { harness.remove() }
        func edit(_ name: String, _ change: (String) -> String) throws {
            let path = harness.corpus + "/\(name).json"
            try change(try String(contentsOfFile: path, encoding: .utf8)).write(toFile: path, atomically: true, encoding: .utf8)
        }
        let firstArticle = try #require(CorpusLoader.load(path: harness.corpus).corpus.articles.first?.id)
        switch damage {
        case .none: break
        case .problemsInSeveralFiles:
            try edit("articles") { $0.replacingOccurrences(of: "\"publisher\":", with: "\"publsher\":") }
            try edit("excerpts") { $0.replacingOccurrences(of: "\"about\": [", with: "\"about\": [\"nowhere\", ") }
            try edit("actors") { $0.replacingOccurrences(of: "\"kind\": \"state\"", with: "\"kind\": \"country\"") }
        case .actorWithAnArticlesID:
            try edit("actors") { text in
                text.replacingCharacters(in: text.range(of: "[")!, with: "[{\"id\": \"\(firstArticle)\", \"name\": \"Twin\", \"kind\": \"person\", \"aliases\": []},")
            }
        case .articlesFileNotJSON:
            try edit("articles") { "[{" + $0 }
        }
        func outcome(_ load: () throws(CorpusError) -> LoadedCorpus) -> [String] {
            do {
                let loaded = try load()
                return ["loaded: \(loaded.corpus.summary)"] + loaded.problems.map(\.description)
                    + loaded.corpus.excerpts.map { "\($0.id) \($0.anchor) \($0.span.start)" }
            } catch .invalid(let problems) {
                return ["invalid"] + problems.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
        for mode in [LoadMode.strict, .tolerant] {
            let parallel = outcome { () throws(CorpusError) in try CorpusLoader.load(directoryFiles: CorpusLoader.readDirectory(harness.corpus), mode: mode) }
            let inOrder = outcome { () throws(CorpusError) in
                let files = try CorpusLoader.readDirectory(harness.corpus)
                return try CorpusLoader.load(directoryFiles: files, previewed: PreviewedArticles(files["articles"]!), mode: mode)
            }
            if damage != .articlesFileNotJSON { #expect(parallel == inOrder, "\(damage) \(mode)") }
            #expect(parallel.count > 1 || damage == .none || mode == .tolerant, "\(damage)")
            if damage == .actorWithAnArticlesID {
                #expect(parallel.contains { $0.contains("actors.json") && $0.contains("duplicate id: an article at") }, "\(parallel.prefix(3))")
            }
            if damage == .problemsInSeveralFiles, mode == .strict {
                // The articles' problems first, as the files are read.
                let files = parallel.dropFirst().map { $0.components(separatedBy: ":").first ?? "" }
                #expect(files.first?.hasSuffix("articles.json") == true && files.contains { $0.hasSuffix("excerpts.json") })
            }
        }
    }
}
