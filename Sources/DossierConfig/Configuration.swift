import DossierApp
import DossierModel
import Foundation
import TOMLKit

/// The user's settings, from `$XDG_CONFIG_HOME/dossier/config.toml` (`~/.config/dossier/`) or
/// `--config PATH` (docs/configuration.md). A file with mistakes still gives a configuration: what was
/// wrong is left at its default and said, located (file:line:column), in `problems`.
public struct Configuration: Sendable, Equatable {
    /// The name notes are signed with (`[notes] author`); nil: `$USER`.
    public var author: String?
    /// The corpus the explorer opens when no --data is given (`[explorer] corpus`); nil: the bundled one.
    public var corpus: String?
    /// Whether the explorer takes mouse events (`[explorer] mouse`); nil: off.
    public var mouse: Bool?
    /// `[explorer] theme` and `[colors]`.
    public var palette = Palette.standard
    /// `[keys]` and `[keys.CONTEXT]`, in the file's order of tables; those refused (a clash) left out.
    public var rebindings: [KeyRebinding] = []
    /// `[citation] format`.
    public var citation: CitationFormat?
    /// The file read, if there was one.
    public var path: String?
    /// Where each setting that is not at its default was set: "config.toml:3:1".
    public var sources: [String: String] = [:]
    public var problems: [Problem] = []

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(path):\(line):\(column): \(message)" }
    }

    /// The key bindings in effect: the standard table with `rebindings` applied.
    public var keymap: Keymap { Keymap.standard.rebinding(rebindings).keymap }

    /// Every setting there is, as `table.key`, with what it must be; `keys.ACTION` and `colors.ROLE`
    /// stand for one per action and one per role.
    static let settings: [String: String] = [
        "explorer.corpus": "a path, in quotes",
        "explorer.mouse": "true or false",
        "explorer.theme": "\"dark\" or \"light\"",
        "notes.author": "a name, in quotes",
        "citation.format": "a template in quotes, such as \"“{quote}” — {via}{source} [{id}]\"",
    ]

    public init() {}

    /// `$XDG_CONFIG_HOME/dossier/config.toml`, else `~/.config/dossier/config.toml`.
    public static func defaultPath(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((environment["HOME"] ?? ".") + "/.config")
        return base + "/dossier/config.toml"
    }

    public enum LoadError: Error, CustomStringConvertible {
        /// `--config PATH` names a file that cannot be read.
        case unreadable(String, String)
        public var description: String {
            switch self {
            case .unreadable(let path, let why): return "\(path): cannot read the configuration: \(why)"
            }
        }
    }

    /// The configuration in effect: the file given, else the default file if there is one, else the
    /// defaults. Only a file named with `--config` that cannot be read is an error.
    public static func load(explicit: String?, environment: [String: String]) throws(LoadError) -> Configuration {
        let path = explicit ?? defaultPath(environment: environment)
        guard let data = FileManager.default.contents(atPath: path) else {
            if explicit == nil && !FileManager.default.fileExists(atPath: path) { return Configuration() }
            throw .unreadable(path, FileManager.default.fileExists(atPath: path) ? "permission denied or not a file" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            var configuration = Configuration()
            configuration.path = path
            configuration.problems = [Problem(path: path, line: 1, column: 1, message: "not UTF-8 text; the defaults are used")]
            return configuration
        }
        var configuration = parse(text, path: path)
        if let corpus = configuration.corpus, corpus.hasPrefix("~/"), let home = environment["HOME"] {
            configuration.corpus = home + corpus.dropFirst(1)
        }
        return configuration
    }

    /// Reads a configuration's text; every mistake is a located problem, and leaves its setting alone.
    public static func parse(_ text: String, path: String) -> Configuration {
        var configuration = Configuration()
        configuration.path = path
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            configuration.problems.append(Problem(path: path, line: error.source.begin.line, column: error.source.begin.column,
                                                  message: "\(error.description); the defaults are used"))
            return configuration
        } catch {
            configuration.problems.append(Problem(path: path, line: 1, column: 1, message: "\(error); the defaults are used"))
            return configuration
        }
        let places = KeyPlaces(text)
        func problem(_ name: String, _ message: String) {
            let place = places.place(of: name)
            configuration.problems.append(Problem(path: path, line: place.line, column: place.column, message: message))
        }
        func set(_ name: String) {
            let place = places.place(of: name)
            configuration.sources[name] = "\(path):\(place.line):\(place.column)"
        }
        var rebindings: [(setting: String, rebinding: KeyRebinding)] = []
        /// `action = "key"` or `action = ["key", …]`, in [keys] or [keys.CONTEXT].
        func keyRebinding(_ setting: String, _ name: String, _ value: TOMLValueConvertible, context: KeyContext?) -> KeyRebinding? {
            guard let action = Action(rawValue: name) else {
                let hint = closestMatch(to: name, in: Action.allCases.map(\.rawValue)).map { " (did you mean “\($0)”?)" } ?? ""
                problem(setting, "unknown action “\(name)”\(hint); `dossier config --default` lists them")
                return nil
            }
            let names = value.string.map { [$0] } ?? value.array?.map { $0.string }
            guard let names, !names.isEmpty, names.allSatisfy({ $0 != nil }) else {
                problem(setting, "“\(setting)” must be a key in quotes, or a list of them, as [\"j\", \"Down\"]; the keys of \(name) are kept")
                return nil
            }
            var keys: [Key] = []
            for name in names.compactMap({ $0 }) {
                guard let key = Key(configName: name) else {
                    problem(setting, "“\(name)” is not a key: write one character, a name such as Enter, Esc, Tab, Space, PgDn, Up, or Ctrl- and a letter; the keys of \(action.rawValue) are kept")
                    return nil
                }
                if !keys.contains(key) { keys.append(key) }
            }
            return KeyRebinding(action: action, keys: keys, context: context)
        }
        let tables = ["explorer", "colors", "keys", "notes", "citation"]
        for key in table.keys.sorted() {
            guard let inner = table[key]?.table else {
                problem(key, "unknown setting “\(key)”: settings are in tables, as [notes] author = \"…\" (see docs/configuration.md)")
                continue
            }
            guard tables.contains(key) else {
                let hint = closestMatch(to: key, in: tables).map { " (did you mean [\($0)]?)" } ?? ""
                problem(key, "unknown table [\(key)]\(hint); the tables are " + tables.map { "[\($0)]" }.joined(separator: ", "))
                continue
            }
            for name in inner.keys.sorted() {
                let setting = key + "." + name
                let value = inner[name]!
                switch key {
                case "keys":
                    if let contextTable = value.table {
                        guard let context = KeyContext.allCases.first(where: { $0.configName == name }) else {
                            let known = KeyContext.allCases.map(\.configName)
                            let hint = closestMatch(to: name, in: known).map { " (did you mean [keys.\($0)]?)" } ?? ""
                            problem(setting, "unknown key context [keys.\(name)]\(hint); the contexts are " + known.joined(separator: ", "))
                            continue
                        }
                        for actionName in contextTable.keys.sorted() {
                            if let rebinding = keyRebinding(setting + "." + actionName, actionName, contextTable[actionName]!, context: context) {
                                rebindings.append((setting + "." + actionName, rebinding))
                            }
                        }
                        continue
                    }
                    if let rebinding = keyRebinding(setting, name, value, context: nil) { rebindings.append((setting, rebinding)) }
                case "colors":
                    guard let role = Role.allCases.first(where: { $0.configName == name }) else {
                        let known = Role.allCases.map(\.configName)
                        let hint = closestMatch(to: name, in: known).map { " (did you mean “\($0)”?)" } ?? ""
                        problem(setting, "unknown colour role “\(name)”\(hint); the roles are " + known.joined(separator: ", "))
                        continue
                    }
                    guard let word = value.string, word.lowercased() == "default" || TerminalColour(name: word) != nil else {
                        problem(setting, "“\(setting)” must be one of black, red, green, yellow, blue, magenta, cyan, white or default, in quotes; the theme's colour is kept")
                        continue
                    }
                    configuration.palette.overrides[role] = TerminalColour(name: word)
                    set(setting)
                default:
                    guard let what = settings[setting] else {
                        let known = settings.keys.filter { $0.hasPrefix(key + ".") }.sorted()
                        problem(setting, "unknown setting “\(setting)” (known: \(known.joined(separator: ", ")))")
                        continue
                    }
                    switch setting {
                    case "notes.author":
                        if let author = value.string, !author.trimmingCharacters(in: .whitespaces).isEmpty {
                            configuration.author = author
                            set(setting)
                        } else {
                            problem(setting, "“\(setting)” must be \(what); $USER is used")
                        }
                    case "explorer.corpus":
                        if let corpus = value.string, !corpus.isEmpty {
                            configuration.corpus = corpus
                            set(setting)
                        } else {
                            problem(setting, "“\(setting)” must be \(what); the bundled corpus is opened")
                        }
                    case "explorer.mouse":
                        if let mouse = value.bool {
                            configuration.mouse = mouse
                            set(setting)
                        } else {
                            problem(setting, "“\(setting)” must be \(what); the mouse stays off")
                        }
                    case "explorer.theme":
                        if let name = value.string, let base = Palette.Base(rawValue: name.lowercased()) {
                            configuration.palette.base = base
                            set(setting)
                        } else {
                            problem(setting, "“\(setting)” must be \(what); the dark theme is used")
                        }
                    case "citation.format":
                        guard let template = value.string else {
                            problem(setting, "“\(setting)” must be \(what); the standard citation is used")
                            break
                        }
                        if let format = CitationFormat(template: template) {
                            configuration.citation = format
                            set(setting)
                        } else {
                            problem(setting, "“\(setting)”: \(CitationFormat.problem(in: template) ?? "not a template"); the standard citation is used")
                        }
                    default: break
                    }
                }
            }
        }
        // Keys last: a clash is found only once every rebinding is known.
        let refused = Keymap.standard.rebinding(rebindings.map(\.rebinding)).refused
        for (index, entry) in rebindings.enumerated() {
            if let reason = refused[index] {
                problem(entry.setting, reason + "; the keys of \(entry.rebinding.action.rawValue) there are kept")
            } else {
                configuration.rebindings.append(entry.rebinding)
                set(entry.setting)
            }
        }
        configuration.problems.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        return configuration
    }
}

