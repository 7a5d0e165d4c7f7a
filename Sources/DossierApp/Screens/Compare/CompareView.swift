import DossierModel

// The compare screen (`c`): two excerpts behind one fact, each in its article, side by side. Its
// state and keys' work are in Compare.swift, its keys in CompareKeys.swift, its drawing and words here.
extension Screens {
    static func compare(_ state: State, into grid: inout Grid) {
        guard case .compare(let compare) = state.navigation.overlay else { return }
        let layout = CompareLayout(width: state.width, height: state.height)
        title(compare.title, state: state, into: &grid)
        for row in 2..<(state.height - 1) {
            grid.put(String(state.glyphs.vertical), x: layout.columnWidth, y: row, role: .border)
        }
        for column in 0..<2 {
            let x = layout.columnX[column]
            let focused = compare.focus == column
            let index = compare.shown[column]
            var heading = "\(focused ? String(state.glyphs.focusMark) : " ") \(index + 1)/\(compare.excerpts.count)"
            if compare.labels.indices.contains(index), !compare.labels[index].isEmpty { heading += " · " + compare.labels[index] }
            let shown = compare.excerpts[index]
            if let excerpt = state.corpus.excerpt(shown), let article = state.corpus.article(excerpt.article) {
                heading += " · \(state.corpus.attribution(of: excerpt)), \(article.published)"
            } else if let article = state.corpus.article(shown) {
                heading += " · \(article.publisher), \(article.published)"
            }
            grid.fill(Rect(x: x, y: 2, width: layout.columnWidth, height: 1), role: focused ? .borderFocused : .heading)
            grid.put(heading, x: x, y: 2, limit: layout.columnWidth, role: focused ? .borderFocused : .heading)
            guard let reader = Explorer.compareReader(compare, column: column, width: layout.columnWidth, state: state) else { continue }
            Screens.reader(reader.content, top: compare.tops[column], highlighted: reader.highlighted, glyphs: state.glyphs,
                           Rect(x: x, y: 3, width: layout.columnWidth, height: layout.readerHeight), into: &grid)
        }
    }

    /// Where the status line says the user is.
    static func compareWhere(_ compare: CompareState) -> String {
        "Compare · column \(compare.focus + 1) · \(compare.shown[compare.focus] + 1)/\(compare.excerpts.count)"
    }
}
