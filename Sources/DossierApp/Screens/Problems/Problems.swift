import DossierModel

/// Where a screen of one list and the selected row whole goes (the problems, the notes): the list
/// from row 2, then a rule, then the selected row under it (a row may end in "…"; the whole text is
/// always below). The selected row takes at most `maxDetail` lines and `share` (a fraction) of the room.
struct ListWithDetailLayout {
    static let listTop = 2
    let listHeight: Int
    /// The rule above the selected row, and the lines under it.
    let ruleY: Int
    let detailHeight: Int

    init(width: Int, height: Int, maxDetail: Int, share: (Int, Int)) {
        let room = max(2, height - 1 - ListWithDetailLayout.listTop)
        detailHeight = max(1, min(maxDetail, room * share.0 / share.1))
        listHeight = max(1, room - detailHeight - 1)
        ruleY = ListWithDetailLayout.listTop + listHeight
    }
}

extension ListWithDetailLayout {
    /// The problems screen: a problem is a line or two.
    static func problems(width: Int, height: Int) -> ListWithDetailLayout {
        ListWithDetailLayout(width: width, height: height, maxDetail: 6, share: (1, 3))
    }

    /// The Notes view: a note may run to several lines.
    static func notes(width: Int, height: Int) -> ListWithDetailLayout {
        ListWithDetailLayout(width: width, height: height, maxDetail: 10, share: (2, 5))
    }
}

extension Explorer {
    /// `!`: the corpus's problems, or a word that there are none.
    static func openProblems(_ state: State) -> State {
        var state = state
        guard !state.problems.isEmpty else {
            state.message = state.isLoading ? "The corpus is still loading; its problems are known once it has" : "No problems: the corpus is valid"
            return state
        }
        remember(&state)
        state.navigation.overlay = .problems(ScrollState())
        return state
    }

    @Sendable static func performInProblems(_ action: Action, _ state: State) -> State {
        guard case .problems(var place) = state.navigation.overlay else { return state }
        let count = state.problems.count
        let page = ListWithDetailLayout.problems(width: state.width, height: state.height).listHeight
        switch action {
        case .moveDown: place.move(by: 1, count: count)
        case .moveUp: place.move(by: -1, count: count)
        case .pageDown: place.move(by: page, count: count)
        case .pageUp: place.move(by: -page, count: count)
        case .top: place.selected = 0
        case .bottom: place.selected = count - 1
        case .follow:
            guard state.problems.indices.contains(place.selected) else { return state }
            return goToRecord(of: state.problems[place.selected], from: state)
        default: return performInAnyOverlay(action, state) ?? state
        }
        var state = state
        state.navigation.overlay = .problems(place)
        return state
    }

    /// Enter on a problem: the record it names, where the explorer shows it; a record left out for its
    /// errors (or a problem of a whole file) says so instead.
    static func goToRecord(of problem: Diagnostic, from state: State) -> State {
        var state = state
        guard let id = problem.recordID, let kind = state.corpus.kind(of: id) else {
            state.message = problem.recordID.map { "\($0) is not in the explorer: it was left out for its errors" } ?? "This problem is about a whole file, not a record"
            return state
        }
        switch kind {
        case .actor: return jump(state, to: .actor(id))
        case .statement: return jump(state, to: .statement(id))
        case .event: return jump(state, to: .event(id))
        case .excerpt: return jump(state, to: .excerpt(id))
        case .article:
            remember(&state)
            state.navigation.overlay = nil
            select(id, in: .articles, state: &state)
            return state
        }
    }

    @Sendable static func normalizedProblems(_ state: State) -> State {
        guard case .problems(var place) = state.navigation.overlay else { return state }
        var state = state
        place.clampSelection(count: state.problems.count)
        let layout = ListWithDetailLayout.problems(width: state.width, height: state.height)
        place.reveal(place.selected...place.selected, height: layout.listHeight, lineCount: state.problems.count)
        state.navigation.overlay = .problems(place)
        return state
    }

    /// How many errors and warnings, for the status line and the screen's title.
    public static func problemCount(_ problems: [Diagnostic]) -> String {
        // A load keeps a thousand of a kind; the rest are counted on the last one kept.
        let errors = Diagnostic.count(problems, .error)
        let warnings = Diagnostic.count(problems, .warning)
        var parts: [String] = []
        if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        return parts.joined(separator: ", ")
    }
}

