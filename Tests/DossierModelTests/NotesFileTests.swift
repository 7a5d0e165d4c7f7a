import Foundation
import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

/// Issue 15, item 4: the notes journal loses nothing.
@Suite struct NotesFileTests {
    static func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dossier-notes-\(UUID().uuidString)/notes.jsonl").path
    }

    static func note(_ id: String, on record: String = "st-2019-07-joint-letter", _ text: String = "check against the UN record #verify") -> Note {
        Note(id: id, kind: .note, target: NoteTarget(record: record), text: text, author: "ana", created: "2026-11-30T00:00:00Z", updated: "2026-11-30T00:00:00Z")
    }

    @Test func changesAreKeptAcrossReopeningAndTagsAreRead() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let file = try NotesFile(path: path)
        try file.append(.add(Self.note("n1")))
        var span = Self.note("n2", on: "art-2019-cdt-22-nations", "the figure #verify #cnn")
        span.target = NoteTarget(record: "art-2019-cdt-22-nations", quote: "group of 22 nations", prefix: "the ", suffix: " urged", start: 10, end: 29)
        try file.append(.add(span))
        try file.append(.edit(id: "n1", text: "checked #done", author: "ben", at: "2026-11-30T01:00:00Z"))
        try file.append(.delete(id: "n2", author: "ana", at: "2026-11-30T02:00:00Z"))
        try file.append(.restore(id: "n2", author: "ana", at: "2026-11-30T03:00:00Z"))
        let reopened = try NotesFile(path: path)
        #expect(reopened.notes.map(\.id) == ["n1", "n2"] && reopened.warnings.isEmpty)
        #expect(reopened.notes[0].text == "checked #done" && reopened.notes[0].tags == ["done"] && reopened.notes[0].updated == "2026-11-30T01:00:00Z")
        #expect(reopened.notes[1].target == span.target && !reopened.notes[1].deleted && reopened.notes[1].tags == ["verify", "cnn"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("{\"dossier-notes\": 1}\n") && text.split(separator: "\n").count == 6)
    }

    @Test func aTornLastLineAtAnyByteIsSkippedWithOneWarningAndCutAwayByTheNextWriter() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let file = try NotesFile(path: path)
        for id in ["n1", "n2", "n3"] { try file.append(.add(Self.note(id))) }
        let whole = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let lastLineStart = whole.dropLast().lastIndex(of: 0x0A)! + 1
        let torn = path + ".torn"
        // (Up to the last byte but one: a last line whole but for its newline is complete; see below.)
        for cut in lastLineStart..<(whole.count - 1) {
            try Data(whole[..<cut]).write(to: URL(fileURLWithPath: torn))
            let loaded = try NotesFile(path: torn)
            #expect(loaded.notes.map(\.id) == ["n1", "n2"], "cut at \(cut)")
            #expect(loaded.warnings.count == (cut == lastLineStart ? 0 : 1), "cut at \(cut)")
            if cut > lastLineStart { #expect(loaded.warnings.first?.message.hasPrefix("the last line is incomplete") == true) }
        }
        // The next writer cuts the torn write away and appends whole.
        try Data(whole[..<(whole.count - 5)]).write(to: URL(fileURLWithPath: torn))
        let writer = try NotesFile(path: torn)
        try writer.append(.add(Self.note("n4")))
        let after = try NotesFile(path: torn)
        #expect(after.notes.map(\.id) == ["n1", "n2", "n4"] && after.warnings.isEmpty)
    }

    /// Issue 28, item 1: seen on main, a notes file that was only its header without a newline had
    /// the next note appended onto line 1 (and was refused from then on); a complete last note without
    /// its newline (a hand edit, a git merge) was cut away as torn by the next writer.
    @Test func aHeaderOrALastNoteWithoutItsNewlineIsCompleteAndKept() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "{\"dossier-notes\": 1}".write(toFile: path, atomically: true, encoding: .utf8)
        let bare = try NotesFile(path: path)
        #expect(bare.notes.isEmpty && bare.warnings.isEmpty)
        try bare.append(.add(Self.note("n1")))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("{\"dossier-notes\": 1}\n{") && text.hasSuffix("}\n"))
        #expect(try NotesFile(path: path).notes.map(\.id) == ["n1"])
        // A valid last note without its newline: read, kept, and ended before the next is appended.
        let file = try NotesFile(path: path)
        try file.append(.add(Self.note("n2")))
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.removeLast()
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let unended = try NotesFile(path: path)
        #expect(unended.notes.map(\.id) == ["n1", "n2"] && unended.warnings.isEmpty)
        try unended.append(.add(Self.note("n3")))
        let after = try NotesFile(path: path)
        #expect(after.notes.map(\.id) == ["n1", "n2", "n3"] && after.warnings.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count == 5)
    }

    @Test func aFileThatIsNotANotesFileIsRefusedAndLeftAlone() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let content = "[\"my shopping list\"]\nmilk\n"
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: NotesFile.Problem(path: path, line: 1, column: 1, message: "not a Dossier notes file: its first line is not {\"dossier-notes\": 1}")) {
            _ = try NotesFile(path: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
    }

    @Test func writersAddingAtOnceKeepEveryNoteAndCompactionLosesNone() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        _ = try NotesFile(path: path)
        // Four writers, as four SSH sessions would be, each with its own handle on the file; a fifth
        // compacts the file (a new file renamed over it) all the while.
        DispatchQueue.concurrentPerform(iterations: 5) { writer in
            guard let file = try? NotesFile(path: path) else { return }
            if writer == 4 {
                for _ in 0..<300 { try? file.compact() }
            } else {
                for number in 0..<25 { try? file.append(.add(Self.note("w\(writer)-\(number)"))) }
            }
        }
        let final = try NotesFile(path: path)
        #expect(final.notes.count == 100 && final.warnings.isEmpty)
        #expect(Set(final.notes.map(\.id)) == Set((0..<4).flatMap { writer in (0..<25).map { "w\(writer)-\($0)" } }))
    }

    @Test func aWriterSeesWhatAnotherAppended() throws {
        let path = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = try NotesFile(path: path)
        let second = try NotesFile(path: path)
        try first.append(.add(Self.note("from-first")))
        try second.append(.add(Self.note("from-second")))
        try first.refresh()
        #expect(first.notes.map(\.id) == ["from-first", "from-second"] && second.notes.map(\.id) == ["from-first", "from-second"])
    }
}

/// Each corpus's own files (notes, session, edit log) are named after it, one name for all three.
@Suite struct UserFoldersTests {
    @Test func aCorpusFilesNamesKeepItsOwnName() {
        // A corpus folder whose name begins like one of the files' kinds keeps that name whole.
        let session = UserFolders.fileName("session", corpus: "/srv/notes-2024", extension: "json")
        #expect(session.hasPrefix("session-notes-2024-") && session.hasSuffix(".json"))
        #expect(UserFolders.fileName("notes", corpus: "/srv/notes-2024", extension: "jsonl").dropFirst("notes".count).dropLast("l".count)
                == session.dropFirst("session".count))
        #expect(UserFolders.fileName("edits", corpus: nil, extension: "jsonl") == "edits-bundled.jsonl")
        #expect(UserFolders.state(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/dossier")
        #expect(UserFolders.data(environment: ["XDG_DATA_HOME": "", "HOME": "/h"]) == "/h/.local/share/dossier")
    }
}
