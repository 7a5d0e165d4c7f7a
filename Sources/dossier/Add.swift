import ArgumentParser
import DossierApp
import DossierConfig
import DossierModel
import Foundation

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add an excerpt, actor or statement, or attach an excerpt to a statement, in a corpus directory.",
        discussion: """
            Every edit is checked with the validator before anything is written, and refused (exit 65) with its \
            messages if it would break the corpus. The files it changes are replaced together (a kill leaves the \
            corpus wholly before or after the edit), and records it does not touch keep their bytes. See docs/editing.md.
            """,
        subcommands: [AddExcerpt.self, AddActor.self, AddStatement.self, AddSignatory.self, AddLead.self, AddAddressee.self,
                      AddCount.self, AddSource.self])
}

struct AddExcerpt: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "excerpt",
        abstract: "Add an excerpt: exact words of an article (a prefix and suffix are added when they occur more than once).")

    @Option(help: ArgumentHelp("The article the words are in.", valueName: "ID")) var article: String
    @Option(help: "The words, exactly as the article has them.") var quote: String
    @Option(help: ArgumentHelp("Which occurrence, when the words occur more than once (1 is the first).", valueName: "N")) var occurrence: Int?
    @Option(help: ArgumentHelp("A record the excerpt is about (repeat for more).", valueName: "ID")) var about: [String] = []
    @Option(help: ArgumentHelp("Whose words the article relays, when not its own.", valueName: "ID")) var speaker: String?
    @Option(help: ArgumentHelp("The new excerpt's id (default: derived from the article and the words).", valueName: "ID")) var id: String?
    @Option(help: ArgumentHelp("A statement the words are evidence for, in the same edit (with --shows).", valueName: "ID")) var statement: String?
    @Option(help: ArgumentHelp("What the words show about --statement: source (the statement itself), signatory, lead, addressee (with --actor) or count (with --value).",
                               valueName: "WHAT")) var shows: String?
    @Option(help: ArgumentHelp("The actor a signatory, lead or addressee is.", valueName: "ID")) var actor: String?
    @Option(help: ArgumentHelp("The number a count gives.", valueName: "N")) var value: Int?
    @Option(help: ArgumentHelp("How the source hedges the count: \(CountQualifier.allCases.map(\.rawValue).joined(separator: ", ")).")) var qualifier: String?
    @OptionGroup var target: EditTarget

    func validate() throws {
        guard (statement == nil) == (shows == nil) else { throw ValidationError("--statement and --shows go together") }
        guard let shows else { return }
        guard ["source", "signatory", "lead", "addressee", "count"].contains(shows) else {
            throw ValidationError("--shows takes source, signatory, lead, addressee or count, not “\(shows)”")
        }
        if ["signatory", "lead", "addressee"].contains(shows) && actor == nil { throw ValidationError("--shows \(shows) needs --actor") }
        if shows == "count" && value == nil { throw ValidationError("--shows count needs --value") }
    }

    /// What the words show about the statement, from --shows and its companions.
    var part: CorpusEdits.StatementPart? {
        switch shows {
        case "source": return .source
        case "signatory": return actor.map { .signatory(actor: $0) }
        case "lead": return actor.map { .lead(actor: $0) }
        case "addressee": return actor.map { .addressee(actor: $0) }
        case "count": return value.map { .count(value: $0, qualifier: qualifier) }
        default: return nil
        }
    }

    func run() throws {
        var linked: String?
        try runEdit(target, said: { outcome in
            let what = linked.map { "linked excerpt \($0) (it already quotes these words)" } ?? "added excerpt \(outcome.added.first ?? "")"
            return what + (statement.map { " (\(shows ?? "") of \($0))" } ?? "")
        }) { corpus, record throws(EditError) in
            // Words an excerpt already quotes (the same span) are that excerpt, linked, never a copy.
            let excerpt = try CorpusEdits.excerptOrExisting(article: article, quote: quote, occurrence: occurrence, about: about, speaker: speaker,
                                                            id: id, in: corpus, record: record)
            if excerpt.existing { linked = excerpt.id }
            guard let statement, let part else {
                if excerpt.existing && excerpt.edits.isEmpty { throw .invalid("\(excerpt.id) already quotes these words: nothing was added") }
                return excerpt.edits
            }
            guard let value = record(.statement, statement) else { throw .invalid("no statement has the id “\(statement)”") }
            // One edit, two files: the excerpt and the statement that cites it, written together.
            return excerpt.edits + [try CorpusEdits.attach(part, excerpt: excerpt.id, to: statement, in: corpus, record: value)]
        }
    }
}

