#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds an excerpt's quote in its article body, in the manner of the W3C TextQuoteSelector: the exact
/// text, with optional prefix and suffix that must stand immediately before and after it.
public enum QuoteResolver {
    public enum Failure: Error, Sendable, Equatable {
        /// The quote is nowhere in the body (or only inside other characters, such as a letter that
        /// carries a combining accent in the body).
        case notFound
        /// The quote is found, but not with the given prefix or suffix around it.
        case contextNotFound(occurrences: Int)
        /// Found more than once and nothing tells the occurrences apart.
        case ambiguous(occurrences: Int)
    }

    /// Matching is exact, code point by code point (no case folding, no normalisation), and a match must
    /// begin and end on a character boundary, so "cafe" does not match inside "café" written with a
    /// combining accent. Only white space may differ, and only when the words are not found exactly:
    /// each run of white space in the quote (or its prefix or suffix) then stands for a run of any
    /// white space in the body (a plain space for a no-break one, a space for a line break), as a quote
    /// copied from a screen or typed from print has it. The span is the body's own characters.
    public static func resolve(quote: String, prefix: String?, suffix: String?, in body: String) -> Result<TextSpan, Failure> {
        var contiguous = body
        return contiguous.withUTF8 { utf8 in
            resolve(quote: quote, prefix: prefix, suffix: suffix, utf8: utf8) { isCharacterBoundary($0, in: body) }
        }
    }

    /// The same, over a body's UTF-8 at hand (so the excerpts of one article share it, and a body read
    /// from its file need not become a `String`); `isBoundary` tells whether a UTF-8 offset is a
    /// character boundary, asked only where `knownBoundary` cannot tell.
    static func resolve(quote: String, prefix: String?, suffix: String?, utf8 bodyBytes: UnsafeBufferPointer<UInt8>,
                        isBoundary: (Int) -> Bool) -> Result<TextSpan, Failure> {
        let quoteBytes = Array(quote.utf8)
        let prefixBytes = Array((prefix ?? "").utf8)
        let suffixBytes = Array((suffix ?? "").utf8)
        guard !quoteBytes.isEmpty else { return .failure(.notFound) }

        let found = occurrences(of: quoteBytes, in: bodyBytes, isBoundary: isBoundary)
        if found.isEmpty { return .failure(.notFound) }
        let matching = found.filter { range in
            matchBackward(prefixBytes, endingAt: range.lowerBound, in: bodyBytes) != nil
                && matchForward(suffixBytes, at: range.upperBound, in: bodyBytes) != nil
        }
        if matching.isEmpty { return .failure(.contextNotFound(occurrences: found.count)) }
        if matching.count > 1 { return .failure(.ambiguous(occurrences: matching.count)) }

        let utf8Start = matching[0].lowerBound
        let utf8End = matching[0].upperBound
        let start = scalarCount(UnsafeBufferPointer(rebasing: bodyBytes[..<utf8Start]))
        let end = start + (utf8End - utf8Start == quoteBytes.count ? quote.unicodeScalars.count
            : scalarCount(UnsafeBufferPointer(rebasing: bodyBytes[utf8Start..<utf8End])))
        return .success(TextSpan(start: start, end: end, utf8Start: utf8Start, utf8End: utf8End))
    }

