// libFuzzer target: the escape-sequence decoder (compiled together with EscapeSequence.swift) must
// decode or ignore any bytes after Esc, and the paste end marker must be found in any text.
import DossierApp

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEscapeSequence(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    for introducer in [EscapeSequence.Introducer.csi, .ss3] {
        _ = EscapeSequence.key(introducer, text)
    }
    _ = text.allSatisfy(EscapeSequence.isFinal)
    _ = EscapeSequence.completedPaste(text)
    return 0
}
