import DossierModel
import Synchronization

/// What the Notes view and the facts pane need of every note, made once for a revision of the notes
/// (and the corpus, whose `ReaderLayouts` keeps it): where each note stands (its anchor and words,
/// which read its article's body), its text folded for the filter, its tags folded, and the notes
/// newest first. Before (issue 33), each keystroke of the filter sorted the notes and anchored and
/// folded each one again: 12 s a keystroke with 100,000 notes.
final class NotesDigest: Sendable {
    /// Indices into the notes, newest change first.
    let order: [Int]
    let resolved: [(anchor: NoteAnchor, words: String?)]
    /// Every note's text folded into one buffer, a document a note, searched as search is (the
    /// filter matched each note with `SearchIndex.matches`, which folds a text so).
    let folded: FoldedBuffer
    let foldedTags: [[[UInt8]]]
    let indexOfID: [String: Int]
    /// How many of the notes are bookmarks (the view's title says it on every frame).
    let bookmarks: Int

    /// The notes this digest is of (to tell, next revision, which notes are unchanged).
    let notes: [Note]

    /// Nil while a body a span note needs has not been read (the update that asked is handled again
    /// when it comes): a digest is never made of anchors found without their text. A note unchanged
    /// since `previous` (same corpus) keeps its anchor, so a note added reads one body, not every one.
    init?(_ state: State, previous: NotesDigest?) {
        let notes = state.notes
        var kept: [String: (note: Note, resolved: (anchor: NoteAnchor, words: String?))] = [:]
        if let previous {
            for (index, note) in previous.notes.enumerated() { kept[note.id] = (note, previous.resolved[index]) }
        }
        // First the bodies: every one a new span note needs is asked for at once (each missing one is
        // noted), and nothing is anchored until all are at hand.
        var missing = false
        for note in notes where note.target.quote != nil && kept[note.id]?.note != note {
            if let article = state.corpus.article(note.target.record), state.bodyText(of: article) == nil { missing = true }
        }
        guard !missing else { return nil }
        let lookup: BodyLookup = { article in state.bodyText(of: article) }
        resolved = notes.map { note in
            if let known = kept[note.id], known.note == note { return known.resolved }
            return NoteAnchor.resolvedWithWords(note, in: state.corpus, body: lookup)
        }
        self.notes = notes
        let resolved = self.resolved
        folded = FoldedBuffer(notes.indices.map { index in
            let note = notes[index]
            return [note.text, note.author, note.kind.rawValue, state.corpus.name(of: note.target.record) ?? note.target.record,
                    note.target.record, note.target.quote ?? "", resolved[index].anchor.isOrphaned ? "orphaned" : ""].joined(separator: "\n")
        })
        foldedTags = notes.map { $0.tags.map { Array(Fold.fold($0).utf8) } }
        order = notes.indices.sorted { a, b in
            notes[a].updated != notes[b].updated ? notes[a].updated > notes[b].updated : a > b
        }
        var indexOfID: [String: Int] = [:]
        for (index, note) in notes.enumerated() { indexOfID[note.id] = index }
        self.indexOfID = indexOfID
        bookmarks = notes.reduce(0) { $0 + ($1.kind == .bookmark ? 1 : 0) }
    }

    /// The notes a filter keeps, newest first: every word must be in the note's folded text, or, for
    /// `#tag`, begin one of its tags.
    func listed(filter: String) -> [Int] {
        // One key's update and frame ask for the same list several times.
        let last = lastListed.withLock { $0 }
        if let last, last.filter == filter { return last.listed }
        // A letter typed onto the filter can only narrow what it kept: look among those (as search
        // does), not every note again. Not after a lone "#", which is a word, where "#t" is a tag.
        var within: [Int]?
        if let last, !last.filter.isEmpty, filter.hasPrefix(last.filter),
           last.filter.split(whereSeparator: { $0.isWhitespace }).last != "#" {
            within = last.listed
        }
        let listed = filtered(by: filter, within: within ?? order)
        lastListed.withLock { $0 = (filter, listed) }
        return listed
    }

    private let lastListed = Mutex<(filter: String, listed: [Int])?>(nil)

    /// What the filter keeps looking at every note (for tests: typing narrows to the same).
    static func freshListing(_ digest: NotesDigest, filter: String) -> [Int] {
        digest.filtered(by: filter, within: digest.order)
    }

    private func filtered(by filter: String, within candidates: [Int]) -> [Int] {
        let words = filter.split(whereSeparator: { $0.isWhitespace }).map { word -> (tag: Bool, needle: [UInt8]) in
            word.hasPrefix("#") && word.count > 1 ? (true, Array(Fold.fold(String(word.dropFirst())).utf8)) : (false, Array(Fold.fold(String(word)).utf8))
        }
        guard !words.isEmpty else { return order }
        // Each word's notes, as a mark a note: found in one pass over the folded text, skipping to
        // the next note after a find (or in the candidates' own text when they are few).
        var kept = [Bool](repeating: false, count: notes.count)
        for index in candidates { kept[index] = true }
        let fewCandidates = candidates.count * 8 < notes.count
        for word in words {
            if word.tag {
                for index in candidates where kept[index] && !foldedTags[index].contains(where: { $0.starts(with: word.needle) }) { kept[index] = false }
                continue
            }
            guard !word.needle.isEmpty else { return [] }
            var found = [Bool](repeating: false, count: notes.count)
            folded.scan(for: word.needle, in: fewCandidates ? candidates : nil) { note, _ in
                found[note] = true
                return fewCandidates ? .next : .skipTo(note + 1)
            }
            for index in candidates where kept[index] && !found[index] { kept[index] = false }
        }
        return candidates.filter { kept[$0] }
    }
}

extension State {
    /// The notes' digest for this revision of the notes, made if need be; nil until the bodies it
    /// needs are read.
    var notesDigest: NotesDigest? {
        readerLayouts.notesDigest(revision: notesRevision) { previous in NotesDigest(self, previous: previous) }
    }

    /// The digest if it is made already (a frame uses it, and never makes it: that is an update's work).
    var madeNotesDigest: NotesDigest? {
        readerLayouts.madeNotesDigest(revision: notesRevision)
    }
}
