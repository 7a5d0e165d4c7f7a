import DossierModel

// The Edits screen (`E`): every edit in the corpus's log, with who made it and when; u undoes the
// session's last.
extension Explorer {
    /// What `E` lists, newest first: every edit in the log with when and by whom (and whether it was
    /// undone), or, for an editor without a log, this session's edits.
    static func editRows(_ state: State) -> [String] {
        guard state.editLogPath != nil else { return state.editLog.reversed() }
        let undone = Set(state.loggedEdits.compactMap(\.undoes))
        return state.loggedEdits.reversed().map { entry in
            let when = entry.at.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
            return "\(when)  \(entry.author)  \(entry.summary)" + (undone.contains(entry.id) ? "  (undone)" : "")
        }
    }

    @Sendable static func performInEdits(_ action: Action, _ state: State) -> State {
        guard case .edits(var place) = state.navigation.overlay else { return state }
        let count = editRows(state).count
        switch action {
        case .moveDown: place.move(by: 1, count: count)
        case .moveUp: place.move(by: -1, count: count)
        case .undo: return undoLast(state)
        default: return performInAnyOverlay(action, state) ?? state
        }
        var state = state
        state.navigation.overlay = .edits(place)
        return state
    }

    @Sendable static func normalizedEdits(_ state: State) -> State {
        guard case .edits(var place) = state.navigation.overlay else { return state }
        var state = state
        let count = editRows(state).count
        place.clampSelection(count: count)
        place.reveal(place.selected...place.selected, height: max(1, state.height - 5), lineCount: count)
        state.navigation.overlay = .edits(place)
        return state
    }
}

extension Screens {
    /// Every edit in the log (or this session's), newest first, and where the log is.
    static func edits(_ state: State, into grid: inout Grid) {
        guard case .edits(let place) = state.navigation.overlay else { return }
        let rows = Explorer.editRows(state)
        let heading = state.editLogPath == nil ? "Edits this session: \(rows.count)" : "Edits in the log: \(rows.count)"
        title(heading + " · newest first · \(state.keymap.name(.undo, in: [.edits], usual: .character("u"))) undoes this session's last", state: state, into: &grid)
        let where_ = state.editLogPath.map { "Every edit of this corpus, from here and from dossier add, unlink, repair and undo, is logged to \($0); dossier undo takes back the last" }
            ?? "This corpus cannot be edited here: \(state.readOnlyReason)"
        var y = 2
        for line in wrapLines(where_, width: max(1, state.width - 2)).prefix(2) {
            grid.put(line, x: 1, y: y, limit: state.width - 1, role: .dim)
            y += 1
        }
        y += 1
        guard !rows.isEmpty else {
            let select = state.keymap.name(.selectPassage, in: [.reader], usual: .character("v")), attach = state.keymap.name(.follow, in: [.passage], usual: .enter)
            grid.put("No edit yet. In the reader, \(select) selects a passage and \(attach) attaches it.", x: 1, y: y, limit: state.width - 1, role: .dim)
            return
        }
        for (offset, text) in rows.enumerated().dropFirst(place.top).prefix(max(0, state.height - 1 - y)) {
            let selected = offset == place.selected
            if selected { grid.fill(Rect(x: 0, y: y, width: state.width, height: 1), role: .selection) }
            grid.put((selected ? String(state.glyphs.selectedRow) : " ") + " " + text, x: 0, y: y, limit: state.width, role: selected ? .selection : .normal)
            y += 1
        }
    }
}

extension ScreenOps {
    /// How the screen table runs the Edits (`E`) screen: its key contexts, keys, positions and drawing.
    static let edits = ScreenOps(contexts: [.edits, .everywhere], takesTyping: false, perform: Explorer.performInEdits,
                                   normalize: Explorer.normalizedEdits, draw: { state, grid in Screens.edits(state, into: &grid) })
}

extension Screens {
    /// Where the status line says the user is.
    static func editsWhere(_ place: ScrollState, state: State) -> String {
        let count = Explorer.editRows(state).count
        return "Edits \(count == 0 ? 0 : place.selected + 1)/\(count)"
    }
}
