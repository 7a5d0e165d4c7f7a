import DossierModel

/// The three panes of a list view (list, detail, source), drawn into the grid.
extension Render {
    /// A list view's panes and the separators between them.
    static func panes(_ state: State, into grid: inout Grid) {
        let layout = state.layout
        for separator in layout.verticalSeparators {
            for row in separator.y..<(separator.y + separator.height) {
                grid.put(String(state.glyphs.vertical), x: separator.x, y: row, role: .border)
            }
        }
        for (pane, rect) in layout.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            draw(pane, in: rect, state: state, into: &grid)
        }
    }

    static func draw(_ pane: PaneID, in rect: Rect, state: State, into grid: inout Grid) {
        let focused = state.position.focus == pane
        let title: String
        switch (pane, state.view) {
        case (.list, .timeline):
            let count = state.listIDs().count
            title = state.navigation.timelineActor.map { "Timeline of \(state.corpus.name(of: $0) ?? $0) (\(count))" } ?? "Timeline (\(count))"
        case (.list, _): title = "\(state.view.title) (\(state.listIDs().count))"
        case (.detail, .articles): title = "Reader"
        case (.detail, .actors): title = "Profile"
        case (.detail, _): title = "Detail"
        case (.source, .articles): title = "Facts of the selected span"
        case (.source, _): title = "Source excerpt"
        }
        let mark = focused ? String(state.glyphs.focusMark) + " " : "  "
        let shownTitle = state.zoomed ? title + " · zoomed, z restores" : title
        grid.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: state.glyphs.horizontal, role: focused ? .borderFocused : .border)
        grid.put(mark + shownTitle + " ", x: rect.x, y: rect.y, limit: rect.width, role: focused ? .borderFocused : .heading)
        let content = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        guard !content.isEmpty else { return }
        switch (pane, state.view) {
        case (.list, _): list(state, content, focused: focused, into: &grid)
        case (.detail, .articles):
            guard let reader = PaneContent.reader(state, width: content.width) else {
                // An article whose body the edge is still reading (asked for by the update before).
                let words = state.selectedID(in: .articles) == nil ? "No article selected." : "Reading the article…"
                grid.put(words, x: content.x + 1, y: content.y, limit: content.width - 1, role: .dim)
                return
            }
            let matches = Explorer.readerMatches(state)
            Screens.reader(reader, top: state.position.detail.top, highlighted: state.position.detail.selected, matches: matches,
                           currentMatch: state.navigation.readerMatch, cursor: focused ? state.position.detail.cursor : nil,
                           passage: state.passage?.range, glyphs: state.glyphs, content, into: &grid)
        case (.detail, _):
            lines(PaneContent.detail(state, view: state.view, width: content.width), position: state.position.detail, selectable: true, focused: focused,
                  glyphs: state.glyphs, content, into: &grid)
        case (.source, _):
            lines(PaneContent.source(state, view: state.view, width: content.width), position: state.position.source,
                  selectable: state.view == .articles, focused: focused, glyphs: state.glyphs, content, into: &grid)
        }
    }

    static func list(_ state: State, _ rect: Rect, focused: Bool, into grid: inout Grid) {
        let ids = state.listIDs()
        if ids.isEmpty {
            let message = state.isLoading ? "Loading…"
                : (state.position.list.filter.isEmpty ? "Nothing here." : "No match for “\(state.position.list.filter)”.")
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
            // The timeline marks each year where it begins (and at the top of the pane).
            let yearStarts = state.view == .timeline && (row == 0 || yearOf(ids[index - 1], state) != yearOf(ids[index], state))
            listRow(ids[index], state: state, x: rect.x, y: y, width: rect.width, base: base, showYear: yearStarts, into: &grid)
        }
    }

    static func yearOf(_ id: String, _ state: State) -> Int? {
        state.corpus.statement(id)?.date.year ?? state.corpus.event(id)?.date.year
    }

    /// One list row: the columns the issue asks for, fitted to the width (the title column takes the rest).
    static func listRow(_ id: String, state: State, x: Int, y: Int, width: Int, base: Role, showYear: Bool, into grid: inout Grid) {
        let corpus = state.corpus
        func role(_ preferred: Role) -> Role { base == .normal ? preferred : base }
        var column = x + 1
        let end = x + width
        func cell(_ text: String, _ columns: Int, _ preferred: Role = .normal) {
            guard column < end else { return }
            grid.put(DisplayWidth.truncate(text, to: columns), x: column, y: y, limit: min(columns, end - column), role: role(preferred))
            column += columns + 1
        }
        /// A record marked with `m` shows the mark before its name or title, one with notes a ✎, one
        /// bookmarked a ⚑.
        func marked(_ text: String) -> String {
            var marks = state.navigation.marked == id ? "\(state.glyphs.marked) " : ""
            if let notes = state.notesOfRecord[id] {
                if notes.contains(where: { state.notes[$0].kind == .note }) { marks += "\(state.glyphs.note) " }
                if notes.contains(where: { state.notes[$0].kind == .bookmark }) { marks += "\(state.glyphs.bookmark) " }
            }
            return marks + text
        }
        // A record the articles do not state at all is dimmed; a date they do not give has a mark.
        let supplied = corpus.supplied(of: id)
        func rest(_ text: String, _ preferred: Role = .normal) {
            guard column < end else { return }
            grid.put(DisplayWidth.truncate(text, to: end - column), x: column, y: y, limit: end - column,
                     role: role(supplied?.record != nil ? .dim : preferred))
        }
        /// A date cell; a supplied date's mark goes in the gap after it, so the date is never cut.
        func dateCell(_ date: PartialDate) {
            let text = date.description
            let marked = supplied?.note(for: "date") != nil
            let mark = String(state.glyphs.suppliedDate)
            cell(marked && text.count < 10 ? text + mark : text, 10, .dim)
            if marked && text.count >= 10, column - 1 < end { grid.put(mark, x: column - 1, y: y, limit: 1, role: role(.dim)) }
        }
        switch state.view {
        case .articles:
            guard let article = corpus.article(id) else { return }
            cell(article.published.description, 10, .dim)
            if width >= 46 { cell(article.publisher, 12, .label) }
            rest(marked(article.title))
        case .actors:
            guard let actor = corpus.actor(id) else { return }
            let showsKind = width >= 30
            let nameWidth = max(8, width - 2 - (showsKind ? 8 + 1 + 3 + 1 : 0))
            let name = marked(actor.name)
            grid.put(DisplayWidth.truncate(name, to: nameWidth), x: column, y: y, limit: nameWidth, role: role(.normal))
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
            dateCell(statement.date)
            cell(StanceStyle.symbol(statement.stance), 1, StanceStyle.role(statement.stance))
            // A narrow list keeps room for the title and drops the tally (the detail pane has it).
            if width >= 40 { cell(tally, 7, statement.sourcesDisagreeOnCount ? .warning : .label) }
            rest(marked(statement.title))
        case .timeline:
            let date = corpus.statement(id)?.date ?? corpus.event(id)?.date
            guard let date else { return }
            cell(showYear ? String(date.year) : "", 4, .heading)
            // Within a year: "07-05", "07" for a month-only date, "·" for a year-only one.
            let dayPart: String
            switch date.precision {
            case .day: dayPart = String(date.description.dropFirst(5))
            case .month: dayPart = String(date.description.dropFirst(5)) + "   "
            case .year: dayPart = "  ·  "
            }
            cell(dayPart, 5, .dim)
            if let statement = corpus.statement(id) {
                cell(StanceStyle.symbol(statement.stance), 1, StanceStyle.role(statement.stance))
                rest(marked(statement.title))
            } else if let event = corpus.event(id) {
                cell(String(state.glyphs.event), 1, .label)
                rest(event.title)
            }
        case .matrix:
            return
        }
    }

    /// The columns a list needs to show each row whole (its widest row), the same columns `listRow`
    /// draws. Counting stops at `cap`: no layout gives a list more. Measured once per view over the
    /// whole list (see `ExplorerIndex`), so the panes keep their widths while a filter is typed.
    /// `titles` come longest first in UTF-8 bytes (`CorpusOrders`): a character never takes more
    /// columns than it has bytes, so measuring stops at the first title no longer than the widest.
    static func columnsNeeded(byLongestFirst titles: some Sequence<String>, in view: ViewID, cap: Int = 400) -> Int {
        // Fixed columns: the selection mark, then each column and the space after it.
        let fixed: Int
        switch view {
        case .articles: fixed = 1 + 11 + 13 + 1
        case .actors: fixed = 1 + 1 + 9 + 4 + 1
        case .statements: fixed = 1 + 11 + 2 + 8 + 2 + 1
        case .timeline: fixed = 1 + 5 + 6 + 2 + 2 + 1
        case .matrix: return 0
        }
        var widest = 0
        for title in titles {
            if title.utf8.count <= widest { break }
            widest = max(widest, DisplayWidth.onScreen(title))
            if fixed + widest >= cap { return cap }
        }
        return fixed + widest
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
        // The selected row with the lines it wraps onto.
        let selectedLines = selectedLine.map { $0...PaneContent.lastLine(ofRowAt: $0, in: lines) }
        for row in 0..<rect.height {
            let index = position.top + row
            guard index < lines.count else { break }
            let y = rect.y + row
            let line = lines[index]
            let isSelected = selectedLines?.contains(index) ?? false
            let base: Role = isSelected ? (focused ? .selection : .selectionInactive) : .normal
            if isSelected {
                grid.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: base)
                if !line.isContinuation { grid.put(String(glyphs.selectedRow), x: rect.x, y: y, role: base) }
            }
            segments(line.segments, x: rect.x + 1, y: y, end: rect.x + rect.width, override: isSelected ? base : nil, into: &grid)
        }
    }

    /// Writes segments left to right; the last one is truncated with an ellipsis if it does not fit.
    static func segments(_ segments: [Segment], x: Int, y: Int, end: Int, override: Role? = nil, into grid: inout Grid) {
        var x = x
        for (number, segment) in segments.enumerated() where x < end {
            let isLast = number == segments.count - 1
            let text = isLast ? DisplayWidth.truncate(segment.text, to: end - x) : segment.text
            x += grid.put(text, x: x, y: y, limit: end - x, role: override ?? segment.role)
        }
    }


}
