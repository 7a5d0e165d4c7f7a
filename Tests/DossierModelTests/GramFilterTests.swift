import DossierGenerator
import Foundation
import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

/// The search filter of the persistent index (`GramFilter`): scanning only the blocks it allows finds
/// exactly what scanning everything finds, whatever the block size, however crowded the bitmaps (a
/// 64-bit block is nearly all ones, a 4,096-bit one sparse), for matches inside blocks and across their
/// ends.
@Suite struct GramFilterTests {
    /// Generated articles' titles and bodies, and a few short texts of our own.
    static let texts: [String] = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-grams-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try? CorpusGenerator(articles: 12, seed: 5).write(to: folder)
        let articles = (try? CorpusLoader.load(path: folder).corpus.articles.array) ?? []
        return articles.flatMap { [$0.title, (try? $0.body.text()) ?? ""] } + ["Türkiye 新疆维吾尔自治区 Xinjiang", "qq", "", "a"]
    }()

    /// Every match, as (document, folded range), each scan told to skip to the next document after a
    /// document's third hit (as a search's per-group limit does).
    static func matches(_ buffer: FoldedBuffer, _ needle: [UInt8]) -> [String] {
        var found: [String] = []
        var perDocument: [Int: Int] = [:]
        buffer.scan(for: needle, in: nil) { document, range in
            found.append("\(document):\(range.lowerBound)-\(range.upperBound)")
            perDocument[document, default: 0] += 1
            return perDocument[document]! >= 3 ? .skipTo(document + 1) : .next
        }
        return found
    }

    @Test(arguments: [(16, 1), (64, 1), (64, 8), (1 << 16, 512)])
    func aFilteredScanFindsWhatAFullScanFinds(blockSize: Int, wordsPerBlock: Int) {
        let plain = FoldedBuffer(Self.texts)
        let filter = plain.bytes.withUnsafeBufferPointer { GramFilter($0, blockSize: blockSize, wordsPerBlock: wordsPerBlock) }
        let filtered = FoldedBuffer(bytes: plain.bytes, starts: plain.starts, anchors: plain.anchors, foldedLengths: plain.foldedLengths,
                                    byteCounts: plain.byteCounts, filter: filter)
        let folded = plain.bytes.withUnsafeBufferPointer { Array($0) }
        var random = SplitMix64(seed: UInt64(blockSize * 31 + wordsPerBlock))
        var needles: [[UInt8]] = ["xinjiang", "türk", "新疆", "qq", "qqzxv", "the", " ", "e", "rights of", "zz"].map { Array(Fold.fold($0).utf8) }
        // Pieces of the text itself, many of them across a block's end.
        for _ in 0..<300 {
            let length = Int(random.next() % 24) + 1
            let start = Int(random.next() % UInt64(folded.count - length))
            let piece = Array(folded[start..<(start + length)])
            if !piece.contains(0) { needles.append(piece) }
        }
        var scanned = 0
        for needle in needles {
            let expected = Self.matches(plain, needle)
            #expect(Self.matches(filtered, needle) == expected, "\(String(decoding: needle, as: UTF8.self))")
            scanned += expected.count
        }
        #expect(Self.texts.count > 20 && scanned > 300)
        // The filter does rule blocks out when they are small and sparse enough.
        if blockSize == 64 && wordsPerBlock == 8 {
            let bits = filter.bits(of: Array("qqzxv".utf8))
            #expect((0..<filter.blockCount).contains { !filter.mayStart(in: $0, bits: bits) })
        }
    }
}
