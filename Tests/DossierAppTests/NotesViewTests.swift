@testable import DossierApp
import DossierGenerator
import DossierModel
import DossierTerminal
import Foundation
import Testing

/// A notes file of its own for each test (tests run concurrently), removed afterwards.
final class TemporaryNotes {
    let folder: URL
    let path: String

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-notes-view-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("notes.jsonl").path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// Carries out what the last key asked of the notes, as the terminal edge does, with a fixed stamp.
func carryOut(_ pressed: (state: State, effects: [Effect]), in file: NotesFile, id: String = "n-\(UUID().uuidString.prefix(8))", author: String = "ana",
              at: String = "2026-11-30T10:00:00Z") -> State {
    guard let edit = pressed.effects.noteEdit else { return pressed.state }
    return Explorer.carryOut(edit, in: file, stamp: NoteStamp(id: id, author: author, at: at), state: pressed.state)
}

/// Issue 15, item 1: notes of several lines, edited, deleted and restored with undo.
@Suite struct NoteEditingTests {
    @Test func altEnterStartsANewLineAndEnterSavesTheWholeNote() throws {
        let writing = run(["3", "j", "a"] + typed("check the 25") + ["Alt-Enter"] + typed("against the UN record #verify"))
        // Both lines are on screen while the note is written, the cursor at the end of the second.
        let frame = Render.frame(writing).plainText.split(separator: "\n").map(String.init)
        #expect(frame[21].hasPrefix("  check the 25") && frame[22].hasPrefix("  against the UN record #verify▏"))
        #expect(frame[23].hasPrefix("Note on Joint letter of states to the:"))
        let savedAsked = effects(["Enter"], from: writing)
        #expect(savedAsked.noteEdit == PendingNoteEdit(edit: .add(NoteRequest(target: NoteTarget(record: "st-2019-07-joint-letter"),
                                                                          text: "check the 25\nagainst the UN record #verify", kind: .note)), isUndo: false))
        // Pasted line breaks stay line breaks in a note; in the filter they become spaces.
        let pasted = pressKey(run(["3", "a"]), .paste("one\ntwo"))
        #expect(pasted.notePrompt?.text == "one\ntwo")
        #expect(pressKey(run(["3", "/"]), .paste("one\ntwo")).prompt.text == "one two")
    }

    @Test func aNoteIsEditedDeletedAndRestoredByUndoInTheFile() throws {
        let temporary = TemporaryNotes()
        let file = try NotesFile(path: temporary.path)
        var state = carryOut(press(["3", "j", "a"] + typed("first words") + ["Enter"]), in: file, id: "n-1")
        #expect(state.message == "Note “first words” saved to \(temporary.path)" && state.notes.map(\.text) == ["first words"])
        // The Notes view lists it; e edits its words in place.
        state = carryOut(press(["6", "e", "Ctrl-u"] + typed("better words") + ["Enter"], from: state), in: file, at: "2026-11-30T10:05:00Z")
        #expect(state.message == "Note changed" && state.notes.map(\.text) == ["better words"])
        state = carryOut(press(["d"], from: state), in: file)
        #expect(state.notes.isEmpty && state.message == "Note deleted · u restores it")
        state = carryOut(press(["u"], from: state), in: file)
        #expect(state.message == "Undone: Note restored" && state.notes.map(\.text) == ["better words"])
        // Undo goes on back through the session: the edit, then the note itself.
        state = carryOut(press(["u"], from: state), in: file)
        #expect(state.notes.map(\.text) == ["first words"])
        state = carryOut(press(["u"], from: state), in: file)
        #expect(state.notes.isEmpty)
        #expect(run(["u"], from: state).message == "Nothing to undo: nothing was changed in this session")
        // What the screen said is what the file holds, read afresh.
        let reread = try NotesFile(path: temporary.path)
        #expect(reread.notes.map(\.deleted) == [true] && reread.notes[0].text == "first words")
    }

    @Test func editingKeepsTheWordsUnlessTheyChange() throws {
        let temporary = TemporaryNotes()
        let file = try NotesFile(path: temporary.path)
        let state = carryOut(press(["3", "a"] + typed("as it is") + ["Enter"]), in: file)
        let editing = run(["6", "e"], from: state)
        #expect(editing.notePrompt?.text == "as it is" && Render.frame(editing).plainText.contains("Edit note on"))
        #expect(run(["Enter"], from: editing).message == "The note is unchanged")
        #expect(run(["Esc"], from: editing).message == "The note is as it was")
        #expect(run(["Ctrl-u", "Enter"], from: editing).message == "A note cannot be emptied: d deletes it")
    }
}

