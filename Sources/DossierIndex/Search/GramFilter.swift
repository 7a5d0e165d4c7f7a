import DossierCorpus
import DossierStore
/// Which one-, two- and three-byte sequences occur in each block of a folded buffer's text, as a bitmap of
/// their hashes a block, so a search scans only the blocks where its query can start: a query's every
/// sequence must be in the block or the next (a match starting near a block's end runs into the next).
/// Each sequence sets two bits (a Bloom filter), so a rare query is not let into every block by sharing
/// its one bit with a common sequence. A hash shared by two sequences only makes a block scanned for
/// nothing, never a match missed. Built
/// when the persistent index is written, and read in place from it; a buffer folded in memory has none,
/// and is scanned whole. (At 200,000 articles the folded text is 1.2 GB: a query found nowhere was a
/// scan of all of it, 60 ms; see docs/performance.md.)
// @unchecked: its words may be a pointer into the read-only mapping of the index, kept alive by its owner.
struct GramFilter: @unchecked Sendable {
    /// Folded bytes a block.
    let blockSize: Int
    /// Bits a block (a power of two), as 64-bit words.
    let wordsPerBlock: Int
    let blockCount: Int
    let words: Words

    enum Words {
        case owned([UInt64])
        case mapped(UnsafeRawBufferPointer, owner: MappedFile)
    }

    static let defaultBlockSize = 1 << 16
    static let defaultWordsPerBlock = 1 << 9  // 32,768 bits, 4 KB a block: about 6% of the text

    /// Builds the filter of `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, blockSize: Int = defaultBlockSize, wordsPerBlock: Int = defaultWordsPerBlock) {
        self.blockSize = blockSize
        self.wordsPerBlock = wordsPerBlock
        let blockCount = (bytes.count + blockSize - 1) / blockSize
        self.blockCount = blockCount
        var words = [UInt64](repeating: 0, count: blockCount * wordsPerBlock)
        let mask = UInt32(wordsPerBlock * 64 - 1)
        // Single bytes and pairs are noted exactly while the block is read, and hashed once each at
        // its end; only three-byte sequences are hashed as they come (most of the cost of a build).
        var pairs = [UInt64](repeating: 0, count: 1 << 10)
        // The three-byte sequences met lately, so one repeated (most are, within a block) is not
        // hashed again: a direct-mapped table, emptied for each block.
        var recent = [UInt32](repeating: UInt32.max, count: 1 << 12)
        words.withUnsafeMutableBufferPointer { words in
            recent.withUnsafeMutableBufferPointer { recent in
            pairs.withUnsafeMutableBufferPointer { pairs in
                for block in 0..<blockCount {
                    let base = block * wordsPerBlock
                    func set(_ gram: UInt32) {
                        let hash = Self.hash(gram)
                        let first = hash & mask, second = (hash >> 16) & mask
                        words[base + Int(first >> 6)] |= 1 << UInt64(first & 63)
                        words[base + Int(second >> 6)] |= 1 << UInt64(second & 63)
                    }
                    for index in 0..<pairs.count { pairs[index] = 0 }
                    for index in 0..<recent.count { recent[index] = UInt32.max }
                    var singles: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
                    let end = min(bytes.count, (block + 1) * blockSize)
                    // Each sequence is recorded in the block where it starts, and may end in the next.
                    for position in (block * blockSize)..<end {
                        let byte = bytes[position]
                        let bit: UInt64 = 1 << UInt64(byte & 63)
                        switch byte >> 6 {
                        case 0: singles.0 |= bit
                        case 1: singles.1 |= bit
                        case 2: singles.2 |= bit
                        default: singles.3 |= bit
                        }
                        guard position + 1 < bytes.count else { break }
                        let pair = UInt32(byte) | UInt32(bytes[position + 1]) << 8
                        pairs[Int(pair >> 6)] |= 1 << UInt64(pair & 63)
                        if position + 2 < bytes.count {
                            let triple = pair | UInt32(bytes[position + 2]) << 16
                            let slot = Int((triple &* 0x9E37_79B1) >> 20)
                            if recent[slot] != triple {
                                recent[slot] = triple
                                set(triple | 3 << 24)
                            }
                        }
                    }
                    for (word, value) in [singles.0, singles.1, singles.2, singles.3].enumerated() where value != 0 {
                        for bit in 0..<64 where value & (1 << UInt64(bit)) != 0 { set(UInt32(word * 64 + bit) | 1 << 24) }
                    }
                    for word in 0..<pairs.count where pairs[word] != 0 {
                        var value = pairs[word]
                        while value != 0 {
                            let bit = value.trailingZeroBitCount
                            set(UInt32(word * 64 + bit) | 2 << 24)
                            value &= value - 1
                        }
                    }
                }
            }
            }
        }
        self.words = .owned(words)
    }

    /// A filter read from the persistent index (its sizes checked against the text's by the reader).
    init(blockSize: Int, wordsPerBlock: Int, blockCount: Int, words: Words) {
        self.blockSize = blockSize
        self.wordsPerBlock = wordsPerBlock
        self.blockCount = blockCount
        self.words = words
    }

    /// MurmurHash3's finaliser: every input bit moves every output bit, so the two 16-bit halves are
    /// two independent enough bit positions. (A plain multiplicative hash let a two-letter query share
    /// its bit with a common sequence in every block.)
    @inline(__always)
    static func hash(_ value: UInt32) -> UInt32 {
        var hash = value
        hash ^= hash >> 16
        hash &*= 0x85EB_CA6B
        hash ^= hash >> 13
        hash &*= 0xC2B2_AE35
        hash ^= hash >> 16
        return hash
    }

    /// The bits a query needs: two for each of its two- and three-byte sequences (or its one byte).
    /// Empty for a query longer than a block, which is scanned everywhere.
    func bits(of needle: [UInt8]) -> [UInt32] {
        guard needle.count <= blockSize else { return [] }
        let mask = UInt32(wordsPerBlock * 64 - 1)
        var bits: [UInt32] = []
        func add(_ gram: UInt32) {
            let hash = Self.hash(gram)
            bits += [hash & mask, (hash >> 16) & mask]
        }
        if needle.count == 1 { add(UInt32(needle[0]) | 1 << 24) }
        for position in 0..<max(0, needle.count - 1) {
            let pair = UInt32(needle[position]) | UInt32(needle[position + 1]) << 8
            add(pair | 2 << 24)
            if position + 2 < needle.count { add(pair | UInt32(needle[position + 2]) << 16 | 3 << 24) }
        }
        return Array(Set(bits))
    }

    @inline(__always)
    private func word(_ index: Int) -> UInt64 {
        switch words {
        case .owned(let words): return words[index]
        case .mapped(let raw, _): return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
        }
    }

    /// Whether a match of a query with these `bits` may start in `block`: each bit is set in the block
    /// or the next. Always true when the query has no bits.
    func mayStart(in block: Int, bits: [UInt32]) -> Bool {
        let base = block * wordsPerBlock
        let next = block + 1 < blockCount ? base + wordsPerBlock : nil
        for bit in bits {
            let index = Int(bit >> 6)
            let flag: UInt64 = 1 << UInt64(bit & 63)
            if word(base + index) & flag == 0 && (next.map { word($0 + index) & flag == 0 } ?? true) { return false }
        }
        return true
    }

    /// The filter's words, as the index writes them.
    func withWords<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
        switch words {
        case .owned(let words): return words.withUnsafeBytes(body)
        case .mapped(let raw, let owner): return withExtendedLifetime(owner) { body(raw) }
        }
    }
}
