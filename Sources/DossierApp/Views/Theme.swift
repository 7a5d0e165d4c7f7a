/// Text attributes a terminal can show without colour.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1)
    public static let underline = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let dim = TextAttributes(rawValue: 8)
}

/// The eight colours every colour terminal has (the ANSI numbers curses uses).
public enum TerminalColour: Int16, CaseIterable, Sendable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How each role looks. Attributes alone carry every mark (selection, span, search match, current
/// match), so they read the same on a monochrome terminal, with NO_COLOR and with 8 colours;
/// colour only adds to them. Kept here, out of the terminal layer, so a test can hold the marks
/// apart without a terminal.
public enum Theme {
    public static func attributes(_ role: Role) -> TextAttributes {
        switch role {
        case .normal, .label, .tabInactive, .neutral: return []
        case .dim, .border: return .dim
        case .heading, .borderFocused, .critical, .supportive, .mixed, .warning, .filter: return .bold
        case .tabActive, .selection: return [.reverse, .bold]
        case .statusBar: return .reverse
        case .selectionInactive: return [.bold, .underline]
        case .mark: return .underline
        case .markSelected: return .reverse
        // A match differs from a span (underline), the selected span (reverse) and plain text; the
        // current match from every other match and from a selected row (reverse and bold).
        case .match: return [.reverse, .underline]
        case .matchCurrent: return [.reverse, .bold, .underline]
        }
    }

    /// The foreground colour a role adds where the terminal has colour (nil: the default).
    public static func colour(_ role: Role) -> TerminalColour? {
        switch role {
        case .heading, .label: return .cyan
        case .borderFocused, .mark, .markSelected, .warning, .filter, .match: return .yellow
        case .matchCurrent: return .magenta
        case .critical: return .red
        case .supportive: return .green
        case .mixed: return .magenta
        case .tabActive, .statusBar: return .blue
        default: return nil
        }
    }

    /// Roles drawn on a white background (then reversed), so the bars read the same on dark and
    /// light terminals.
    public static func onWhite(_ role: Role) -> Bool {
        role == .tabActive || role == .statusBar
    }

    /// Marks that must stay distinct where one is drawn inside or beside the other.
    public static let distinctPairs: [(Role, Role)] = [
        (.selection, .normal), (.selectionInactive, .normal), (.selection, .selectionInactive),
        (.mark, .normal), (.markSelected, .normal), (.markSelected, .mark),
        (.match, .normal), (.match, .mark), (.match, .markSelected), (.match, .selection),
        (.matchCurrent, .normal), (.matchCurrent, .match), (.matchCurrent, .mark), (.matchCurrent, .markSelected),
        (.matchCurrent, .selection), (.filter, .selection),
        // A passage being selected in the reader, beside the spans around it.
        (.selection, .mark),
    ]
}

extension TerminalColour {
    /// The colour a configuration file names (its case's name, in any case): black, red, green, yellow,
    /// blue, magenta, cyan, white.
    public init?(name: String) {
        guard let colour = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = colour
    }

    public var name: String { String(describing: self) }
}

/// The colours the roles add over their attributes: a theme (dark for a dark background, light for a
/// light one, where yellow and cyan text cannot be read) with the user's own colours over it. Colour
/// never carries a mark alone (see `Theme`), so any choice keeps every mark visible.
public struct Palette: Sendable, Equatable {
    public enum Base: String, CaseIterable, Sendable {
        case dark, light
    }

    public var base: Base
    /// Roles given another colour, or none (the terminal's default), by the configuration.
    public var overrides: [Role: TerminalColour?]

    public init(base: Base = .dark, overrides: [Role: TerminalColour?] = [:]) {
        self.base = base
        self.overrides = overrides
    }

    public static let standard = Palette()

    public func colour(_ role: Role) -> TerminalColour? {
        if let chosen = overrides[role] { return chosen }
        switch base {
        case .dark: return Theme.colour(role)
        case .light: return Palette.light(role)
        }
    }

    /// On a light background: blue, magenta, red and green, which read on white; no yellow or cyan.
    static func light(_ role: Role) -> TerminalColour? {
        switch role {
        case .heading, .label, .tabActive, .statusBar: return .blue
        case .borderFocused, .mark, .markSelected, .filter, .match, .mixed: return .magenta
        case .matchCurrent, .warning, .critical: return .red
        case .supportive: return .green
        default: return nil
        }
    }
}

extension Role {
    /// The role's name in a configuration file's [colors] table: heading, mark, match-current…
    public var configName: String { kebabCased(String(describing: self)) }
}

/// A Swift case name as a configuration file writes it: `matchCurrent` as `match-current`.
func kebabCased(_ name: String) -> String {
    name.reduce(into: "") { result, character in
        if character.isUppercase { result += "-" + character.lowercased() } else { result.append(character) }
    }
}
