import DossierModel

/// The help overlay (`?`): its keys, its lines and its search.
extension Explorer {
    @Sendable static func normalizedHelp(_ state: State) -> State {
        var state = state
        state.helpTop = ScrollState.clamp(state.helpTop, 0, helpLines(state).count - helpHeight(state))
        return state
    }

    /// Lines of help text visible below the overlay's title.
    static func helpHeight(_ state: State) -> Int { max(1, state.height - 3) }

    static func updateHelp(_ state: State, _ key: Key) -> State {
        // `normalizedHelp` keeps helpTop within the lines after every key.
        var state = state
        let page = helpHeight(state)
        if state.helpEditing {
            if let action = state.keymap.action(for: key, in: [.filtering, .prompt]) {
                switch action {
                case .acceptFilter: state.helpEditing = false
                case .clear:
                    state.helpEditing = false
                    state.helpQuery = ""
                default:
                    if isLineEdit(action) { _ = state.prompt.apply(action) }
                }
            } else if let text = typed(key) {
                state.prompt.insert(text)
            } else {
                return unbound(key, state)
            }
            if state.helpEditing {
                state.helpQuery = state.prompt.text
                // Incremental: the first line that matches, from the top.
                if let line = helpMatches(state).first { state.helpTop = line }
            }
            return state
        }
        guard let action = state.keymap.action(for: key, in: [.helpOverlay]) else { return unbound(key, state) }
        switch action {
        case .moveDown: state.helpTop += 1
        case .moveUp: state.helpTop -= 1
        case .pageDown: state.helpTop += page
        case .pageUp: state.helpTop -= page
        case .halfPageDown: state.helpTop += max(1, page / 2)
        case .halfPageUp: state.helpTop -= max(1, page / 2)
        case .top: state.helpTop = 0
        case .bottom: state.helpTop = Int.max / 2
        case .startFilter:
            state.helpEditing = true
            state.prompt = LineEditor(state.helpQuery, selectingAll: true)
        case .nextMatch, .previousMatch:
            let matches = helpMatches(state)
            guard !matches.isEmpty else {
                state.message = state.helpQuery.isEmpty ? "/ searches the help first" : "No line of the help matches “\(state.helpQuery)”"
                break
            }
            if action == .nextMatch {
                state.helpTop = matches.first { $0 > state.helpTop } ?? matches[0]
            } else {
                state.helpTop = matches.last { $0 < state.helpTop } ?? matches[matches.count - 1]
            }
        case .closeHelp:
            state.showHelp = false
            state.helpEditing = false
        case .quit: state.request(.quit)
        default: break
        }
        return state
    }

    /// The help as drawn: the keymap's lines wrapped to the overlay's width, never cut.
    public static func helpLines(_ state: State) -> [PaneLine] {
        // A wrapped description continues under itself, not under the keys.
        let column = state.keymap.helpTextColumn
        var lines = state.keymap.helpLines().map { help in
            var line = PaneLine.text(help.text, help.isHeading ? .heading : .normal)
            line.hangingIndent = column
            return line
        }
        // After the keys, what the marks they move among mean, in the marks this terminal shows.
        lines += [.blank, .text("Marks on screen", .heading)]
        let legend = state.glyphs.legend(keys: state.keymap)
        let symbolWidth = legend.map { DisplayWidth.of($0.symbol) }.max() ?? 1
        for mark in legend {
            var line = PaneLine.text(mark.symbol.isEmpty ? "  " + mark.meaning : "  " + DisplayWidth.pad(mark.symbol, to: symbolWidth) + "  " + mark.meaning)
            line.hangingIndent = mark.symbol.isEmpty ? 2 : 4 + symbolWidth
            lines.append(line)
        }
        return PaneContent.laidOut(lines, width: max(1, state.width - 1))
    }

    /// The help lines that hold the help search (ignoring case and accents).
    public static func helpMatches(_ state: State) -> [Int] {
        guard !state.helpQuery.isEmpty else { return [] }
        let lines = helpLines(state)
        return lines.indices.filter { line in
            !SearchIndex.matches(of: state.helpQuery, in: lines[line].segments.map(\.text).joined()).isEmpty
        }
    }
}

extension ScreenOps {
    /// Keys reach the help through `Explorer.updateHelp` (it has a prompt of its own); it is drawn over
    /// the screen under it, which is kept valid as ever.
    static let help = ScreenOps(contexts: [.helpOverlay], takesTyping: false, perform: { _, state in state },
                                normalize: { state in Explorer.normalizedHelp(ScreenTable.ops(state.screenUnderHelp).normalize(state)) },
                                draw: { state, grid in Render.help(state, into: &grid) })
}
