import DossierModel

/// Notes as `dossier notes` prints them: Markdown for reading, JSON for scripts, and W3C Web
/// Annotations (JSON-LD) for annotation tools, like the excerpts export.
public enum NotesOutput {
    /// What a note is about, by name, with its id ("Joint letter of states … [st-2019-07-joint-letter]").
    /// `resolved`: the note's anchor and, when its words are found, the article's characters there
    /// (`NoteAnchor.resolvedWithWords`). A note whose words changed or went keeps its own, and says so
    /// beside them (`anchorWords`).
    static func about(_ note: Note, resolved: (anchor: NoteAnchor, words: String?), corpus: Corpus) -> String {
        var name = corpus.name(of: note.target.record).map { "\($0) [\(note.target.record)]" } ?? "\(note.target.record) (no longer in the corpus)"
        if let part = note.target.part { name = partWords(part, corpus: corpus) + " of " + name }
        guard let quote = resolved.words ?? note.target.quote else { return name }
        return "“\(quote)” in \(name)"
    }

    /// A part of a statement in words: "signatory Australia", "the count from CNN, via China Digital Times".
    static func partWords(_ part: String, corpus: Corpus) -> String {
        let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
        guard pieces.count == 2 else { return part }
        if pieces[0] == "count" {
            let source = corpus.excerpt(pieces[1]).map { corpus.attribution(of: $0) } ?? pieces[1]
            return "the count from \(source)"
        }
        return pieces[0] + " " + (corpus.name(of: pieces[1]) ?? pieces[1])
    }

    /// Read by people (printed, pasted): control characters and escape sequences from the notes and
    /// the corpus are written as visible placeholders (`SafeText`); JSON escapes them instead.
    /// `body`: where the articles' texts come from, to find a span note's words.
    public static func markdown(_ notes: [Note], corpus: Corpus, body: BodyLookup) -> String {
        SafeText.block(unsafeMarkdown(notes, corpus: corpus, body: body))
    }

    static func unsafeMarkdown(_ notes: [Note], corpus: Corpus, body: BodyLookup) -> String {
        guard !notes.isEmpty else { return "No notes.\n" }
        var text = ""
        for note in notes {
            let kind = note.kind == .bookmark ? "Bookmark" : "Note"
            let resolved = NoteAnchor.resolvedWithWords(note, in: corpus, body: body)
            text += "## \(kind) on \(about(note, resolved: resolved, corpus: corpus))\n\n"
            if let said = anchorWords(resolved.anchor) { text += "_\(said)_\n\n" }
            text += note.text + "\n\n"
            text += "— \(note.author), \(note.updated)" + (note.deleted ? " (deleted)" : "") + " [\(note.id)]\n\n"
        }
        return text
    }

    /// What a reader is told of a note whose words moved, changed or went (nil when they are in place).
    static func anchorWords(_ anchor: NoteAnchor) -> String? {
        switch anchor {
        case .record, .span(_, moved: false): return nil
        case .span(_, moved: true): return "Its words have moved in the article; found again."
        case .drifted(_, let passage): return "Its words changed in the article; now: “\(passage)”."
        case .orphaned(let why): return "Orphaned: \(why)."
        }
    }

    static func anchorName(_ anchor: NoteAnchor) -> String {
        switch anchor {
        case .record: return "record"
        case .span(_, let moved): return moved ? "moved" : "span"
        case .drifted: return "drifted"
        case .orphaned: return "orphaned"
        }
    }

    public static func json(_ note: Note, corpus: Corpus, body: BodyLookup) -> JSONValue {
        let resolved = NoteAnchor.resolvedWithWords(note, in: corpus, body: body)
        let anchor = resolved.anchor
        return .object([
            ("anchor", .string(anchorName(anchor))),
            ("id", .string(note.id)), ("kind", .string(note.kind.rawValue)), ("record", .string(note.target.record)),
            ("about", .string(about(note, resolved: resolved, corpus: corpus))), ("part", note.target.part.map(JSONValue.string)),
            ("quote", (resolved.words ?? note.target.quote).map(JSONValue.string)),
            ("text", .string(note.text)), ("tags", .strings(note.tags)), ("author", .string(note.author)),
            ("created", .string(note.created)), ("updated", .string(note.updated)), ("deleted", note.deleted ? .bool(true) : nil),
        ])
    }

    /// Each note an Annotation: motivation commenting (bookmarking for a bookmark), its text as the
    /// body with its tags, its target the record (or the article, with the words a span note is on).
    public static func annotations(_ notes: [Note], corpus: Corpus) -> JSONValue {
        let items: [JSONValue] = notes.map { note in
            var body: [JSONValue] = [.object([("type", .string("TextualBody")), ("value", .string(note.text)), ("purpose", .string("commenting"))])]
            body += note.tags.map { .object([("type", .string("TextualBody")), ("value", .string($0)), ("purpose", .string("tagging"))]) }
            let source = corpus.article(note.target.record)?.url ?? "urn:dossier:\(corpus.kind(of: note.target.record)?.rawValue ?? "record"):\(note.target.record)"
            var target: [(String, JSONValue?)] = [("source", .string(source))]
            if let quote = note.target.quote {
                var selectors: [JSONValue] = [.object([("type", .string("TextQuoteSelector")), ("exact", .string(quote)),
                                                       ("prefix", note.target.prefix.map(JSONValue.string)), ("suffix", note.target.suffix.map(JSONValue.string))])]
                if let start = note.target.start, let end = note.target.end {
                    selectors.append(.object([("type", .string("TextPositionSelector")), ("start", .int(start)), ("end", .int(end))]))
                }
                target.append(("selector", .list(selectors)))
            }
            return .object([
                ("id", .string("urn:dossier:note:\(note.id)")), ("type", .string("Annotation")),
                ("motivation", .string(note.kind == .bookmark ? "bookmarking" : "commenting")),
                ("creator", .object([("type", .string("Person")), ("name", .string(note.author))])),
                ("created", .string(note.created)), ("modified", .string(note.updated)),
                ("body", .list(body)), ("target", .object(target)),
            ])
        }
        return .object([
            ("@context", .string("http://www.w3.org/ns/anno.jsonld")), ("type", .string("AnnotationCollection")),
            ("label", .string("Dossier notes")), ("total", .int(items.count)),
            ("first", .object([("type", .string("AnnotationPage")), ("items", .list(items))])),
        ])
    }
}
