import DossierModel

/// Where the who-signed screen goes: the two statements, then three columns of names.
struct SignatoriesLayout {
    static let headingRow = 4
    static let listTop = 5
    let columnWidth: Int
    let visibleRows: Int

    init(width: Int, height: Int) {
        columnWidth = max(1, (width - 2) / 3)
        visibleRows = max(1, height - 1 - SignatoriesLayout.listTop)
    }
}

extension Explorer {
    /// `m` marks the selected statement; `m` on a second statement opens who signed both, only the
    /// first and only the second. `m` on the marked statement unmarks it.
    static func markStatement(_ state: State) -> State {
        var state = state
        guard state.view == .statements || state.view == .timeline, let id = state.selectedID(),
              state.corpus.kind(of: id) == .statement else {
            state.message = "m marks a statement (in the Statements view or the timeline)"
            return state
        }
        guard let marked = state.navigation.markedStatement, state.corpus.statement(marked) != nil else {
            state.navigation.markedStatement = id
            state.message = "Marked. Press m on another statement to compare who signed."
            return state
        }
        if marked == id {
            state.navigation.markedStatement = nil
            state.message = "Unmarked."
            return state
        }
        remember(&state)
        state.navigation.markedStatement = nil
        state.navigation.overlay = .signatories(SignatoryComparison(first: marked, second: id))
        return state
    }

    @Sendable static func performInSignatories(_ action: Action, _ state: State) -> State {
        if let handled = performInAnyOverlay(action, state) { return handled }
        guard case .signatories(var comparison) = state.navigation.overlay else { return state }
        var state = state
        let columns = comparison.columns(in: state.corpus)
        let column = comparison.column
        switch action {
        case .moveDown: comparison.places[column].move(by: 1, count: columns[column].count)
        case .moveUp: comparison.places[column].move(by: -1, count: columns[column].count)
        case .focusNext: comparison.column = (column + 1) % 3
        case .focusPrevious: comparison.column = (column + 2) % 3
        case .follow:
            let names = columns[column]
            guard !names.isEmpty else { return state }
            return jump(state, to: .actor(names[min(comparison.places[column].selected, names.count - 1)]))
        default:
            return state
        }
        state.navigation.overlay = .signatories(comparison)
        return state
    }

    @Sendable static func normalizedSignatories(_ state: State) -> State {
        guard case .signatories(var comparison) = state.navigation.overlay else { return state }
        var state = state
        let columns = comparison.columns(in: state.corpus)
        let height = SignatoriesLayout(width: state.width, height: state.height).visibleRows
        for column in 0..<3 {
            comparison.places[column].clampSelection(count: columns[column].count)
            let row = comparison.places[column].selected
            comparison.places[column].reveal(row...row, height: height, lineCount: columns[column].count)
        }
        state.navigation.overlay = .signatories(comparison)
        return state
    }
}
