import Foundation
import Testing
@testable import DossierTeam

/// Issue 31: the pieces of a team on one server that need no sshd to test (the end-to-end test with a
/// real sshd is Tests/e2e/team_ssh.py).
@Suite struct TeamTests {
    static let ana = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICxCCXTl3yJJzpAOuolPFPqZFfB9W7U/N/nqyIc6FCHV ana@laptop"
    static let bo = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ7vnhrF+ZrhW4rv9YWsO72tZY1nrHr4xkup2NB/TJKv bo@desk"
    static let cy = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBB/+t2BwvULYIgQF0oayWfrQvpPL6l1q0UD2nluCOYG66CDBVrEaNlnFf9wq10y6PYjyZYuTE96+xatsDTMGEw8= cy"

    @Test func keysAreCheckedAsSshdChecksThem() throws {
        #expect(try PublicKey.parse(Self.ana + "\n").comment == "ana@laptop")
        #expect(try PublicKey.parse(Self.cy).type == "ecdsa-sha2-nistp256")
        // A type sshd does not know, base64 that does not decode, a blob of another type.
        #expect(throws: TeamError.self) { try PublicKey.parse("ssh-dss AAAA") }
        #expect(throws: TeamError.self) { try PublicKey.parse("ssh-ed25519 not*base64") }
        let ecdsaBlob = Self.cy.split(separator: " ")[1]
        #expect(throws: TeamError.self) { try PublicKey.parse("ssh-ed25519 \(ecdsaBlob)") }
        #expect(throws: TeamError.self) { try PublicKey.parse("ssh-ed25519") }
    }

    @Test func aLineIsAddedAndRemovedAndEveryOtherLineKeepsItsBytes() throws {
        let before = "# my keys\r\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ7vnhrF+ZrhW4rv9YWsO72tZY1nrHr4xkup2NB/TJKv bo@desk\n\nfrom=\"10.0.0.1\" \(Self.cy)"
        var file = AuthorizedKeys(text: before)
        file.append(AuthorizedKeys.line(program: "/usr/local/bin/dossier", home: "/srv/team one", name: "ana", key: try PublicKey.parse(Self.ana)))
        #expect(file.text.hasPrefix(before + "\n"))
        let added = try #require(file.lines.last)
        #expect(added == "restrict,pty,command=\"/usr/local/bin/dossier team session '/srv/team one' ana\" " + Self.ana)
        let parsed = try #require(try AuthorizedKeys.parse(line: added))
        #expect(parsed.session?.home == "/srv/team one" && parsed.session?.name == "ana")
        #expect(file.sessions(home: "/srv/team one").map(\.number) == [5])
        // Another team's line and the user's own lines are not the team's.
        #expect(file.sessions(home: "/srv/other").isEmpty)
        #expect(file.remove(home: "/srv/team one", name: "ana") == 1)
        // The file's last line, which had no line end, has one now; its bytes are as they were.
        #expect(file.text == before + "\n")
    }

    @Test func linesSshdWouldRejectAreFound() throws {
        #expect(try AuthorizedKeys.parse(line: "   ") == nil)
        #expect(try AuthorizedKeys.parse(line: "# comment") == nil)
        #expect(throws: TeamError.self) { try AuthorizedKeys.parse(line: "command=\"unclosed \(Self.ana)") }
        #expect(throws: TeamError.self) { try AuthorizedKeys.parse(line: "restrict ssh-ed25519 AAAA") }
    }

