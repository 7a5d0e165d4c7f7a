import Foundation
import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

/// Article bodies of a corpus on disk stay in their file (see `ArticleBody`): checked by the parser
/// exactly as text it copies would be, read back the same, and refused once the file has changed.
@Suite struct StoredBodyTests {
    /// A copy of the small directory corpus in a directory of its own, removed by the caller.
    func copyOfSmallDirectory() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-stored-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Paths.fixture("good/small-dir"), toPath: directory)
        return directory
    }

    @Test func bodiesOfADirectoryCorpusStayInTheirFileAndReadBackTheSame() throws {
        let directory = try copyOfSmallDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let stored = try #require(try CorpusLoader.load(path: directory).corpus.article("a-letter"))
        let inMemory = try #require(try CorpusLoader.load(path: Paths.fixture("good/small.json")).corpus.article("a-letter"))
        guard case .stored = stored.body.source else { Issue.record("the body was copied into memory"); return }
        guard case .text = inMemory.body.source else { Issue.record("a single-file body should be text"); return }
        #expect(try stored.body.text() == inMemory.body.text())
        #expect(try stored.body.paragraphs().count == 5)
        #expect(stored.body.utf8CountEstimate >= (try stored.body.text()).utf8.count)
    }

    @Test func articlesChangedWhileTheRestLoadsEndTheLoadOnceAsUnreadable() throws {
        // Issue 11: the articles were previewed, then articles.json was cut short before the full load
        // read the bodies again. One located reason and exit 66, not "empty" or an error per article.
        let directory = try copyOfSmallDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try CorpusLoader.readDirectory(directory)
        let articlesFile = try #require(files["articles"])
        let articles = try #require(PreviewedArticles(articlesFile))
        #expect(truncate(directory + "/articles.json", 100) == 0)
        #expect {
            try CorpusLoader.load(directoryFiles: files, previewed: articles)
        } throws: { error in
            guard case CorpusError.unreadable(let path, let reason) = error else { return false }
            return path == directory + "/articles.json" && reason == "the file changed while the corpus was being loaded; open it again"
        }
    }

    @Test func aBodyIsRefusedOnceItsFileHasChanged() throws {
        let directory = try copyOfSmallDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let article = try #require(try CorpusLoader.load(path: directory).corpus.article("a-letter"))
        let path = directory + "/articles.json"
        // The same bytes written again in place: the modification time alone tells it changed.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: bytes)
        try handle.close()
        var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        #expect(throws: ArticleBody.Unreadable.self) { try article.body.text() }
        do {
            _ = try article.body.text()
        } catch {
            #expect(error.description == "cannot read the article body from \(path): the file changed since the corpus was loaded; open the corpus again")
        }
    }

    @Test func aFileReplacedOnDiskStillReadsAsItWasLoaded() throws {
        // Editors save by writing a new file and renaming it over the old one: the open file is the
        // one loaded, so what was loaded is what is read.
        let directory = try copyOfSmallDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let article = try #require(try CorpusLoader.load(path: directory).corpus.article("a-letter"))
        let before = try article.body.text()
        let path = directory + "/articles.json"
        try Data("[]".utf8).write(to: URL(fileURLWithPath: path + ".new"))
        #expect(rename(path + ".new", path) == 0)
        #expect(try article.body.text() == before)
    }

    @Test func aFileThatChangesBetweenOpeningAndReadingIsReportedAsSuch() throws {
        let directory = try copyOfSmallDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = try CorpusLoader.readDirectory(directory)
        #expect(truncate(directory + "/actors.json", 10) == 0)
        do {
            _ = try CorpusLoader.load(directoryFiles: files)
            Issue.record("a file cut short after it was opened was read")
        } catch .invalid(let diagnostics) {
            #expect(diagnostics.map(\.description) == ["\(directory)/actors.json: error: cannot be read: the file changed while it was being read"])
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test func aBodyOfWhiteSpaceOnlyIsRefusedWhereItStands() throws {
        for body in [#""   ""#, #""\n\t ""#, "\"\u{3000}\u{2003}\"", #""\u0020""#] {
            let articles = #"[{"id": "a", "title": "T", "publisher": "P", "published": "2020", "body": \#(body)}]"#
            var files: [String: SourceFile] = [:]
            for kind in RecordKind.allCases { files[kind.collectionName] = SourceFile(name: "\(kind.collectionName).json", bytes: Array("[]".utf8)) }
            files["articles"] = SourceFile(name: "articles.json", bytes: Array(articles.replacingOccurrences(of: "\"body\": ", with: "\n\"body\": ").utf8))
            do {
                let loaded = try CorpusLoader.load(directoryFiles: files)
                Issue.record("a blank body \(body) was accepted as \(loaded.corpus.articles.map(\.body))")
            } catch .invalid(let diagnostics) {
                #expect(diagnostics.map(\.description) == ["articles.json:2:9: error: a: field \"body\" must not be empty"], "\(body)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }

    /// Every string the parser defers must be accepted or refused exactly as when it is copied.
    @Test(arguments: [
        #""plain text""#, #""Türk 新疆 “quoted”""#, #""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#, #""\u0000 nul""#,
        "\"bad \u{1}control\"", #""bad \x escape""#, #""\ud800 lone""#, #""\udc00 low""#, #""unterminated"#, #""\u12""#,
        "\"\u{7F}\"", #""""#,
    ])
    func deferredStringsAreCheckedLikeCopiedOnes(literal: String) throws {
        try checkDeferred(Array(#"[{"id": "a", "body": "#.utf8) + Array(literal.utf8) + Array("}]".utf8))
    }

    @Test func deferredStringsRefuseInvalidUTF8AtTheSameByte() throws {
        let prefix = Array(#"[{"body": "ok "#.utf8)
        for bad: [UInt8] in [[0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5], [0x80], [0xE4, 0xB8], [0xC3]] {
            try checkDeferred(prefix + Array("long ASCII run before it ".utf8) + bad + Array(#" tail"}]"#.utf8))
        }
        try checkDeferred(prefix + [0xC3, 0xA9, 0xE6, 0x96, 0xB0, 0xF0, 0x9F, 0x98, 0x80] + Array(#""}]"#.utf8))
    }

    @Test func deferredStringsFindEachSpecialByteWhereverItFallsInAWord() throws {
        // The scan looks at eight bytes at a time: a quote, escape or control character must be found
        // at every position of a word, after text or white space only.
        for lead in ["a", " "] {
            for offset in 0..<20 {
                for special: [UInt8] in [Array(#"\""#.utf8), Array(#"\n"#.utf8), [0x01], [0x1F], Array("é".utf8), [0xFF], [0x22]] {
                    let text = Array(String(repeating: lead, count: offset).utf8) + special + Array("bbbbbbbbbbbbbbbb".utf8)
                    try checkDeferred(Array(#"[{"body": ""#.utf8) + text + Array(#""}]"#.utf8))
                }
            }
        }
    }

    func checkDeferred(_ document: [UInt8]) throws {
        var copied: Result<String, JSONParser.SyntaxError>?
        var deferred: Result<String, JSONParser.SyntaxError>?
        do throws(JSONParser.SyntaxError) {
            _ = try JSONParser.parseElements(document) { node in
                if case .object(let members) = node.value, case .string(let text) = members.last?.node.value { copied = .success(text) }
            }
        } catch { copied = .failure(error) }
        do throws(JSONParser.SyntaxError) {
            _ = try JSONParser.parseElements(document, deferring: "body") { node in
                guard case .object(let members) = node.value, case .deferredString(let span) = members.last?.node.value else { return }
                #expect(span.range.lowerBound == members.last!.node.offset)
                do throws(JSONParser.SyntaxError) { deferred = .success(try JSONParser.decodeString(Array(document[span.range]))) } catch { deferred = .failure(error) }
                #expect(span.hasEscapes == document[span.range].contains(UInt8(ascii: "\\")))
            }
        } catch { deferred = .failure(error) }
        #expect(copied != nil && deferred != nil)
        switch (copied, deferred) {
        case (.success(let text)?, .success(let read)?): #expect(text == read)
        case (.failure(let left)?, .failure(let right)?): #expect(left == right, "\(String(decoding: document, as: UTF8.self))")
        default: Issue.record("copied \(String(describing: copied)) but deferred \(String(describing: deferred))")
        }
    }
}
