import Foundation

/// A public key as an `authorized_keys` line carries it: its type, its base64 blob and a comment.
public struct PublicKey: Equatable, Sendable {
    public var type: String
    public var blob: String
    public var comment: String

    /// The key types OpenSSH accepts in `authorized_keys` (sshd(8), "AUTHORIZED_KEYS FILE FORMAT").
    public static let types: Set<String> = [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ]

    /// "TYPE BASE64 [COMMENT]", as `ssh-keygen` writes a `.pub` file; what sshd would reject is said.
    public static func parse(_ text: String) throws(TeamError) -> PublicKey {
        let words = text.trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count >= 2 else { throw .invalid("a public key is \"TYPE BASE64 [COMMENT]\" (as in a .pub file); got \(quoted(text))") }
        return try PublicKey(type: String(words[0]), blob: String(words[1]), comment: words.dropFirst(2).joined(separator: " "))
    }

    /// Checks what sshd checks of a key: a known type, base64 that decodes, and a blob that names the
    /// same type it is written under.
    public init(type: String, blob: String, comment: String) throws(TeamError) {
        guard Self.types.contains(type) else {
            throw .invalid("\(quoted(type)) is not a key type sshd accepts (\(Self.types.sorted().joined(separator: ", ")))")
        }
        guard let bytes = Data(base64Encoded: blob), bytes.count >= 4 else { throw .invalid("the key's base64 does not decode") }
        let length = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, bytes.count >= 4 + length, String(decoding: bytes.dropFirst(4).prefix(length), as: UTF8.self) == type else {
            throw .invalid("the key's blob is not a \(type) key")
        }
        self.type = type
        self.blob = blob
        self.comment = comment
    }

    public var text: String { comment.isEmpty ? "\(type) \(blob)" : "\(type) \(blob) \(comment)" }
}

/// An `authorized_keys` file's lines, edited without touching any line it does not change: a team's
/// lines are recognised by their forced command (`dossier team session HOME NAME`).
public struct AuthorizedKeys: Sendable {
    /// The file's lines as they are, without their line ends.
    public var lines: [String]
    /// Whether the file ended without a line end (kept so).
    public var endsWithoutNewline: Bool

    public init(text: String) {
        // Split at each LF byte: a line ending CR LF keeps its CR (a Character would hold CR LF as one).
        var lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        endsWithoutNewline = !(lines.last?.isEmpty ?? true)
        if !endsWithoutNewline { lines.removeLast() }
        self.lines = text.isEmpty ? [] : lines
    }

    public var text: String {
        lines.isEmpty ? "" : lines.joined(separator: "\n") + (endsWithoutNewline ? "" : "\n")
    }

    /// One line of the file, read as sshd reads it: options, then the key.
    public struct Line: Equatable, Sendable {
        public var options: String?
        public var key: PublicKey
        /// For a team's line: the team folder and the analyst its forced command names.
        public var session: (home: String, name: String)?

        public static func == (left: Line, right: Line) -> Bool {
            left.options == right.options && left.key == right.key && left.session?.home == right.session?.home && left.session?.name == right.session?.name
        }
    }

    /// Reads a line; nil for a blank line or a comment; an error for a line sshd would reject.
    public static func parse(line: String) throws(TeamError) -> Line? {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.isEmpty || text.hasPrefix("#") { return nil }
        // Options come first unless the line starts with a key type; they end at the first blank that
        // is not inside double quotes.
        var options: String?
        var rest = Substring(text)
        let first = text.prefix { $0 != " " && $0 != "\t" }
        if !PublicKey.types.contains(String(first)) {
            var quoted = false
            var escaped = false
            var end = text.endIndex
            for index in text.indices {
                let character = text[index]
                if escaped { escaped = false; continue }
                if character == "\\" && quoted { escaped = true; continue }
                if character == "\"" { quoted.toggle(); continue }
                if !quoted && (character == " " || character == "\t") { end = index; break }
            }
            guard !quoted else { throw .invalid("an option's quotation marks are not closed") }
            options = String(text[..<end])
            rest = text[end...]
        }
        let key = try PublicKey.parse(String(rest))
        return Line(options: options, key: key, session: options.flatMap(sessionIn))
    }

    /// The forced command's team folder and name, when it runs `dossier team session`.
    static func sessionIn(options: String) -> (home: String, name: String)? {
        guard let start = options.range(of: "command=\"") else { return nil }
        var value = ""
        var escaped = false
        for character in options[start.upperBound...] {
            if escaped { value.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" { break }
            value.append(character)
        }
        let words = ShellWords.split(value)
        guard let words, words.count == 5, words[1] == "team", words[2] == "session" else { return nil }
        return (words[3], words[4])
    }

    /// The line `team add` writes: no forwarding, agent, X11 or user rc (`restrict`), a terminal when one
    /// is asked for (`pty`), and the session as the only command.
    public static func line(program: String, home: String, name: String, key: PublicKey) -> String {
        let command = [program, "team", "session", home, name].map(ShellWords.quote).joined(separator: " ")
        let escaped = command.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "restrict,pty,command=\"\(escaped)\" \(key.text)"
    }

    /// The team's lines: (line number from 1, what it says).
    public func sessions(home: String) -> [(number: Int, line: Line)] {
        lines.enumerated().compactMap { index, text in
            guard let line = try? Self.parse(line: text), line.session?.home == home else { return nil }
            return (index + 1, line)
        }
    }

    /// Adds a line at the end; every other line stays as it was, byte for byte.
    public mutating func append(_ line: String) {
        lines.append(line)
        endsWithoutNewline = false
    }

    /// Removes the team's lines for `name`; returns how many.
    public mutating func remove(home: String, name: String) -> Int {
        let before = lines.count
        lines.removeAll { text in
            guard let line = try? Self.parse(line: text), let session = line.session else { return false }
            return session.home == home && session.name == name
        }
        return before - lines.count
    }
}

/// What goes wrong in a team command, said to the user.
public enum TeamError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    case unreadable(String)

    public var description: String {
        switch self {
        case .invalid(let words), .unreadable(let words): return words
        }
    }
}

func quoted(_ text: String) -> String { "\"" + text.prefix(80) + (text.count > 80 ? "…" : "") + "\"" }
