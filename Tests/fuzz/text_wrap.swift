// libFuzzer target: wrapping any text at any width keeps every character (the lines and the gaps
// between them give the text back), never makes a line wider than the width on screen, and laying out
// pane rows, truncating and sanitising never crash.
import DossierApp

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWrap(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let width = Int(data[0]) % 200 + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let text = String(decoding: bytes, as: UTF8.self)
    let wrapped = WrappedText(text, width: width)
    let utf8 = Array(text.utf8)
    var end = 0
    for (number, range) in wrapped.lines.enumerated() {
        precondition(range.lowerBound >= end && range.upperBound <= utf8.count, "lines out of order")
        precondition(utf8[end..<range.lowerBound].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }, "a letter was lost between lines")
        let line = wrapped.text(ofLine: number)
        precondition(DisplayWidth.onScreen(line) <= width || line.count == 1, "a line wider than the width")
        end = range.upperBound
    }
    precondition(utf8[end...].allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }, "the end was lost")
    _ = PaneContent.laidOut([PaneLine.text(text)], width: width)
    _ = DisplayWidth.truncate(text, to: width)
    var grid = Grid(width: width, height: 2)
    grid.put(text, x: 0, y: 0)
    return 0
}