    /// Where the quote's bytes stand in the body (UTF-8 ranges on character boundaries): exactly, or
    /// when nowhere exactly, with its white space standing for any white space (`matchForward`).
    package static func occurrences(of quoteBytes: [UInt8], in bodyBytes: UnsafeBufferPointer<UInt8>, isBoundary: (Int) -> Bool) -> [Range<Int>] {
        func boundary(_ offset: Int) -> Bool { knownBoundary(offset, in: bodyBytes) ?? isBoundary(offset) }
        var found: [Range<Int>] = []
        quoteBytes.withUnsafeBufferPointer { needle in
            var searchFrom = 0
            while let start = find(needle, in: bodyBytes, from: searchFrom) {
                searchFrom = start + 1
                let end = start + needle.count
                if boundary(start), boundary(end) { found.append(start..<end) }
            }
        }
        guard found.isEmpty else { return found }
        // Not there exactly: look for the first word, and match the rest with its white space loose.
        var wordStart = 0
        while wordStart < quoteBytes.count, case let length = whitespaceLength(at: wordStart, in: quoteBytes), length > 0 { wordStart += length }
        var wordEnd = wordStart
        while wordEnd < quoteBytes.count && whitespaceLength(at: wordEnd, in: quoteBytes) == 0 { wordEnd += 1 }
        guard wordEnd > wordStart, wordEnd - wordStart < quoteBytes.count else { return [] }
        let leading = Array(quoteBytes[..<wordStart])
        let rest = Array(quoteBytes[wordStart...])
        Array(quoteBytes[wordStart..<wordEnd]).withUnsafeBufferPointer { word in
            var searchFrom = 0
            while let at = find(word, in: bodyBytes, from: searchFrom) {
                searchFrom = at + 1
                guard let end = matchForward(rest, at: at, in: bodyBytes),
                      let start = leading.isEmpty ? at : matchBackward(leading, endingAt: at, in: bodyBytes),
                      boundary(start), boundary(end) else { continue }
                if found.last.map({ $0.lowerBound != start }) ?? true { found.append(start..<end) }
            }
        }
        return found
    }

    /// Where `pattern` ends if it stands in the body from `offset` on, each run of white space in it
    /// matching a run of one or more white-space characters of any kind in the body; nil if it does not.
    static func matchForward(_ pattern: [UInt8], at offset: Int, in body: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0, j = offset
        while i < pattern.count {
            if whitespaceLength(at: i, in: pattern) > 0 {
                while i < pattern.count, case let length = whitespaceLength(at: i, in: pattern), length > 0 { i += length }
                let runStart = j
                while j < body.count, case let length = whitespaceLength(at: j, in: body), length > 0 { j += length }
                if j == runStart { return nil }
            } else {
                guard j < body.count, body[j] == pattern[i] else { return nil }
                i += 1
                j += 1
            }
        }
        return j
    }

    /// Where `pattern` begins if it stands in the body just before `offset`, white space matched as in
    /// `matchForward`; nil if it does not.
    static func matchBackward(_ pattern: [UInt8], endingAt offset: Int, in body: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = pattern.count, j = offset
        while i > 0 {
            if whitespaceLength(endingAt: i, in: pattern) > 0 {
                while i > 0, case let length = whitespaceLength(endingAt: i, in: pattern), length > 0 { i -= length }
                let runEnd = j
                while j > 0, case let length = whitespaceLength(endingAt: j, in: body), length > 0 { j -= length }
                if j == runEnd { return nil }
            } else {
                guard j > 0, body[j - 1] == pattern[i - 1] else { return nil }
                i -= 1
                j -= 1
            }
        }
        return j
    }