/// Issue 15, item 1: a note on a signatory, a count or an excerpt of a record, not only on the record.
@Suite struct NotesOnPartsTests {
    @Test func aNoteOnASignatoryRowIsOnThatSignatoryAndOpensThere() throws {
        var state = run(["3", "j", "Tab"])
        // Down the detail pane to the first signatory.
        for _ in 0..<40 {
            let lines = PaneContent.detail(state, view: .statements, width: 80)
            if let line = PaneContent.selectedLine(lines, selection: state.position.detail.selected),
               lines[line].noteTarget?.part?.hasPrefix("signatory:") == true { break }
            state = run(["j"], from: state)
        }
        let writing = run(["a"] + typed("is this from the UN list?"), from: state)
        #expect(Render.frame(writing).plainText.contains("Note on signatory United Kingdom: is this"))
        guard case .add(let request)? = effects(["Enter"], from: writing).noteEdit?.edit else { Issue.record("no note"); return }
        #expect(request.target == NoteTarget(record: "st-2019-07-joint-letter", part: "signatory:gbr"))
        let temporary = TemporaryNotes()
        let file = try NotesFile(path: temporary.path)
        let saved = carryOut(press(["Enter"], from: writing), in: file)
        let rows = PaneContent.detail(saved, view: .statements, width: 120).map { $0.segments.map(\.text).joined() }
        #expect(rows.contains { $0.hasSuffix("on signatory United Kingdom: is this from the UN list?") })
        // The Notes view says so, and Enter opens the statement at that row.
        let view = run(["6"], from: saved)
        #expect(Render.frame(view).plainText.contains("signatory United Kingd…  is this from the UN list?"))
        let opened = run(["Enter"], from: view)
        let lines = PaneContent.detail(opened, view: .statements, width: 80)
        #expect(opened.screen == .view(.statements) && lines[PaneContent.selectedLine(lines, selection: opened.position.detail.selected)!].noteTarget?.part == "signatory:gbr")
        // A note on a part that is no longer there is orphaned, with the reason.
        let gone = Note(id: "n-x", kind: .note, target: NoteTarget(record: "st-2019-07-joint-letter", part: "signatory:usa"), text: "x",
                        author: "ana", created: "2026-11-30T00:00:00Z", updated: "2026-11-30T00:00:00Z")
        #expect(NoteAnchor.resolve(gone, in: state.corpus) == .orphaned("United States is no longer named as signing it"))
    }
}

