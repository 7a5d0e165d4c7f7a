import DossierModel

/// Draws a state into a grid. Pure: the same state always gives the same grid, so every screen is
/// tested as text without a terminal.
public enum Render {
    public static func frame(_ state: State) -> Grid {
        var grid = Grid(width: state.width, height: state.height)
        let layout = state.layout
        if layout.tooSmall {
            tooSmall(state, into: &grid)
            return grid
        }
        tabLine(state, layout.tabLine, into: &grid)
        // The screen under the help draws itself (see ScreenTable); the help goes over it.
        ScreenTable.ops(state.screenUnderHelp).draw(state, &grid)
        statusLine(state, layout.statusLine, into: &grid)
        if state.picker != nil { Screens.picker(state, into: &grid) }
        if state.showHelp { ScreenTable.ops(.help).draw(state, &grid) }
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
        // The five views, then the Notes view (6), which opens over them.
        let notesOpen = state.screenUnderHelp == .notes
        let tabs = ViewID.allCases.map { (number: $0.rawValue + 1, title: $0.title, short: $0.shortTitle, active: !notesOpen && $0 == state.view) }
            + [(number: 6, title: "Notes", short: "Nts", active: notesOpen)]
        let full = tabs.map { DisplayWidth.of($0.title) + 5 }.reduce(0, +) <= rect.width
        for tab in tabs {
            let title = full ? tab.title : tab.short
            let label = tab.active ? "[\(tab.number) \(title)]" : " \(tab.number) \(title) "
            x += grid.put(label, x: x, y: rect.y, limit: rect.width - x, role: tab.active ? .tabActive : .tabInactive)
            x += grid.put(" ", x: x, y: rect.y, limit: rect.width - x, role: .tabInactive)
        }
        // Which corpus is open, and whether it can be edited here (issue 32: with --data nothing said
        // so); the bundled corpus is the program's own.
        let names = state.corpusName.map { name in
            [SafeText.line(name) + " · " + (state.corpusWritable ? "editable" : "read-only"), SafeText.line(name)]
        } ?? ["Dossier"]
        if let name = names.first(where: { x + DisplayWidth.of($0) + 1 < rect.width }) {
            grid.put(name, x: rect.width - DisplayWidth.of(name) - 1, y: rect.y, role: .tabInactive)
        }
    }

