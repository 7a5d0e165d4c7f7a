/// Finds where a quote that is no longer in its article exactly has gone: the article was corrected, or
/// its quotation marks, dashes, case or spacing changed. Annotation tools re-anchor the same way
/// (Hypothesis falls back from the exact quote to an approximate match): the closest passage within a
/// bound of edits, found by seeding with pieces of the quote found exactly and aligning around them.
///
/// The comparison folds what typing and publishing systems change without changing the words: case,
/// runs of white space, curly and straight quotation marks and apostrophes, dashes and hyphens. Past
/// that, edits (a character inserted, deleted or replaced) are counted: at most one in five of the
/// quote's characters. Quotes shorter than `minimumLength` are matched exactly or not at all, since a
/// short phrase close to another is more likely a different phrase than the same one corrected.
public enum QuoteDrift {
    public struct Passage: Sendable, Equatable {
        public var span: TextSpan
        /// The body's text at the span: what the article now says.
        public var text: String
        /// 1 when only folded differences remain (case, spaces, quotation marks, dashes).
        public var similarity: Double
        /// Which paragraph of the body it is in, counting from 1 (paragraphs are separated by blank lines).
        public var paragraph: Int
        /// Another place as close to the quote, when there is one (so which passage it stands for is in
        /// doubt); its span in scalars, without UTF-8 offsets.
        public var rival: TextSpan?
    }

    public static let minimumLength = 16
    /// The most edits per character of the quote a passage may differ by.
    public static let editsPerCharacter = 0.2
    /// Bodies longer than this (in Unicode scalars) are not searched approximately: the exact search
    /// stays linear in the body, and an approximate one would hold the body as scalars.
    public static let longestBody = 20_000_000
    /// The longest quote aligned approximately: alignment costs its length times the window's.
    public static let longestQuote = 4_000

    /// An article body made ready for approximate search: folded once, for all its excerpts.
    public final class Body {
        let text: String
        let scalars: [Unicode.Scalar]
        let folded: [UInt32]
        let origin: [Int]
        let utf8Offsets: [Int]

        /// Nil for a body longer than `longestBody`.
        public init?(_ text: String) {
            var scalars: [Unicode.Scalar] = []
            for scalar in text.unicodeScalars {
                scalars.append(scalar)
                if scalars.count > QuoteDrift.longestBody { return nil }
            }
            self.text = text
            self.scalars = scalars
            (folded, origin) = QuoteDrift.fold(scalars[...])
            utf8Offsets = QuoteDrift.utf8OffsetsOfScalars(text)
        }

        func isBoundary(_ scalar: Int) -> Bool {
            let index = text.utf8.index(text.utf8.startIndex, offsetBy: utf8Offsets[scalar])
            return String.Index(index, within: text) != nil
        }
    }

    /// The closest passage to `quote` in `body`, or nil when none is within the bound.
    public static func closest(to quote: String, in body: String) -> Passage? {
        Body(body).flatMap { closest(to: quote, in: $0) }
    }

    public static func closest(to quote: String, in body: Body) -> Passage? {
        let quoteScalars = Array(quote.unicodeScalars)
        guard quoteScalars.count >= minimumLength, quoteScalars.count <= longestQuote else { return nil }
        let (pattern, _) = fold(quoteScalars[...])
        guard pattern.count >= minimumLength / 2 else { return nil }
        let allowed = Int(Double(pattern.count) * editsPerCharacter)
        guard let (start, end, edits, rival) = bestAlignment(of: pattern, in: body.folded, allowedEdits: allowed) else { return nil }
        // Back to the body's own scalars, widened to whole characters.
        var scalarStart = body.origin[start]
        var scalarEnd = body.origin[end - 1] + 1
        while scalarStart > 0 && !body.isBoundary(scalarStart) { scalarStart -= 1 }
        while scalarEnd < body.scalars.count && !body.isBoundary(scalarEnd) { scalarEnd += 1 }
        let span = TextSpan(start: scalarStart, end: scalarEnd, utf8Start: body.utf8Offsets[scalarStart], utf8End: body.utf8Offsets[scalarEnd])
        var passage = String.UnicodeScalarView()
        passage.append(contentsOf: body.scalars[scalarStart..<scalarEnd])
        var paragraph = 1
        var newlines = 0
        for scalar in body.scalars[..<scalarStart] {
            if scalar == "\n" {
                newlines += 1
                if newlines == 2 { paragraph += 1 }
            } else {
                newlines = 0
            }
        }
        return Passage(span: span, text: String(passage), similarity: 1 - Double(edits) / Double(pattern.count), paragraph: paragraph,
                       rival: rival.map { TextSpan(start: body.origin[$0.start], end: body.origin[$0.end - 1] + 1, utf8Start: 0, utf8End: 0) })
    }