struct AddActor: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "actor", abstract: "Add an actor.")

    @Option(help: "The actor's name.") var name: String
    @Option(help: ArgumentHelp("What it is: \(ActorKind.allCases.map(\.rawValue).joined(separator: ", ")).")) var kind: String
    @Option(help: ArgumentHelp("A state's ISO 3166-1 alpha-3 code (its id by default).", valueName: "ISO3")) var country: String?
    @Option(help: ArgumentHelp("Another name the actor goes by (repeat for more).", valueName: "NAME")) var alias: [String] = []
    @Option(help: ArgumentHelp("The new actor's id (default: the ISO3 code of a state, else derived from the name).", valueName: "ID")) var id: String?
    @OptionGroup var target: EditTarget

    func run() throws {
        try runEdit(target, said: { "added actor \($0.added.first ?? "")" }) { corpus, _ throws(EditError) in
            [try CorpusEdits.actor(name: name, kind: kind, country: country, aliases: alias, id: id, in: corpus).edit]
        }
    }
}

struct AddStatement: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "statement", abstract: "Add a statement (a joint statement, letter, resolution…).")

    @Option(help: "Its title.") var title: String
    @Option(help: ArgumentHelp("What it is: \(StatementKind.allCases.map(\.rawValue).joined(separator: ", ")).")) var kind: String
    @Option(help: ArgumentHelp("When: YYYY, YYYY-MM or YYYY-MM-DD.", valueName: "DATE")) var date: String
    @Option(help: ArgumentHelp("Its stance on China's policies: \(Stance.allCases.map(\.rawValue).joined(separator: ", ")).")) var stance: String
    @Option(help: ArgumentHelp("Where it was made: an actor id (un-hrc) or a plain name.", valueName: "ID")) var forum: String?
    @Option(help: ArgumentHelp("The new statement's id (default: st-DATE-words-of-the-title).", valueName: "ID")) var id: String?
    @OptionGroup var target: EditTarget

    func run() throws {
        try runEdit(target, said: { "added statement \($0.added.first ?? "")" }) { corpus, _ throws(EditError) in
            [try CorpusEdits.statement(title: title, kind: kind, date: date, stance: stance, forum: forum, id: id, in: corpus).edit]
        }
    }
}

/// `dossier add signatory|lead|addressee|count|source`: an excerpt attached to a statement.
func attach(_ part: CorpusEdits.StatementPart, excerpt: String, statement: String, target: EditTarget, what: String) throws {
    try runEdit(target, said: { _ in "\(what) \(statement), from \(excerpt)" }) { corpus, record throws(EditError) in
        guard let value = record(.statement, statement) else { throw .invalid("no statement has the id “\(statement)”") }
        return [try CorpusEdits.attach(part, excerpt: excerpt, to: statement, in: corpus, record: value)]
    }
}

/// What `add signatory`, `add lead` and `add addressee` take.
struct RoleOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The statement.", valueName: "ID")) var statement: String
    @Option(help: ArgumentHelp("The actor in that role.", valueName: "ID")) var actor: String
    @Option(help: ArgumentHelp("The excerpt that names it so.", valueName: "ID")) var excerpt: String
    @OptionGroup var target: EditTarget
}

struct AddSignatory: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "signatory", abstract: "Name an actor as signing a statement, on an excerpt's word.")
    @OptionGroup var role: RoleOptions
    func run() throws {
        try attach(.signatory(actor: role.actor), excerpt: role.excerpt, statement: role.statement, target: role.target, what: "\(role.actor) signed")
    }
}

struct AddLead: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lead", abstract: "Name an actor as leading a statement, on an excerpt's word.")
    @OptionGroup var role: RoleOptions
    func run() throws {
        try attach(.lead(actor: role.actor), excerpt: role.excerpt, statement: role.statement, target: role.target, what: "\(role.actor) led")
    }
}

struct AddAddressee: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "addressee", abstract: "Name an actor a statement was addressed to, on an excerpt's word.")
    @OptionGroup var role: RoleOptions
    func run() throws {
        try attach(.addressee(actor: role.actor), excerpt: role.excerpt, statement: role.statement, target: role.target,
                   what: "\(role.actor) was addressed by")
    }
}

struct AddCount: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "count", abstract: "Give how many signed a statement, as an excerpt says.")
    @Option(help: ArgumentHelp("The statement.", valueName: "ID")) var statement: String
    @Option(help: ArgumentHelp("How many.", valueName: "N")) var value: Int
    @Option(help: ArgumentHelp("How the source hedges it: \(CountQualifier.allCases.map(\.rawValue).joined(separator: ", ")).")) var qualifier: String?
    @Option(help: ArgumentHelp("The excerpt that gives the number.", valueName: "ID")) var excerpt: String
    @OptionGroup var target: EditTarget
    func run() throws { try attach(.count(value: value, qualifier: qualifier), excerpt: excerpt, statement: statement, target: target, what: "a count of \(value) for") }
}

struct AddSource: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "source", abstract: "Attach an excerpt that reports a statement itself.")
    @Option(help: ArgumentHelp("The statement.", valueName: "ID")) var statement: String
    @Option(help: ArgumentHelp("The excerpt.", valueName: "ID")) var excerpt: String
    @OptionGroup var target: EditTarget
    func run() throws { try attach(.source, excerpt: excerpt, statement: statement, target: target, what: "a source for") }
}
