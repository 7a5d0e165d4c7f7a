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
    /// combining accent.
    public static func resolve(quote: String, prefix: String?, suffix: String?, in body: String) -> Result<TextSpan, Failure> {
        var contiguous = body
        return contiguous.withUTF8 { resolve(quote: quote, prefix: prefix, suffix: suffix, in: body, utf8: $0) }
    }

    /// The same, over the body's UTF-8 already at hand, so the excerpts of one article share it.
    static func resolve(quote: String, prefix: String?, suffix: String?, in body: String, utf8 bodyBytes: UnsafeBufferPointer<UInt8>) -> Result<TextSpan, Failure> {
        let quoteBytes = Array(quote.utf8)
        let prefixBytes = Array((prefix ?? "").utf8)
        let suffixBytes = Array((suffix ?? "").utf8)
        guard !quoteBytes.isEmpty else { return .failure(.notFound) }

        var occurrences = 0
        var matching: [Int] = []
        var searchFrom = 0
        quoteBytes.withUnsafeBufferPointer { needle in
            while let start = find(needle, in: bodyBytes, from: searchFrom) {
                searchFrom = start + 1
                let end = start + needle.count
                guard isCharacterBoundary(start, in: body), isCharacterBoundary(end, in: body) else { continue }
                occurrences += 1
                let prefixMatches = start >= prefixBytes.count && bodyBytes[(start - prefixBytes.count)..<start].elementsEqual(prefixBytes)
                let suffixMatches = end + suffixBytes.count <= bodyBytes.count && bodyBytes[end..<(end + suffixBytes.count)].elementsEqual(suffixBytes)
                if prefixMatches && suffixMatches { matching.append(start) }
            }
        }
        if occurrences == 0 { return .failure(.notFound) }
        if matching.isEmpty { return .failure(.contextNotFound(occurrences: occurrences)) }
        if matching.count > 1 { return .failure(.ambiguous(occurrences: matching.count)) }

        let utf8Start = matching[0]
        let utf8End = utf8Start + quoteBytes.count
        let start = scalarCount(UnsafeBufferPointer(rebasing: bodyBytes[..<utf8Start]))
        let end = start + quote.unicodeScalars.count
        return .success(TextSpan(start: start, end: end, utf8Start: utf8Start, utf8End: utf8End))
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

    static func isCharacterBoundary(_ utf8Offset: Int, in text: String) -> Bool {
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