extension Screens {
    static func problems(_ state: State, into grid: inout Grid) {
        guard case .problems(let place) = state.navigation.overlay else { return }
        let layout = ListWithDetailLayout.problems(width: state.width, height: state.height)
        title("Problems: \(Explorer.problemCount(state.problems)) · \(state.keymap.name(.follow, in: [.problems], usual: .enter)) goes to the record", state: state, into: &grid)
        let rows = state.problems.indices.dropFirst(place.top).prefix(layout.listHeight)
        for (offset, index) in rows.enumerated() {
            let problem = state.problems[index]
            let y = ListWithDetailLayout.listTop + offset
            let selected = index == place.selected
            if selected { grid.fill(Rect(x: 0, y: y, width: state.width, height: 1), role: .selection) }
            var x = 0
            x += grid.put(selected ? String(state.glyphs.focusMark) + " " : "  ", x: x, y: y, limit: state.width - x, role: selected ? .selection : .normal)
            x += grid.put(problem.severity == .error ? "error   " : "warning ", x: x, y: y, limit: state.width - x,
                          role: selected ? .selection : (problem.severity == .error ? .warning : .dim))
            x += grid.put(Problems.place(problem) + "  ", x: x, y: y, limit: state.width - x, role: selected ? .selection : .label)
            if let id = problem.recordID { x += grid.put(id + "  ", x: x, y: y, limit: state.width - x, role: selected ? .selection : .heading) }
            let more = problem.alsoOmitted > 0 ? " (+\(problem.alsoOmitted) more like it)" : ""
            let room = state.width - x
            if room > 0 { grid.put(DisplayWidth.truncate(problem.message + more, to: room), x: x, y: y, limit: room, role: selected ? .selection : .normal) }
        }
        grid.fill(Rect(x: 0, y: layout.ruleY, width: state.width, height: 1), with: state.glyphs.horizontal, role: .border)
        guard state.problems.indices.contains(place.selected) else { return }
        // The selected problem whole, as `dossier validate` prints it: nothing is cut here.
        let selected = state.problems[place.selected]
        var said = selected.description
        if selected.alsoOmitted > 0 {
            said += " — and \(selected.alsoOmitted) more like it, not listed here; `dossier validate --all` prints every one"
        }
        let whole = wrapLines(said, width: max(1, state.width - 2))
        for (line, text) in whole.prefix(layout.detailHeight).enumerated() {
            grid.put(text, x: 1, y: layout.ruleY + 1 + line, limit: state.width - 1, role: .normal)
        }
    }
}

/// How problems are shown and exported.
public enum Problems {
    /// `file:line:column`, or the file alone when no line is known.
    public static func place(_ problem: Diagnostic) -> String {
        guard let location = problem.location else { return problem.file }
        return "\(location.file):\(location.line):\(location.column)"
    }

    /// The problems as a table, for `e`; `more_like_it` counts the problems of a row's kind found
    /// after it and not kept (a load keeps a thousand of a kind), so an export never hides them.
    public static func table(_ problems: [Diagnostic]) -> ExportTable {
        ExportTable(columns: ["severity", "file", "line", "column", "record_id", "message", "more_like_it"], rows: problems.map { problem in
            [problem.severity.rawValue, problem.location?.file ?? problem.file, problem.location.map { String($0.line) } ?? "",
             problem.location.map { String($0.column) } ?? "", problem.recordID ?? "", problem.message,
             problem.alsoOmitted > 0 ? String(problem.alsoOmitted) : ""]
        })
    }
}

extension ScreenOps {
    /// How the screen table runs the problems (`!`) screen: its key contexts, keys, positions and drawing.
    static let problems = ScreenOps(contexts: [.problems, .everywhere], takesTyping: false, perform: Explorer.performInProblems,
                                   normalize: Explorer.normalizedProblems, draw: { state, grid in Screens.problems(state, into: &grid) })
}

extension Screens {
    /// Where the status line says the user is.
    static func problemsWhere(_ place: ScrollState, state: State) -> String {
        "Problems \(min(place.selected + 1, state.problems.count))/\(state.problems.count)"
    }
}
