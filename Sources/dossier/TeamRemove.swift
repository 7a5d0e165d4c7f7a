import ArgumentParser
import DossierTeam

struct TeamRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Let an analyst in no more: their authorized_keys line and their membership go (their notes and folder stay).")

    @Argument(help: "The analyst's name.")
    var name: String

    @OptionGroup var keys: AuthorizedKeysOption
    @OptionGroup var place: TeamHome

    func run() throws {
        let team = place.team
        var members = try place.members()
        // The key line first: once it is gone they cannot connect, whatever happens next.
        var file = try keys.read()
        let removed = file.remove(home: team.home, name: name)
        if removed > 0 { try TeamAdd.write(file, to: keys.path) }
        let before = members.count
        members.removeAll { $0.name == name }
        guard removed > 0 || members.count != before else {
            printError("dossier: \(name) is not in the team at \(team.home) (`dossier team list --team \(team.home)`)")
            throw ExitCode(1)
        }
        do {
            try team.writeMembers(members)
        } catch {
            throw fail(error)
        }
        print("removed \(name): \(removed) line\(removed == 1 ? "" : "s") of \(keys.path)")
        try finishOutput()
    }
}
