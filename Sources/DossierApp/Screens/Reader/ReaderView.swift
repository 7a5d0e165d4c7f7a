import DossierModel

extension Screens {
    /// An article laid out in a rectangle: header, then the body with every span marked, one span
    /// highlighted (and its lines flagged in the gutter), and search matches highlighted.
    /// `cursor`: the line the reader's cursor is on, marked in the gutter (nil: not shown). `passage`:
    /// the passage being selected, drawn as a selection over everything else (the selected span is
    /// then drawn as any span, so the two never look alike).
    static func reader(_ content: ReaderContent, top: Int, highlighted: Int, matches: [Range<Int>] = [], currentMatch: Int = 0,
                       cursor: Int? = nil, passage: Range<Int>? = nil, glyphs: Glyphs, _ rect: Rect, into grid: inout Grid) {
        let selectedSpan = passage == nil && content.spans.indices.contains(highlighted) ? content.spans[highlighted] : nil
        let textX = rect.x + content.gutter
        for row in 0..<rect.height {
            let line = top + row
            guard line < content.lineCount else { break }
            let y = rect.y + row
            if line < content.header.count {
                grid.put(content.header[line], x: textX, y: y, limit: rect.width - content.gutter, role: line == 0 ? .heading : .label)
                continue
            }
            let bodyLine = line - content.header.count
            let lineRange = content.body.lines[bodyLine]
            // Only the spans and matches on this line are looked at for each character: a long body can
            // hold many thousands of matches. Matches are in text order, so the first is found by halving.
            let lineSpans = content.spans.filter { $0.span.utf8Start < lineRange.upperBound && $0.span.utf8End > lineRange.lowerBound }
            var firstMatch = matches.partitioningIndex { $0.upperBound > lineRange.lowerBound }
            var offset = lineRange.lowerBound
            var x = textX
            var marked = false
            var inSelected = false
            for character in content.body.text(ofLine: bodyLine) {
                defer { offset += character.utf8.count }
                let inSpan = lineSpans.contains { $0.span.utf8Start <= offset && offset < $0.span.utf8End }
                let isSelected = selectedSpan.map { $0.span.utf8Start <= offset && offset < $0.span.utf8End } ?? false
                while firstMatch < matches.count, matches[firstMatch].upperBound <= offset { firstMatch += 1 }
                let match = firstMatch < matches.count && matches[firstMatch].contains(offset) ? firstMatch : nil
                marked = marked || inSpan
                inSelected = inSelected || isSelected
                let inPassage = passage?.contains(offset) ?? false
                let role: Role = inPassage ? .selection : match.map { $0 == currentMatch ? .matchCurrent : .match }
                    ?? (isSelected ? .markSelected : (inSpan ? .mark : (content.unreadable == nil ? .normal : .warning)))
                x += grid.put(String(character), x: x, y: y, limit: rect.x + rect.width - x, role: role)
            }
            if inSelected {
                grid.put(String(glyphs.selectedSpanMark), x: rect.x, y: y, role: .markSelected)
            } else if marked {
                grid.put(String(glyphs.spanMark), x: rect.x, y: y, role: .mark)
            }
            if line == cursor { grid.put(String(glyphs.cursor), x: rect.x + 1, y: y, role: .selection) }
        }
    }
}

extension Screens {
    /// Where the status line says the user is while a passage is selected, with its keys.
    static func passageWhere(_ passage: PassageSelection, state: State) -> String {
        let characters = Explorer.readerBody(state).map { passage.text(in: $0.text).count } ?? 0
        func key(_ action: Action, _ usual: Key) -> String { state.keymap.name(action, in: [.passage], usual: usual) }
        return "Passage of \(characters) characters · \(key(.follow, .enter)) attach · \(key(.nextSentence, .character(")"))) \(key(.previousSentence, .character("("))) sentence · "
            + "\(key(.nextWord, .character("w"))) \(key(.previousWord, .character("b"))) word · \(key(.swapEnds, .character("o"))) other end · "
            + "\(key(.copy, .character("y"))) copy · \(key(.clear, .escape)) cancel"
    }
}
