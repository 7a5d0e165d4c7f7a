import Synchronization
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text folded for matching: lower case, accents removed, curly quotes and no-break spaces made plain,
/// so "turk" finds "Türk" and "raphael" finds "Raphäel" however the accent is encoded.
///
/// Folding is defined per Unicode scalar (lower-case it, decompose it canonically, drop combining
/// marks), so a document can be folded byte by byte in one pass, each distinct scalar's folding being
/// worked out once (`FoldTable`).
public enum Fold {
    /// Whether folded UTF-8 text holds a folded needle, byte for byte (memchr, then memcmp): the test a
    /// list filter makes of every row on each keystroke.
    public static func bytes(_ folded: [UInt8], contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        return folded.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { find($0, pivot: 0, in: haystack, from: 0, end: haystack.count) != nil }
        }
    }

    /// The same, for folded bytes read in place (from the persistent index).
    static func bytes(_ haystack: UnsafeBufferPointer<UInt8>, contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        return needle.withUnsafeBufferPointer { find($0, pivot: 0, in: haystack, from: 0, end: haystack.count) != nil }
    }

    /// The first occurrence of the pattern in haystack[from..<end]: memchr finds the pattern's rarest
    /// byte, memcmp checks the rest.
    @inlinable @inline(__always)
    public static func find(_ pattern: UnsafeBufferPointer<UInt8>, pivot: Int, in haystack: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int? {
        let base = haystack.baseAddress!
        let length = pattern.count
        guard end - from >= length else { return nil }
        let pivotByte = Int32(pattern[pivot])
        var cursor = from + pivot
        let last = end - length + pivot  // the last place the pivot byte can stand
        while cursor <= last {
            guard let hit = memchr(base + cursor, pivotByte, last - cursor + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let start = at - pivot
            if memcmp(base + start, pattern.baseAddress!, length) == 0 { return start }
            cursor = at + 1
        }
        return nil
    }

    public static func fold(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var asciiOnly = true
        for byte in text.utf8 {
            if byte >= 0x80 { asciiOnly = false; break }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        if asciiOnly { return String(decoding: bytes, as: UTF8.self) }
        bytes.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            } else {
                bytes.append(contentsOf: sharedTable.folded(scalar))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every non-ASCII scalar's folding, shared by all calls: short strings (titles, names, filters)
    /// would otherwise ask Foundation again for each one.
    package static let sharedTable = SharedFoldTable()

    /// The folding of one non-ASCII scalar, as UTF-8 (possibly empty, for a combining mark).
    static func foldScalar(_ scalar: Unicode.Scalar) -> [UInt8] {
        var result: [UInt8] = []
        for piece in String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch piece.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: continue
            default: break
            }
            switch piece.value {
            case 0x2018, 0x2019, 0x02BC: result.append(UInt8(ascii: "'"))
            case 0x201C, 0x201D: result.append(UInt8(ascii: "\""))
            case 0x00A0, 0x2007, 0x202F: result.append(UInt8(ascii: " "))
            default: result.append(contentsOf: UTF8.encode(piece)!)
            }
        }
        return result
    }
}

/// Remembers each non-ASCII scalar's folding, so Foundation is asked once per distinct scalar, not once
/// per character of a corpus.
package struct FoldTable {
    /// Every folding worked out so far, one after the other.
    package private(set) var pool: [UInt8] = []

    package init() {}

    /// Where a scalar below U+10000 has its folding in `pool`: its start times 256 plus its length,
    /// plus one (0 is not yet known). A table, not a dictionary: folding a document looks up every
    /// non-ASCII character, and hashing was a tenth of the folding.
    /// Made at the first such scalar: most short texts folded alone have none.
    private var basic: [UInt32] = []
    /// The same for the scalars above (emoji, rare CJK), which are few.
    private var supplementary: [UInt32: UInt32] = [:]

    /// How long each scalar seen so far is once folded, in UTF-8 bytes.
    package var foldedLengths: [UInt32: UInt8] {
        var lengths: [UInt32: UInt8] = [:]
        for (value, entry) in basic.enumerated() where entry != 0 { lengths[UInt32(value)] = UInt8((entry - 1) & 0xFF) }
        for (value, entry) in supplementary { lengths[value] = UInt8((entry - 1) & 0xFF) }
        return lengths
    }

    /// The scalar value of a UTF-8 sequence of 2 to 4 bytes.
    @inline(__always)
    package static func scalarValue(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> UInt32 {
        switch length {
        case 2: return UInt32(bytes[start] & 0x1F) << 6 | UInt32(bytes[start + 1] & 0x3F)
        case 3: return UInt32(bytes[start] & 0x0F) << 12 | UInt32(bytes[start + 1] & 0x3F) << 6 | UInt32(bytes[start + 2] & 0x3F)
        default: return UInt32(bytes[start] & 0x07) << 18 | UInt32(bytes[start + 1] & 0x3F) << 12 | UInt32(bytes[start + 2] & 0x3F) << 6 | UInt32(bytes[start + 3] & 0x3F)
        }
    }

    @inline(__always)
    mutating func folded(_ scalar: Unicode.Scalar) -> [UInt8] {
        if scalar.value < 0x80 {
            let byte = UInt8(scalar.value)
            return [byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte]
        }
        return Array(pool[range(of: scalar.value) { Fold.foldScalar(scalar) }])
    }

    /// Folds a non-ASCII scalar given by its UTF-8 bytes.
    mutating func folded(utf8 bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> [UInt8] {
        Array(pool[foldedRange(utf8: bytes, at: start, length: length)])
    }

    /// Where the folding of a non-ASCII scalar given by its UTF-8 bytes is in `pool`. A sequence that
    /// is not valid UTF-8 is its own folding.
    @inline(__always)
    package mutating func foldedRange(utf8 bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> Range<Int> {
        let value = Self.scalarValue(bytes, at: start, length: length)
        return range(of: value) { Unicode.Scalar(value).map(Fold.foldScalar) ?? Array(bytes[start..<(start + length)]) }
    }

    @inline(__always)
    private mutating func range(of value: UInt32, folding: () -> [UInt8]) -> Range<Int> {
        if value < 0x10000 && basic.isEmpty { basic = [UInt32](repeating: 0, count: 0x10000) }
        let entry = value < 0x10000 ? basic[Int(value)] : supplementary[value] ?? 0
        if entry != 0 {
            let start = Int((entry - 1) >> 8)
            return start..<(start + Int((entry - 1) & 0xFF))
        }
        // A scalar folds to a few scalars at most; a longer folding would not fit its entry.
        let folded = folding().prefix(255)
        let start = pool.count
        pool.append(contentsOf: folded)
        let made = (UInt32(start) << 8 | UInt32(folded.count)) + 1
        if value < 0x10000 { basic[Int(value)] = made } else { supplementary[value] = made }
        return start..<pool.count
    }
}

/// A `FoldTable` behind a lock, for `Fold.fold` on any thread.
package final class SharedFoldTable: Sendable {
    private let table = Mutex(FoldTable())

    func folded(_ scalar: Unicode.Scalar) -> [UInt8] {
        table.withLock { $0.folded(scalar) }
    }

    package func folded(utf8 bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> [UInt8] {
        table.withLock { $0.folded(utf8: bytes, at: start, length: length) }
    }
}
