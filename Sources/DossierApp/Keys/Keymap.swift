/// A key press, decoded by the terminal layer (or written by tests).
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, given as the lower-case letter.
    case control(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, backspace, escape, tab, backTab, delete
    /// The terminal changed size (columns, rows).
    case resize(Int, Int)

    /// How the key is written in the help overlay and docs/keys.md.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let letter): return "Ctrl-" + String(letter)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .backspace: return "Backspace"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .delete: return "Delete"
        case .resize: return "(resize)"
        }
    }
}

/// Everything a key can ask for.
public enum Action: String, CaseIterable, Sendable {
    case moveDown, moveUp, top, bottom, halfPageDown, halfPageUp
    case focusNext, focusPrevious
    case showArticles, showActors, showStatements
    case follow, back
    case nextSpan, previousSpan
    case sortActors
    case startFilter, clear
    case help, quit
    // While typing a filter.
    case acceptFilter, deleteFilterCharacter
    // In the help overlay.
    case closeHelp
}

/// Where a binding applies. The help overlay and docs/keys.md are grouped by it.
public enum KeyContext: String, CaseIterable, Sendable {
    case everywhere = "Everywhere"
    case moving = "Moving"
    case panes = "Panes and views"
    case following = "Following facts to their sources"
    case reader = "Article reader"
    case actors = "Actors list"
    case filtering = "While typing a filter"
    case helpOverlay = "Help overlay"
}

public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var context: KeyContext
    public var help: String
    /// A short word for the status line's key hints; nil when the binding is not hinted there.
    public var hint: String?
}

/// The one table of key bindings: `update` looks keys up here, and the `?` overlay and docs/keys.md
/// are generated from it, so the three cannot disagree.
public enum Keymap {
    public static let bindings: [Binding] = [
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .moving, help: "next row (scroll down in the reader)", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .moving, help: "previous row (scroll up in the reader)", hint: nil),
        Binding(keys: [.character("g"), .home], action: .top, context: .moving, help: "first row", hint: nil),
        Binding(keys: [.character("G"), .end], action: .bottom, context: .moving, help: "last row", hint: nil),
        Binding(keys: [.control("d"), .pageDown], action: .halfPageDown, context: .moving, help: "half a page down", hint: nil),
        Binding(keys: [.control("u"), .pageUp], action: .halfPageUp, context: .moving, help: "half a page up", hint: nil),
        Binding(keys: [.tab, .character("l"), .right], action: .focusNext, context: .panes, help: "focus the next pane to the right", hint: nil),
        Binding(keys: [.backTab, .character("h"), .left], action: .focusPrevious, context: .panes, help: "focus the previous pane to the left", hint: nil),
        Binding(keys: [.character("1")], action: .showArticles, context: .panes, help: "Articles view", hint: nil),
        Binding(keys: [.character("2")], action: .showActors, context: .panes, help: "Actors view", hint: nil),
        Binding(keys: [.character("3")], action: .showStatements, context: .panes, help: "Statements view", hint: nil),
        Binding(keys: [.enter], action: .follow, context: .following,
                help: "open the selected item: a signatory's actor, a statement, an excerpt's article scrolled to its span", hint: "open"),
        Binding(keys: [.backspace, .control("o")], action: .back, context: .following, help: "back to exactly where you were", hint: "back"),
        Binding(keys: [.character("]"), .character("n")], action: .nextSpan, context: .reader, help: "next marked excerpt span", hint: nil),
        Binding(keys: [.character("["), .character("N")], action: .previousSpan, context: .reader, help: "previous marked excerpt span", hint: nil),
        Binding(keys: [.character("s")], action: .sortActors, context: .actors, help: "sort by name or by kind", hint: "sort"),
        Binding(keys: [.character("/")], action: .startFilter, context: .everywhere,
                help: "filter the list as you type (ignores case and accents: \"turk\" finds Türk)", hint: "filter"),
        Binding(keys: [.escape], action: .clear, context: .everywhere, help: "clear the filter or close the overlay", hint: nil),
        Binding(keys: [.character("?")], action: .help, context: .everywhere, help: "this help", hint: "help"),
        Binding(keys: [.character("q"), .control("c")], action: .quit, context: .everywhere, help: "quit", hint: "quit"),
        Binding(keys: [.enter], action: .acceptFilter, context: .filtering, help: "keep the filter and return to the list", hint: nil),
        Binding(keys: [.escape], action: .clear, context: .filtering, help: "clear the filter", hint: nil),
        Binding(keys: [.backspace], action: .deleteFilterCharacter, context: .filtering, help: "delete the last character", hint: nil),
        Binding(keys: [.down, .control("n")], action: .moveDown, context: .filtering, help: "next match", hint: nil),
        Binding(keys: [.up, .control("p")], action: .moveUp, context: .filtering, help: "previous match", hint: nil),
        Binding(keys: [.character("j"), .down], action: .moveDown, context: .helpOverlay, help: "scroll down", hint: nil),
        Binding(keys: [.character("k"), .up], action: .moveUp, context: .helpOverlay, help: "scroll up", hint: nil),
        Binding(keys: [.escape, .character("?"), .character("q")], action: .closeHelp, context: .helpOverlay, help: "close the help", hint: nil),
    ]

    /// The action bound to a key in one of the given contexts, searched in order.
    public static func action(for key: Key, in contexts: [KeyContext]) -> Action? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding.action
            }
        }
        return nil
    }

    public static func keyLabels(_ binding: Binding) -> String {
        binding.keys.map(\.label).joined(separator: " ")
    }

    /// The help text, as lines: a heading per context, then "keys  what they do".
    public static func helpLines() -> [(text: String, isHeading: Bool)] {
        var lines: [(String, Bool)] = []
        let keyColumn = bindings.map { DisplayWidth.of(keyLabels($0)) }.max() ?? 0
        for context in KeyContext.allCases {
            let group = bindings.filter { $0.context == context }
            guard !group.isEmpty else { continue }
            if !lines.isEmpty { lines.append(("", false)) }
            lines.append((context.rawValue, true))
            if context == .filtering { lines.append(("  " + DisplayWidth.pad("(letters)", to: keyColumn) + "  type to narrow the list", false)) }
            for binding in group {
                lines.append(("  " + DisplayWidth.pad(keyLabels(binding), to: keyColumn) + "  " + binding.help, false))
            }
        }
        return lines
    }

    /// docs/keys.md, generated: `dossier keys` prints it and a test keeps the file in step.
    public static func markdown() -> String {
        var text = "# Keys\n\nGenerated from the keymap table (`Sources/DossierApp/Keys/Keymap.swift`) by `dossier keys`;\n"
        text += "the `?` overlay in the explorer shows the same table.\n"
        for context in KeyContext.allCases {
            let group = bindings.filter { $0.context == context }
            guard !group.isEmpty else { continue }
            text += "\n## \(context.rawValue)\n\n| keys | action |\n|---|---|\n"
            if context == .filtering { text += "| (letters) | type to narrow the list |\n" }
            for binding in group {
                let keys = binding.keys.map { "`" + ($0.label == "`" ? "\\`" : $0.label.replacingOccurrences(of: "|", with: "\\|")) + "`" }.joined(separator: " ")
                text += "| \(keys) | \(binding.help) |\n"
            }
        }
        return text
    }
}
