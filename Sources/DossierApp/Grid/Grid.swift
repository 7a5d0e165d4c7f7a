/// What a cell means, not how it looks: the terminal maps each role to colours and attributes, and to
/// attributes alone on a monochrome terminal, so nothing is carried by colour only.
public enum Role: Int, CaseIterable, Sendable {
    case normal
    case dim
    case heading
    case label
    case tabActive
    case tabInactive
    case statusBar
    case selection
    /// The selected row of a pane that does not have the focus.
    case selectionInactive
    case border
    case borderFocused
    /// An excerpt span in the reader, and the selected one.
    case mark
    case markSelected
    case critical
    case supportive
    case mixed
    case neutral
    case warning
    case filter
    /// A search match, and the current one.
    case match
    case matchCurrent
}

extension Role {
    /// One letter per role, for snapshot fixtures that record what each cell means beside its text
    /// (a lost highlight then shows in a diff as plainly as a lost letter).
    public var code: Character {
        switch self {
        case .normal: return "."
        case .dim: return "d"
        case .heading: return "H"
        case .label: return "l"
        case .tabActive: return "T"
        case .tabInactive: return "t"
        case .statusBar: return "s"
        case .selection: return "S"
        case .selectionInactive: return "I"
        case .border: return "b"
        case .borderFocused: return "B"
        case .mark: return "m"
        case .markSelected: return "M"
        case .critical: return "c"
        case .supportive: return "p"
        case .mixed: return "x"
        case .neutral: return "n"
        case .warning: return "w"
        case .filter: return "f"
        case .match: return "h"
        case .matchCurrent: return "C"
        }
    }
}

/// One terminal cell. A double-width character sits in its first cell; the cell after it is a
/// continuation that the terminal skips.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var role: Role
    public var isContinuation: Bool

    public static let blank = Cell(character: " ", role: .normal, isContinuation: false)
}

/// An in-memory screen (the ratatui Buffer idea): views draw into it, tests read it as plain text, and
/// the terminal copies it to the screen.
public struct Grid: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes text at (x, y), clipped to `limit` columns (and the grid's edge), never splitting a wide
    /// character. The text is sanitised here, where it enters the grid, so nothing from data can reach
    /// the terminal as a control sequence. Returns the number of columns written.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, limit: Int? = nil, role: Role = .normal) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (limit ?? width))
        var column = x
        // Sanitised character by character, up to the edge: a megabyte of text costs what fits.
        for character in SafeText.lineCharacters(text) {
            let columns = DisplayWidth.of(character)
            if columns == 0 {
                // A lone combining mark or format character: join it to the previous cell if there is one.
                if column > x, column - 1 >= 0 { attach(character, x: column - 1, y: y) }
                continue
            }
            if column + columns > end { break }
            if column >= 0 {
                cells[y * width + column] = Cell(character: character, role: role, isContinuation: false)
                if columns == 2 { cells[y * width + column + 1] = Cell(character: " ", role: role, isContinuation: true) }
            }
            column += columns
        }
        return column - x
    }

    /// Replaces one cell as it is (the text in it must already be safe to show).
    mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        cells[y * width + x] = cell
    }

    private mutating func attach(_ mark: Character, x: Int, y: Int) {
        var target = x
        while target > 0 && cells[y * width + target].isContinuation { target -= 1 }
        var scalars = String(cells[y * width + target].character).unicodeScalars
        scalars.append(contentsOf: String(mark).unicodeScalars)
        if let combined = String(scalars).first { cells[y * width + target].character = combined }
    }

    public mutating func fill(_ rect: Rect, with character: Character = " ", role: Role = .normal) {
        for row in rect.y..<(rect.y + rect.height) where row >= 0 && row < height {
            for column in rect.x..<(rect.x + rect.width) where column >= 0 && column < width {
                cells[row * width + column] = Cell(character: character, role: role, isContinuation: false)
            }
        }
    }

    /// Each cell's role as its code letter, one line a row, trailing normal cells removed.
    public var roleText: String {
        var lines: [String] = []
        for row in 0..<height {
            var line = String((0..<width).map { self[$0, row].role.code })
            while line.last == Role.normal.code { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The screen as plain text, one line a row, trailing spaces removed: what snapshot tests compare.
    public var plainText: String {
        var lines: [String] = []
        for row in 0..<height {
            var line = ""
            for column in 0..<width where !self[column, row].isContinuation {
                line.append(self[column, row].character)
            }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width <= 0 || height <= 0 }

    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < x + width && row >= y && row < y + height
    }
}
