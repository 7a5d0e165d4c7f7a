import DossierModel

/// The detail pane's rows for each kind of record: an actor's profile, a statement's facts, an event, an
/// excerpt, an article; each fact with the excerpts that state it.
extension PaneContent {
    static func recordDetail(of id: String, state: State) -> [PaneLine] {
        let corpus = state.corpus
        switch corpus.kind(of: id) {
        case .event:
            guard let event = corpus.event(id) else { return [] }
            var lines = heading(event.title, id: id)
            lines.append(PaneLine([Segment("event · ", .label), Segment(dateWithPrecision(event.date))]))
            for actor in event.actors {
                // Only the event's excerpts about the actor, or naming it: never the event's others.
                let mentioning = event.excerpts.filter { corpus.excerpt($0)?.about.contains(actor) == true || corpus.excerpt($0, names: actor) }
                lines.append(stated(PaneLine([Segment("actor: ", .label), reference(actor, corpus)], link: .actor(actor), excerpts: mentioning),
                                    supplied: corpus.supplied(of: id)?.note(for: "actors")))
            }
            for statement in event.statements {
                let stating = event.excerpts.filter {
                    corpus.excerpt($0)?.about.contains(statement) == true || corpus.recordsCiting[$0, default: []].contains(statement)
                }
                lines.append(stated(PaneLine([Segment("statement: ", .label), reference(statement, corpus)], link: .statement(statement), excerpts: stating),
                                    supplied: corpus.supplied(of: id)?.note(for: "statements")))
            }
            lines += excerptSection("Excerpts", event.excerpts, corpus: corpus)
            return lines
        case .actor:
            guard let actor = corpus.actor(id) else { return [] }
            var lines = heading(actor.name, id: id)
            var facts = actor.kind.rawValue
            if let country = actor.country { facts += " · " + country }
            lines.append(.text(facts, .label))
            if let role = actor.role { lines.append(.text(role)) }
            if !actor.aliases.isEmpty { lines.append(PaneLine([Segment("also: ", .label), Segment(actor.aliases.joined(separator: ", "))])) }
            if !actor.affiliations.isEmpty {
                lines.append(.blank)
                lines.append(.text("Affiliations", .heading))
                for affiliation in actor.affiliations {
                    // The excerpts about the actor or the affiliation whose words name both.
                    var candidates = corpus.excerptsAbout[id, default: []]
                    for other in corpus.excerptsAbout[affiliation, default: []] where !candidates.contains(other) { candidates.append(other) }
                    lines.append(stated(PaneLine([Segment("  "), reference(affiliation, corpus)], link: .actor(affiliation),
                                                 excerpts: corpus.excerpts(candidates, naming: id, affiliation)),
                                        supplied: corpus.supplied(of: id)?.note(for: "affiliations")))
                }
            }
            let roles = corpus.statementRoles[id, default: []]
            if !roles.isEmpty {
                lines.append(.blank)
                lines.append(.text("Statements", .heading))
                let sorted = roles.compactMap { role in corpus.statement(role.statement).map { (role, $0) } }
                    .sorted { ($0.1.date, $0.1.id) < ($1.1.date, $1.1.id) }
                for (role, statement) in sorted {
                    var line = PaneLine([Segment("  \(roleWord(role.role)) ", .label), Segment(statement.date.description + " "),
                                         Segment(StanceStyle.label(statement.stance) + " ", StanceStyle.role(statement.stance)), Segment(statement.title)],
                                        link: .statement(statement.id), excerpts: excerpts(for: role.role, actor: id, in: statement, corpus: corpus))
                    // A note here is on the actor's part in the statement, as from the statement's side.
                    if role.role != .forum { line.noteTarget = NoteTarget(record: statement.id, part: "\(role.role.rawValue):\(id)") }
                    lines.append(line)
                }
            }
            let about = corpus.excerptsAbout[id, default: []]
            if !about.isEmpty {
                lines.append(.blank)
                lines.append(.text("Excerpts (\(about.count))", .heading))
                for excerptID in about {
                    guard let excerpt = corpus.excerpt(excerptID) else { continue }
                    let source = corpus.article(excerpt.article).map { Segment("  " + corpus.attribution(of: excerpt) + ", " + $0.published.description + ": ", .label) }
                        ?? Segment("  " + excerpt.article + " (no such article): ", .warning)
                    var line = PaneLine([source, Segment("“" + excerpt.quote + "”")] + unanchoredMark(excerpt),
                                        link: .excerpt(excerptID), excerpts: [excerptID])
                    line.noteTarget = NoteTarget(record: excerptID)
                    lines.append(line)
                }
            }
            return lines
        case .statement:
            guard let statement = corpus.statement(id) else { return [] }
            var lines = heading(statement.title, id: id)
            if state.navigation.marked == id {
                lines.append(.text("\(state.glyphs.marked) marked: press \(state.keymap.name(.markStatement, in: [.workflows], usual: .character("m"))) on another statement to compare who signed", .warning))
            }
            lines.append(PaneLine([Segment(statement.kind.rawValue + " · " + dateWithPrecision(statement.date) + " · ", .label),
                                   Segment(StanceStyle.label(statement.stance), StanceStyle.role(statement.stance))]))
            let named = Set(statement.signatories.map(\.actor)).count
            var tally = "\(named) named"
            if let first = statement.counts.first { tally += " of " + RecordText.qualifierWords(first) }
            if statement.sourcesDisagreeOnCount { tally += "  \(state.glyphs.disagree) sources disagree" }
            lines.append(PaneLine([Segment("signed: ", .label), Segment(tally, statement.sourcesDisagreeOnCount ? .warning : .normal)]))
            if let forum = statement.forum {
                // An actor's id follows to its profile; a forum named in words is only shown. Its sources
                // are the statement's excerpts that name the forum, and no others.
                let isActor = corpus.actor(forum) != nil
                lines.append(stated(PaneLine([Segment("forum: ", .label), Segment(corpus.name(of: forum) ?? forum)], link: isActor ? .actor(forum) : nil,
                                             excerpts: corpus.excerpts(statement.excerpts, naming: forum)),
                                    supplied: statement.supplied?.note(for: "forum")))
            }
            for (label, ids, sources) in [("lead", statement.leads, statement.leadExcerpts), ("addressee", statement.addressees, statement.addresseeExcerpts)] {
                for actor in ids {
                    // The excerpts naming the actor in this role; a role given without them says so.
                    var segments = [Segment(label + ": ", .label), reference(actor, corpus)]
                    if sources[actor] == nil { segments.append(Segment(" (no excerpt names it)", .dim)) }
                    var line = PaneLine(segments, link: .actor(actor), excerpts: sources[actor] ?? [])
                    line.noteTarget = NoteTarget(record: id, part: "\(label):\(actor)")
                    lines.append(line)
                }
            }
            if !statement.counts.isEmpty {
                lines.append(.blank)
                lines.append(.text("Counts by source", .heading))
                for count in statement.counts {
                    // "22 — CNN, via China Digital Times, 2019-07": according to whom, and where.
                    let source = corpus.excerpt(count.excerpt).flatMap { excerpt in
                        corpus.article(excerpt.article).map { Segment("\(corpus.attribution(of: excerpt)), \($0.published)", .label) }
                    }
                    var line = PaneLine([Segment("  " + DisplayWidth.pad(RecordText.qualifierWords(count), to: 13)),
                                         source ?? reference(count.excerpt, corpus)],
                                        link: .excerpt(count.excerpt), excerpts: [count.excerpt])
                    line.noteTarget = NoteTarget(record: id, part: "count:\(count.excerpt)")
                    lines.append(line)
                }
            }
            lines.append(.blank)
            lines.append(.text("Signatories named (\(named))", .heading))
            if statement.signatories.isEmpty { lines.append(.text("  none named by the sources", .dim)) }
            for signatory in statement.signatories {
                let actor = corpus.actor(signatory.actor)
                var segments = [Segment("  "), reference(signatory.actor, corpus)]
                if let country = actor?.country, actor?.kind == .state { segments.append(Segment(" " + country, .dim)) }
                var line = PaneLine(segments, link: .actor(signatory.actor), excerpts: signatory.excerpts)
                line.noteTarget = NoteTarget(record: id, part: "signatory:\(signatory.actor)")
                lines.append(line)
            }
            // Those a source says did not sign: a fact of their own, with the excerpt that says so.
            if !statement.declined.isEmpty {
                lines.append(.blank)
                lines.append(.text("Said not to sign (\(statement.declined.count))", .heading))
                for entry in statement.declined {
                    let actor = corpus.actor(entry.actor)
                    var segments = [Segment("  "), reference(entry.actor, corpus)]
                    if let country = actor?.country, actor?.kind == .state { segments.append(Segment(" " + country, .dim)) }
                    segments.append(Segment(" — " + entry.how.words, .label))
                    var line = PaneLine(segments, link: .actor(entry.actor), excerpts: entry.excerpts)
                    line.noteTarget = NoteTarget(record: id, part: "declined:\(entry.actor)")
                    lines.append(line)
                }
            }
            lines += excerptSection("About the statement", statement.excerpts, corpus: corpus)
            return lines
        default:
            return []
        }
    }

