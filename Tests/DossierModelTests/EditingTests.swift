import Foundation
import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

/// A copy of the bundled corpus to edit, in a folder of its own (tests run concurrently).
final class CorpusCopy {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-edit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for name in ["articles", "actors", "statements", "events", "excerpts"] {
            try FileManager.default.copyItem(atPath: Paths.data.appendingPathComponent(name + ".json").path, toPath: path + "/" + name + ".json")
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func bytes(_ name: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path + "/" + name + ".json") ?? Data()) }
    func all() -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: ["articles", "actors", "statements", "events", "excerpts"].map { ($0, bytes($0)) })
    }
    var names: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? [] }
}

/// Issue 16, item 3 and 4: the editing layer the explorer and the CLI share.
@Suite struct EditingTests {
    static let passage = "Other signatories included Australia, Canada, Japan and New Zealand."

    /// Adds the passage as an excerpt about Australia, and names Australia as a signatory on its word.
    static func addSignatory(_ editor: CorpusEditor) throws -> EditOutcome {
        try editor.apply { corpus, record throws(EditError) in
            let excerpt = try CorpusEdits.excerpt(article: "art-2019-cdt-22-nations", quote: passage, about: ["aus"], in: corpus)
            guard let statement = record(.statement, "st-2019-07-joint-letter") else { throw .invalid("no statement") }
            return [excerpt.edit, try CorpusEdits.attach(.signatory(actor: "aus"), excerpt: excerpt.id, to: "st-2019-07-joint-letter", in: corpus, record: statement)]
        }
    }

