import ArgumentParser
import DossierTeam

struct TeamCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the team against what sshd wants: owners and modes (StrictModes), key lines it would reject, names or keys given twice.",
        discussion: "Exit 0 when nothing is wrong, 1 with each problem on its own line.")

    @OptionGroup var keys: AuthorizedKeysOption
    @OptionGroup var place: TeamHome

    func run() throws {
        let team = place.team
        let members = try place.members()
        let problems = TeamCheck.problems(team: team, members: members, authorizedKeys: keys.path, keys: try keys.read())
        for problem in problems { print(problem) }
        print(problems.isEmpty ? "ok: \(members.count) analyst\(members.count == 1 ? "" : "s"), nothing sshd would refuse" : "\(problems.count) problem\(problems.count == 1 ? "" : "s")")
        try finishOutput()
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