/// Where each `table.key` is written in a configuration's text (line and column, from 1): TOMLKit
/// says where a syntax error is, not where a value is, so a wrong value is located here.
struct KeyPlaces {
    private var places: [String: (line: Int, column: Int)] = [:]

    init(_ text: String) {
        var table = ""
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let content = line.dropFirst(indent)
            if content.hasPrefix("[") {
                table = content.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                if places[table] == nil { places[table] = (number + 1, indent + 1) }
            } else if let equals = content.firstIndex(of: "="), !content.hasPrefix("#") {
                let key = content[..<equals].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                let name = table.isEmpty ? key : table + "." + key
                if places[name] == nil { places[name] = (number + 1, indent + 1) }
            }
        }
    }

    func place(of name: String) -> (line: Int, column: Int) {
        places[name] ?? places[String(name.prefix { $0 != "." })] ?? (1, 1)
    }
}

// MARK: Printing a configuration

extension Configuration {
    /// A TOML string: quoted, with what TOML must have escaped.
    static func toml(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// Each action the keymap binds, once, with its keys (those of its first context) and where it applies.
    static func actions(of keymap: Keymap) -> [(action: Action, keys: [Key], contexts: [KeyContext])] {
        var seen: [Action: Int] = [:]
        var result: [(action: Action, keys: [Key], contexts: [KeyContext])] = []
        for binding in keymap.bindings {
            if let index = seen[binding.action] {
                if !result[index].contexts.contains(binding.context) { result[index].contexts.append(binding.context) }
                continue
            }
            seen[binding.action] = result.count
            result.append((binding.action, binding.keys, [binding.context]))
        }
        return result
    }

    /// The [keys] table of a keymap, and a [keys.CONTEXT] table for each context where an action's
    /// keys differ from those of its first: read back, it gives the same keymap. Each line starts with
    /// `prefix` (a comment sign, for the default file) and ends with what `note` says of its setting.
    static func keysText(_ keymap: Keymap, prefix: String, note: (String) -> String) -> String {
        let actions = actions(of: keymap)
        var text = "[keys]\n"
        for entry in actions {
            text += prefix + "\(entry.action.rawValue) = \(keyList(entry.keys))" + note("keys.\(entry.action.rawValue)") + "\n"
        }
        for context in KeyContext.allCases {
            let different = keymap.bindings.filter { binding in
                binding.context == context && actions.first { $0.action == binding.action }.map { $0.keys != binding.keys } == true
            }
            guard !different.isEmpty else { continue }
            text += "\n[keys.\(context.configName)]  # \(context.rawValue)\n"
            for binding in different {
                text += prefix + "\(binding.action.rawValue) = \(keyList(binding.keys))" + note("keys.\(context.configName).\(binding.action.rawValue)") + "\n"
            }
        }
        return text
    }

    static func keyList(_ keys: [Key]) -> String {
        keys.count == 1 ? toml(keys[0].label) : "[" + keys.map { toml($0.label) }.joined(separator: ", ") + "]"
    }

    /// `dossier config`: the configuration in effect, as a file that would give it, each value with
    /// where it came from (the file's line, or the default).
    public func effectiveText(author defaultAuthor: String) -> String {
        func origin(_ setting: String, _ fallback: String = "default") -> String {
            "  # " + (sources[setting] ?? fallback)
        }
        var text = "# The configuration in effect" + (path.map { ", read from \($0)" } ?? " (no configuration file: every value is the default)") + ".\n"
        text += "# Each value says where it came from: the file's line and column, or \"default\".\n"
        text += "\n[explorer]\n"
        text += (corpus.map { "corpus = \(Self.toml($0))" } ?? "# corpus: none, so the bundled corpus is opened") + origin("explorer.corpus") + "\n"
        text += "mouse = \(mouse ?? false)" + origin("explorer.mouse") + "\n"
        text += "theme = \(Self.toml(palette.base.rawValue))" + origin("explorer.theme") + "\n"
        text += "\n[colors]\n"
        for role in Role.allCases {
            let colour = palette.colour(role)
            text += "\(role.configName) = \(Self.toml(colour?.name ?? "default"))" + origin("colors.\(role.configName)", "\(palette.base.rawValue) theme") + "\n"
        }
        text += "\n" + Self.keysText(keymap, prefix: "") { "  # " + (sources[$0] ?? "default") }
        text += "\n[notes]\n"
        text += "author = \(Self.toml(author ?? defaultAuthor))" + origin("notes.author", "default: $USER") + "\n"
        text += "\n[citation]\n"
        text += "format = \(Self.toml((citation ?? .standard).template))" + origin("citation.format") + "\n"
        return text
    }

    /// `dossier config --default`: a configuration file with every setting at its default, commented
    /// out, and what each does; uncomment a line to change it.
    public static func defaultText() -> String {
        var text = """
            # Dossier's configuration: save as ~/.config/dossier/config.toml (or $XDG_CONFIG_HOME/dossier/
            # config.toml, or give it with --config PATH) and uncomment what you change. A mistake is said
            # with its line and column, and leaves that setting at its default. See docs/configuration.md.

            [explorer]
            # The corpus `dossier` opens without --data (other commands always take --data):
            # corpus = "~/corpora/xinjiang"
            # Take the mouse (also --mouse): the wheel scrolls the pane under the pointer, a click selects,
            # a double click opens. To select text with it on, hold Shift while dragging.
            # mouse = false
            # "dark" for a dark terminal background, "light" for a light one:
            # theme = "dark"

            [colors]
            # The colour each kind of text adds (black, red, green, yellow, blue, magenta, cyan, white, or
            # default for the terminal's own); marks stay visible without colour (underline, bold, reverse).

            """
        for role in Role.allCases {
            text += "# \(role.configName) = \(toml(Palette.standard.colour(role)?.name ?? "default"))\n"
        }
        text += """

            # Any action's keys: one key or a list. A key is one character, a name (Enter, Esc, Tab,
            # Shift-Tab, Space, Backspace, Delete, Up, Down, Left, Right, Home, End, PgUp, PgDn, Alt-Enter)
            # or Ctrl- and a letter. In [keys] the new keys replace the action's keys wherever it applies
            # (where text is typed, only those that do not type); in [keys.CONTEXT], in that context
            # only. A key bound twice in one context is refused. `dossier keys` shows the result.

            """
        text += "\n" + keysText(.standard, prefix: "# ") { _ in "" }
        text += """

            [notes]
            # The name your notes, bookmarks and edits are signed with (default: $USER):
            # author = "Ana Lima"

            [citation]
            # How y cites a quote. Fields:

            """
        for field in CitationFormat.fields { text += "#   {\(field.name)}: \(field.meaning)\n" }
        text += "# format = \(toml(CitationFormat.standard.template))\n"
        return text
    }
}