    /// A reference as the pane shows it: the record's name, or, for an id the corpus lacks (a corpus
    /// opened with its problems), the id as written, marked.
    static func reference(_ id: String, _ corpus: Corpus) -> Segment {
        if let name = corpus.name(of: id) { return Segment(name) }
        return Segment(id + " ⚠ not in the corpus", .warning)
    }

    /// After a quote whose place in its article was not found.
    static func unanchoredMark(_ excerpt: Excerpt) -> [Segment] {
        switch excerpt.anchor {
        case .exact: return []
        case .misquoted: return [Segment(" ⚠ misquoted", .warning)]
        case .unanchored: return [Segment(" ⚠ not found in its article", .warning)]
        }
    }

    /// "2019-07 (month only)": partial dates say so.
    /// A record's own excerpts under a heading with their count, each quoted after its publisher and
    /// followed with Enter; nothing when there are none.
    static func excerptSection(_ heading: String, _ excerptIDs: [String], corpus: Corpus) -> [PaneLine] {
        guard !excerptIDs.isEmpty else { return [] }
        var lines: [PaneLine] = [.blank, .text("\(heading) (\(excerptIDs.count))", .heading)]
        for excerptID in excerptIDs {
            guard let excerpt = corpus.excerpt(excerptID) else {
                lines.append(PaneLine([Segment("  "), reference(excerptID, corpus)], link: .excerpt(excerptID), excerpts: []))
                continue
            }
            let source = corpus.article(excerpt.article).map { _ in Segment("  " + corpus.attribution(of: excerpt) + ": ", .label) }
                ?? Segment("  " + excerpt.article + " (no such article): ", .warning)
            var line = PaneLine([source, Segment("“" + excerpt.quote + "”")] + unanchoredMark(excerpt),
                                link: .excerpt(excerptID), excerpts: [excerptID])
            line.noteTarget = NoteTarget(record: excerptID)
            lines.append(line)
        }
        return lines
    }