    static func statusLine(_ state: State, _ rect: Rect, into grid: inout Grid) {
        grid.fill(rect, role: .statusBar)
        if let editor = state.notePrompt {
            let about = state.noteTarget.map { target in
                target.quote.map { "“\($0.prefix(24))…”" } ?? target.part.map { NotesOutput.partWords($0, corpus: state.corpus) }
                    ?? (state.corpus.name(of: target.record) ?? target.record)
            } ?? ""
            let label = "\(state.noteBeingEdited == nil ? "Note on" : "Edit note on") \(about.prefix(30).trimmingCharacters(in: .whitespaces)): "
            let keys = state.keymap
            let hints = "  #tags · \(keys.name(.acceptFilter, in: [.filtering], usual: .enter)) save · \(keys.name(.newLine, in: [.prompt], usual: .altEnter)) new line · "
                + "\(keys.name(.clear, in: [.filtering], usual: .escape)) cancel"
            guard editor.text.contains("\n") else {
                let used = prompt(label, editor, x: 0, y: rect.y, limit: rect.width, into: &grid)
                grid.put(hints, x: used, y: rect.y, limit: rect.width - used, role: .statusBar)
                return
            }
            let used = grid.put(label.trimmingCharacters(in: .whitespaces), x: 0, y: rect.y, limit: rect.width, role: .filter)
            grid.put(hints, x: used, y: rect.y, limit: rect.width - used, role: .statusBar)
            noteLines(editor, above: rect.y, width: rect.width, into: &grid)
            return
        }
        if state.picker != nil {
            let hint: String
            let enter = state.keymap.name(.follow, in: [.picker], usual: .enter), escape = state.keymap.name(.clear, in: [.picker], usual: .escape)
            switch state.picker!.stage {
            case .part: hint = "1-6 or ↑↓ and \(enter) choose · \(escape) back"
            case .form: hint = "type the field · \(state.keymap.name(.focusNext, in: [.picker], usual: .tab)) next field · \(enter) next, and on the last add · \(escape) back"
            case .count: hint = "type the count · \(enter) attach · \(escape) back"
            default: hint = "type to find · ↑↓ choose · \(enter) take · \(escape) back"
            }
            grid.put(hint, x: 0, y: rect.y, limit: rect.width, role: .statusBar)
            return
        }
        if let editor = state.exportPrompt {
            let used = prompt("Export to: ", editor, x: 0, y: rect.y, limit: rect.width, into: &grid)
            let accept = state.keymap.name(.acceptFilter, in: [.filtering], usual: .enter), cancel = state.keymap.name(.clear, in: [.filtering], usual: .escape)
            grid.put("  .md .csv .tsv .json · ! replaces · \(accept) write · \(cancel) cancel", x: used, y: rect.y, limit: rect.width - used, role: .statusBar)
            return
        }
        if state.editingFilter && state.screenUnderHelp == .notes && !state.showHelp {
            let used = prompt("/", state.prompt, x: 0, y: rect.y, limit: rect.width, into: &grid)
            let count = Explorer.listedNotes(state).count
            grid.put("  \(count) note\(count == 1 ? "" : "s") · #tag · \(Explorer.keepAndClear(state))", x: used, y: rect.y, limit: rect.width - used, role: .statusBar)
            return
        }
        if state.editingFilter && state.navigation.overlay == nil && !state.showHelp {
            let ids = state.listIDs()
            let used = prompt("/", state.prompt, x: 0, y: rect.y, limit: rect.width, into: &grid)
            let noun = state.view == .matrix ? "statement" : "match"
            let hint = "  \(ids.count) \(noun)\(ids.count == 1 ? "" : (noun == "match" ? "es" : "s")) · \(Explorer.keepAndClear(state))"
            grid.put(hint, x: used, y: rect.y, limit: rect.width - used, role: .statusBar)
            return
        }
        if state.showHelp && state.helpEditing {
            let used = prompt("/", state.prompt, x: 0, y: rect.y, limit: rect.width, into: &grid)
            let count = Explorer.helpMatches(state).count
            grid.put("  \(count) line\(count == 1 ? "" : "s") · \(Explorer.keepAndClear(state))", x: used, y: rect.y, limit: rect.width - used, role: .statusBar)
            return
        }
        var left = where_(state)
        if state.isLoading { left = "Loading the corpus… (articles shown; the rest follows)" }
        if let message = state.message { left = message }
        // Hints for the keys that matter here: the screen's own first, the keys that work everywhere last
        // (but not where letters type a query: there `?` and `q` are letters of it).
        let screen = ScreenTable.ops(state.screenUnderHelp)
        let contexts = screen.contexts.filter { $0 != .everywhere } + (screen.takesTyping ? [] : [.everywhere])
        var seen: Set<Action> = []
        let hints = contexts.flatMap { context in state.keymap.bindings.filter { $0.context == context && $0.hint != nil } }
            .filter { binding in
                if binding.action == .back && state.history.isEmpty { return false }
                if binding.action == .startFilter && state.navigation.overlay != nil && state.screenUnderHelp != .notes { return false }
                if binding.action == .zoom && state.navigation.overlay != nil { return false }
                return seen.insert(binding.action).inserted
            }
        // The help key is always shown, whatever other hint is dropped for room (issue 32: at 80 columns
        // it never was); the rest of the hints fill what is left between it and what the left side says.
        // A message (a mistake in the configuration, what an edit did) is read whole first: the help key
        // comes after it only where there is room.
        let help = hints.first { $0.action == .help }.map { "\($0.keys[0].label) \($0.hint!)" }
        let helpWidth = help.map { DisplayWidth.of($0) + 2 } ?? 0
        let helpRoom = state.message == nil || DisplayWidth.of(left) + helpWidth <= rect.width ? helpWidth : 0
        let used = grid.put(left, x: 0, y: rect.y, limit: max(0, rect.width - helpRoom), role: state.message == nil ? .statusBar : .warning)
        var right = ""
        // q quits only from the base screen: over a workflow or a zoomed pane its hint says it closes.
        let somethingOnTop = state.navigation.overlay != nil || state.zoomed
        var helpShown = false
        for binding in hints {
            let hint = binding.action == .close && somethingOnTop ? "close" : binding.hint!
            let part = (right.isEmpty ? "" : "  ") + "\(binding.keys[0].label) \(hint)"
            // Room is kept for the help key until it is in.
            let reserved = helpShown || binding.action == .help ? 0 : helpRoom
            // The help key's room was kept for it (none is kept while a message shows: then it too must fit).
            let fits = used + 2 + DisplayWidth.of(right + part) + reserved <= rect.width
            if !fits && !(binding.action == .help && helpRoom > 0) { break }
            right += part
            if binding.action == .help { helpShown = true }
        }
        if let help, !helpShown, helpRoom > 0 { right += (right.isEmpty ? "" : "  ") + help }
        if !right.isEmpty { grid.put(right, x: rect.width - DisplayWidth.of(right), y: rect.y, role: .statusBar) }
    }