/// Issue 15, item 2: `b` bookmarks; the Notes view lists notes and bookmarks and opens them.
@Suite struct BookmarkAndNotesViewTests {
    @Test func bBookmarksTheSelectedRecordAndBAgainRemovesIt() throws {
        let temporary = TemporaryNotes()
        let file = try NotesFile(path: temporary.path)
        let state = carryOut(press(["2", "j", "b"]), in: file)
        #expect(state.message == "Bookmarked (6 lists bookmarks)")
        #expect(state.notes.map(\.kind) == [.bookmark] && state.notes[0].target == NoteTarget(record: state.selectedID()!))
        #expect(Render.frame(state).plainText.contains("⚑ "))
        let removed = carryOut(press(["b"], from: state), in: file)
        #expect(removed.notes.isEmpty && removed.message == "Bookmark removed · u puts it back")
        // In the reader, a bookmark is on the selected span's words.
        let spanAsked = effects(["Tab", "]", "b"])
        #expect(spanAsked.noteEdit.map { edit -> Bool in
            if case .add(let request) = edit.edit { return request.kind == .bookmark && request.target.quote != nil }
            return false
        } == true)
    }

    static func notes() -> [Note] {
        [
            Note(id: "n-old", kind: .note, target: NoteTarget(record: "st-2019-07-joint-letter"), text: "check the 25 #verify",
                 author: "ana", created: "2026-11-01T09:00:00Z", updated: "2026-11-01T09:00:00Z"),
            Note(id: "n-gone", kind: .note, target: NoteTarget(record: "st-removed-since"), text: "was this withdrawn?",
                 author: "bo", created: "2026-11-02T09:00:00Z", updated: "2026-11-02T09:00:00Z"),
            Note(id: "n-mark", kind: .bookmark, target: NoteTarget(record: "gbr"), text: "",
                 author: "bo", created: "2026-11-03T09:00:00Z", updated: "2026-11-03T09:00:00Z"),
            Note(id: "n-new", kind: .note, target: NoteTarget(record: "art-2019-cdt-22-nations", quote: "the group of 22 nations"),
                 text: "the count\nin the headline #count", author: "ana", created: "2026-11-04T09:00:00Z", updated: "2026-11-04T09:00:00Z"),
        ]
    }

    static func withNotes() -> State {
        var state = Fixture.state()
        state.notes = notes()
        return Explorer.normalized(state)
    }

    @Test func theNotesViewListsNewestFirstAndFilters() {
        let view = run(["6"], from: Self.withNotes())
        #expect(view.screen == .notes)
        #expect(Explorer.listedNotes(view).map { view.notes[$0].id } == ["n-new", "n-mark", "n-gone", "n-old"])
        func listed(_ filter: String) -> [String] {
            let state = run(["/"] + typed(filter), from: view)
            return Explorer.listedNotes(state).map { state.notes[$0].id }
        }
        #expect(listed("#ver") == ["n-old"])
        #expect(listed("#count") == ["n-new"])
        #expect(listed("orphaned") == ["n-gone"])
        #expect(listed("bookmark") == ["n-mark"])
        #expect(listed("ana headline") == ["n-new"])
        #expect(listed("BO") == ["n-mark", "n-gone"])
        // Esc clears the filter, and a second Esc closes the view.
        let filtered = run(["/"] + typed("ana") + ["Enter"], from: view)
        #expect(run(["Esc"], from: filtered).screen == .notes && Explorer.listedNotes(run(["Esc"], from: filtered)).count == 4)
        #expect(run(["Esc", "Esc"], from: filtered).screen == .view(.articles))
        #expect(run(["6"], from: view).screen == .view(.articles) && run(["3"], from: view).screen == .view(.statements))
    }

    @Test func enterOpensWhatANoteIsAbout() throws {
        let view = run(["6"], from: Self.withNotes())
        // A span note: the article in the reader, at its words.
        let span = run(["Enter"], from: view)
        #expect(span.screen == .view(.articles) && span.selectedID() == "art-2019-cdt-22-nations" && span.position.focus == .detail)
        let statement = run(["G", "Enter"], from: view)
        #expect(statement.screen == .view(.statements) && statement.selectedID() == "st-2019-07-joint-letter")
        #expect(run(["Backspace"], from: statement).screen == .notes)
        // A note whose record is gone stays listed, and says so.
        let orphan = run(["j", "j", "Enter"], from: view)
        #expect(orphan.screen == .notes && orphan.message == "“st-removed-since” is no longer in the corpus: the note is kept, orphaned")
        #expect(Render.frame(run(["j", "j"], from: view)).plainText.contains("⚠ orphaned"))
    }

    @Test func theNotesViewSnapshot() {
        assertSnapshot(Render.frame(run(["6"], from: Self.withNotes())), named: "notes-view-80x24")
        assertSnapshot(Render.frame(run(["6"], from: Fixture.state())), named: "notes-view-empty-80x24")
    }

    @Test func findSearchesTheNotesToo() {
        let search = run(["f"] + typed("headline"), from: Self.withNotes())
        guard case .search(let found) = search.navigation.overlay else { Issue.record("no search"); return }
        #expect(found.notes.map { search.notes[$0].id } == ["n-new"])
        #expect(Render.frame(search).plainText.contains("Your notes (1)"))
        // The note is the last result; Enter opens what it is about.
        let opened = run(Array(repeating: "↓", count: found.count) + ["Enter"], from: search)
        #expect(opened.screen == .view(.articles) && opened.selectedID() == "art-2019-cdt-22-nations")
    }

    @Test func theNotesListedExportAsATable() {
        let viewAsked = effects(["6", "/"] + typed("ana") + ["Enter", "Ctrl-s"] + typed("notes.csv") + ["Enter"], from: Self.withNotes())
        let request = viewAsked.export
        #expect(request?.rows == 2 && request?.text.hasPrefix("id,kind,record,name,quote,text,tags,author,created,updated,anchor") == true)
    }
}

