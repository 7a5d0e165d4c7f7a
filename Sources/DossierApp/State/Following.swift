import DossierModel

/// Following a fact to its record or source, and back (the history).
extension Explorer {
    static func follow(_ state: State) -> State {
        var state = state
        if state.view == .matrix {
            let model = state.matrixModel
            guard let cell = model.cell(state.navigation.matrix),
                  let mark = model.mark(row: model.rows[cell.row], column: model.columns[cell.column]),
                  let excerpt = MatrixModel.excerpts(actor: model.rows[cell.row], statement: model.columns[cell.column], mark: mark,
                                                     corpus: state.corpus).first else {
                state.message = "Nothing in this cell: the sources do not name this state here"
                return state
            }
            return jump(state, to: .excerpt(excerpt))
        }
        switch state.position.focus {
        case .list:
            // In the timeline a statement opens in its own view; other rows open their detail.
            if state.view == .timeline, let id = state.selectedID(), state.corpus.kind(of: id) == .statement {
                return jump(state, to: .statement(id))
            }
            state.position.focus = .detail
            return state
        case .detail:
            if state.view == .articles {
                state.position.focus = .source
                return state
            }
            let lines = detailLines(state)
            guard let line = PaneContent.selectedLine(lines, selection: state.position.detail.selected), let link = lines[line].link else { return state }
            return jump(state, to: link)
        case .source:
            if state.view == .articles {
                let lines = PaneContent.source(state, view: .articles, width: paneWidth(state, .source))
                guard let line = PaneContent.selectedLine(lines, selection: state.position.source.selected), let link = lines[line].link else { return state }
                return jump(state, to: link)
            }
            // The source pane quotes excerpts: Enter opens the first one in its article.
            let lines = detailLines(state)
            guard let line = PaneContent.selectedLine(lines, selection: state.position.detail.selected), let excerpt = lines[line].excerpts.first else { return state }
            return jump(state, to: .excerpt(excerpt))
        }
    }

    /// Remembers where we are, so Back returns exactly here; a new jump forgets the forward path.
    static func remember(_ state: inout State) {
        state.history.append(state.navigation)
        if state.history.count > 200 { state.history.removeFirst(state.history.count - 200) }
        state.forwardHistory.removeAll()
    }

    static func goBack(_ state: State) -> State {
        travel(state, from: \.history, to: \.forwardHistory)
    }

    static func goForward(_ state: State) -> State {
        travel(state, from: \.forwardHistory, to: \.history)
    }

    /// Moves through history: the place left goes on the other stack, so the way back is kept.
    static func travel(_ state: State, from source: WritableKeyPath<State, [Navigation]>, to other: WritableKeyPath<State, [Navigation]>) -> State {
        var state = state
        guard let target = state[keyPath: source].popLast() else { return state }
        state[keyPath: other].append(state.navigation)
        state.navigation = target
        state.editingFilter = isSearchOpen(state)
        if case .search(let search) = state.navigation.overlay { state.prompt = LineEditor(search.query) }
        return state
    }

    /// The keys every overlay shares: Esc closes it, Back and Forward go through history, help and quit
    /// work as anywhere. Nil for any other action.
    static func performInAnyOverlay(_ action: Action, _ state: State) -> State? {
        var state = state
        switch action {
        case .clear, .close:
            state.navigation.overlay = nil
            state.editingFilter = false
            return state
        case .back: return goBack(state)
        case .forward: return goForward(state)
        case .copy: return copy(state, dossier: false)
        case .copyDossier: return copy(state, dossier: true)
        case .export: return startExport(state)
        case .help:
            state.showHelp = true
            state.helpTop = 0
            return state
        case .quit:
            state.request(.quit)
            return state
        default:
            return nil
        }
    }

    static func isSearchOpen(_ state: State) -> Bool {
        if case .search = state.navigation.overlay { return true }
        return false
    }

    /// Goes to a record, remembering where we were so Backspace returns exactly there.
    public static func jump(_ state: State, to link: Link) -> State {
        var state = state
        // A corpus opened with its problems may name records it does not have, and hold excerpts whose
        // quote was not found: following one says so and stays.
        let id = linkedID(link)
        guard state.corpus.kind(of: id) != nil else {
            state.message = "“\(id)” is not in the corpus: a broken reference (\(Explorer.problemsKey(state)) lists the problems)"
            return state
        }
        if case .excerpt = link, state.corpus.excerpt(id)?.anchor == .unanchored {
            state.message = "\(id): its quote is not found in its article, so it marks no span there (\(Explorer.problemsKey(state)) lists the problems)"
            return state
        }
        remember(&state)
        state.navigation.overlay = nil
        state.editingFilter = false
        switch link {
        case .actor(let id):
            select(id, in: .actors, state: &state)
            state.positions[.actors]?.focus = .detail
        case .statement(let id):
            select(id, in: .statements, state: &state)
            state.positions[.statements]?.focus = .detail
        case .event(let id):
            if !state.index.ids(of: .timeline, sortedBy: state.actorSort, filter: "", timelineActor: state.navigation.timelineActor,
                                corpus: state.corpus).contains(id) {
                state.navigation.timelineActor = nil
            }
            select(id, in: .timeline, state: &state)
            state.positions[.timeline]?.focus = .detail
        case .excerpt(let id):
            guard let excerpt = state.corpus.excerpt(id) else { return state }
            select(excerpt.article, in: .articles, state: &state)
            let spans = state.corpus.excerptsInArticle[excerpt.article, default: []]
            state.positions[.articles]?.detail.selected = spans.firstIndex(of: id) ?? 0
            state.positions[.articles]?.focus = .detail
            if let reader = reader(of: state) {
                let line = reader.content.line(ofSpan: spans.firstIndex(of: id) ?? 0)
                state.positions[.articles]?.detail.top = max(0, line - 2)
                state.positions[.articles]?.detail.cursor = line
            }
        }
        return state
    }

    static func select(_ id: String, in view: ViewID, state: inout State) {
        state.view = view
        var position = state.positions[view] ?? ViewPosition()
        if !state.index.ids(of: view, sortedBy: state.actorSort, filter: position.list.filter, timelineActor: state.navigation.timelineActor,
                            corpus: state.corpus).contains(id) {
            position.list.filter = ""  // the target is filtered out: show it rather than nothing
        }
        position.list.selectedID = id
        position.detail = PanePosition()
        position.source = PanePosition()
        state.positions[view] = position
    }

}
