import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `dossier team check`: what would stop sshd from letting an analyst in, or let the wrong one in.
public enum TeamCheck {
    /// Each problem found, located (a file, or `authorized_keys:LINE`), in the order looked at.
    public static func problems(team: TeamFolder, members: [TeamFolder.Member], authorizedKeys path: String, keys: AuthorizedKeys,
                                user: uid_t = getuid(), accountHome: String = NSHomeDirectory()) -> [String] {
        var found: [String] = []
        // sshd's StrictModes: the key file and every folder above it, up to the account's home (or to /
        // for a file outside it), are the user's (or root's) and nobody else can write them; otherwise
        // sshd ignores the file and nobody gets in.
        found += modeProblems(path, what: "the key file", user: user, strict: true)
        var folder = (path as NSString).deletingLastPathComponent
        let home = accountHome.hasSuffix("/") && accountHome.count > 1 ? String(accountHome.dropLast()) : accountHome
        while !folder.isEmpty {
            found += modeProblems(folder, what: "a folder above the key file", user: user, strict: false)
            if folder == home || folder == "/" { break }
            folder = (folder as NSString).deletingLastPathComponent
        }
        // The team's own files: written only by the account.
        for place in [team.home, team.corpus, team.analysts, team.members] where FileManager.default.fileExists(atPath: place) {
            found += modeProblems(place, what: "a file of the team's", user: user, strict: false)
        }
        // Lines sshd would reject, keys given twice (sshd uses the first line that matches, so the
        // second's command never runs), names given twice.
        var keyLines: [String: Int] = [:]
        var nameLines: [String: Int] = [:]
        for (index, text) in keys.lines.enumerated() {
            let number = index + 1
            let line: AuthorizedKeys.Line?
            do {
                line = try AuthorizedKeys.parse(line: text)
            } catch {
                found.append("\(path):\(number): sshd would reject this line: \(error)")
                continue
            }
            guard let line else { continue }
            if let first = keyLines[line.key.blob] {
                found.append("\(path):\(number): the key of line \(first) again: sshd takes line \(first) for it, so this line's command never runs")
            } else {
                keyLines[line.key.blob] = number
            }
            guard let session = line.session, session.home == team.home else { continue }
            if let first = nameLines[session.name] {
                found.append("\(path):\(number): \(session.name) has a line already (line \(first)): `dossier team remove \(session.name)` and add one key")
            } else {
                nameLines[session.name] = number
            }
            if let member = members.first(where: { $0.name == session.name }) {
                if (try? PublicKey.parse(member.key))?.blob != line.key.blob {
                    found.append("\(path):\(number): the key for \(session.name) is not the one members.json holds")
                }
            } else {
                found.append("\(path):\(number): \(session.name) is not in \(team.members): the session will refuse them")
            }
        }
        for member in members where nameLines[member.name] == nil {
            found.append("\(team.members): \(member.name) has no line in \(path): they cannot connect")
        }
        var seen: Set<String> = []
        for member in members where !seen.insert(member.name).inserted {
            found.append("\(team.members): \(member.name) is listed twice")
        }
        return found
    }

    static func modeProblems(_ path: String, what: String, user: uid_t, strict: Bool) -> [String] {
        var status = stat()
        guard stat(path, &status) == 0 else { return ["\(path): \(what) cannot be read (\(String(cString: strerror(errno))))"] }
        var problems: [String] = []
        if status.st_uid != user && status.st_uid != 0 {
            problems.append("\(path): \(what) belongs to user \(status.st_uid), not to this account (\(user)): sshd refuses keys it cannot trust")
        }
        if status.st_mode & 0o022 != 0 {
            problems.append("\(path): \(what) can be written by others (mode \(String(status.st_mode & 0o777, radix: 8))): `chmod go-w \(path)`")
        }
        if strict, status.st_mode & 0o077 != 0, status.st_mode & 0o022 == 0 {
            problems.append("\(path): \(what) can be read by others (mode \(String(status.st_mode & 0o777, radix: 8))): `chmod 600 \(path)` keeps who may connect private")
        }
        return problems
    }
}

/// `team.log`: one line per session start and end, and per refused command; never keystrokes.
public struct TeamLog: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// Appends one line (a single write to a file opened for appending, so lines from sessions running
    /// at once never interleave) and flushes it.
    public func write(_ words: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let line = Array((stamp + " " + words.replacingOccurrences(of: "\n", with: " ") + "\n").utf8)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = line.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
    }
}
