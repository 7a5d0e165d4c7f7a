import Foundation
import TOMLKit

/// The user's settings, from `$XDG_CONFIG_HOME/dossier/config.toml` (`~/.config/dossier/`) or
/// `--config PATH` (docs/configuration.md). A file with mistakes still gives a configuration: what was
/// wrong is left at its default and said, located (file:line:column), in `problems`.
public struct Configuration: Sendable, Equatable {
    /// The name notes are signed with (`[notes] author`); nil: `$USER`.
    public var author: String?
    /// The file read, if there was one.
    public var path: String?
    public var problems: [Problem] = []

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(path):\(line):\(column): \(message)" }
    }

    /// Every setting there is, as `table.key`, with what it must be.
    static let settings: [String: String] = ["notes.author": "a name, in quotes"]

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
        return parse(text, path: path)
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
        for key in table.keys.sorted() {
            guard let inner = table[key]?.table else {
                problem(key, "unknown setting “\(key)”: settings are in tables, as [notes] author = \"…\" (see docs/configuration.md)")
                continue
            }
            for name in inner.keys.sorted() {
                let setting = key + "." + name
                guard let what = settings[setting] else {
                    let known = settings.keys.sorted().joined(separator: ", ")
                    problem(setting, "unknown setting “\(setting)” (known: \(known))")
                    continue
                }
                switch setting {
                case "notes.author":
                    if let author = inner[name]?.string, !author.trimmingCharacters(in: .whitespaces).isEmpty {
                        configuration.author = author
                    } else {
                        problem(setting, "“\(setting)” must be \(what); $USER is used")
                    }
                default: break
                }
            }
        }
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
