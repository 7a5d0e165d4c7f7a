import DossierModel

extension Screens {
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

extension Screens {
    /// Where the status line says the user is in the matrix.
    static func matrixWhere(_ state: State) -> String {
        let model = state.matrixModel
        var text = "Matrix \(model.rows.count) states × \(model.columns.count) statements"
        if !state.position.list.filter.isEmpty { text += " · filter: \(state.position.list.filter)" }
        return text
    }
}
