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
    /// combining accent.
    public static func resolve(quote: String, prefix: String?, suffix: String?, in body: String) -> Result<TextSpan, Failure> {
        let bodyBytes = Array(body.utf8)
        let quoteBytes = Array(quote.utf8)
        let prefixBytes = Array((prefix ?? "").utf8)
        let suffixBytes = Array((suffix ?? "").utf8)
        guard !quoteBytes.isEmpty else { return .failure(.notFound) }

        var occurrences: [Int] = []
        var matching: [Int] = []
        var searchFrom = 0
        while let start = firstIndex(of: quoteBytes, in: bodyBytes, from: searchFrom) {
            searchFrom = start + 1
            let end = start + quoteBytes.count
            guard isCharacterBoundary(start, in: body), isCharacterBoundary(end, in: body) else { continue }
            occurrences.append(start)
            let prefixMatches = start >= prefixBytes.count && bodyBytes[(start - prefixBytes.count)..<start].elementsEqual(prefixBytes)
            let suffixMatches = end + suffixBytes.count <= bodyBytes.count && bodyBytes[end..<(end + suffixBytes.count)].elementsEqual(suffixBytes)
            if prefixMatches && suffixMatches { matching.append(start) }
        }
        if occurrences.isEmpty { return .failure(.notFound) }
        if matching.isEmpty { return .failure(.contextNotFound(occurrences: occurrences.count)) }
        if matching.count > 1 { return .failure(.ambiguous(occurrences: matching.count)) }

        let utf8Start = matching[0]
        let utf8End = utf8Start + quoteBytes.count
        let start = scalarCount(bodyBytes, upTo: utf8Start)
        let end = start + quote.unicodeScalars.count
        return .success(TextSpan(start: start, end: end, utf8Start: utf8Start, utf8End: utf8End))
    }

    static func isCharacterBoundary(_ utf8Offset: Int, in text: String) -> Bool {
        let index = text.utf8.index(text.utf8.startIndex, offsetBy: utf8Offset)
        return String.Index(index, within: text) != nil
    }

    static func scalarCount(_ bytes: [UInt8], upTo end: Int) -> Int {
        var count = 0
        for index in 0..<end where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Plain forward search; bodies are a few kilobytes, and the first byte check skips most positions.
    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        let first = needle[0]
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
