import DossierModel

extension Render {
    static func help(_ state: State, into grid: inout Grid) {
        // The overlay covers the whole body, so nothing underneath shows through at its edges.
        let lines = Explorer.helpLines(state)
        let rect = Rect(x: 0, y: 1, width: state.width, height: state.height - 2)
        guard rect.height >= 2 else { return }
        grid.fill(rect, role: .normal)
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: state.glyphs.horizontal, role: .borderFocused)
        func key(_ action: Action, _ usual: Key) -> String { state.keymap.name(action, in: [.helpOverlay], usual: usual) }
        var title = "\(state.glyphs.focusMark) Keys and marks · \(key(.moveDown, .character("j")))/\(key(.moveUp, .character("k"))) \(key(.pageDown, .character(" "))) \(key(.pageUp, .character("b"))) scroll · "
            + "\(key(.startFilter, .character("/"))) search · \(key(.closeHelp, .character("q"))) closes · \(min(state.helpTop + 1, lines.count))/\(lines.count) "
        if !state.helpQuery.isEmpty { title += "· “\(state.helpQuery)” n/N " }
        grid.put(title, x: rect.x, y: rect.y, limit: rect.width, role: .borderFocused)
        for row in 0..<(rect.height - 1) {
            let index = state.helpTop + row
            guard index < lines.count else { break }
            let y = rect.y + 1 + row
            var x = rect.x + 1
            for segment in lines[index].segments {
                // The help search's matches are marked where they are.
                let matches = state.helpQuery.isEmpty ? [] : SearchIndex.matches(of: state.helpQuery, in: segment.text)
                var offset = 0
                for character in segment.text {
                    let role: Role = matches.contains { $0.contains(offset) } ? .match : segment.role
                    x += grid.put(String(character), x: x, y: y, limit: rect.x + rect.width - x, role: role)
                    offset += character.utf8.count
                }
            }
        }
    }
}
