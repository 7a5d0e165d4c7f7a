import DossierModel

/// The reader and the full-screen workflows: who signed, search, stance matrix (compare: Screens/Compare).
enum Screens {
    // MARK: Reader

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

    static func title(_ text: String, state: State, into grid: inout Grid) {
        grid.fill(Rect(x: 0, y: 1, width: state.width, height: 1), with: state.glyphs.horizontal, role: .borderFocused)
        grid.put("\(state.glyphs.focusMark) \(text) ", x: 0, y: 1, limit: state.width, role: .borderFocused)
    }

    // MARK: Who signed

    static func signatories(_ state: State, into grid: inout Grid) {
        guard case .signatories(let comparison) = state.navigation.overlay else { return }
        let corpus = state.corpus
        title("Who signed: two statements compared", state: state, into: &grid)
        for (row, label, id) in [(2, "A", comparison.first), (3, "B", comparison.second)] {
            guard let statement = corpus.statement(id) else { continue }
            let named = Set(statement.signatories.map(\.actor)).count
            let declared = statement.counts.map(RecordText.qualifierWords)
            var text = "\(statement.date) \(StanceStyle.label(statement.stance)) · \(named) named"
            if !declared.isEmpty { text += " of " + declared.joined(separator: " / ") }
            Render.segments([Segment("\(label): ", .heading), Segment(statement.title + " · ", .normal), Segment(text, .label)],
                            x: 1, y: row, end: state.width, into: &grid)
        }
        let columns = comparison.columns(in: corpus)
        let layout = SignatoriesLayout(width: state.width, height: state.height)
        let width = layout.columnWidth
        let headings = ["Signed both", "Only A", "Only B"]
        let listTop = SignatoriesLayout.listTop
        let height = layout.visibleRows
        for column in 0..<3 {
            let x = column * (width + 1)
            let focused = comparison.column == column
            grid.fill(Rect(x: x, y: 4, width: width, height: 1), with: state.glyphs.horizontal, role: focused ? .borderFocused : .border)
            grid.put("\(focused ? String(state.glyphs.focusMark) : " ") \(headings[column]) (\(columns[column].count)) ", x: x, y: 4, limit: width,
                     role: focused ? .borderFocused : .heading)
            if column > 0 {
                for row in 4..<(state.height - 1) { grid.put(String(state.glyphs.vertical), x: x - 1, y: row, role: .border) }
            }
            if columns[column].isEmpty {
                grid.put("none named", x: x + 1, y: listTop, limit: width - 1, role: .dim)
                continue
            }
            for row in 0..<height {
                let index = comparison.places[column].top + row
                guard index < columns[column].count else { break }
                let actor = corpus.actor(columns[column][index])
                let isSelected = index == comparison.places[column].selected
                let role: Role = isSelected ? (focused ? .selection : .selectionInactive) : .normal
                if isSelected {
                    grid.fill(Rect(x: x, y: listTop + row, width: width, height: 1), role: role)
                    grid.put(String(state.glyphs.selectedRow), x: x, y: listTop + row, role: role)
                }
                var name = actor?.name ?? columns[column][index]
                if let country = actor?.country { name += " " + country }
                // Signed one, and a source says it did not sign the other: not the same as unnamed.
                let other = column == 1 ? (label: "B", id: comparison.second) : (label: "A", id: comparison.first)
                if column > 0, let declined = corpus.statement(other.id)?.declined.first(where: { $0.actor == columns[column][index] }) {
                    name += " (\(other.label): \(declined.how.words))"
                }
                grid.put(DisplayWidth.truncate(name, to: width - 1), x: x + 1, y: listTop + row, limit: width - 1, role: role)
            }
        }
    }

    // MARK: Stance matrix

