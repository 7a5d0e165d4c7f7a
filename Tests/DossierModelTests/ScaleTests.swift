import DossierGenerator
import Foundation
import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

/// The generated corpora benchmarks run on, and the fast search checked against a plain one on them.
@Suite struct ScaleTests {
    static let directory: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-scale-\(getpid())").path
        _ = try? CorpusGenerator(articles: 300, seed: 7).write(to: path)
        return path
    }()

    static let corpus: Corpus = {
        do { return try CorpusLoader.load(path: directory).corpus } catch { fatalError("generated corpus does not load: \(error)") }
    }()

    @Test func generatedCorporaAreValidAndDeterministic() throws {
        let loaded = try CorpusLoader.load(path: Self.directory)
        #expect(loaded.warnings.isEmpty)
        let corpus = loaded.corpus
        #expect(corpus.articles.count == 300 && corpus.actors.count == 60 && corpus.statements.count == 30)
        #expect(corpus.events.count == 15 && corpus.excerpts.count == 930)
        for article in corpus.articles { #expect((2048...10 * 1024).contains(try article.body.text().utf8.count)) }
        for statement in corpus.statements { #expect((2...40).contains(statement.signatories.count)) }
        let text = try corpus.articles.map { try $0.body.text() }.joined()
        #expect(text.contains("“") && text.contains("’") && text.contains("新疆") && text.contains("Türk"))
        // The same size and seed give the same bytes.
        let again = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-scale-again-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: again) }
        try CorpusGenerator(articles: 300, seed: 7).write(to: again)
        for name in ["articles", "actors", "statements", "events", "excerpts"] {
            let first = try Data(contentsOf: URL(fileURLWithPath: Self.directory + "/\(name).json"))
            let second = try Data(contentsOf: URL(fileURLWithPath: again + "/\(name).json"))
            #expect(first == second, "\(name).json differs between runs")
        }
    }

    /// Roles linked to excerpts that do not name their actor: the first few are located one by one,
    /// the rest counted on one line (each role of the generated corpus named, then none of them).
    @Test func rolesLinkedToExcerptsThatDoNotNameThemAreCountedPastAFew() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-scale-unnamed-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try FileManager.default.copyItem(atPath: Self.directory, toPath: copy)
        // x900…x929 are the sentences naming each statement's roles; x0 is an article's sentence.
        let path = copy + "/statements.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let unnamed = text.replacingOccurrences(of: "\"x9[0-2][0-9]\"", with: "\"x0\"", options: .regularExpression)
        try unnamed.write(toFile: path, atomically: true, encoding: .utf8)
        let roles = Self.corpus.statements.reduce(0) { $0 + $1.signatories.count + $1.leads.count + $1.addressees.count }
        let warnings = try CorpusLoader.load(path: copy).warnings
        #expect(warnings.count == CorpusValidator.unnamedRoleBudget + 1)
        #expect(warnings.prefix(CorpusValidator.unnamedRoleBudget).allSatisfy { $0.location != nil && $0.message.contains("is linked to excerpt \"x0\", which does not name it") })
        #expect(warnings.last?.message == "and \(roles - CorpusValidator.unnamedRoleBudget) more roles linked to excerpts that do not name their actor")
    }

    /// The plain implementation: fold each document scalar by scalar (remembering every folded byte's
    /// original character), look for the folded query byte by byte, and map matches back.
    struct PlainDocument {
        var id: String
        var field: SearchIndex.Field
        var folded: [UInt8]
        var origins: [Range<Int>]
    }

    static let plainDocuments: [PlainDocument] = {
        var memo: [Unicode.Scalar: [UInt8]] = [:]
        let documents = SearchIndex(corpus: corpus).documents
        return (0..<documents.count).map { document in
            var folded: [UInt8] = []
            var origins: [Range<Int>] = []
            var offset = 0
            for scalar in (try! documents.text(of: document).text()).unicodeScalars {
                let length = String(scalar).utf8.count
                let bytes: [UInt8]
                if let known = memo[scalar] {
                    bytes = known
                } else {
                    bytes = Array(Fold.fold(String(scalar)).utf8)
                    memo[scalar] = bytes
                }
                for byte in bytes {
                    folded.append(byte)
                    origins.append(offset..<(offset + length))
                }
                offset += length
            }
            return PlainDocument(id: documents.id(of: document), field: documents.field(of: document), folded: folded, origins: origins)
        }
    }()

    static func plainSearch(_ query: String) -> [(String, SearchIndex.Field, Range<Int>)] {
        let needle = Array(Fold.fold(query).utf8)
        guard !needle.isEmpty, !needle.allSatisfy({ $0 == 0x20 }) else { return [] }
        var results: [(String, SearchIndex.Field, Range<Int>)] = []
        for document in plainDocuments {
            let folded = document.folded
            var position = 0
            while position + needle.count <= folded.count {
                if folded[position] == needle[0] && folded[position..<(position + needle.count)].elementsEqual(needle) {
                    results.append((document.id, document.field,
                                    document.origins[position].lowerBound..<document.origins[position + needle.count - 1].upperBound))
                    position += needle.count
                } else {
                    position += 1
                }
            }
        }
        return results
    }

    static let queries: [String] = {
        var queries = ["human rights", "TÜRK", "turk", "urumchi", "Ürümchi", "新疆", "维吾尔", "china's", "china’s", "“", "no. 1",
                       "raphael", "zurich", "a", "e", " ", "qqzx", "(no. 17).", "sao paulo"]
        // Growing prefixes, as typed.
        for word in ["xinjiang", "türk", "新疆维吾尔", "detention"] {
            queries += (1...word.count).map { String(word.prefix($0)) }
        }
        // Slices of real bodies, across accents and CJK.
        var random = SplitMix64(seed: 11)
        for _ in 0..<24 {
            let body = try! corpus.articles[random.next(below: corpus.articles.count)].body.text()
            let characters = Array(body)
            let start = random.next(below: max(1, characters.count - 20))
            queries.append(String(characters[start..<(start + 1 + random.next(below: 15))]))
        }
        return queries
    }()

    @Test func searchMatchesThePlainImplementation() {
        let index = SearchIndex(corpus: Self.corpus)
        for query in Self.queries {
            let hits = index.search(query, limitPerGroup: Int.max)
            let fast = zip(hits, SearchIndex.utf8Ranges(of: hits)).map { ($0.id, $0.field, $1) }
            // Hit by hit, as the screen asks, gives the same ranges.
            #expect(hits.prefix(20).enumerated().allSatisfy { $1.utf8Range == fast[$0].2 })
            let plain = Self.plainSearch(query)
            #expect(fast.count == plain.count, "hit count for \(query.debugDescription)")
            #expect(zip(fast, plain).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 }, "hits for \(query.debugDescription)")
        }
    }

    @Test func searchingAsYouTypeMatchesSearchingAfresh() {
        let index = SearchIndex(corpus: Self.corpus)
        for word in ["xinjiang", "türk", "新疆维吾尔", "qqzxv", "detention camps"] {
            var previous: SearchIndex.Result?
            for length in 1...word.count {
                let prefix = String(word.prefix(length))
                let incremental = index.search(prefix, after: previous, limitPerGroup: 50)
                #expect(incremental.hits == index.search(prefix, limitPerGroup: 50), "typing \(prefix.debugDescription)")
                previous = incremental
            }
        }
    }

    @Test func groupLimitsCapHitsAndKeepGroupOrder() {
        let index = SearchIndex(corpus: Self.corpus)
        let hits = index.search("e", limitPerGroup: 10)
        #expect(hits.filter { $0.kind == .article }.count == 10)
        let order = hits.map(\.kind).reduce(into: [RecordKind]()) { if $0.last != $1 { $0.append($1) } }
        #expect(order == SearchIndex.groupOrder.filter { kind in hits.contains { $0.kind == kind } })
    }
}