    /// The folded text and, for each of its scalars, the index of the scalar it came from.
    static func fold(_ scalars: ArraySlice<Unicode.Scalar>) -> (text: [UInt32], origin: [Int]) {
        var text: [UInt32] = []
        var origin: [Int] = []
        text.reserveCapacity(scalars.count)
        origin.reserveCapacity(scalars.count)
        var lastWasSpace = false
        for (index, scalar) in zip(scalars.indices, scalars) {
            if scalar.properties.isWhitespace {
                if !lastWasSpace && !text.isEmpty {
                    text.append(0x20)
                    origin.append(index)
                }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            let folded: UInt32
            switch scalar.value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC, 0x0060, 0x00B4: folded = 0x27  // ’ ‘ ′ ʼ ` ´ → '
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: folded = 0x22  // “ ” „ ″ « » → "
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: folded = 0x2D  // hyphens, dashes, minus → -
            default:
                let lower = scalar.properties.lowercaseMapping.unicodeScalars
                folded = lower.count == 1 ? lower.first!.value : scalar.value
            }
            text.append(folded)
            origin.append(index)
        }
        if text.last == 0x20 {
            text.removeLast()
            origin.removeLast()
        }
        return (text, origin)
    }

    /// The UTF-8 offset of each scalar of the text, and of its end.
    static func utf8OffsetsOfScalars(_ text: String) -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(text.utf8.count + 1)
        var offset = 0
        for scalar in text.unicodeScalars {
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        return offsets
    }

    /// The place in `text` that `pattern` aligns to with the fewest edits (at most `allowedEdits`):
    /// start, end (exclusive) and the edits. Candidates are where pieces of the pattern occur exactly;
    /// only the few places most pieces point at are aligned, so the cost grows with the text once
    /// (finding the pieces) and not with the text times the pattern.
    /// Another alignment with as few edits that starts elsewhere (beyond the edits allowed) is the rival.
    static func bestAlignment(of pattern: [UInt32], in text: [UInt32], allowedEdits: Int) -> (Int, Int, Int, rival: (start: Int, end: Int)?)? {
        let m = pattern.count
        guard m > 0, text.count >= m - allowedEdits else { return nil }
        // Pieces: with at most k edits among k + 1 pieces, one piece is untouched (the pigeonhole).
        // At most eight are looked for, each a scan of the text: a passage whose every eighth of the
        // quote was edited is not found, which a correction (edits in one place) never is.
        let pieceCount = min(allowedEdits + 1, 8)
        let pieceLength = max(1, m / pieceCount)
        // Each place a piece is found votes for where the pattern would start; a piece found in many
        // places says little about which, so its votes weigh less (a rare piece decides).
        let bucket = max(1, allowedEdits + 1)
        var votes: [Int: Double] = [:]
        for piece in 0..<pieceCount {
            let offset = piece * pieceLength
            let length = piece == pieceCount - 1 ? m - offset : pieceLength
            guard length > 0 else { continue }
            var places: [Int] = []
            var from = 0
            while places.count < 10_000, let at = find(pattern[offset..<(offset + length)], in: text, from: from) {
                places.append(max(0, at - offset) / bucket)
                from = at + 1
            }
            for place in places { votes[place, default: 0] += 1 / Double(places.count) }
        }
        let candidates = votes.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(8).map { $0.key * bucket }
        var found: [(Int, Int, Int)] = []
        for candidate in candidates {
            let low = max(0, candidate - 2 * allowedEdits - 1)
            let high = min(text.count, candidate + m + 2 * allowedEdits + 1)
            if let alignment = align(pattern, in: text, window: low..<high), alignment.2 <= allowedEdits { found.append(alignment) }
        }
        guard let best = found.min(by: { ($0.2, $0.0) < ($1.2, $1.0) }) else { return nil }
        let rival = found.first { $0.2 == best.2 && abs($0.0 - best.0) > allowedEdits }
        return (best.0, best.1, best.2, rival.map { (start: $0.0, end: $0.1) })
    }

    static func find(_ piece: ArraySlice<UInt32>, in text: [UInt32], from: Int) -> Int? {
        guard let first = piece.first, piece.count <= text.count else { return nil }
        var index = from
        let last = text.count - piece.count
        while index <= last {
            if text[index] == first && text[index..<(index + piece.count)].elementsEqual(piece) { return index }
            index += 1
        }
        return nil
    }

    /// Semi-global alignment (the whole pattern against any stretch of the window): Levenshtein
    /// distance with free ends in the text, keeping where each alignment began.
    static func align(_ pattern: [UInt32], in text: [UInt32], window: Range<Int>) -> (Int, Int, Int)? {
        let m = pattern.count
        var previous = [Int](0...m)
        var previousStart = [Int](repeating: window.lowerBound, count: m + 1)
        var current = [Int](repeating: 0, count: m + 1)
        var currentStart = [Int](repeating: 0, count: m + 1)
        var best: (Int, Int, Int)?
        for j in window {
            current[0] = 0
            currentStart[0] = j + 1
            for i in 1...m {
                let substitution = previous[i - 1] + (pattern[i - 1] == text[j] ? 0 : 1)
                let deletion = current[i - 1] + 1  // a pattern character missing from the text
                let insertion = previous[i] + 1  // a text character not in the pattern
                if substitution <= deletion && substitution <= insertion {
                    current[i] = substitution
                    currentStart[i] = i == 1 ? j : previousStart[i - 1]
                } else if deletion <= insertion {
                    current[i] = deletion
                    currentStart[i] = currentStart[i - 1]
                } else {
                    current[i] = insertion
                    currentStart[i] = previousStart[i]
                }
            }
            if best == nil || current[m] < best!.2 { best = (currentStart[m], j + 1, current[m]) }
            swap(&previous, &current)
            swap(&previousStart, &currentStart)
        }
        return best
    }
}