/// Issue 15, item 4: two explorers writing one notes file at once keep both's notes, and each shows
/// the other's without a key pressed (through the App layer, with real files and threads).
@Suite struct ConcurrentNotesTests {
    @Test func twoWritersAddingAtOnceKeepTheUnion() async throws {
        let temporary = TemporaryNotes()
        let path = temporary.path
        let perWriter = 40
        await withTaskGroup(of: Void.self) { group in
            for writer in ["ana", "bo"] {
                group.addTask {
                    guard let file = try? NotesFile(path: path) else { return }
                    var state = Fixture.state()
                    for number in 0..<perWriter {
                        state = carryOut(press(["3", "a"] + typed("\(writer) \(number)") + ["Enter"], from: state), in: file, id: "n-\(writer)-\(number)", author: writer)
                    }
                }
            }
        }
        let reread = try NotesFile(path: path)
        #expect(reread.notes.count == 2 * perWriter && reread.warnings.isEmpty)
        #expect(Set(reread.notes.map(\.id)).count == 2 * perWriter)
    }

    @Test func anotherWritersNoteShowsWithoutAKey() throws {
        let temporary = TemporaryNotes()
        let mine = try NotesFile(path: temporary.path)
        let theirs = try NotesFile(path: temporary.path)
        let state = Fixture.state()
        #expect(Explorer.notesChanged(in: mine, state: state) == nil)
        try theirs.append(.add(Note(id: "n-bo", kind: .note, target: NoteTarget(record: "gbr"), text: "from bo", author: "bo",
                                    created: "2026-11-30T10:00:00Z", updated: "2026-11-30T10:00:00Z")))
        let changed = try #require(Explorer.notesChanged(in: mine, state: state))
        #expect(changed.notes.map(\.text) == ["from bo"])
        #expect(Explorer.notesChanged(in: mine, state: changed) == nil)
    }
}

/// A generated corpus in a folder of its own (its bodies kept in `articles.json`, as a corpus directory's
/// are), and the folder, to remove.
func generatedCorpus(articles: Int) throws -> (folder: String, corpus: Corpus) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString)").path
    try CorpusGenerator(articles: articles).write(to: folder)
    return (folder, try CorpusLoader.load(path: folder).corpus)
}

/// Issue 30: the notes filter reads where every span note stands, so it needs the body of each article
/// with one; those bodies are asked for together and the key handled again with all of them at hand,
/// however many more than the few the explorer keeps for its screens.
@Suite struct NotesFilterBodiesTests {
    @Test func aFilterOverSpanNotesOnManyArticlesFindsNoneOrphaned() throws {
        let (folder, corpus) = try generatedCorpus(articles: 20)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var state = Explorer.normalized(State(corpus: corpus, width: 120, height: 40))
        let articles = corpus.articles.array.prefix(12)
        #expect(articles.count > BodyTexts.limit)
        state.notes = articles.enumerated().compactMap { index, article in
            guard let excerpt = corpus.excerptsInArticle[article.id]?.first.flatMap(corpus.excerpt) else { return nil }
            return Note(id: "n-\(index)", kind: .note, target: NoteTarget(record: article.id, quote: excerpt.quote), text: "note \(index)",
                        author: "ana", created: "2026-11-0\(index % 9 + 1)T09:00:00Z", updated: "2026-11-0\(index % 9 + 1)T09:00:00Z")
        }
        #expect(state.notes.count == 12)
        let screen = run(["6"], from: settled(Explorer.normalized(state)))
        #expect(Explorer.listedNotes(run(["/"] + typed("orphaned"), from: screen)).isEmpty)
        #expect(Explorer.listedNotes(run(["/"] + typed("note"), from: screen)).count == 12)
    }
}

