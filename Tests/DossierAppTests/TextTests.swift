import Testing
import DossierGenerator
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

@Suite struct WrapTests {
    func lines(_ text: String, width: Int) -> [String] {
        wrapLines(text, width: width)
    }

    @Test func breaksAfterSpacesAndCutsWordsLongerThanTheLine() {
        #expect(lines("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(lines("abcdefghijkl xy", width: 5) == ["abcde", "fghij", "kl xy"])
        #expect(lines("aaaa bbbb", width: 4) == ["aaaa", "bbbb"])  // the space that overflows is dropped
    }

    @Test func aParagraphBreakLeavesOneBlankLine() {
        #expect(lines("one\ntwo", width: 20) == ["one", "two"])
        #expect(lines("one\n\n\n\ntwo", width: 20) == ["one", "", "two"])
        #expect(lines("one\r\n\r\ntwo\r\n", width: 20) == ["one", "", "two"])
    }

    @Test func aHangingRowWrapsItsFirstLineAtItsOwnWidth() {
        let wrapped = WrappedText("aaa bbb ccc ddd", width: 7, hangingWidth: 3)
        #expect(wrapped.lines.indices.map { String(wrapped.text(ofLine: $0)) } == ["aaa bbb", "ccc", "ddd"])
        // In the help a description continues under itself, and its first line is as long as it can be.
        let help = PaneContent.laidOut([{ var line = PaneLine.text("  key   one two three four five six"); line.hangingIndent = 8; return line }()], width: 22)
        #expect(help.map { $0.segments.map(\.text).joined() } == ["  key   one two three", "        four five six"])
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(lines("新疆维吾尔自治区", width: 5) == ["新疆", "维吾", "尔自", "治区"])
        #expect(lines("Türk Raphae\u{308}l", width: 7) == ["Türk", "Raphae\u{308}l"])
    }

    @Test func anOffsetBetweenLinesBelongsToTheLineBefore() {
        let text = "alpha beta\n\ngamma"
        let wrapped = WrappedText(text, width: 6)
        #expect(wrapped.lines.indices.map { String(wrapped.text(ofLine: $0)) } == ["alpha", "beta", "", "gamma"])
        #expect(wrapped.line(containingUTF8: 0) == 0)
        #expect(wrapped.line(containingUTF8: 5) == 0)  // the space where the line wraps
        #expect(wrapped.line(containingUTF8: 6) == 1)
        #expect(wrapped.line(containingUTF8: 10) == 1)  // the newlines between the paragraphs
        #expect(wrapped.line(containingUTF8: 11) == 1)
        #expect(wrapped.line(containingUTF8: 12) == 3)
        #expect(wrapped.line(containingUTF8: 99) == 3)
    }

    /// The wrapping as it was first written, over an array of characters: the oracle the offset-based
    /// one must agree with.
    func plainWrap(_ text: String, width: Int) -> [Range<Int>] {
        let characters = Array(text)
        var offsets: [Int] = []
        var offset = 0
        for character in characters {
            offsets.append(offset)
            offset += character.utf8.count
        }
        offsets.append(offset)
        func isNewline(_ character: Character) -> Bool { character == "\n" || character == "\r\n" }
        var lines: [Range<Int>] = []
        var lineStart = 0, index = 0, column = 0
        var lastBreak: Int?
        while index < characters.count {
            let character = characters[index]
            if isNewline(character) {
                lines.append(lineStart..<index)
                index += 1
                if index < characters.count, isNewline(characters[index]) {
                    lines.append(index..<index)
                    while index < characters.count, isNewline(characters[index]) { index += 1 }
                }
                lineStart = index
                column = 0
                lastBreak = nil
                continue
            }
            let columns = DisplayWidth.onScreen(character)
            if column + columns > width && index > lineStart {
                if character == " " {
                    lines.append(lineStart..<index)
                    index += 1
                    lineStart = index
                } else if let last = lastBreak, last > lineStart {
                    lines.append(lineStart..<(last - 1))
                    lineStart = last
                    index = last
                } else {
                    lines.append(lineStart..<index)
                    lineStart = index
                }
                column = 0
                lastBreak = nil
                continue
            }
            column += columns
            index += 1
            if character == " " { lastBreak = index }
        }
        if lineStart < characters.count || lines.isEmpty { lines.append(lineStart..<characters.count) }
        return lines.map { offsets[$0.lowerBound]..<offsets[$0.upperBound] }
    }

    /// Issue 10: wrapped text never loses a character. For random texts and every width from 1 to
    /// 200, what lies between two lines is only the space or line breaks the wrap consumed, so the
    /// lines put back together give the text; and no line is wider than the width on screen (but a
    /// single character wider than the whole width).
    @Test func wrappedLinesPutBackTogetherGiveTheTextAtEveryWidth() {
        let pieces = ["Latin", "accentué", "Ürümqi", "新疆维吾尔自治区", "e\u{301}\u{302}", "👩\u{200D}👩\u{200D}👧", "❤\u{FE0F}", "\t", " ", "  ",
                      "\n", "\n\n", "\r\n", "supercalifragilisticexpialidocious", "a", "“quoted”", "\u{1B}[31m", "한국어", "\u{7F}", "Bachelet's"]
        var random = SplitMix64(seed: 29)
        for _ in 0..<50 {
            var text = ""
            for _ in 0..<random.next(below: 40) { text += pieces[random.next(below: pieces.count)] }
            let bytes = Array(text.utf8)
            for width in 1...200 {
                let wrapped = WrappedText(text, width: width)
                var rebuilt: [UInt8] = []
                var end = 0
                for (number, range) in wrapped.lines.enumerated() {
                    let gap = bytes[end..<max(end, range.lowerBound)]
                    #expect(number == 0 ? gap.isEmpty : gap.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D },
                            "\(text.debugDescription) at width \(width): line \(number) skips \(String(decoding: gap, as: UTF8.self).debugDescription)")
                    #expect(gap.filter { $0 == 0x20 }.count <= 1)
                    rebuilt += gap
                    rebuilt += bytes[range]
                    end = max(end, range.upperBound)
                    let line = wrapped.text(ofLine: number)
                    #expect(DisplayWidth.onScreen(line) <= width || line.count == 1, "\(line.debugDescription) is wider than \(width)")
                }
                let tail = bytes[end...]
                // Only line breaks, or the one space that would have overflowed the last line.
                #expect(tail.allSatisfy { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 } && tail.filter { $0 == 0x20 }.count <= 1)
                rebuilt += tail
                #expect(rebuilt == bytes)
            }
        }
    }

    @Test func agreesWithThePlainCharacterByCharacterWrapping() {
        let pieces = ["a", "word", "longerwordthanaline", " ", " ", "  ", "\n", "\n\n", "\r\n", "新疆", "Türk", "e\u{301}", "😀", "“q”", "\t"]
        var random = SplitMix64(seed: 11)
        for round in 0..<400 {
            var text = ""
            for _ in 0..<random.next(below: 60) { text += pieces[random.next(below: pieces.count)] }
            let width = 1 + round % 17
            #expect(WrappedText(text, width: width).lines == plainWrap(text, width: width), "\(text.debugDescription) at width \(width)")
        }
    }
}