    @Test func aRemoteCommandRunsOnlyWhatReads() throws {
        let team = TeamFolder(home: "/srv/team")
        #expect(try RemoteCommand.arguments(for: "search Bachelet", team: team).get() == ["search", "Bachelet", "--data", "/srv/team/corpus"])
        #expect(try RemoteCommand.arguments(for: "search 'joint letter' --format json", team: team).get()
                == ["search", "joint letter", "--format", "json", "--data", "/srv/team/corpus"])
        #expect(try RemoteCommand.arguments(for: "notes", team: team).get() == ["notes", "list", "--data", "/srv/team/corpus", "--notes", "/srv/team/notes.jsonl"])
        for refused in ["ls", "add actor x", "notes add x hello", "export statements --out /tmp/x", "export statements -o/tmp/x",
                        "list actors --data /etc", "show x --config /tmp/c", "search 'unclosed", "", "team session /srv/team bo"] {
            guard case .failure(let error) = RemoteCommand.arguments(for: refused, team: team) else {
                Issue.record("\(refused) was not refused")
                continue
            }
            #expect(error.description.contains("allowed here: list, show, search"), "\(refused)")
        }
    }

    @Test func shellWordsAreSplitWithoutExpansion() {
        #expect(ShellWords.split("a 'b c' \"d \\\" e\" f\\ g $HOME *") == ["a", "b c", "d \" e", "f g", "$HOME", "*"])
        #expect(ShellWords.split("'open") == nil)
        #expect(ShellWords.quote("/srv/team") == "/srv/team")
        #expect(ShellWords.quote("it's here") == "'it'\\''s here'")
        #expect(ShellWords.split(ShellWords.quote("it's here")) == ["it's here"])
    }

    @Test func namesAreFolderNamesAndCommandWords() {
        for good in ["ana", "bo.smith", "cy_2", "d-e"] { #expect(throws: Never.self) { try TeamFolder.checkName(good) } }
        for bad in ["", "-x", ".hidden", "a b", "a/b", "é", String(repeating: "a", count: 65)] {
            #expect(throws: TeamError.self, "\(bad)") { try TeamFolder.checkName(bad) }
        }
    }

    @Test func checkFindsModesAndKeysGivenTwice() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("team-check-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/home/.ssh", withIntermediateDirectories: true)
        chmod(folder + "/home", 0o755)
        chmod(folder + "/home/.ssh", 0o700)
        let team = TeamFolder(home: folder + "/team")
        try FileManager.default.createDirectory(atPath: team.home, withIntermediateDirectories: true)
        let path = folder + "/home/.ssh/authorized_keys"
        let ana = AuthorizedKeys.line(program: "/bin/dossier", home: team.home, name: "ana", key: try PublicKey.parse(Self.ana))
        let twice = AuthorizedKeys.line(program: "/bin/dossier", home: team.home, name: "bo", key: try PublicKey.parse(Self.ana))
        let text = [ana, twice, "ssh-ed25519 broken"].joined(separator: "\n") + "\n"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o666]))
        let members = [TeamFolder.Member(name: "ana", role: .reader, key: Self.ana), TeamFolder.Member(name: "cy", role: .editor, key: Self.cy)]
        let problems = TeamCheck.problems(team: team, members: members, authorizedKeys: path, keys: AuthorizedKeys(text: text), accountHome: folder + "/home")
        #expect(problems.contains { $0.hasPrefix(path + ": the key file can be written by others (mode 666)") })
        #expect(problems.contains { $0.hasPrefix(path + ":2: the key of line 1 again") })
        #expect(problems.contains { $0.hasPrefix(path + ":3: sshd would reject this line") })
        #expect(problems.contains { $0.contains("cy has no line") })
        chmod(path, 0o600)
        let fine = TeamCheck.problems(team: team, members: Array(members.prefix(1)), authorizedKeys: path, keys: AuthorizedKeys(text: ana + "\n"),
                                      accountHome: folder + "/home")
        #expect(fine.isEmpty, "\(fine)")
        // A folder above the file that others can write: sshd would ignore the file.
        chmod(folder + "/home/.ssh", 0o777)
        let open = TeamCheck.problems(team: team, members: Array(members.prefix(1)), authorizedKeys: path, keys: AuthorizedKeys(text: ana + "\n"),
                                      accountHome: folder + "/home")
        #expect(open == [folder + "/home/.ssh: a folder above the key file can be written by others (mode 777): `chmod go-w \(folder)/home/.ssh`"])
    }
}