    /// A prompt: its label, the text (shown selected when typing will replace it) and the cursor, a
    /// reversed cell on the character it is before, or a bar after the end. Returns the columns used.
    /// A text wider than the room keeps the cursor in view by showing the end of what was typed.
    @discardableResult
    static func prompt(_ label: String, _ editor: LineEditor, x: Int, y: Int, limit: Int, into grid: inout Grid) -> Int {
        var characters = Array(editor.text)
        var cursor = editor.cursor
        let room = max(1, limit - DisplayWidth.of(label) - 1)
        // Walk back from the cursor to the first character that still fits before it (once, not per
        // character dropped: a paste of 50,000 characters stays one pass).
        var first = cursor
        var columnsBefore = 0
        while first > 0 {
            let width = DisplayWidth.onScreen(characters[first - 1])
            if columnsBefore + width >= room { break }
            columnsBefore += width
            first -= 1
        }
        if first > 0 {
            characters.removeFirst(first)
            cursor -= first
        }
        var used = grid.put(label, x: x, y: y, limit: limit, role: .filter)
        let before = String(characters[..<cursor])
        used += grid.put(before, x: x + used, y: y, limit: limit - used, role: editor.selectedAll ? .selection : .filter)
        if cursor < characters.count {
            used += grid.put(String(characters[cursor]), x: x + used, y: y, limit: limit - used, role: .selection)
            used += grid.put(String(characters[(cursor + 1)...]), x: x + used, y: y, limit: limit - used, role: .filter)
        } else {
            used += grid.put("▏", x: x + used, y: y, limit: limit - used, role: .filter)
        }
        return used
    }

    /// A note of several lines, drawn over the rows above the status line (up to eight, those around
    /// the cursor), the cursor's line as a prompt.
    static func noteLines(_ editor: LineEditor, above statusY: Int, width: Int, into grid: inout Grid) {
        let lines = editor.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The line the cursor is on, and its column in characters.
        var cursorLine = 0
        var column = editor.cursor
        while cursorLine < lines.count - 1 && column > lines[cursorLine].count {
            column -= lines[cursorLine].count + 1
            cursorLine += 1
        }
        let shown = min(lines.count, 8, max(1, statusY - 1))
        let first = min(max(0, cursorLine - shown + 1), lines.count - shown)
        for offset in 0..<shown {
            let number = first + offset
            let y = statusY - shown + offset
            grid.fill(Rect(x: 0, y: y, width: width, height: 1), role: .statusBar)
            if number == cursorLine {
                prompt("  ", LineEditor(lines[number], cursor: column), x: 0, y: y, limit: width, into: &grid)
            } else {
                grid.put("  " + lines[number], x: 0, y: y, limit: width, role: .filter)
            }
        }
    }

    /// "Statements 2/20 · detail · filter: x": where the user is, in the words of the screen on top.
    static func where_(_ state: State) -> String {
        switch state.navigation.overlay {
        case .compare(let compare): return Screens.compareWhere(compare)
        case .signatories: return Screens.whoSignedWhere
        case .search(let search): return Screens.searchWhere(search)
        case .profiles(let profiles): return Screens.profilesWhere(profiles)
        case .problems(let place): return Screens.problemsWhere(place, state: state)
        case .edits(let place): return Screens.editsWhere(place, state: state)
        case .notes(let screen): return Screens.notesWhere(screen, state: state)
        case nil: break
        }
        if let passage = state.passage { return Screens.passageWhere(passage, state: state) }
        // A corpus opened with problems says so wherever the user is, and how to see them.
        let problems = state.problems.isEmpty ? "" : " · ⚠ \(Explorer.problemCount(state.problems)) (\(Explorer.problemsKey(state)))"
        return (state.view == .matrix ? Screens.matrixWhere(state) : Screens.listWhere(state)) + problems
    }

}
