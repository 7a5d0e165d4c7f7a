/// A command an analyst asks for over SSH without a terminal (`ssh dossier@host search Bachelet`),
/// as sshd hands it over in `SSH_ORIGINAL_COMMAND`: only the read-only commands run, on the team's
/// corpus and notes, with their usual output. What names another corpus, notes file, configuration or
/// output file is refused, so nothing a client sends reads or writes outside the team folder.
public enum RemoteCommand {
    /// The commands a session runs without a terminal.
    public static let allowed = ["list", "show", "search", "export", "notes"]

    /// The one line a refusal says.
    public static let allowedWords = "allowed here: list, show, search, export (to standard output), notes (to read them); with a terminal, the explorer"

    /// Options a client may not give: the session chooses these.
    static let refusedOptions = ["--data", "--notes", "--config", "--out", "-o", "--no-cache"]

    /// The arguments to run (the client's, with the team's corpus and notes), or why not.
    public static func arguments(for line: String, team: TeamFolder) -> Result<[String], TeamError> {
        guard let words = ShellWords.split(line) else { return .failure(.invalid("the command's quotes are not closed; \(allowedWords)")) }
        guard let command = words.first else { return .failure(.invalid("no command given; \(allowedWords)")) }
        guard allowed.contains(command) else { return .failure(.invalid("\(quoted(command)) is not run here; \(allowedWords)")) }
        var rest = Array(words.dropFirst())
        if command == "notes" {
            // Reading them only: `notes` or `notes list`.
            if rest.first == "list" { rest.removeFirst() }
            if let first = rest.first, !first.hasPrefix("-") { return .failure(.invalid("notes \(first) is not run here; \(allowedWords)")) }
            rest.insert("list", at: 0)
        }
        for word in rest {
            let option = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            if refusedOptions.contains(option) || (option.hasPrefix("-o") && !option.hasPrefix("--")) {
                return .failure(.invalid("\(option) is chosen by the team's server, not asked for; \(allowedWords)"))
            }
        }
        var arguments = [command] + rest + ["--data", team.corpus]
        if command == "notes" { arguments += ["--notes", team.notes] }
        return .success(arguments)
    }
}