    @Test func anEditChangesOnlyTheLinesOfTheRecordsItTouches() throws {
        let copy = try CorpusCopy()
        let before = copy.all()
        let outcome = try Self.addSignatory(try CorpusEditor(directory: copy.path))
        let after = copy.all()
        #expect(outcome.added == ["x-2019-cdt-22-other-signatories-included-australia"])
        // Untouched files keep every byte; the excerpts file only grows before its closing bracket.
        for name in ["articles", "actors", "events"] { #expect(after[name] == before[name]) }
        let oldExcerpts = before["excerpts"]!, newExcerpts = after["excerpts"]!
        let keep = oldExcerpts.lastIndex(of: UInt8(ascii: "}"))! + 1
        #expect(Array(newExcerpts.prefix(keep)) == Array(oldExcerpts.prefix(keep)))
        // In the statements file, the bytes before and after the joint letter's record are as they were.
        let old = try #require(RecordFile(before["statements"]!)), new = try #require(RecordFile(after["statements"]!))
        let index = try #require(old.index(of: "st-2019-07-joint-letter"))
        #expect(Array(before["statements"]![..<old.records[index].range.lowerBound]) == Array(after["statements"]![..<new.records[index].range.lowerBound]))
        #expect(Array(before["statements"]![old.records[index].range.upperBound...]) == Array(after["statements"]![new.records[index].range.upperBound...]))
        // The result is what was asked, and valid.
        let corpus = try load(copy.path)
        #expect(corpus.statement("st-2019-07-joint-letter")?.signatories.contains { $0.actor == "aus" } == true)
        #expect(corpus.excerpt(outcome.added[0])?.about == ["aus"])
        // Nothing is left behind but the lock.
        #expect(copy.names == [".dossier-lock", "actors.json", "articles.json", "events.json", "excerpts.json", "statements.json"])
    }

    @Test func undoPutsBackEveryByte() throws {
        let copy = try CorpusCopy()
        let before = copy.all()
        let editor = try CorpusEditor(directory: copy.path)
        let outcome = try Self.addSignatory(editor)
        #expect(copy.all() != before)
        // The undo is itself an edit: checked, and written as one change.
        let undone = try editor.apply(outcome.undo)
        #expect(copy.all() == before)
        #expect(undone.corpus.excerpt(outcome.added[0]) == nil)
        // And undoing the undo makes the edit again.
        _ = try editor.apply(undone.undo)
        #expect(try load(copy.path).excerpt(outcome.added[0]) != nil)
    }

    @Test func anEditThatWouldBreakTheCorpusIsRefusedAndWritesNothing() throws {
        let copy = try CorpusCopy()
        let before = copy.all()
        let editor = try CorpusEditor(directory: copy.path)
        // A signatory on an excerpt that does not exist: the validator's message, located.
        do {
            _ = try editor.apply { corpus, record throws(EditError) in
                [try CorpusEdits.attach(.signatory(actor: "aus"), excerpt: "x-none", to: "st-2019-07-joint-letter", in: corpus,
                                        record: record(.statement, "st-2019-07-joint-letter")!)]
            }
            Issue.record("accepted")
        } catch {
            guard case .refused(let messages) = error else { Issue.record("\(error)"); return }
            #expect(messages.count == 1 && messages[0].contains("statements.json:") && messages[0].contains("\"x-none\" is not the id of any record"))
        }
        // Removing an excerpt that statements cite.
        #expect(throws: EditError.self) { try editor.apply { _, _ throws(EditError) in [.remove(.excerpt, id: "x-cdt-22-nations")] } }
        // Words the article does not have, and words it has more than once without saying which.
        #expect(throws: EditError.invalid("“no such words” is not in the text of art-2019-cdt-22-nations exactly as given (case, quotation marks and dashes count; white space may be of any kind)")) {
            try editor.apply { corpus, _ throws(EditError) in [try CorpusEdits.excerpt(article: "art-2019-cdt-22-nations", quote: "no such words", about: [], in: corpus).edit] }
        }
        #expect(throws: EditError.self) {
            try editor.apply { corpus, _ throws(EditError) in [try CorpusEdits.excerpt(article: "art-2019-cdt-22-nations", quote: "Xinjiang", about: [], in: corpus).edit] }
        }
        #expect(copy.all() == before)
    }

    @Test func wordsThatOccurTwiceGetThePrefixThatTellsThemApart() throws {
        let copy = try CorpusCopy()
        let outcome = try CorpusEditor(directory: copy.path).apply { corpus, _ throws(EditError) in
            [try CorpusEdits.excerpt(article: "art-2019-cdt-22-nations", quote: "Xinjiang", occurrence: 3, about: ["chn"], in: corpus).edit]
        }
        let corpus = try load(copy.path)
        let excerpt = try #require(corpus.excerpt(outcome.added[0]))
        let body = try corpus.article("art-2019-cdt-22-nations")!.body.text()
        let third = CorpusEdits.occurrences(of: "Xinjiang", in: body)[2].lowerBound
        #expect(excerpt.prefix == "minorities in " && excerpt.suffix == nil && excerpt.span.utf8Start == third)
    }

    @Test func removingARecordNothingCitesAndPuttingItBack() throws {
        let copy = try CorpusCopy()
        let before = copy.all()
        let editor = try CorpusEditor(directory: copy.path)
        let added = try editor.apply { corpus, _ throws(EditError) in [try CorpusEdits.actor(name: "Republic of Palau", kind: "state", country: "plw", in: corpus).edit] }
        #expect(added.added == ["plw"])
        let removed = try editor.apply { _, _ throws(EditError) in [.remove(.actor, id: "plw")] }
        #expect(copy.all() == before)
        // Undo of the removal puts the record back where it stood, byte for byte; undo of the add takes it away.
        _ = try editor.apply(removed.undo)
        _ = try editor.apply(added.undo)
        #expect(copy.all() == before)
    }

    @Test func twoEditorsAtOnceTakeTurnsAndLoseNothing() async throws {
        let copy = try CorpusCopy()
        let path = copy.path
        await withTaskGroup(of: Void.self) { group in
            for writer in ["a", "b"] {
                group.addTask {
                    guard let editor = try? CorpusEditor(directory: path) else { return }
                    for number in 0..<15 {
                        _ = try? editor.apply { corpus, _ throws(EditError) in
                            [try CorpusEdits.actor(name: "Writer \(writer) actor \(number)", kind: "group", in: corpus).edit]
                        }
                    }
                }
            }
        }
        let corpus = try load(path)
        #expect(corpus.actors.filter { $0.name.hasPrefix("Writer ") }.count == 30)
    }

    @Test func aReaderSeesTheCorpusAsItWasWhileAnEditIsUnfinished() throws {
        let copy = try CorpusCopy()
        let before = copy.all()
        // What a writer killed after renaming its files, before its commit, leaves: the new files in
        // place, their backups, and the journal naming them.
        let editor = try CorpusEditor(directory: copy.path)
        _ = try Self.addSignatory(editor)
        let after = copy.all()
        for name in ["excerpts", "statements"] {
            try Data(before[name]!).write(to: URL(fileURLWithPath: copy.path + "/." + name + ".json.before"))
        }
        try Data("{\"dossier-edit\":1,\"files\":[\"excerpts.json\",\"statements.json\"]}\n".utf8).write(to: URL(fileURLWithPath: copy.path + "/.dossier-edit"))
        let seen = try load(copy.path)
        #expect(seen.excerpt("x-2019-cdt-22-other-signatories-included-australia") == nil)
        #expect(copy.all() == after)  // reading changed nothing
        // The next writer rolls it back before its own edit, and tidies only what writers leave: a
        // file of the user's that merely looks alike stays.
        try Data("mine".utf8).write(to: URL(fileURLWithPath: copy.path + "/.draft.before"))
        _ = try editor.apply { _, _ throws(EditError) in [] }
        #expect(copy.all() == before)
        #expect(copy.names == [".dossier-lock", ".draft.before", "actors.json", "articles.json", "events.json", "excerpts.json", "statements.json"])
        // A torn journal (cut before it was whole) was never acted on: the files are read as they are.
        try Data("{\"dossier-edit\":1,\"files\":[\"excer".utf8).write(to: URL(fileURLWithPath: copy.path + "/.dossier-edit"))
        #expect(CorpusTransaction.unfinished(in: copy.path).isEmpty)
    }

    /// Each kind of edit, made on the bundled corpus, and what the corpus then says.
    @Test(arguments: ["statement", "lead", "addressee", "count", "source", "signatory", "actor", "excerpt"])
    func everyKindOfEditIsMade(kind: String) throws {
        let copy = try CorpusCopy()
        let editor = try CorpusEditor(directory: copy.path)
        let statement = "st-2019-07-joint-letter"
        let outcome = try editor.apply { corpus, record throws(EditError) in
            let value = record(.statement, statement)!
            switch kind {
            case "statement": return [try CorpusEdits.statement(title: "A new letter", kind: "letter", date: "2024-03-01", stance: "critical", forum: "un-hrc", in: corpus).edit]
            case "lead": return [try CorpusEdits.attach(.lead(actor: "gbr"), excerpt: "x-cdt-european-signatories", to: statement, in: corpus, record: value)]
            case "addressee": return [try CorpusEdits.attach(.addressee(actor: "chn"), excerpt: "x-cdt-22-nations", to: statement, in: corpus, record: value)]
            case "count": return [try CorpusEdits.attach(.count(value: 18, qualifier: "at-least"), excerpt: "x-cdt-european-signatories", to: statement, in: corpus, record: value)]
            case "source": return [try CorpusEdits.attach(.source, excerpt: "x-cdt-european-signatories", to: statement, in: corpus, record: value)]
            case "signatory": return [try CorpusEdits.attach(.signatory(actor: "jpn"), excerpt: "x-cdt-22-nations", to: statement, in: corpus, record: value)]
            case "actor": return [try CorpusEdits.actor(name: "Human Rights Foundation", kind: "ngo", aliases: ["HRF"], in: corpus).edit]
            default: return [try CorpusEdits.excerpt(article: "art-2019-cdt-22-nations", quote: EditingTests.passage, about: ["nzl"], speaker: "cnn", in: corpus).edit]
            }
        }
        let corpus = try load(copy.path)
        let letter = try #require(corpus.statement(statement))
        switch kind {
        case "statement": #expect(corpus.statement("st-2024-03-01-a-new-letter")?.forum == "un-hrc" && outcome.added == ["st-2024-03-01-a-new-letter"])
        case "lead": #expect(letter.leads == ["gbr"] && letter.leadExcerpts["gbr"] == ["x-cdt-european-signatories"])
        case "addressee": #expect(letter.addressees.contains("chn"))
        case "count": #expect(letter.counts.contains { $0.value == 18 && $0.qualifier == .atLeast && $0.excerpt == "x-cdt-european-signatories" })
        case "source": #expect(letter.excerpts.last == "x-cdt-european-signatories")
        case "signatory": #expect(letter.signatories.first { $0.actor == "jpn" }?.excerpts == ["x-cdt-other-signatories", "x-cdt-22-nations"])
        case "actor": #expect(corpus.actor("human-rights-foundation")?.aliases == ["HRF"])
        default: #expect(corpus.excerpt(outcome.added[0])?.speaker == "cnn")
        }
    }

    /// Each refusal names what is wrong, and nothing is written.
    @Test(arguments: [
        ("an unknown actor kind", "field \"kind\" has unknown value \"wizard\""),
        ("a date that is not one", "date"),
        ("an id that is taken", "the id “chn” is taken"),
        ("a statement that is not there", "no statement has the id “st-none”"),
        ("the same excerpt twice", "already a source"),
    ])
    func anEditIsRefusedWithWhatIsWrong(what: String, said: String) throws {
        let copy = try CorpusCopy()
        let before = copy.all()
        let editor = try CorpusEditor(directory: copy.path)
        do {
            _ = try editor.apply { corpus, record throws(EditError) in
                switch what {
                case "an unknown actor kind": return [try CorpusEdits.actor(name: "Someone", kind: "wizard", in: corpus).edit]
                case "a date that is not one": return [try CorpusEdits.statement(title: "Undated", kind: "letter", date: "soon", stance: "critical", in: corpus).edit]
                case "an id that is taken": return [try CorpusEdits.actor(name: "China again", kind: "state", id: "chn", in: corpus).edit]
                case "a statement that is not there":
                    guard let value = record(.statement, "st-none") else { throw .invalid("no statement has the id “st-none”") }
                    return [try CorpusEdits.attach(.source, excerpt: "x-cdt-22-nations", to: "st-none", in: corpus, record: value)]
                default:
                    return [try CorpusEdits.attach(.source, excerpt: "x-cdt-22-nations", to: "st-2019-07-joint-letter", in: corpus,
                                                   record: record(.statement, "st-2019-07-joint-letter")!)]
                }
            }
            Issue.record("\(what) was accepted")
        } catch {
            #expect(error.description.contains(said), "\(what): \(error.description)")
        }
        #expect(copy.all() == before)
    }

    /// Records are moved, not parsed again, after each change: after any sequence of changes their
    /// places and ids are what parsing the bytes afresh finds.
    @Test func recordPlacesFollowEachChangeAsAFreshParseFindsThem() throws {
        var file = try #require(RecordFile(Array(FileManager.default.contents(atPath: Paths.data.appendingPathComponent("statements.json").path)!)))
        var random = SystemRandomNumberGenerator()
        for step in 0..<60 {
            let count = file.records.count
            switch step % 4 {
            case 0: file.insert("{\n    \"id\": \"new-\(step)\"\n  }", at: Int.random(in: 0...count, using: &random))
            case 1: file.insert("{\"id\": \"end-\(step)\"}", at: nil)
            case 2: file.replace(at: Int.random(in: 0..<count, using: &random), with: "{\"id\": \"changed-\(step)\", \"title\": \"ü新\"}")
            default: file.remove(at: Int.random(in: 0..<count, using: &random))
            }
            let fresh = try #require(RecordFile(file.bytes), "step \(step): not an array any more")
            #expect(fresh.records.map(\.range) == file.records.map(\.range) && fresh.records.map(\.id) == file.records.map(\.id), "step \(step)")
        }
        // Down to none and back: the empty array is written as the format writes it.
        while !file.records.isEmpty { file.remove(at: 0) }
        #expect(String(decoding: file.bytes, as: UTF8.self) == "[\n]\n")
        file.insert("{\"id\": \"only\"}", at: nil)
        #expect(String(decoding: file.bytes, as: UTF8.self) == "[\n  {\"id\": \"only\"}\n]\n")
    }
}