    public static func dateWithPrecision(_ date: PartialDate) -> String {
        switch date.precision {
        case .day: return date.description
        case .month: return date.description + " (month only; no day given)"
        case .year: return date.description + " (year only)"
        }
    }

    static func roleWord(_ role: Corpus.StatementRole.Role) -> String {
        switch role {
        case .lead: return "led      "
        case .signatory: return "signed   "
        case .addressee: return "addressed"
        case .forum: return "forum    "
        case .declined: return "declined "
        }
    }

    /// The excerpts behind an actor's part in a statement: the signatory's own excerpts, or the
    /// statement's excerpts that mention the actor.
    static func excerpts(for role: Corpus.StatementRole.Role, actor: String, in statement: Statement, corpus: Corpus) -> [String] {
        if role == .signatory, let signatory = statement.signatories.first(where: { $0.actor == actor }) {
            return signatory.excerpts
        }
        if role == .lead, let excerpts = statement.leadExcerpts[actor] { return excerpts }
        if role == .addressee, let excerpts = statement.addresseeExcerpts[actor] { return excerpts }
        if role == .declined, let entry = statement.declined.first(where: { $0.actor == actor }) { return entry.excerpts }
        // The statement's excerpts about the actor or naming it; never the statement's others.
        return statement.excerpts.filter { corpus.excerpt($0)?.about.contains(actor) == true || corpus.excerpt($0, names: actor) }
    }

    /// A fact row that no excerpt states says so, in its words and for `y`: its `supplied` note, or
    /// that no source in the corpus states it.
    static func stated(_ line: PaneLine, supplied: String?) -> PaneLine {
        guard line.excerpts.isEmpty else { return line }
        var line = line
        let said = supplied.map { "supplied: " + $0 } ?? "no source in the corpus states this"
        line.segments.append(Segment(" (\(said))", .dim))
        line.unstated = said
        return line
    }
}
