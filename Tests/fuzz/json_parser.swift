// libFuzzer target: the JSON parser, the streaming element parser and the corpus loader must turn any
// bytes into a value or a located error, never a crash, a hang or a memory error (see scripts/fuzz).
import DossierModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? JSONParser.parse(bytes)
    _ = try? JSONParser.parseElements(bytes) { _ in }
    // The whole loader (decoding, validation, quote resolution, locating every problem) on a single-file corpus.
    _ = try? CorpusLoader.load(singleFile: SourceFile(name: "fuzz.json", bytes: bytes))
    return 0
}