    /// The UTF-8 length of the white-space character (Unicode's White_Space) starting at `offset`, or 0.
    @inline(__always)
    static func whitespaceLength<Bytes: RandomAccessCollection<UInt8>>(at offset: Int, in bytes: Bytes) -> Int where Bytes.Index == Int {
        let first = bytes[offset]
        if first < 0x80 { return (first >= 0x09 && first <= 0x0D) || first == 0x20 ? 1 : 0 }
        func byte(_ at: Int) -> UInt8 { offset + at < bytes.endIndex ? bytes[offset + at] : 0 }
        switch first {
        case 0xC2: return byte(1) == 0x85 || byte(1) == 0xA0 ? 2 : 0
        case 0xE1: return byte(1) == 0x9A && byte(2) == 0x80 ? 3 : 0
        case 0xE2:
            if byte(1) == 0x80 { return (0x80...0x8A).contains(byte(2)) || [0xA8, 0xA9, 0xAF].contains(byte(2)) ? 3 : 0 }
            return byte(1) == 0x81 && byte(2) == 0x9F ? 3 : 0
        case 0xE3: return byte(1) == 0x80 && byte(2) == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// The UTF-8 length of the white-space character ending just before `offset`, or 0.
    @inline(__always)
    static func whitespaceLength<Bytes: RandomAccessCollection<UInt8>>(endingAt offset: Int, in bytes: Bytes) -> Int where Bytes.Index == Int {
        for length in [1, 2, 3] where offset - length >= bytes.startIndex {
            if whitespaceLength(at: offset - length, in: bytes) == length { return length }
        }
        return 0
    }

    /// The body's own characters at a span the resolver gave (UTF-8 offsets).
    static func text(of range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// How many Unicode scalars valid UTF-8 holds: its bytes less its continuation bytes (10xxxxxx),
    /// counted eight bytes at a time (a byte's top bit set and the next bit clear, for all eight at once).
    public static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var continuation = 0
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            continuation += (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if bytes[index] & 0xC0 == 0x80 { continuation += 1 }
            index += 1
        }
        return bytes.count - continuation
    }

    /// Whether a UTF-8 offset is a character boundary, where the bytes alone tell: at either end, and
    /// between two characters that join nothing (`joinsNothing`); nil elsewhere, to be asked of the
    /// text as a `String`.
    @inline(__always)
    static func knownBoundary(_ utf8Offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if utf8Offset <= 0 || utf8Offset >= bytes.count { return true }
        let before = bytes[utf8Offset - 1]
        let after = bytes[utf8Offset]
        if before < 0x80 && after < 0x80 {
            // Between two ASCII characters only CR LF is one character (UAX #29, GB3).
            return !(before == 0x0D && after == 0x0A)
        }
        guard after & 0xC0 != 0x80 else { return nil }
        var start = utf8Offset - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 && utf8Offset - start < 4 { start -= 1 }
        guard let previous = scalar(at: start, in: bytes, before: utf8Offset), let next = scalar(at: utf8Offset, in: bytes, before: bytes.count),
              joinsNothing(previous) || previous == 0x0A || previous == 0x09, joinsNothing(next) || next == 0x0A || next == 0x09 || next == 0x0D else { return nil }
        return true
    }

    /// Characters that no rule of Unicode's grapheme clusters (UAX #29) joins to what stands before
    /// or after them: none is a control, an extending or spacing mark, a joiner, a prepended sign,
    /// a Hangul jamo or syllable, or a regional indicator. The scripts a corpus of news most often
    /// holds around its quotes: printable ASCII, Latin-1 and Latin Extended-A letters, general
    /// punctuation (dashes, curly quotes), kana and CJK ideographs.
    @inline(__always)
    static func joinsNothing(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x17F, 0x2010...0x2027, 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF: return true
        default: return false
        }
    }

    /// The scalar a UTF-8 sequence starting at `start` and ending by `end` encodes; nil if it does not.
    @inline(__always)
    static func scalar(at start: Int, in bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> UInt32? {
        let lead = bytes[start]
        if lead < 0x80 { return UInt32(lead) }
        let length = lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : (lead >= 0xC0 ? 2 : 0))
        guard length > 0, start + length <= end,
              bytes[(start + 1)..<(start + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) else { return nil }
        return FoldTable.scalarValue(bytes, at: start, length: length)
    }

    package static func isCharacterBoundary(_ utf8Offset: Int, in text: String) -> Bool {
        let index = text.utf8.index(text.utf8.startIndex, offsetBy: utf8Offset)
        return String.Index(index, within: text) != nil
    }

    /// The next occurrence at or after `start`: memchr finds the first byte, memcmp checks the rest.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = haystack.baseAddress, needle.count <= haystack.count else { return nil }
        var cursor = start
        let last = haystack.count - needle.count
        while cursor <= last {
            guard let hit = memchr(base + cursor, Int32(needle[0]), last - cursor + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return at }
            cursor = at + 1
        }
        return nil
    }
}
