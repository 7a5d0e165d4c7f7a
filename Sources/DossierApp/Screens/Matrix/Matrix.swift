import DossierModel

/// How a state takes part in a statement, as the matrix shows it: a letter that reads without colour.
public enum MatrixMark: String, Sendable, CaseIterable {
    case lead = "L"
    case signatory = "S"
    /// A source says it did not sign (voted against, abstained): unlike a state no source mentions.
    case declined = "N"
    case addressee = "A"

    public var word: String {
        switch self {
        case .lead: return "led"
        case .signatory: return "named as signing"
        case .declined: return "said not to sign"
        case .addressee: return "addressed"
        }
    }
}

/// States (rows) by statements (columns, by date), for the statements the matrix filter keeps.
public struct MatrixModel: Sendable {
    /// The filter the model was built for: the model is kept until the filter changes.
    public let filter: String
    public let rows: [String]
    public let columns: [String]
    let marks: [String: [String: MatrixMark]]
    /// The widest state name among the rows, in columns (the layout sizes the names column by it).
    public let longestRowName: Int

    public init(state: State) {
        let columns = state.listIDs(for: .matrix)
        let kept = Set(columns)
        var marks: [String: [String: MatrixMark]] = [:]
        for actor in state.index.statesByName {
            for role in state.corpus.statementRoles[actor, default: []] where kept.contains(role.statement) {
                let mark: MatrixMark
                switch role.role {
                case .lead: mark = .lead
                case .signatory: mark = .signatory
                case .addressee: mark = .addressee
                case .declined: mark = .declined
                case .forum: continue
                }
                // A lead outranks a signature, a signature a refusal, a refusal an address.
                let current = marks[actor]?[role.statement]
                if current == nil || MatrixModel.rank(mark) < MatrixModel.rank(current!) {
                    marks[actor, default: [:]][role.statement] = mark
                }
            }
        }
        self.filter = state.positions[.matrix]?.list.filter ?? ""
        self.columns = columns
        self.rows = state.index.statesByName.filter { marks[$0] != nil }
        self.marks = marks
        longestRowName = rows.map { state.corpus.name(of: $0).map(DisplayWidth.of) ?? $0.count }.max() ?? 0
    }

    static func rank(_ mark: MatrixMark) -> Int {
        MatrixMark.allCases.firstIndex(of: mark)!
    }

    public func mark(row: String, column: String) -> MatrixMark? {
        marks[row]?[column]
    }

    /// The selected cell's indices, clamped to the model.
    public func cell(_ position: MatrixPosition) -> (row: Int, column: Int)? {
        guard !rows.isEmpty, !columns.isEmpty else { return nil }
        let row = position.row.flatMap(rows.firstIndex(of:)) ?? 0
        let column = position.column.flatMap(columns.firstIndex(of:)) ?? 0
        return (row, column)
    }

    /// The excerpts that name a state's part in a statement.
    public static func excerpts(actor: String, statement id: String, mark: MatrixMark, corpus: Corpus) -> [String] {
        guard let statement = corpus.statement(id) else { return [] }
        let role: Corpus.StatementRole.Role
        switch mark {
        case .lead: role = .lead
        case .signatory: role = .signatory
        case .declined: role = .declined
        case .addressee: role = .addressee
        }
        return PaneContent.excerpts(for: role, actor: actor, in: statement, corpus: corpus)
    }
}

/// Where the matrix goes: a title and two heading rows, the grid, and a detail area at the bottom
/// for the selected cell and the excerpt that names it. The names column is as wide as the longest
/// name needs (within a quarter of the screen) and the cells widen to use the width there is.
public struct MatrixLayout: Sendable {
    public static let minimumHeaderWidth = 16
    public static let minimumCellWidth = 3
    public static let maximumCellWidth = 7
    public let rowHeaderWidth: Int
    public let cellWidth: Int
    public let detailHeight: Int
    public let gridTop: Int
    public let visibleRows: Int
    public let visibleColumns: Int

    public init(width: Int, height: Int, model: MatrixModel? = nil) {
        detailHeight = height >= 18 ? 8 : max(2, height / 3)
        gridTop = 4
        visibleRows = max(1, height - 1 - gridTop - detailHeight)
        rowHeaderWidth = max(MatrixLayout.minimumHeaderWidth, min((model?.longestRowName ?? 0) + 2, width / 4))
        let room = max(1, width - rowHeaderWidth - 1)
        let columns = max(1, model?.columns.count ?? 1)
        cellWidth = min(MatrixLayout.maximumCellWidth, max(MatrixLayout.minimumCellWidth, room / columns))
        visibleColumns = max(1, room / cellWidth)
    }

    /// Text centred in a cell.
    public func centred(_ text: String) -> String {
        let padding = max(0, cellWidth - DisplayWidth.of(text))
        return String(repeating: " ", count: padding / 2) + text + String(repeating: " ", count: padding - padding / 2)
    }
}

extension State {
    /// The matrix's layout for this state's size and model.
    public var matrixLayout: MatrixLayout {
        MatrixLayout(width: width, height: height, model: matrixModel)
    }
}

public struct MatrixPosition: Equatable, Sendable {
    /// The selected cell: a state (row) and a statement (column), by id.
    public var row: String?
    public var column: String?
    public var top = 0
    public var left = 0
}

extension Explorer {
    @Sendable static func normalizedMatrix(_ state: State) -> State {
        var state = state
        let model = state.matrixModel
        state.matrixCache = model
        guard let cell = model.cell(state.navigation.matrix) else {
            state.navigation.matrix.top = 0
            state.navigation.matrix.left = 0
            return state
        }
        let layout = state.matrixLayout
        state.navigation.matrix.row = model.rows[cell.row]
        state.navigation.matrix.column = model.columns[cell.column]
        state.navigation.matrix.top = ScrollState.top(showing: cell.row...cell.row, from: state.navigation.matrix.top,
                                                      height: layout.visibleRows, lineCount: model.rows.count)
        state.navigation.matrix.left = ScrollState.top(showing: cell.column...cell.column, from: state.navigation.matrix.left,
                                                       height: layout.visibleColumns, lineCount: model.columns.count)
        return state
    }
}

extension ScreenOps {
    /// How the screen table runs the stance matrix (`5`): its keys first, then those every view shares.
    static let matrix = ScreenOps(contexts: [.matrix] + ScreenTable.viewContexts, takesTyping: false, perform: Explorer.performInView,
                                  normalize: Explorer.normalizedMatrix, draw: { state, grid in Screens.matrix(state, into: &grid) })
}
