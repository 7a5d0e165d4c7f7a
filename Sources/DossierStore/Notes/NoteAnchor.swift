import DossierCorpus
/// Where a note stands in the corpus as it is now. A note on a span keeps its words (a W3C
/// TextQuoteSelector) and where they stood; when the article's text changes, the words are looked for
/// again (exactly, with their prefix and suffix; then the closest passage, as excerpts drift), and a
/// note whose words are gone, or whose record is gone, is orphaned: kept and listed, never dropped.
public enum NoteAnchor: Sendable, Equatable {
    /// A note on a whole record that is in the corpus.
    case record
    /// A note on words found in their article (`moved` when no longer where they stood).
    case span(TextSpan, moved: Bool)
    /// The words were not found exactly; this is the closest passage.
    case drifted(TextSpan, passage: String)
    /// Its record is no longer in the corpus, or its words are no longer in the article.
    case orphaned(String)

    /// `body`: where the article's text comes from (`Article.readBody` reads it from its file).
    public static func resolve(_ note: Note, in corpus: Corpus, body: BodyLookup = Article.readBody) -> NoteAnchor {
        resolvedWithWords(note, in: corpus, body: body).anchor
    }

    /// `resolve`, and for a note whose words are found, the article's own characters there (they may
    /// differ from the noted words in the kind of white space): the body read once for both. A body
    /// not at hand (the explorer has asked for it) leaves the note orphaned until it comes.
    public static func resolvedWithWords(_ note: Note, in corpus: Corpus, body lookup: BodyLookup) -> (anchor: NoteAnchor, words: String?) {
        guard corpus.kind(of: note.target.record) != nil else {
            return (.orphaned("“\(note.target.record)” is no longer in the corpus"), nil)
        }
        if let part = note.target.part, let gone = missing(part, of: note.target.record, in: corpus) { return (.orphaned(gone), nil) }
        guard let quote = note.target.quote else { return (.record, nil) }
        guard let article = corpus.article(note.target.record) else { return (.orphaned("its article cannot be read"), nil) }
        guard let read = lookup(article) else { return (.orphaned("its article is not read yet"), nil) }
        guard case .success(let body) = read else { return (.orphaned("its article cannot be read"), nil) }
        let anchor = anchor(quote, of: note, in: body)
        guard case .span(let span, _) = anchor else { return (anchor, nil) }
        let bytes = Array(body.utf8)
        return (anchor, span.utf8End <= bytes.count ? String(decoding: bytes[span.utf8Start..<span.utf8End], as: UTF8.self) : nil)
    }

    static func anchor(_ quote: String, of note: Note, in body: String) -> NoteAnchor {
        switch QuoteResolver.resolve(quote: quote, prefix: note.target.prefix, suffix: note.target.suffix, in: body) {
        case .success(let span):
            return .span(span, moved: note.target.start.map { $0 != span.start } ?? false)
        case .failure(.ambiguous), .failure(.contextNotFound):
            // Found more than once, or not with its context: the occurrence nearest where it stood.
            if let start = note.target.start, let span = nearest(quote, to: start, in: body) { return .span(span, moved: span.start != start) }
            return .orphaned("its words are in the article more than once, and nothing tells which")
        case .failure(.notFound):
            if let passage = QuoteDrift.closest(to: quote, in: body) { return .drifted(passage.span, passage: passage.text) }
            return .orphaned("its words are no longer in the article")
        }
    }

    /// The occurrence of the quote whose start is nearest `start` (code points). Offsets are counted
    /// on from one occurrence to the next, so the body is walked once however many there are.
    static func nearest(_ quote: String, to start: Int, in body: String) -> TextSpan? {
        var best: TextSpan?
        var from = body.startIndex
        var counted = body.startIndex
        var scalars = 0
        var bytes = 0
        while let range = body.range(of: quote, range: from..<body.endIndex) {
            scalars += body.unicodeScalars.distance(from: counted, to: range.lowerBound)
            bytes += body.utf8.distance(from: counted, to: range.lowerBound)
            counted = range.lowerBound
            let span = TextSpan(start: scalars, end: scalars + quote.unicodeScalars.count, utf8Start: bytes, utf8End: bytes + quote.utf8.count)
            if best == nil || abs(span.start - start) < abs(best!.start - start) { best = span }
            from = body.index(after: range.lowerBound)
        }
        return best
    }

    /// Why a part of a statement a note is on is no longer there; nil while it is.
    static func missing(_ part: String, of record: String, in corpus: Corpus) -> String? {
        guard let statement = corpus.statement(record) else { return "“\(record)” is not a statement, so it has no \(part)" }
        let pieces = part.split(separator: ":", maxSplits: 1).map(String.init)
        guard pieces.count == 2 else { return "“\(part)” is not a part of a statement" }
        let (role, id) = (pieces[0], pieces[1])
        let name = corpus.name(of: id) ?? id
        switch role {
        case "signatory": return statement.signatories.contains { $0.actor == id } ? nil : "\(name) is no longer named as signing it"
        case "lead": return statement.leads.contains(id) ? nil : "\(name) is no longer named as leading it"
        case "addressee": return statement.addressees.contains(id) ? nil : "\(name) is no longer named as its addressee"
        case "declined": return statement.declined.contains { $0.actor == id } ? nil : "\(name) is no longer said not to have signed it"
        case "count": return statement.counts.contains { $0.excerpt == id } ? nil : "the count from \(id) is no longer given"
        default: return "“\(part)” is not a part of a statement"
        }
    }

    public var isOrphaned: Bool {
        if case .orphaned = self { return true }
        return false
    }
}
