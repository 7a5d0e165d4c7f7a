import DossierModel

/// Where the profiles screen goes: the two columns of the side-by-side reader, each a record's detail
/// rows from just under the title (the reader's columns have a heading row; these do not).
struct ProfilesLayout {
    let columns: CompareLayout

    init(width: Int, height: Int) {
        columns = CompareLayout(width: width, height: height)
    }

    var columnWidth: Int { columns.columnWidth }
    var columnX: [Int] { columns.columnX }
    var height: Int { columns.readerHeight + 1 }
}

extension Explorer {
    /// A column's rows: the record's detail, laid out at the column's width.
    static func profileLines(_ profiles: ProfilesState, column: Int, state: State) -> [PaneLine] {
        let width = ProfilesLayout(width: state.width, height: state.height).columnWidth
        return PaneContent.laidOut(PaneContent.detail(of: profiles.records[column], state: state), width: width)
    }

    @Sendable static func performInProfiles(_ action: Action, _ state: State) -> State {
        if let handled = performInAnyOverlay(action, state) { return handled }
        guard case .profiles(var profiles) = state.navigation.overlay else { return state }
        var state = state
        let page = ProfilesLayout(width: state.width, height: state.height).height
        let focus = profiles.focus
        switch action {
        case .moveDown: profiles.tops[focus] += 1
        case .moveUp: profiles.tops[focus] -= 1
        case .pageDown: profiles.tops[focus] += page
        case .pageUp: profiles.tops[focus] -= page
        case .halfPageDown: profiles.tops[focus] += max(1, page / 2)
        case .halfPageUp: profiles.tops[focus] -= max(1, page / 2)
        case .top: profiles.tops[focus] = 0
        case .bottom: profiles.tops[focus] = Int.max / 2
        case .focusNext, .focusPrevious: profiles.focus = 1 - focus
        default: return state
        }
        state.navigation.overlay = .profiles(profiles)
        return state
    }

    @Sendable static func normalizedProfiles(_ state: State) -> State {
        guard case .profiles(var profiles) = state.navigation.overlay else { return state }
        var state = state
        let height = ProfilesLayout(width: state.width, height: state.height).height
        for column in 0..<2 {
            profiles.tops[column] = ScrollState.clamp(profiles.tops[column], 0, profileLines(profiles, column: column, state: state).count - height)
        }
        state.navigation.overlay = .profiles(profiles)
        return state
    }
}

extension Screens {
    static func profiles(_ state: State, into grid: inout Grid) {
        guard case .profiles(let profiles) = state.navigation.overlay else { return }
        let layout = ProfilesLayout(width: state.width, height: state.height)
        let names = profiles.records.map { state.corpus.name(of: $0) ?? $0 }
        title("Side by side: \(names[0]) · \(names[1])", state: state, into: &grid)
        for row in 2..<(state.height - 1) {
            grid.put(String(state.glyphs.vertical), x: layout.columnWidth, y: row, role: .border)
        }
        for column in 0..<2 {
            let focused = profiles.focus == column
            let x = layout.columnX[column]
            Render.lines(Explorer.profileLines(profiles, column: column, state: state), position: ScrollState(top: profiles.tops[column]),
                         selectable: false, focused: focused, glyphs: state.glyphs,
                         Rect(x: x, y: 2, width: layout.columnWidth, height: layout.height), into: &grid)
            if focused { grid.put(String(state.glyphs.focusMark), x: x, y: 2, role: .borderFocused) }
        }
    }
}
