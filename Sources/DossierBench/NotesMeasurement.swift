import DossierApp
import DossierGenerator
import DossierModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Issue 33, target 4: the Notes view's filter, a keystroke at a time, and the frames of the Notes view
/// and of the reader's facts pane, with `count` notes on a generated corpus of 1,000 articles (a third
/// on the words of a span, the rest on actors and statements; a tag on every tenth).
func measureNotes(count: Int) -> [String: Any] {
    let directory = NSTemporaryDirectory() + "dossier-notes-bench-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    guard (try? CorpusGenerator(articles: 1_000).write(to: directory)) != nil, let corpus = try? CorpusLoader.load(path: directory).corpus else {
        FileHandle.standardError.write(Data("cannot make the notes bench's corpus\n".utf8))
        exit(1)
    }
    let excerpts = corpus.excerpts.array
    let records = corpus.actors.map(\.id) + corpus.statements.map(\.id)
    var notes: [Note] = []
    notes.reserveCapacity(count)
    for index in 0..<count {
        let stamp = String(format: "2026-%02d-%02dT%02d:%02d:00Z", index % 12 + 1, index % 28 + 1, index % 24, index % 60)
        let target: NoteTarget
        if index % 3 == 0 {
            let excerpt = excerpts[index % excerpts.count]
            target = NoteTarget(record: excerpt.article, quote: excerpt.quote)
        } else {
            target = NoteTarget(record: records[index % records.count])
        }
        notes.append(Note(id: "n-\(index)", kind: .note, target: target, text: "note \(index) on the count" + (index % 10 == 0 ? " #verify" : ""),
                          author: index % 2 == 0 ? "ana" : "bo", created: stamp, updated: stamp))
    }
    var state = settled(Explorer.normalized(State(corpus: corpus, width: 120, height: 40)))
    state.notes = notes
    state = settled(Explorer.normalized(state))
    func timed(_ key: Key) -> Double {
        let start = now()
        state = press(state, key)
        _ = Render.frame(state)
        return now() - start
    }
    let open = timed(.character("6"))
    var filterKeys: [Double] = []
    for word in ["verify", "orphaned", "ana count", "#ver"] {
        filterKeys.append(timed(.character("/")))
        for character in word { filterKeys.append(timed(.character(character))) }
        filterKeys.append(timed(.enter))
        filterKeys.append(timed(.escape))
    }
    var notesFrames: [Double] = []
    for _ in 0..<50 {
        let start = now()
        _ = Render.frame(state)
        notesFrames.append(now() - start)
        state = press(state, .down)
    }
    // The reader of an article with span notes, its facts pane beside it (the notes on the record).
    _ = timed(.escape)
    _ = timed(.character("1"))
    _ = timed(.tab)
    var factsFrames: [Double] = []
    for _ in 0..<50 {
        let start = now()
        _ = Render.frame(state)
        factsFrames.append(now() - start)
        state = press(state, .character("]"))
    }
    return [
        "notes": count,
        "open_notes_view_ms": open * 1000,
        "filter_key_p50_ms": percentile(filterKeys, 0.5) * 1000,
        "filter_key_p99_ms": percentile(filterKeys, 0.99) * 1000,
        "filter_key_max_ms": (filterKeys.max() ?? 0) * 1000,
        "notes_frame_p99_ms": percentile(notesFrames, 0.99) * 1000,
        "facts_frame_p99_ms": percentile(factsFrames, 0.99) * 1000,
        "peak_rss_bytes": peakRSSBytes(),
    ]
}
