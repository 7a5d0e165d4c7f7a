import ArgumentParser
import DossierTeam

struct TeamList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the team's analysts: name, role, key, and whether authorized_keys lets them in.")

    @OptionGroup var keys: AuthorizedKeysOption
    @OptionGroup var place: TeamHome

    func run() throws {
        let team = place.team
        let members = try place.members()
        let lines = try keys.read().sessions(home: team.home)
        if members.isEmpty { print("no analysts yet: `dossier team add NAME --key FILE.pub --team \(team.home)`") }
        let width = members.map(\.name.count).max() ?? 0
        for member in members {
            let key = (try? PublicKey.parse(member.key)).map { "\($0.type) …\($0.blob.suffix(12))" + ($0.comment.isEmpty ? "" : " \($0.comment)") } ?? member.key
            let line = lines.first { $0.line.session?.name == member.name }
            let access = line.map { "authorized_keys line \($0.number)" } ?? "NO LINE in \(keys.path)"
            print(member.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + member.role.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
                  + "  " + key + "  " + access)
        }
        try finishOutput()
    }
}
