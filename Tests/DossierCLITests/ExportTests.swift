import CSV
import Foundation
import Testing

/// Issue 12, item 2: `dossier export`.
@Suite struct ExportTests {
    static let kinds = ["signatories", "counts", "actors", "statements", "excerpts", "events", "timeline"]

    @Test(arguments: kinds)
    func everyKindInEveryFormatHasTheSameRows(kind: String) throws {
        let json = try CLI.run(["export", kind, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]])
        #expect(!objects.isEmpty)
        // CSV, read back by a CSV parser: the same columns and the same cells, row for row.
        let csv = try CLI.run(["export", kind, "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.contains("\r\n"))
        let reader = try CSVReader(string: csv.stdout, hasHeaderRow: true)
        let header = try #require(reader.headerRow)
        var rows = 0
        while let row = reader.next() {
            #expect(row.count == header.count)
            let object = objects[rows]
            for (column, cell) in zip(header, row) {
                let expected = object[column] ?? ""
                #expect(cell == expected || cell == "'" + expected, "\(kind) row \(rows) \(column)")
            }
            rows += 1
        }
        #expect(rows == objects.count)
        // TSV: one line a row, as many cells as columns.
        let tsv = try CLI.run(["export", kind, "--format", "tsv"])
        let lines = tsv.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == objects.count + 1 && lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == header.count })
        // Markdown: a table with a header, a rule and a line a row.
        let markdown = try CLI.run(["export", kind, "--format", "markdown"])
        let table = markdown.stdout.split(separator: "\n")
        #expect(table.count == objects.count + 2 && table[1].hasPrefix("|---|") && table.allSatisfy { $0.hasPrefix("| ") || $0.hasPrefix("|---") })
    }

    @Test func signatoriesCarryTheStatementTheActorAndTheExcerptThatNamesThem() throws {
        let result = try CLI.run(["export", "signatories", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: String]])
        let britain = try #require(rows.first { $0["statement_id"] == "st-2019-07-joint-letter" && $0["actor_id"] == "gbr" })
        #expect(britain["actor_name"] == "United Kingdom" && britain["iso3"] == "GBR" && britain["stance"] == "critical")
        #expect(britain["excerpt_id"] == "x-cdt-european-signatories" && britain["publisher"] == "China Digital Times")
        #expect(britain["quote"]?.hasPrefix("[…] Britain, France and Germany") == true)
    }

    /// Issue 29: what the articles do not state is marked in every export that shows it, as
    /// docs/data-format.md says (before, the signatories, counts and timeline exports had no column).
    @Test func suppliedFactsAreMarkedInTheSignatoriesCountsAndTimelineExports() throws {
        func rows(_ kind: String, _ extra: [String] = []) throws -> [[String: String]] {
            let result = try CLI.run(["export", kind, "--format", "json"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: String]])
        }
        let experts = "date: June 2020, from the public record (the 50 experts’ statement of 26 June 2020); the commentary gives no date"
        #expect(try rows("counts").first { $0["statement_id"] == "st-2020-un-experts" }?["supplied"] == experts)
        #expect(try rows("timeline").first { $0["id"] == "st-2020-un-experts" }?["supplied"] == experts)
        #expect(try rows("timeline").first { $0["id"] == "st-2016-03-us-joint-statement" }?["supplied"] == "")
        // A signatory row carries its statement's notes and its actor's.
        let corpus = try EditCommandTests.copy()
        defer { try? FileManager.default.removeItem(atPath: (corpus as NSString).deletingLastPathComponent) }
        let path = corpus + "/actors.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let britain = "    \"id\": \"gbr\",\n"
        #expect(text.contains(britain))
        try text.replacingOccurrences(of: britain, with: britain + "    \"supplied\": {\"country\": \"ISO 3166-1\"},\n").write(toFile: path, atomically: true, encoding: .utf8)
        let signed = try rows("signatories", ["--data", corpus])
        let letter = "statement: date: July 2019, from China Digital Times (published July 2019), which reports the letter as made “this week”; no source gives its day"
        #expect(signed.first { $0["statement_id"] == "st-2019-07-joint-letter" && $0["actor_id"] == "gbr" }?["supplied"] == letter + "; actor: country: ISO 3166-1")
        #expect(signed.first { $0["statement_id"] == "st-2019-07-joint-letter" && $0["actor_id"] == "fra" }?["supplied"] == letter)
    }

    @Test func aCellASpreadsheetWouldRunIsNeutralised() throws {
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-formula-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        let json = #"{"articles": [], "actors": [{"id": "a1", "name": "=HYPERLINK(\"http://x\")", "kind": "person", "aliases": ["@SUM(1)"]}], "statements": [], "events": [], "excerpts": []}"#
        try json.write(toFile: corpus, atomically: true, encoding: .utf8)
        let result = try CLI.run(["export", "actors", "--data", corpus])
        #expect(result.status == 0)
        let reader = try CSVReader(string: result.stdout, hasHeaderRow: true)
        let row = try #require(reader.next())
        #expect(row[1] == "'=HYPERLINK(\"http://x\")" && row[4] == "'@SUM(1)")
    }

    @Test func annotationsAreAWebAnnotationCollection() throws {
        let result = try CLI.run(["export", "excerpts", "--format", "annotations"])
        #expect(result.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["@context"] as? String == "http://www.w3.org/ns/anno.jsonld")
        #expect(document["type"] as? String == "AnnotationCollection")
        let page = try #require(document["first"] as? [String: Any])
        let items = try #require(page["items"] as? [[String: Any]])
        let excerpts = try #require(try JSONSerialization.jsonObject(with: Data(try CLI.run(["list", "excerpts", "--format", "json"]).stdout.utf8)) as? [Any])
        #expect(items.count == document["total"] as? Int && items.count == excerpts.count && items.count > 100)
        for item in items {
            // The model's required fields: id (an IRI), type Annotation, a target with a source.
            #expect((item["id"] as? String)?.hasPrefix("urn:dossier:excerpt:") == true && item["type"] as? String == "Annotation")
            let target = try #require(item["target"] as? [String: Any])
            #expect(target["source"] is String)
            let selectors = try #require(target["selector"] as? [[String: Any]])
            let quote = try #require(selectors.first { $0["type"] as? String == "TextQuoteSelector" })
            let position = try #require(selectors.first { $0["type"] as? String == "TextPositionSelector" })
            #expect(quote["exact"] is String && quote["prefix"] is String && quote["suffix"] is String)
            #expect((position["start"] as? Int ?? -1) >= 0 && (position["end"] as? Int ?? -1) > (position["start"] as? Int ?? 0))
        }
        let other = try CLI.run(["export", "actors", "--format", "annotations"])
        #expect(other.status == 64 && other.stderr.contains("writes excerpts"))
    }

    @Test func outWritesAtomicallyAndReplacesOnlyWithForce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-out-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/statements.md"
        #expect(try CLI.run(["export", "statements", "--out", file]).status == 0)
        let first = try String(contentsOfFile: file, encoding: .utf8)
        #expect(first.hasPrefix("| id | title |"))  // the format from the extension
        try "keep me".write(toFile: file, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["export", "statements", "--out", file])
        #expect(refused.status == 73 && refused.stderr == "dossier: cannot write \(file): it exists (add --force to replace it)\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me")
        #expect(try CLI.run(["export", "statements", "--out", file, "--force"]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == first)
        // Nothing is left behind: no temporary file beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["statements.md"])
    }
}

@Suite struct ExportKillTests {
    @Test func aWriterKilledAtAnyMomentLeavesTheOldFileOrTheWholeNewOne() throws {
        // `--out` writes a temporary file and renames it into place: killed at any instant, the target
        // holds what it held before or the whole export, never part of one.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-kill-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let corpus = directory + "/corpus"
        #expect(try CLI.run(["generate", "1000", corpus]).status == 0)
        let target = directory + "/excerpts.json"
        let arguments = ["export", "excerpts", "--format", "json", "--data", corpus, "--out", target, "--force"]
        // How long a whole export takes here, so the kills fall all along it and a little after.
        let started = Date()
        #expect(try CLI.run(arguments).status == 0)
        let duration = Date().timeIntervalSince(started)
        let whole = try String(contentsOfFile: target, encoding: .utf8)
        let before = "the file as it was\n"
        for attempt in 0..<16 {
            try before.write(toFile: target, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = arguments
            try process.run()
            usleep(useconds_t(duration * 1.25 * Double(attempt + 1) / 16 * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let after = try String(contentsOfFile: target, encoding: .utf8)
            #expect(after == before || after == whole, "attempt \(attempt): \(after.utf8.count) bytes")
        }
    }
}