/// Quotes are looked for on two threads (half the articles each) once a corpus has enough articles;
/// what is said must be what one pass in article order says.
@Suite struct QuotesOnTwoThreadsTests {
    @Test func problemsFromBothHalvesAreSaidInArticleOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-quotes-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let articles = CorpusValidator.articlesWorthASecondThread * 2 + 10
        _ = try CorpusGenerator(articles: articles).write(to: directory)
        // One quote not in its body in an early article and in a late one (each half has one), and
        // one in the late half whose given prefix is not before it.
        let path = directory + "/excerpts.json"
        var excerpts = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [[String: Any]])
        let early = try #require(excerpts.firstIndex { $0["article"] as? String == "a3" })
        let late = try #require(excerpts.firstIndex { $0["article"] as? String == "a\(articles - 3)" })
        excerpts[late]["quote"] = "words that are in no article at all"
        excerpts[early]["quote"] = "nor are these words, anywhere"
        excerpts[late + 1]["prefix"] = "words that come before it nowhere"
        try JSONSerialization.data(withJSONObject: excerpts).write(to: URL(fileURLWithPath: path))
        let loaded = try CorpusLoader.load(path: directory, mode: .tolerant)
        let quoteProblems = loaded.problems.filter { $0.message.contains("in article \"") || $0.message.contains("of article \"") }.map(\.message)
        #expect(quoteProblems.count == 3, "\(quoteProblems)")
        #expect(quoteProblems.first?.contains("not found in the body of article \"a3\"") == true)
        #expect(quoteProblems.dropFirst().first?.contains("not found in the body of article \"a\(articles - 3)\"") == true)
        #expect(quoteProblems.last?.contains("but never with the given prefix and suffix") == true && quoteProblems.last?.contains("a\(articles - 3)") == true)
        // Every other quote is anchored exactly where it is.
        let anchored = loaded.corpus.excerpts.filter { $0.anchor == .exact }.count
        #expect(anchored == loaded.corpus.excerpts.count - 3)
    }
}
