import DossierModel
import Foundation

/// A team's folder (docs/team.md):
///
/// ```
/// HOME/corpus/          the corpus everyone reads (and editors edit)
/// HOME/notes.jsonl      the shared notes journal
/// HOME/members.json     who may connect: name, role, key
/// HOME/analysts/NAME/   each analyst's own: their place in the corpus, their copies, their edit log
/// HOME/cache/           the corpus's persistent index, shared by every session
/// HOME/team.log         one line per session start and end, and per refused command
/// ```
public struct TeamFolder: Sendable {
    public let home: String

    public init(home: String) {
        // An absolute path: the forced command runs from the account's home, not from here.
        let absolute = home.hasPrefix("/") ? home : FileManager.default.currentDirectoryPath + "/" + home
        self.home = URL(fileURLWithPath: absolute).standardizedFileURL.path
    }

    public var corpus: String { home + "/corpus" }
    public var notes: String { home + "/notes.jsonl" }
    public var members: String { home + "/members.json" }
    public var analysts: String { home + "/analysts" }
    public var cache: String { home + "/cache" }
    public var log: String { home + "/team.log" }
    public func folder(of name: String) -> String { analysts + "/" + name }

    public enum Role: String, Codable, Sendable, CaseIterable {
        case reader, editor
    }

    public struct Member: Codable, Equatable, Sendable {
        public var name: String
        public var role: Role
        /// The public key, "TYPE BASE64 [COMMENT]".
        public var key: String

        public init(name: String, role: Role, key: String) {
            self.name = name
            self.role = role
            self.key = key
        }
    }

    /// A name that is a folder name and a word in a forced command: letters, digits, `.`, `_`, `-`.
    public static func checkName(_ name: String) throws(TeamError) {
        guard !name.isEmpty, name.count <= 64, name.first != ".", name.first != "-",
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw .invalid("\(quoted(name)) is not a name for an analyst: use letters, digits, '.', '_' and '-' (not first), up to 64")
        }
    }

    /// The members, as `members.json` holds them.
    public func readMembers() throws(TeamError) -> [Member] {
        guard FileManager.default.fileExists(atPath: members) else {
            throw .unreadable("\(home) is not a team folder (no members.json): `dossier team init \(home) --from-bundled` makes one (or give --team HOME)")
        }
        guard let data = FileManager.default.contents(atPath: members) else { throw .unreadable("cannot read \(members)") }
        do {
            return try JSONDecoder().decode(Members.self, from: data).members
        } catch {
            throw .invalid("\(members): not a members file (\(error))")
        }
    }

    public func writeMembers(_ list: [Member]) throws(TeamError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(Members(members: list)) else { throw .invalid("cannot encode the members") }
        do {
            try AtomicFile.write(Array(data) + [0x0A], to: members, replacing: true, mode: 0o644)
        } catch {
            throw .unreadable(error.description)
        }
    }

    struct Members: Codable {
        var members: [Member]
    }
}
