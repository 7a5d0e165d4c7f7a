import DossierModel

extension Screens {
    /// The picker, in a box over the screen.
    static func picker(_ state: State, into grid: inout Grid) {
        guard let picker = state.picker else { return }
        // Wide enough for most titles whole on a wide terminal; a row that still does not fit ends in "…".
        // Where the screen beneath would show only a sliver beside or below the box (a cut word, half a
        // rule: issue 32), the box takes the whole width or height; elsewhere a blank margin keeps what
        // is beneath from touching its edges.
        var width = max(10, min(state.width - 2, 120))
        if state.width - width < 8 { width = state.width }
        var height = max(6, min(state.height - 3, 20))
        if state.height - 2 - height < 4 { height = max(6, state.height - 2) }
        let x = max(0, (state.width - width) / 2)
        let y = 1
        let box = Rect(x: x, y: y, width: width, height: height)
        // (Never over the status line, which says the picker's keys.)
        grid.fill(Rect(x: x - 1, y: y, width: width + 2, height: min(height + 1, state.height - 1 - y)), role: .normal)
        grid.fill(box, role: .normal)
        grid.fill(Rect(x: x, y: y, width: width, height: 1), with: state.glyphs.horizontal, role: .borderFocused)
        grid.fill(Rect(x: x, y: y + height - 1, width: width, height: 1), with: state.glyphs.horizontal, role: .borderFocused)
        for row in (y + 1)..<(y + height - 1) {
            grid.put(String(state.glyphs.vertical), x: x, y: row, role: .borderFocused)
            grid.put(String(state.glyphs.vertical), x: x + width - 1, y: row, role: .borderFocused)
        }
        let inner = width - 4
        let title: String
        switch picker.stage {
        case .record: title = "Attach the passage to: an actor, a statement or an event"
        case .part(let statement): title = "What does the passage show about “\(state.corpus.name(of: statement) ?? statement)”?"
        case .actor(_, let role): title = "Which actor does it name as \(role == "signatory" ? "a signatory" : role == "lead" ? "leading it" : "addressed")?"
        case .count: title = "How many signed, as the passage says?"
        case .form(let form):
            let tab = state.keymap.name(.focusNext, in: [.picker], usual: .tab), enter = state.keymap.name(.follow, in: [.picker], usual: .enter)
            title = "A new \(form.kind == .actor ? "actor" : "statement") (\(tab) or \(enter): next field; \(enter) on the last: add)"
        }
        grid.put(" \(title) ", x: x + 2, y: y, limit: width - 4, role: .borderFocused)
        // The passage itself, on the box's last line, so what is attached stays in sight.
        if let body = Explorer.readerBody(state)?.text {
            let flat = String(picker.passage.text(in: body).map { $0.isNewline ? " " : $0 })
            grid.put(DisplayWidth.truncate("“" + flat + "”", to: inner), x: x + 2, y: y + height - 2, limit: inner, role: .dim)
        }
        let bottom = y + height - 2
        var line = y + 1
        switch picker.stage {
        case .record, .actor, .count:
            let label: String = { if case .count = picker.stage { return "Count: " } else { return "Find: " } }()
            Render.prompt(label, picker.query, x: x + 2, y: line, limit: inner, into: &grid)
            if case .count = picker.stage {
                grid.put("22, more than 20, at least 12, about 40, nearly 50", x: x + 2, y: line + 2, limit: inner, role: .dim)
            }
            line += 2
        case .form(let form):
            for (index, label) in form.labels.enumerated() {
                let labelText = DisplayWidth.pad(label + ":", to: 16)
                if index == form.focus {
                    Render.prompt(labelText, picker.query, x: x + 2, y: line, limit: inner, into: &grid)
                } else {
                    let used = grid.put(labelText, x: x + 2, y: line, limit: inner, role: .label)
                    grid.put(form.values[index], x: x + 2 + used, y: line, limit: inner - used, role: .normal)
                }
                line += 1
            }
            line += 1
            for text in wrapLines(form.hints[form.focus], width: inner) where line < bottom - 1 {
                grid.put(text, x: x + 2, y: line, limit: inner, role: .dim)
                line += 1
            }
            return
        case .part:
            line += 1
        }
        let rows = Explorer.pickerRows(picker, state: state)
        let room = bottom - 1 - line
        guard room > 0 else { return }
        let top = ScrollState.top(showing: picker.place.selected...picker.place.selected, from: 0, height: room, lineCount: rows.count)
        for (offset, row) in rows.dropFirst(top).prefix(room).enumerated() {
            let selected = top + offset == picker.place.selected
            let rowY = line + offset
            if selected { grid.fill(Rect(x: x + 1, y: rowY, width: width - 2, height: 1), role: .selection) }
            let text: String
            switch row {
            case .record(let id):
                let kind = state.corpus.kind(of: id)?.rawValue ?? ""
                text = DisplayWidth.pad(kind, to: 11) + (state.corpus.name(of: id) ?? id)
            case .newActor: text = "＋ a new actor" + (picker.query.text.isEmpty ? "…" : " named “\(picker.query.text)”…")
            case .newStatement: text = "＋ a new statement" + (picker.query.text.isEmpty ? "…" : " titled “\(picker.query.text)”…")
            case .option(let index, let label): text = "\(index + 1)  \(label)"
            }
            grid.put(DisplayWidth.truncate((selected ? String(state.glyphs.selectedRow) : " ") + " " + text, to: width - 2), x: x + 1, y: rowY,
                     limit: width - 2, role: selected ? .selection : .normal)
        }
    }
}
