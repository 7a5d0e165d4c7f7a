import DossierModel

extension Screens {
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
}

extension Screens {
    /// Where the status line says the user is.
    static let whoSignedWhere = "Who signed"
}
