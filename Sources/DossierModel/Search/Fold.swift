import Foundation

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
            needle.withUnsafeBufferPointer { FoldedBuffer.find($0, pivot: 0, in: haystack, from: 0, end: haystack.count) != nil }
        }
    }

    /// The same, for folded bytes read in place (from the persistent index).
    static func bytes(_ haystack: UnsafeBufferPointer<UInt8>, contain needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        return needle.withUnsafeBufferPointer { FoldedBuffer.find($0, pivot: 0, in: haystack, from: 0, end: haystack.count) != nil }
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
    static let sharedTable = SharedFoldTable()

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
struct FoldTable {
    private var cache: [UInt32: [UInt8]] = [:]

    /// How long each scalar seen so far is once folded, in UTF-8 bytes.
    var foldedLengths: [UInt32: UInt8] { cache.mapValues { UInt8($0.count) } }

    /// The scalar value of a UTF-8 sequence of 2 to 4 bytes.
    @inline(__always)
    static func scalarValue(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> UInt32 {
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
        if let known = cache[scalar.value] { return known }
        let folded = Fold.foldScalar(scalar)
        cache[scalar.value] = folded
        return folded
    }

    /// Folds a non-ASCII scalar given by its UTF-8 bytes.
    mutating func folded(utf8 bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> [UInt8] {
        let value = Self.scalarValue(bytes, at: start, length: length)
        if let known = cache[value] { return known }
        let folded = Unicode.Scalar(value).map(Fold.foldScalar) ?? Array(bytes[start..<(start + length)])
        cache[value] = folded
        return folded
    }
}

/// A `FoldTable` behind a lock, for `Fold.fold` on any thread.
final class SharedFoldTable: @unchecked Sendable {
    private let lock = NSLockLike()
    private var table = FoldTable()

    func folded(_ scalar: Unicode.Scalar) -> [UInt8] {
        lock.locked { table.folded(scalar) }
    }

    func folded(utf8 bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int) -> [UInt8] {
        lock.locked { table.folded(utf8: bytes, at: start, length: length) }
    }
}
