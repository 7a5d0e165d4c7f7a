/// A key press, decoded by the terminal layer (or written by tests).
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, given as the lower-case letter.
    case control(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, backspace, escape, tab, backTab, delete
    /// Esc then Enter, as terminals send Alt-Enter (Meta-Enter): a new line in a note.
    case altEnter
    /// The terminal changed size (columns, rows).
    case resize(Int, Int)
    /// Text pasted into the terminal (bracketed paste): typed into a prompt as it is.
    case paste(String)
    /// The mouse, when it is on (`--mouse`, or `mouse = true` in the configuration).
    case mouse(MouseEvent)

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
        case .altEnter: return "Alt-Enter"
        case .resize: return "(resize)"
        case .paste: return "(paste)"
        case .mouse: return "(mouse)"
        }
    }
}

extension Key {
    /// The key a help text names by its label (`Enter`, `Esc`, `Tab`, `Alt-Enter`, one character).
    init?(label: String) {
        switch label {
        case "Enter": self = .enter
        case "Esc": self = .escape
        case "Tab": self = .tab
        case "Alt-Enter": self = .altEnter
        default:
            guard label.count == 1, let character = label.first else { return nil }
            self = .character(character)
        }
    }
}

/// Everything a key can ask for.
public enum Action: String, CaseIterable, Sendable {
    case moveDown, moveUp, top, bottom, halfPageDown, halfPageUp, pageDown, pageUp
    case moveLeft, moveRight, firstColumn, lastColumn
    case focusNext, focusPrevious
    case showArticles, showActors, showStatements, showTimeline, showMatrix, showNotes
    case follow, back, forward
    case nextSpan, previousSpan, nextMatch, previousMatch
    // Selecting a passage in the reader.
    case selectPassage, nextSentence, previousSentence, nextWord, previousWord, swapEnds
    case sortActors, actorTimeline
    case compareSources, compareDisagreement, markStatement
    case find, problems, toggleSupplied, addNote, toggleBookmark, undo, showEdits
    // In the Notes view.
    case editNote, deleteNote
    case startFilter, clear
    case zoom, widenList, narrowList, redraw
    case copy, copyDossier, export
    /// `q`: close what is on top (help, an overlay, a zoomed pane); quit from the base screen.
    case close
    case help, quit
    // While typing a filter or a search.
    case acceptFilter, deleteFilterCharacter
    // Line editing in every prompt.
    case cursorLeft, cursorRight, lineStart, lineEnd, deleteForward, killToStart, killToEnd, killWord, newLine
    // In the help overlay.
    case closeHelp
}

/// Where a binding applies. The help overlay and docs/keys.md are grouped by it.
public enum KeyContext: String, CaseIterable, Sendable {
    case everywhere = "Everywhere"
    case moving = "Moving"
    case panes = "Panes and views"
    case following = "Following facts to their sources"
    case workflows = "Analyst workflows"
    case reader = "Article reader"
    case passage = "Selecting a passage in the reader (after v)"
    case picker = "Attaching a passage (Enter on it)"
    case actors = "Actors list"
    case timeline = "Timeline"
    case matrix = "Stance matrix"
    case compare = "Sources side by side"
    case signatories = "Who signed: two statements compared"
    case profiles = "Two profiles side by side"
    case problems = "Problems of the corpus"
    case notes = "Notes view: your notes and bookmarks"
    case edits = "Edits made in this session"
    case search = "Search everything"
    case filtering = "While typing a filter"
    case prompt = "Editing a prompt (filter, search, help search)"
    case helpOverlay = "Help overlay"

    /// The heading of its part of the help, naming keys as `Keymap.words` resolves them.
    public var heading: String {
        switch self {
        case .passage: return "Selecting a passage in the reader (after {v=selectPassage/reader})"
        case .picker: return "Attaching a passage ({Enter=follow/passage} on it)"
        default: return rawValue
        }
    }
}

