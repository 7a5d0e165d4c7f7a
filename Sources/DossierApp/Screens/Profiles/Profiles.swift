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
        guard case .profiles(var profiles) = state.navigation.overlay else { return state }
        var state = state
        let focus = profiles.focus
        let lines = profileLines(profiles, column: focus, state: state)
        // A row is a target of its own (an excerpt row notes and copies the excerpt): Enter follows it.
        if action == .follow {
            guard let line = PaneContent.selectedLine(lines, selection: profiles.selected[focus]), let link = lines[line].link else { return state }
            return jump(state, to: link)
        }
        if action == .addNote { return startNote(state) }
        if let handled = performInAnyOverlay(action, state) { return handled }
        // A page moves the selection by as many rows as a page shows, at most.
        let page = max(1, PaneContent.selectable(Array(lines.prefix(ProfilesLayout(width: state.width, height: state.height).height))).count)
        switch action {
        case .moveDown: profiles.selected[focus] += 1
        case .moveUp: profiles.selected[focus] -= 1
        case .pageDown: profiles.selected[focus] += page
        case .pageUp: profiles.selected[focus] -= page
        case .halfPageDown: profiles.selected[focus] += max(1, page / 2)
        case .halfPageUp: profiles.selected[focus] -= max(1, page / 2)
        case .top: profiles.selected[focus] = 0
        case .bottom: profiles.selected[focus] = Int.max / 2
        case .focusNext, .focusPrevious: profiles.focus = 1 - focus
        default: return state
        }
        state.navigation.overlay = .profiles(profiles)
        return state
    }

    /// The selected row of the focused column, and its line, in that column's lines.
    static func profileRow(_ profiles: ProfilesState, state: State) -> (lines: [PaneLine], line: Int)? {
        let lines = profileLines(profiles, column: profiles.focus, state: state)
        return PaneContent.selectedLine(lines, selection: profiles.selected[profiles.focus]).map { (lines, $0) }
    }

    @Sendable static func normalizedProfiles(_ state: State) -> State {
        guard case .profiles(var profiles) = state.navigation.overlay else { return state }
        var state = state
        let height = ProfilesLayout(width: state.width, height: state.height).height
        for column in 0..<2 {
            let lines = profileLines(profiles, column: column, state: state)
            let rows = PaneContent.selectable(lines)
            profiles.selected[column] = ScrollState.clamp(profiles.selected[column], 0, rows.count - 1)
            var position = ScrollState(selected: profiles.selected[column], top: profiles.tops[column])
            if let line = PaneContent.selectedLine(lines, selection: profiles.selected[column]) {
                position.reveal(line...PaneContent.lastLine(ofRowAt: line, in: lines), height: height, lineCount: lines.count)
                // The record's heading above the first rows too, when the row still fits.
                if PaneContent.lastLine(ofRowAt: line, in: lines) < height { position.top = 0 }
            }
            profiles.tops[column] = ScrollState.clamp(position.top, 0, lines.count - height)
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
            Render.lines(Explorer.profileLines(profiles, column: column, state: state),
                         position: ScrollState(selected: profiles.selected[column], top: profiles.tops[column]),
                         selectable: true, focused: focused, glyphs: state.glyphs,
                         Rect(x: x, y: 2, width: layout.columnWidth, height: layout.height), into: &grid)
            if focused { grid.put(String(state.glyphs.focusMark), x: x, y: 2, role: .borderFocused) }
        }
    }
}

public struct ProfilesState: Equatable, Sendable {
    public var records: [String]
    public var tops = [0, 0]
    /// Each column's selected row (a fact, a statement, an excerpt): what y, a, b and Enter act on.
    public var selected = [0, 0]
    public var focus = 0

    public init(records: [String]) {
        self.records = records
    }
}

extension ScreenOps {
    /// How the screen table runs two profiles or articles side by side (`m` on two actors or articles).
    static let profiles = ScreenOps(contexts: [.profiles, .everywhere], takesTyping: false, perform: Explorer.performInProfiles,
                                    normalize: Explorer.normalizedProfiles, draw: { state, grid in Screens.profiles(state, into: &grid) })
}

extension Screens {
    /// Where the status line says the user is.
    static func profilesWhere(_ profiles: ProfilesState) -> String {
        "Side by side · column \(profiles.focus + 1)"
    }
}
