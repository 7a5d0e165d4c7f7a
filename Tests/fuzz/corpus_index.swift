// libFuzzer target: the persistent index's reader must turn any bytes into a corpus or a reason to
// rebuild, never a crash, a hang or a memory error (see scripts/fuzz). The checksums are skipped here
// (`CorpusIndex.decodeUnchecked`), or almost every mutation would stop at them: this is what a
// damaged file that got past them would meet.
import DossierModel
@_spi(Fuzzing) import DossierIndex

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpusIndex(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let (corpus, search) = try? CorpusIndex.decodeUnchecked(bytes) else { return 0 }
    // Follow what was decoded as a screen would: back-links, lookups, a search and its hits' places.
    _ = (corpus.excerptsAbout.all.count, corpus.statementRoles.all.count)
    for excerpt in corpus.excerpts.prefix(50) { _ = corpus.attribution(of: excerpt) }
    for statement in corpus.statements.prefix(50) { _ = corpus.excerptsAbout[statement.id] }
    if let search {
        for query in ["a", "türk", "新疆", "\u{0}"] {
            let hits = search.search(query, limitPerGroup: 20)
            _ = SearchIndex.utf8Ranges(of: hits)
        }
    }
    return 0
}