/// Issue 30 (found by the keystroke fuzzer): a tall search screen shows more bodies than the explorer
/// keeps for its screens. Each batch read pushed out the screen's other bodies, which the next frame
/// asked for again, a batch at a time, for ever: the explorer hung and Ctrl-C could not end it. The
/// bodies on screen are never let go, and one key's answers ask for bodies at most twice.
@Suite struct ManyBodiesOnScreenTests {
    @Test func aTallSearchScreenSettlesInTwoReads() throws {
        let (folder, corpus) = try generatedCorpus(articles: 60)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var state = settled(Explorer.normalized(State(corpus: corpus, width: 193, height: 46)))
        // Keys one at a time, as the terminal hands them over, counting how often each asks for bodies.
        func press(_ key: Key) -> Int {
            var (next, effects) = Explorer.update(state, .key(key))
            var reads = 0
            while let index = effects.firstIndex(where: { if case .readBodies = $0 { true } else { false } }), reads < 10 {
                guard case .readBodies(let articles) = effects.remove(at: index) else { break }
                reads += 1
                let more: [Effect]
                (next, more) = Explorer.update(next, Explorer.perform(reading: articles))
                effects += more
            }
            state = next
            return reads
        }
        let keys: [Key] = [.character("f")] + "human".map { .character($0) } + [.down, .down, .pageDown, .character("j"), .enter]
        for key in keys {
            let reads = press(key)
            #expect(reads <= 2, "\(key): \(reads) reads")
        }
        let bodiesShown = Explorer.articlesOnScreen(state)
        #expect(bodiesShown.allSatisfy { state.bodyTexts.text(of: $0) != nil })
        #expect(!Render.frame(state).plainText.contains("Reading the article…"))
    }
}

/// Issue 33, target 4: the notes' digest (anchors, folded text, order) is made once a revision of the
/// notes, and a note unchanged keeps its anchor; a letter typed narrows what the filter kept.
@Suite struct NotesDigestTests {
    static func notes(_ corpus: Corpus, count: Int) -> [Note] {
        let excerpts = corpus.excerpts.array
        let actors = corpus.actors.map(\.id)
        return (0..<count).map { index in
            let target = index % 3 == 0 ? NoteTarget(record: excerpts[index % excerpts.count].article, quote: excerpts[index % excerpts.count].quote)
                : NoteTarget(record: actors[index % actors.count])
            return Note(id: "n-\(index)", kind: index % 7 == 0 ? .bookmark : .note, target: target,
                        text: "note \(index) on # the count" + (index % 5 == 0 ? " #verify" : index % 5 == 1 ? " #vote" : ""),
                        author: index % 2 == 0 ? "ana" : "bo", created: "2026-11-0\(index % 9 + 1)T09:00:00Z", updated: "2026-11-\(10 + index % 19)T09:00:00Z")
        }
    }

    @Test func aNoteUnchangedKeepsItsAnchorAndANewSpanNoteNeedsItsBody() throws {
        let (folder, corpus) = try generatedCorpus(articles: 20)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var state = Explorer.normalized(State(corpus: corpus, width: 120, height: 40))
        state.notes = Self.notes(corpus, count: 60)
        // Without the bodies, no digest: its anchors would be made without their text.
        #expect(NotesDigest(state, previous: nil) == nil)
        let opened = run(["6"], from: settled(state))
        let digest = try #require(opened.madeNotesDigest)
        // A fresh state (no body read) with one more note on a record: made from the last, reading nothing.
        var fresh = Explorer.normalized(State(corpus: corpus, width: 120, height: 40))
        fresh.notes = state.notes + [Note(id: "n-new", kind: .note, target: NoteTarget(record: corpus.actors.first!.id), text: "new",
                                          author: "ana", created: "2026-12-01T09:00:00Z", updated: "2026-12-01T09:00:00Z")]
        let next = try #require(NotesDigest(fresh, previous: digest))
        #expect(next.listed(filter: "").first == fresh.notes.count - 1)
        #expect(next.resolved.prefix(60).map(\.anchor) == digest.resolved.map(\.anchor))
        // One more note on a span: its article's body is needed.
        let excerpt = corpus.excerpts.array.last!
        fresh.notes.append(Note(id: "n-span", kind: .note, target: NoteTarget(record: excerpt.article, quote: excerpt.quote), text: "words",
                                author: "bo", created: "2026-12-02T09:00:00Z", updated: "2026-12-02T09:00:00Z"))
        #expect(NotesDigest(fresh, previous: digest) == nil)
    }

    @Test func typingNarrowsAsAFreshFilterWould() throws {
        let (folder, corpus) = try generatedCorpus(articles: 20)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var state = Explorer.normalized(State(corpus: corpus, width: 120, height: 40))
        state.notes = Self.notes(corpus, count: 300)
        let typed = try #require(run(["6"], from: settled(state)).madeNotesDigest)
        for filter in ["#verify", "#vote", "ana count", "bo 1", "orphaned", "# v", "note 12"] {
            for end in filter.indices.dropFirst() + [filter.endIndex] {
                let prefix = String(filter[..<end])
                #expect(typed.listed(filter: prefix) == NotesDigest.freshListing(typed, filter: prefix), "\(prefix)")
            }
        }
    }
}
