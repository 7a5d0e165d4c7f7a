import DossierModel

/// Draws a state into a grid. Pure: the same state always gives the same grid, so every screen is
/// tested as text without a terminal.
public enum Render {
    public static func frame(_ state: State) -> Grid {
        var grid = Grid(width: state.width, height: state.height)
        let layout = Layout.compute(width: state.width, height: state.height, focus: state.position.focus)
        if layout.tooSmall {
            tooSmall(state, into: &grid)
            return grid
        }
        tabLine(state, layout.tabLine, into: &grid)
        for separator in layout.verticalSeparators {
            for row in separator.y..<(separator.y + separator.height) {
                grid.put(String(state.glyphs.vertical), x: separator.x, y: row, role: .border)
            }
        }
        for (pane, rect) in layout.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            draw(pane, in: rect, state: state, into: &grid)
        }
        statusLine(state, layout.statusLine, into: &grid)
        if state.showHelp { help(state, into: &grid) }
        return grid
    }

    static func tooSmall(_ state: State, into grid: inout Grid) {
        let lines = ["Too small", "\(state.width)×\(state.height) < \(Layout.minimumWidth)×\(Layout.minimumHeight)", "q quits"]
        let start = max(0, (state.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() where start + offset < state.height {
            let text = DisplayWidth.truncate(line, to: state.width)
            grid.put(text, x: max(0, (state.width - DisplayWidth.of(text)) / 2), y: start + offset, role: offset == 0 ? .warning : .normal)
        }
    }

    static func tabLine(_ state: State, _ rect: Rect, into grid: inout Grid) {
        grid.fill(rect, role: .tabInactive)
        var x = 0
        for view in ViewID.allCases {
            let active = view == state.view
            let label = active ? "[\(view.rawValue + 1) \(view.title)]" : " \(view.rawValue + 1) \(view.title) "
            x += grid.put(label, x: x, y: rect.y, limit: rect.width - x, role: active ? .tabActive : .tabInactive)
            x += grid.put(" ", x: x, y: rect.y, limit: rect.width - x, role: .tabInactive)
        }
        let name = "Dossier"
        if x + DisplayWidth.of(name) + 1 < rect.width {
            grid.put(name, x: rect.width - DisplayWidth.of(name) - 1, y: rect.y, role: .tabInactive)
        }
    }

    static func statusLine(_ state: State, _ rect: Rect, into grid: inout Grid) {
        grid.fill(rect, role: .statusBar)
        let ids = state.listIDs()
        if state.editingFilter {
            let prompt = "/" + state.position.list.filter
            let used = grid.put(prompt, x: 0, y: rect.y, limit: rect.width, role: .filter)
            grid.put("▏", x: used, y: rect.y, limit: rect.width - used, role: .filter)
            let hint = "  \(ids.count) match\(ids.count == 1 ? "" : "es") · Enter keep · Esc clear"
            grid.put(hint, x: used + 1, y: rect.y, limit: rect.width - used - 1, role: .statusBar)
            return
        }
        var parts: [String] = []
        let pane = ["list", "detail", state.view == .articles ? "facts" : "source"][state.position.focus.rawValue]
        let where_ = ids.isEmpty ? "0/0" : "\(state.selectedRow(in: ids) + 1)/\(ids.count)"
        parts.append("\(state.view.title) \(where_) · \(pane)")
        if !state.position.list.filter.isEmpty { parts.append("filter: \(state.position.list.filter)") }
        if state.view == .actors { parts.append("sort: \(state.actorSort.rawValue)") }
        let hints = Keymap.bindings.filter { binding in
            guard binding.hint != nil else { return false }
            switch binding.context {
            case .actors: return state.view == .actors
            case .following, .everywhere: return binding.action != .back || !state.history.isEmpty
            default: return false
            }
        }
        let left = parts.joined(separator: " · ")
        let right = hints.map { "\($0.keys[0].label) \($0.hint!)" }.joined(separator: "  ")
        let used = grid.put(left, x: 0, y: rect.y, limit: rect.width, role: .statusBar)
        if used + 2 + DisplayWidth.of(right) <= rect.width {
            grid.put(right, x: rect.width - DisplayWidth.of(right), y: rect.y, role: .statusBar)
        }
    }

    // MARK: Panes

    static func draw(_ pane: PaneID, in rect: Rect, state: State, into grid: inout Grid) {
        let focused = state.position.focus == pane
        let title: String
        switch (pane, state.view) {
        case (.list, _):
            let count = state.listIDs().count
            title = "\(state.view.title) (\(count))"
        case (.detail, .articles): title = "Reader"
        case (.detail, .actors): title = "Profile"
        case (.detail, .statements): title = "Detail"
        case (.source, .articles): title = "Facts of the selected span"
        case (.source, _): title = "Source excerpt"
        }
        let mark = focused ? String(state.glyphs.focusMark) + " " : "  "
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: state.glyphs.horizontal, role: focused ? .borderFocused : .border)
        grid.put(mark + title + " ", x: rect.x, y: rect.y, limit: rect.width, role: focused ? .borderFocused : .heading)
        let content = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        guard !content.isEmpty else { return }
        switch (pane, state.view) {
        case (.list, _): list(state, content, focused: focused, into: &grid)
        case (.detail, .articles): reader(state, content, into: &grid)
        case (.detail, _):
            lines(PaneContent.detail(state, view: state.view), position: state.position.detail, selectable: true, focused: focused, glyphs: state.glyphs, content, into: &grid)
        case (.source, _):
            lines(PaneContent.source(state, view: state.view, width: content.width), position: state.position.source,
                  selectable: state.view == .articles, focused: focused, glyphs: state.glyphs, content, into: &grid)
        }
    }

    static func list(_ state: State, _ rect: Rect, focused: Bool, into grid: inout Grid) {
        let ids = state.listIDs()
        if ids.isEmpty {
            let message = state.position.list.filter.isEmpty ? "Nothing here." : "No match for “\(state.position.list.filter)”."
            grid.put(message, x: rect.x + 1, y: rect.y, limit: rect.width - 1, role: .dim)
            return
        }
        let selected = state.selectedRow(in: ids)
        let top = state.position.list.top
        for row in 0..<rect.height {
            let index = top + row
            guard index < ids.count else { break }
            let y = rect.y + row
            let isSelected = index == selected
            let base: Role = isSelected ? (focused ? .selection : .selectionInactive) : .normal
            grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: base)
            if isSelected { grid.put(String(state.glyphs.selectedRow), x: rect.x, y: y, role: base) }
            listRow(ids[index], state: state, x: rect.x, y: y, width: rect.width, base: base, into: &grid)
        }
    }

    /// One list row: the columns the issue asks for, fitted to the width (the title column takes the rest).
    static func listRow(_ id: String, state: State, x: Int, y: Int, width: Int, base: Role, into grid: inout Grid) {
        let corpus = state.corpus
        func role(_ preferred: Role) -> Role { base == .normal ? preferred : base }
        var column = x + 1
        let end = x + width
        func cell(_ text: String, _ columns: Int, _ preferred: Role = .normal) {
            guard column < end else { return }
            grid.put(DisplayWidth.truncate(text, to: columns, ellipsis: false), x: column, y: y, limit: min(columns, end - column), role: role(preferred))
            column += columns + 1
        }
        func rest(_ text: String, _ preferred: Role = .normal) {
            guard column < end else { return }
            grid.put(DisplayWidth.truncate(text, to: end - column), x: column, y: y, limit: end - column, role: role(preferred))
        }
        switch state.view {
        case .articles:
            guard let article = corpus.article(id) else { return }
            let wide = width >= 46
            cell(article.published.description, 10, .dim)
            if wide { cell(article.publisher, 12, .label) }
            rest(article.title)
        case .actors:
            guard let actor = corpus.actor(id) else { return }
            let showsKind = width >= 30
            let nameWidth = max(8, width - 2 - (showsKind ? 8 + 1 + 3 + 1 : 0))
            grid.put(DisplayWidth.truncate(actor.name, to: nameWidth), x: column, y: y, limit: nameWidth, role: role(.normal))
            column += nameWidth + 1
            if showsKind {
                cell(shortKind(actor.kind), 8, .label)
                rest(actor.country ?? "", .dim)
            }
        case .statements:
            guard let statement = corpus.statement(id) else { return }
            let named = Set(statement.signatories.map(\.actor)).count
            var tally = "\(named)/" + (statement.counts.first.map(RecordText.qualified) ?? "?")
            tally += statement.sourcesDisagreeOnCount ? String(state.glyphs.disagree) : " "
            cell(statement.date.description, 10, .dim)
            cell(StanceStyle.symbol(statement.stance), 1, StanceStyle.role(statement.stance))
            cell(tally, 7, statement.sourcesDisagreeOnCount ? .warning : .label)
            rest(statement.title)
        }
    }

    /// Actor kinds short enough for a list column.
    static func shortKind(_ kind: ActorKind) -> String {
        switch kind {
        case .intergovernmental: return "intergov"
        case .governmentBody: return "gov-body"
        default: return kind.rawValue
        }
    }

    /// Detail, facts and source panes: rows with segments; the selected selectable row highlighted.
    static func lines(_ lines: [PaneLine], position: PanePosition, selectable: Bool, focused: Bool, glyphs: Glyphs, _ rect: Rect, into grid: inout Grid) {
        let selectedLine = selectable ? PaneContent.selectedLine(lines, selection: position.selected) : nil
        for row in 0..<rect.height {
            let index = position.top + row
            guard index < lines.count else { break }
            let y = rect.y + row
            let line = lines[index]
            let isSelected = index == selectedLine
            let base: Role = isSelected ? (focused ? .selection : .selectionInactive) : .normal
            if isSelected {
                grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: base)
                grid.put(String(glyphs.selectedRow), x: rect.x, y: y, role: base)
            }
            var x = rect.x + 1
            let end = rect.x + rect.width
            for (number, segment) in line.segments.enumerated() where x < end {
                let isLast = number == line.segments.count - 1
                let text = isLast ? DisplayWidth.truncate(segment.text, to: end - x) : segment.text
                x += grid.put(text, x: x, y: y, limit: end - x, role: isSelected ? base : segment.role)
            }
        }
    }

    static func reader(_ state: State, _ rect: Rect, into grid: inout Grid) {
        guard let content = PaneContent.reader(state, width: rect.width) else {
            grid.put("No article selected.", x: rect.x + 1, y: rect.y, limit: rect.width - 1, role: .dim)
            return
        }
        let position = state.position.detail
        let selectedSpan = content.spans.indices.contains(position.selected) ? content.spans[position.selected] : nil
        let textX = rect.x + content.gutter
        for row in 0..<rect.height {
            let line = position.top + row
            guard line < content.lineCount else { break }
            let y = rect.y + row
            if line < content.header.count {
                grid.put(content.header[line], x: textX, y: y, limit: rect.width - content.gutter, role: line == 0 ? .heading : .label)
                continue
            }
            let range = content.body.lines[line - content.header.count]
            var x = textX
            var marked = false
            var inSelected = false
            for index in range {
                let offset = content.body.offsets[index]
                let span = content.spans.first { $0.span.utf8Start <= offset && offset < $0.span.utf8End }
                let isSelected = selectedSpan.map { $0.span.utf8Start <= offset && offset < $0.span.utf8End } ?? false
                marked = marked || span != nil
                inSelected = inSelected || isSelected
                x += grid.put(String(content.body.characters[index]), x: x, y: y, limit: rect.x + rect.width - x,
                              role: isSelected ? .markSelected : (span != nil ? .mark : .normal))
            }
            if inSelected {
                grid.put(String(state.glyphs.selectedSpanMark), x: rect.x, y: y, role: .markSelected)
            } else if marked {
                grid.put(String(state.glyphs.spanMark), x: rect.x, y: y, role: .mark)
            }
        }
    }

    // MARK: Help overlay

    static func help(_ state: State, into grid: inout Grid) {
        // The overlay covers the whole body, so nothing underneath shows through at its edges.
        let lines = Keymap.helpLines()
        let rect = Rect(x: 0, y: 1, width: state.width, height: state.height - 2)
        guard rect.height >= 2 else { return }
        grid.fill(rect, role: .normal)
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: state.glyphs.horizontal, role: .borderFocused)
        let title = "\(state.glyphs.focusMark) Keys · j/k scroll · Esc closes · \(min(state.helpTop + 1, lines.count))/\(lines.count) "
        grid.put(title, x: rect.x, y: rect.y, limit: rect.width, role: .borderFocused)
        for row in 0..<(rect.height - 1) {
            let index = state.helpTop + row
            guard index < lines.count else { break }
            grid.put(DisplayWidth.truncate(lines[index].text, to: rect.width - 2), x: rect.x + 1, y: rect.y + 1 + row,
                     limit: rect.width - 2, role: lines[index].isHeading ? .heading : .normal)
        }
    }
}