public struct Binding: Sendable {
    public var keys: [Key]
    public var action: Action
    public var context: KeyContext
    public var help: String
    /// A short word for the status line's key hints; nil when the binding is not hinted there.
    public var hint: String?
}

/// The one table of key bindings: `update` looks keys up here, and the `?` overlay, the status line's
/// hints, docs/keys.md and the man page are generated from it, so they cannot disagree. `standard`
/// (KeymapTable.swift) is the table as shipped; the user's configuration makes another from it (`rebinding`), which the
/// explorer's `State` holds.
public struct Keymap: Sendable {
    public private(set) var bindings: [Binding]

    public init(bindings: [Binding]) { self.bindings = bindings }

    /// The action bound to a key in one of the given contexts, searched in order.
    public func action(for key: Key, in contexts: [KeyContext]) -> Action? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding.action
            }
        }
        return nil
    }

    /// How a status line, hint or message names the key for `action`: `usual` (the standard key it
    /// was written with) while that is still bound to the action, else the first key bound to it in the
    /// first of `contexts` that binds it, so a `[keys]` rebinding is what the screen names.
    public func name(_ action: Action, in contexts: [KeyContext], usual: Key) -> String {
        for context in contexts {
            let bound = bindings.filter { $0.context == context && $0.action == action }.flatMap(\.keys)
            if bound.contains(usual) { return usual.label }
            if let first = bound.first { return first.label }
        }
        return "(unbound)"
    }

    /// A help text or heading with each `{usual=action/context}` in it named as `name` names it: the
    /// help that mentions another key ("Enter goes to the record") says the key in force.
    public func words(_ text: String) -> String {
        guard text.contains("{") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let token = rest[rest.index(after: open)..<close]
            let parts = token.split(separator: "=", maxSplits: 1)
            let target = parts.last?.split(separator: "/") ?? []
            if parts.count == 2, target.count == 2, let usual = Key(label: String(parts[0])), let action = Action(rawValue: String(target[0])),
               let context = KeyContext.allCases.first(where: { "\($0)" == target[1] }) {
                result += name(action, in: [context], usual: usual)
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    public static func keyLabels(_ binding: Binding) -> String {
        binding.keys.map(\.label).joined(separator: " ")
    }

    /// Where the "what they do" column of the help begins.
    public var helpTextColumn: Int { 2 + (bindings.map { DisplayWidth.of(Self.keyLabels($0)) }.max() ?? 0) + 2 }

    /// The help text, as lines: a heading per context, then "keys  what they do".
    public func helpLines() -> [(text: String, isHeading: Bool)] {
        var lines: [(String, Bool)] = []
        let keyColumn = bindings.map { DisplayWidth.of(Self.keyLabels($0)) }.max() ?? 0
        for context in KeyContext.allCases {
            let group = bindings.filter { $0.context == context }
            guard !group.isEmpty else { continue }
            if !lines.isEmpty { lines.append(("", false)) }
            lines.append((words(context.heading), true))
            if context == .filtering { lines.append(("  " + DisplayWidth.pad("(letters)", to: keyColumn) + "  type to narrow the list", false)) }
            if context == .prompt { lines.append(("  " + DisplayWidth.pad("(paste)", to: keyColumn) + "  pasted text is typed in; after / the last filter is selected, so typing replaces it", false)) }
            if context == .search { lines.append(("  " + DisplayWidth.pad("(letters)", to: keyColumn) + "  type the query; results update as you type", false)) }
            for binding in group {
                lines.append(("  " + DisplayWidth.pad(Self.keyLabels(binding), to: keyColumn) + "  " + words(binding.help), false))
            }
        }
        return lines
    }

    /// docs/keys.md, generated: `dossier keys` prints it and a test keeps the file in step.
    public func markdown() -> String {
        var text = "# Keys\n\nGenerated from the keymap table (`Sources/DossierApp/Keys/KeymapTable.swift`, each screen's keys from its folder under `Sources/DossierApp/Screens/`) by `dossier keys`;\n"
        text += "the `?` overlay in the explorer shows the same table.\n"
        for context in KeyContext.allCases {
            let group = bindings.filter { $0.context == context }
            guard !group.isEmpty else { continue }
            text += "\n## \(words(context.heading))\n\n| keys | action |\n|---|---|\n"
            if context == .filtering { text += "| (letters) | type to narrow the list |\n" }
            if context == .prompt { text += "| (paste) | pasted text is typed in; after / the last filter is selected, so typing replaces it |\n" }
            if context == .search { text += "| (letters) | type the query; results update as you type |\n" }
            for binding in group {
                let keys = binding.keys.map { "`" + ($0.label == "`" ? "\\`" : $0.label.replacingOccurrences(of: "|", with: "\\|")) + "`" }.joined(separator: " ")
                text += "| \(keys) | \(words(binding.help)) |\n"
            }
        }
        text += "\n## Marks on screen\n\nThe `?` overlay ends with the same legend (in ASCII marks where the terminal has no UTF-8).\n\n| mark | meaning |\n|---|---|\n"
        let legend = Glyphs.unicode.legend(keys: self)
        for mark in legend where !mark.symbol.isEmpty {
            text += "| `" + mark.symbol.replacingOccurrences(of: "|", with: "\\|") + "` | \(mark.meaning) |\n"
        }
        for mark in legend where mark.symbol.isEmpty { text += "\n" + mark.meaning + "\n" }
        return text
    }
}

// MARK: The user's keys

extension Key {
    /// A key as a configuration file writes it: one character (`j`, `G`, `?`), a name (`Enter`,
    /// `Esc`, `Tab`, `Shift-Tab`, `Space`, `Backspace`, `Delete`, `Up`, `Down`, `Left`, `Right`,
    /// `Home`, `End`, `PgUp`, `PgDn`, `Alt-Enter`), or `Ctrl-` and a letter; names in any case, and
    /// every label the help shows (`↑`, `Ctrl-d`). Nil for anything else.
    public init?(configName name: String) {
        let lower = name.lowercased()
        let named: [String: Key] = [
            "space": .character(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
            "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "delete": .delete, "del": .delete,
            "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "alt-enter": .altEnter,
            "↑": .up, "↓": .down, "←": .left, "→": .right,
        ]
        if let key = named[lower] {
            self = key
            return
        }
        if name.count == 1, let character = name.first, !character.isWhitespace || character == " " {
            self = .character(character)
            return
        }
        for prefix in ["ctrl-", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest.count == 1, let letter = rest.first, letter.isASCII, letter.isLetter {
                self = .control(letter)
                return
            }
        }
        return nil
    }

    /// A key that types text where text is typed (a filter, a search, a note): not to be bound there.
    var types: Bool {
        if case .character = self { return true }
        return false
    }
}

/// One change the user asked for: these keys, and no others, for an action, in one context or (with
/// none given) in every context where the standard table binds it.
public struct KeyRebinding: Sendable, Equatable {
    public var action: Action
    public var keys: [Key]
    public var context: KeyContext?

    public init(action: Action, keys: [Key], context: KeyContext? = nil) {
        self.action = action
        self.keys = keys
        self.context = context
    }
}

extension KeyContext {
    /// The context's name in a configuration file's [keys.NAME] table: moving, reader, search…
    public var configName: String {
        // Not "problems": [keys] problems = "!" is the action's key, and TOML cannot have both.
        self == .problems ? "problems-list" : kebabCased(String(describing: self))
    }
}

extension Keymap {
    /// The contexts where text is typed: there an action keeps only the keys of a rebinding that do
    /// not type a character (j stays a letter in a search).
    static let typingContexts: Set<KeyContext> = [.filtering, .prompt, .search]

    /// This table with `rebindings` applied (those for every context first, then those for one), and
    /// why each one that could not be is refused (by its index): a key that would be bound twice in
    /// one context, to the rebound action and to another; or, for one context where text is typed, a
    /// key that types. A refused rebinding leaves its action's keys as they were; the others apply.
    public func rebinding(_ rebindings: [KeyRebinding]) -> (keymap: Keymap, refused: [Int: String]) {
        var refused: [Int: String] = [:]
        for (index, rebinding) in rebindings.enumerated() {
            if let context = rebinding.context {
                if !bindings.contains(where: { $0.action == rebinding.action && $0.context == context }) {
                    refused[index] = "\(rebinding.action.rawValue) has no key in [keys.\(context.configName)]; it applies in "
                        + bindings.filter { $0.action == rebinding.action }.map { "[keys.\($0.context.configName)]" }.joined(separator: ", ")
                } else if Self.typingContexts.contains(context), let key = rebinding.keys.first(where: \.types) {
                    refused[index] = "\(key.label) types text in “\(context.rawValue)”, so it cannot be a key there; use one such as Ctrl-… instead"
                }
            }
        }
        let order = rebindings.indices.filter { rebindings[$0].context == nil } + rebindings.indices.filter { rebindings[$0].context != nil }
        // Apply what is left; a clash refuses the later rebinding involved, then everything is tried
        // again (each round refuses one more, so this ends).
        while true {
            var keymap = self
            for index in order where refused[index] == nil {
                let rebinding = rebindings[index]
                for position in keymap.bindings.indices where keymap.bindings[position].action == rebinding.action {
                    let context = keymap.bindings[position].context
                    guard rebinding.context == nil || rebinding.context == context else { continue }
                    var keys = rebinding.keys
                    if rebinding.context == nil && Self.typingContexts.contains(context) {
                        keys = keys.filter { !$0.types }
                        if keys.isEmpty { continue }  // nothing that does not type: the standard keys stay
                    }
                    keymap.bindings[position].keys = keys
                }
            }
            guard let clash = keymap.firstClash(among: rebindings, refused: refused) else { return (keymap, refused) }
            refused[clash.index] = clash.reason
        }
    }

    /// A key bound to two actions in one context where a rebinding put it there.
    private func firstClash(among rebindings: [KeyRebinding], refused: [Int: String]) -> (index: Int, reason: String)? {
        for context in KeyContext.allCases {
            var owner: [Key: Action] = [:]
            for binding in bindings where binding.context == context {
                for key in binding.keys {
                    guard let other = owner[key], other != binding.action else {
                        owner[key] = binding.action
                        continue
                    }
                    // The later of the user's rebindings that put this key here is the one refused.
                    let involved = rebindings.indices.filter { index in
                        let rebinding = rebindings[index]
                        return refused[index] == nil && [other, binding.action].contains(rebinding.action) && rebinding.keys.contains(key)
                            && (rebinding.context == nil || rebinding.context == context)
                    }
                    guard let index = involved.last else { continue }  // a clash the standard table has itself
                    let kept = rebindings[index].action == other ? binding.action : other
                    return (index, "\(key.label) is bound twice in “\(context.rawValue)”: to \(kept.rawValue) and to \(rebindings[index].action.rawValue)")
                }
            }
        }
        return nil
    }
}

extension Explorer {
    /// The key that lists the corpus's problems, as messages name it.
    static func problemsKey(_ state: State) -> String {
        state.keymap.name(.problems, in: [.workflows], usual: .character("!"))
    }

    /// "Enter keep · Esc clear" for a filter being typed, in the keys of the keymap in force.
    static func keepAndClear(_ state: State) -> String {
        "\(state.keymap.name(.acceptFilter, in: [.filtering], usual: .enter)) keep · \(state.keymap.name(.clear, in: [.filtering], usual: .escape)) clear"
    }
}
