// libFuzzer target: any bytes read as a web page, as Markdown and as text never crash, and what comes
// out is clean text (no paragraph empty, none with a line break or runs of spaces); a quote cut from
// the input and changed a little is found again near where it was.
import DossierImport
import DossierModel

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebPage(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let page = WebPage.read(bytes, file: "fuzz.html")
    for paragraph in page.paragraphs {
        precondition(!paragraph.isEmpty, "an empty paragraph")
        precondition(!paragraph.contains("\n") && !paragraph.contains("  "), "white space not collapsed")
    }
    _ = try? TextFile.read(bytes, file: "fuzz.md", markdown: true)
    _ = try? TextFile.read(bytes, file: "fuzz.txt", markdown: false)
    // Drift: a stretch of the text as a quote, one character changed, is found at a passage like it.
    let text = String(decoding: bytes, as: UTF8.self)
    let scalars = Array(text.unicodeScalars)
    if scalars.count >= 40 {
        var quote = String.UnicodeScalarView(scalars[10..<40])
        quote.remove(at: quote.index(quote.startIndex, offsetBy: 15))
        if let passage = QuoteDrift.closest(to: String(quote), in: text) {
            precondition(passage.span.start <= passage.span.end && passage.span.end <= scalars.count, "a span outside the text")
            precondition(passage.similarity >= 1 - QuoteDrift.editsPerCharacter - 1e-9, "a passage past the bound")
        }
    }
    return 0
}
