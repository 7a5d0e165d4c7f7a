import DossierCorpus
import DossierStore
/// The byte-level pieces of the persistent index (see `CorpusIndex`): a writer that appends
/// little-endian integers and length-prefixed strings, a reader that checks every length against what
/// is left (a truncated or corrupted file is an error, never a read past its end), and the checksum.

/// Why an index file cannot be used; never shown as a failure, only as the reason it was rebuilt.
public struct IndexUnusable: Error, Sendable, CustomStringConvertible, Equatable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

struct IndexWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { u64(UInt64(bitPattern: Int64(value))) }

    /// A count or small number: seven bits a byte (most are under 128 and take one).
    mutating func count(_ value: Int) {
        var rest = UInt64(bitPattern: Int64(value))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional(_ value: String?) {
        if let value {
            u8(1)
            string(value)
        } else {
            u8(0)
        }
    }

    mutating func strings(_ values: [String]) {
        count(values.count)
        for value in values { string(value) }
    }

    mutating func raw(_ values: [UInt8]) { bytes.append(contentsOf: values) }

    /// Zero bytes up to a multiple of eight in the file (these bytes start at file offset `start`), so
    /// an array of integers that follows is aligned in a mapping of the file.
    mutating func align(at start: Int = 0) {
        while (start + bytes.count) % 8 != 0 { bytes.append(0) }
    }
}

/// Reads what `IndexWriter` wrote, from bytes it does not own (the caller keeps them alive).
struct IndexReader {
    let base: UnsafeRawBufferPointer
    var offset: Int

    init(_ base: UnsafeRawBufferPointer, at offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    var remaining: Int { base.count - offset }

    mutating func need(_ size: Int) throws(IndexUnusable) {
        guard size >= 0, size <= remaining else { throw IndexUnusable("the index file is cut short or damaged") }
    }

    mutating func u8() throws(IndexUnusable) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return base[offset]
    }

    mutating func u32() throws(IndexUnusable) -> UInt32 {
        try need(4)
        defer { offset += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() throws(IndexUnusable) -> UInt64 {
        try need(8)
        defer { offset += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func int() throws(IndexUnusable) -> Int { Int(Int64(bitPattern: try u64())) }

    mutating func count() throws(IndexUnusable) -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try u8()
            guard shift < 63 else { throw IndexUnusable("the index file is damaged (a number too long)") }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard value <= UInt64(Int.max) else { throw IndexUnusable("the index file is damaged (a number too large)") }
        return Int(value)
    }

    /// A count of things each at least `size` bytes long: more than what is left is damage, and would
    /// otherwise reserve memory for nothing.
    mutating func count(ofAtLeast size: Int) throws(IndexUnusable) -> Int {
        let value = try count()
        guard value <= remaining / max(size, 1) else { throw IndexUnusable("the index file is damaged (a count larger than the file)") }
        return value
    }

    mutating func string() throws(IndexUnusable) -> String {
        let length = try count()
        try need(length)
        defer { offset += length }
        let bytes = UnsafeRawBufferPointer(rebasing: base[offset..<(offset + length)]).assumingMemoryBound(to: UInt8.self)
        // The checksum vouches for the bytes; decoding repairs rather than trusts, all the same.
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func optional() throws(IndexUnusable) -> String? {
        switch try u8() {
        case 0: return nil
        case 1: return try string()
        default: throw IndexUnusable("the index file is damaged (an unknown tag)")
        }
    }

    mutating func strings() throws(IndexUnusable) -> [String] {
        let total = try count(ofAtLeast: 1)
        var values: [String] = []
        values.reserveCapacity(total)
        for _ in 0..<total { values.append(try string()) }
        return values
    }

    mutating func skip(to alignment: Int) throws(IndexUnusable) {
        let padding = (alignment - offset % alignment) % alignment
        try need(padding)
        offset += padding
    }

    /// A count written as a u64, of things each `size` bytes long: more than is left is damage.
    mutating func count(u64 size: Int) throws(IndexUnusable) -> Int {
        let value = try u64()
        guard value <= UInt64(remaining / size) else { throw IndexUnusable("the index file is damaged (a count larger than the file)") }
        return Int(value)
    }

    /// `total` little-endian 32-bit integers, copied out.
    mutating func u32s(_ total: Int) throws(IndexUnusable) -> [UInt32] { try integers(total) }

    /// `total` little-endian 64-bit integers, copied out.
    mutating func ints(_ total: Int) throws(IndexUnusable) -> [Int] { try integers(total) }

    private mutating func integers<Integer: FixedWidthInteger>(_ total: Int) throws(IndexUnusable) -> [Integer] {
        let size = MemoryLayout<Integer>.size
        guard total >= 0, total <= remaining / size else { throw IndexUnusable("the index file is cut short or damaged") }
        let start = offset
        offset += total * size
        return [Integer](unsafeUninitializedCapacity: total) { buffer, initialized in
            for index in 0..<total {
                buffer[index] = Integer(littleEndian: base.loadUnaligned(fromByteOffset: start + index * size, as: Integer.self))
            }
            initialized = total
        }
    }
}

/// A 64-bit checksum of the index's bytes (four lanes of the xxHash64 round, so it runs near memory
/// speed): it finds a damaged or cut file, not a forged one; the index is a cache, never a trust
/// boundary for anything but our own answers.
struct IndexChecksum {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (prime1 &+ prime2, prime2, 0, 0 &- prime1)
    private var total: UInt64 = 0
    /// Bytes left over from the last call, fewer than a 32-byte stripe.
    private var pending: [UInt8] = []

    @inline(__always)
    private static func round(_ lane: UInt64, _ input: UInt64) -> UInt64 {
        let mixed = lane &+ input &* prime2
        return ((mixed << 31) | (mixed >> 33)) &* prime1
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        total &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let take = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            start = take
            if pending.count == 32 {
                let stripe = pending
                pending = []
                stripe.withUnsafeBytes { stripes($0) }
            } else {
                return
            }
        }
        let whole = (bytes.count - start) / 32 * 32
        if whole > 0 { stripes(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + whole)])) }
        pending.append(contentsOf: bytes[(start + whole)...])
    }

    private mutating func stripes(_ bytes: UnsafeRawBufferPointer) {
        var (a, b, c, d) = lanes
        var offset = 0
        while offset + 32 <= bytes.count {
            a = Self.round(a, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            b = Self.round(b, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            c = Self.round(c, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            d = Self.round(d, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        lanes = (a, b, c, d)
    }

    var value: UInt64 {
        var hash = Self.round(lanes.0, lanes.1) ^ Self.round(lanes.2, lanes.3) ^ total
        for byte in pending { hash = Self.round(hash, UInt64(byte) &+ Self.prime3) }
        hash ^= hash >> 33
        hash = hash &* Self.prime2
        hash ^= hash >> 29
        hash = hash &* Self.prime3
        return hash ^ (hash >> 32)
    }

    static func of(_ bytes: [UInt8]) -> UInt64 {
        var checksum = IndexChecksum()
        bytes.withUnsafeBytes { checksum.add($0) }
        return checksum.value
    }
}