    static func matrix(_ state: State, into grid: inout Grid) {
        let corpus = state.corpus
        let model = state.matrixModel
        let layout = state.matrixLayout
        title("States × statements · L led · S signed · N said not to sign · A addressed · \(["▼", "▲", "◆", "○"].joined()) stance", state: state, into: &grid)
        guard let cell = model.cell(state.navigation.matrix) else {
            let text = state.position.list.filter.isEmpty ? "No state takes part in any statement." : "No statement matches “\(state.position.list.filter)”."
            grid.put(text, x: 1, y: 3, limit: state.width - 1, role: .dim)
            return
        }
        let position = state.navigation.matrix
        let x0 = layout.rowHeaderWidth + 1
        // Two heading rows: each column's stance symbol, then its year.
        grid.put("stance", x: 1, y: 2, limit: layout.rowHeaderWidth - 1, role: .dim)
        grid.put("year", x: 1, y: 3, limit: layout.rowHeaderWidth - 1, role: .dim)
        for offset in 0..<layout.visibleColumns {
            let column = position.left + offset
            guard column < model.columns.count, let statement = corpus.statement(model.columns[column]) else { break }
            let x = x0 + offset * layout.cellWidth
            let selected = column == cell.column
            grid.put(layout.centred(StanceStyle.symbol(statement.stance)), x: x, y: 2, limit: layout.cellWidth,
                     role: selected ? .selection : StanceStyle.role(statement.stance))
            let year = layout.cellWidth >= 5 ? String(statement.date.year)
                : "’" + String(statement.date.year % 100 / 10) + String(statement.date.year % 10)
            grid.put(layout.centred(year), x: x, y: 3, limit: layout.cellWidth, role: selected ? .selection : .dim)
        }
        for offset in 0..<layout.visibleRows {
            let row = position.top + offset
            guard row < model.rows.count else { break }
            let y = layout.gridTop + offset
            let actor = model.rows[row]
            let rowSelected = row == cell.row
            grid.put((rowSelected ? String(state.glyphs.selectedRow) : " ") + (corpus.actor(actor)?.name ?? actor), x: 0, y: y,
                     limit: layout.rowHeaderWidth, role: rowSelected ? .selection : .normal)
            for columnOffset in 0..<layout.visibleColumns {
                let column = position.left + columnOffset
                guard column < model.columns.count else { break }
                let mark = model.mark(row: actor, column: model.columns[column])
                let selected = rowSelected && column == cell.column
                let letter = mark?.rawValue ?? "·"
                let text = layout.centred(selected ? "[" + letter + "]" : letter)
                let role: Role = selected ? .selection
                    : (mark == nil ? .dim : (corpus.statement(model.columns[column]).map { StanceStyle.role($0.stance) } ?? .normal))
                grid.put(text, x: x0 + columnOffset * layout.cellWidth, y: y, limit: layout.cellWidth, role: role)
            }
        }
        matrixDetail(model, cell: cell, layout: layout, state: state, into: &grid)
    }

    /// The selected cell in words, and the excerpt that names it.
    static func matrixDetail(_ model: MatrixModel, cell: (row: Int, column: Int), layout: MatrixLayout, state: State, into grid: inout Grid) {
        let corpus = state.corpus
        let top = state.height - 1 - layout.detailHeight
        grid.fill(Rect(x: 0, y: top, width: state.width, height: 1), with: state.glyphs.horizontal, role: .border)
        guard let statement = corpus.statement(model.columns[cell.column]) else { return }
        let actor = model.rows[cell.row]
        let mark = model.mark(row: actor, column: statement.id)
        Render.segments([Segment("\(cell.column + 1)/\(model.columns.count) ", .dim), Segment(statement.date.description + " "),
                         Segment(StanceStyle.label(statement.stance) + " ", StanceStyle.role(statement.stance)), Segment(statement.title)],
                        x: 1, y: top + 1, end: state.width, into: &grid)
        var lines: [PaneLine] = []
        let name = corpus.actor(actor)?.name ?? actor
        if let mark {
            lines.append(PaneLine([Segment(name + ": ", .heading), Segment(mark.word)]))
            if let excerpt = MatrixModel.excerpts(actor: actor, statement: statement.id, mark: mark, corpus: corpus).first {
                lines += PaneContent.quotation(excerpt, corpus: corpus, withTitle: false, keys: state.keymap)
            }
        } else {
            lines.append(PaneLine([Segment(name + ": ", .heading), Segment("not named in this statement's sources", .dim)]))
        }
        lines = PaneContent.laidOut(lines, width: state.width)
        for (offset, line) in lines.prefix(max(0, layout.detailHeight - 2)).enumerated() {
            Render.segments(line.segments, x: 1, y: top + 2 + offset, end: state.width, into: &grid)
        }
    }
}
