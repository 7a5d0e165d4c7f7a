import Testing
import DossierModel
@testable import DossierApp

@Suite struct SafeTextTests {
    @Test func escapeSequencesBecomeVisiblePlaceholders() {
        let hostile = "Title\u{1B}]0;pwned\u{07} \u{1B}[2J\u{9B}31m \u{202E}evil\u{202C}"
        let safe = SafeText.line(hostile)
        #expect(safe == "Title␛]0;pwned␇ ␛[2J\u{FFFD}31m \u{FFFD}evil\u{FFFD}")
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func linesShowBreaksBlocksKeepThem() {
        #expect(SafeText.line("a\nb\tc\r") == "a␤b c␍")
        #expect(SafeText.block("a\nb\tc\r") == "a\nb c␍")
        #expect(SafeText.line("\u{7F}") == "␡")
    }

    @Test func cleanTextIsReturnedAsIs() {
        let text = "Türk 新疆 “quoted” Raphae\u{308}l 😀"
        #expect(SafeText.isClean(text, keepNewlines: false))
        #expect(SafeText.line(text) == text)
    }
}

@Suite struct DisplayWidthTests {
    @Test(arguments: [("abc", 3), ("新疆", 4), ("Türk", 4), ("Raphae\u{308}l", 7), ("😀", 2), ("ｆｕｌｌ", 8),
                      ("한국", 4), ("a\u{200B}b", 2), ("❤\u{FE0F}", 2), ("", 0)])
    func measuresColumns(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        #expect(DisplayWidth.truncate("新疆维吾尔", to: 5) == "新疆…")
        #expect(DisplayWidth.truncate("新疆维吾尔", to: 5, ellipsis: false) == "新疆")
        #expect(DisplayWidth.truncate("新疆", to: 4) == "新疆")
        #expect(DisplayWidth.truncate("Raphae\u{308}l Viana", to: 7) == "Raphae\u{308}…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
        #expect(DisplayWidth.pad("新", to: 4) == "新  ")
    }
}

@Suite struct RecordTextTests {
    func statement(counts: [SignatoryCount], signatories: [String]) -> Statement {
        Statement(id: "s", title: "t", kind: .letter, date: PartialDate(year: 2019), stance: .critical,
                  counts: counts, signatories: signatories.map { Signatory(actor: $0, excerpts: ["x"]) })
    }

    @Test func tallyShowsNamedOverEachDeclaredFigure() {
        #expect(RecordText.tally(statement(counts: [], signatories: ["a", "b"])) == "2/?")
        #expect(RecordText.tally(statement(counts: [SignatoryCount(value: 22, excerpt: "x")], signatories: ["a"])) == "1/22")
        let disagreeing = statement(counts: [SignatoryCount(value: 22, excerpt: "x"), SignatoryCount(value: 25, excerpt: "y"),
                                             SignatoryCount(value: 20, qualifier: .moreThan, excerpt: "z"), SignatoryCount(value: 22, excerpt: "w")],
                                    signatories: ["a", "b", "c"])
        #expect(RecordText.tally(disagreeing) == "3/22|25|>20")
    }

    @Test func tablesAlignWideTextAndSanitiseIt() {
        let table = RecordText.table(header: ["ID", "NAME", "NOTE"], rows: [["a", "新疆", "x"], ["bb", "Türk\u{1B}[31m", "y"]])
        #expect(table == """
            ID  NAME       NOTE
            a   新疆       x
            bb  Türk␛[31m  y

            """)
    }
}
