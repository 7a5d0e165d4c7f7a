import Foundation
import Testing

/// Issue 31: `dossier team` on the command line, without sshd (the sessions through a real sshd are
/// Tests/e2e/e2e_team.py).
@Suite struct TeamCommandTests {
    static let ana = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICxCCXTl3yJJzpAOuolPFPqZFfB9W7U/N/nqyIc6FCHV ana@laptop"
    static let bo = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ7vnhrF+ZrhW4rv9YWsO72tZY1nrHr4xkup2NB/TJKv bo@desk"

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("team-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func initAddListRemoveKeepEveryOtherLine() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let team = folder + "/team"
        let keys = folder + "/authorized_keys"
        let own = "# mine\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ7vnhrF+ZrhW4rv9YWsO72tZY1nrHr4xkup2NB/TJKv me@home"
        try own.write(toFile: keys, atomically: true, encoding: .utf8)
        #expect(chmod(keys, 0o640) == 0)
        let made = try CLI.run(["team", "init", team, "--from-bundled"])
        #expect(made.status == 0 && made.stdout.hasPrefix("created the team folder \(team)"), "\(made.stderr)")
        #expect(try CLI.run(["team", "init", team, "--from-bundled"]).status == 73)
        let added = try CLI.run(["team", "add", "ana", "--key-text", Self.ana, "--role", "editor", "--authorized-keys", keys, "--team", team])
        #expect(added.status == 0, "\(added.stderr)")
        let text = try String(contentsOfFile: keys, encoding: .utf8)
        #expect(text.hasPrefix(own + "\n"))
        #expect(text.hasSuffix(" team session \(team) ana\" \(Self.ana)\n") && text.contains("\nrestrict,pty,command=\""))
        var status = stat()
        #expect(stat(keys, &status) == 0 && status.st_mode & 0o777 == 0o640)
        // The same name, or the same key, again: refused, nothing written.
        #expect(try CLI.run(["team", "add", "ana", "--key-text", Self.bo, "--authorized-keys", keys, "--team", team]).status == 65)
        let sameKey = try CLI.run(["team", "add", "cy", "--key-text", Self.ana, "--authorized-keys", keys, "--team", team])
        #expect(sameKey.status == 65 && sameKey.stderr.contains("that key is on line 3"))
        #expect(try CLI.run(["team", "add", "a b", "--key-text", Self.bo, "--authorized-keys", keys, "--team", team]).status == 65)
        #expect(try CLI.run(["team", "add", "bo", "--key-text", "ssh-ed25519 nope", "--authorized-keys", keys, "--team", team]).status == 65)
        #expect(try String(contentsOfFile: keys, encoding: .utf8) == text)
        let listed = try CLI.run(["team", "list", "--authorized-keys", keys, "--team", team])
        #expect(listed.stdout == "ana  editor  ssh-ed25519 …N/nqyIc6FCHV ana@laptop  authorized_keys line 3\n")
        let removed = try CLI.run(["team", "remove", "ana", "--authorized-keys", keys, "--team", team])
        #expect(removed.status == 0 && removed.stdout.hasPrefix("removed ana: 1 line"))
        #expect(try String(contentsOfFile: keys, encoding: .utf8) == own + "\n")
        #expect(try CLI.run(["team", "remove", "ana", "--authorized-keys", keys, "--team", team]).status == 1)
    }

    @Test func aSessionRunsOnlyWhatReadsAndLogsIt() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let team = folder + "/team"
        #expect(try CLI.run(["team", "init", team, "--from-bundled"]).status == 0)
        #expect(try CLI.run(["team", "add", "bo", "--key-text", Self.bo, "--authorized-keys", folder + "/keys", "--team", team]).status == 0)
        // The corpus's files must be a second old to be indexed (the racy-time rule).
        Thread.sleep(forTimeInterval: 1.1)
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = folder + "/account-cache"
        environment["SSH_CONNECTION"] = "203.0.113.9 50000 127.0.0.1 22"
        environment["SSH_ORIGINAL_COMMAND"] = "show 'United Kingdom'"
        let shown = try CLI.run(["team", "session", team, "bo"], environment: environment)
        #expect(shown.status == 0 && shown.stdout.contains("United Kingdom"), "\(shown.stderr)")
        environment["SSH_ORIGINAL_COMMAND"] = "list actors --data /etc"
        let refused = try CLI.run(["team", "session", team, "bo"], environment: environment)
        #expect(refused.status == 64 && refused.stderr.contains("--data is chosen by the team's server"))
        environment["SSH_ORIGINAL_COMMAND"] = "list actors"
        #expect(try CLI.run(["team", "session", team, "zed"], environment: environment).status == 77)
        let log = try String(contentsOfFile: team + "/team.log", encoding: .utf8)
        #expect(log.contains(" command bo from 203.0.113.9: show 'United Kingdom'\n") && log.contains(" refused bo from 203.0.113.9: list actors --data /etc\n")
                && log.contains(" refused zed from 203.0.113.9: zed is not a member of this team\n"))
        // The shared index is the team's, not the account's.
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: team + "/cache/dossier")) ?? []).contains { $0.hasSuffix(".dix") })
        #expect(!FileManager.default.fileExists(atPath: folder + "/account-cache"))
    }
}
