import DossierModel

/// Where Enter on a row leads.
public enum Link: Hashable, Sendable {
    case actor(String)
    case statement(String)
    /// An event, in the timeline.
    case event(String)
    /// An excerpt: its article, scrolled to the span.
    case excerpt(String)
}

public struct Segment: Equatable, Sendable {
    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role = .normal) {
        self.text = text
        self.role = role
    }
}

/// One row of a detail, facts or source pane.
public struct PaneLine: Sendable {
    public var segments: [Segment]
    /// Selectable rows have a link.
    public var link: Link?
    /// The excerpts shown in the source pane while this row is selected.
    public var excerpts: [String]
    /// A further screen line of the row above, wrapped to the pane's width: selected with it.
    public var isContinuation = false
    /// Where the row's further lines begin when it wraps (by default under its own first letter).
    public var hangingIndent: Int?
    /// What `a` and `b` write on while this row is selected, when it is a part of a record (a
    /// signatory, a count) or another record (an excerpt); nil: the record the pane shows.
    public var noteTarget: NoteTarget?
    /// A fact no excerpt of the corpus states (its row says so, and `y` copies it marked so, citing no
    /// excerpt): "no source in the corpus states this", or its `supplied` note.
    public var unstated: String?

    public init(_ segments: [Segment], link: Link? = nil, excerpts: [String] = []) {
        self.segments = segments
        self.link = link
        self.excerpts = excerpts
    }

    public static func text(_ text: String, _ role: Role = .normal) -> PaneLine { PaneLine([Segment(text, role)]) }
    public static let blank = PaneLine([])
}

public enum StanceStyle {
    /// Stance as a symbol and a word, so it reads without colour.
    public static func label(_ stance: Stance) -> String {
        switch stance {
        case .critical: return "▼ critical"
        case .supportive: return "▲ supportive"
        case .mixed: return "◆ mixed"
        case .neutral: return "○ neutral"
        }
    }

    public static func symbol(_ stance: Stance) -> String {
        String(label(stance).prefix(1))
    }

    public static func role(_ stance: Stance) -> Role {
        switch stance {
        case .critical: return .critical
        case .supportive: return .supportive
        case .mixed: return .mixed
        case .neutral: return .neutral
        }
    }
}

/// Builds the rows of the detail and source panes. `update` uses the same rows to bound selections
/// and follow links, so what is drawn and what Enter does cannot drift apart.
public enum PaneContent {
    // MARK: Detail pane (actors, statements)

    /// The detail pane's screen lines at a pane width: every row wrapped, nothing cut.
    public static func detail(_ state: State, view: ViewID, width: Int) -> [PaneLine] {
        guard view != .articles, view != .matrix, let id = state.selectedID(in: view) else { return [] }
        let key = ReaderLayouts.DetailKey(record: id, width: width, marked: state.navigation.marked == id, glyphs: state.glyphs,
                                          notesRevision: state.notesRevision)
        return state.readerLayouts.detail(key) { laidOut(detail(of: id, state: state), width: width) }
    }

    /// Rows are drawn one column in, after the selection mark: the columns left for their text.
    public static func textWidth(ofPane width: Int) -> Int { max(1, width - 1) }

    /// Rows wrapped to a pane's width: a row too long for it continues on the lines below, indented
    /// as it began, each piece keeping its role. "…" is never used here: every character is shown.
    public static func laidOut(_ lines: [PaneLine], width: Int) -> [PaneLine] {
        let room = textWidth(ofPane: width)
        var result: [PaneLine] = []
        result.reserveCapacity(lines.count)
        for line in lines {
            let text = line.segments.map(\.text).joined()
            if !text.contains(where: \.isNewline) && DisplayWidth.onScreen(text) <= room {
                result.append(line)
                continue
            }
            let indent = text.prefix { $0 == " " }.count
            let hanging = min(max(indent, line.hangingIndent ?? indent), room / 2)
            let body = String(text.dropFirst(indent))
            let wrapped = WrappedText(body, width: max(1, room - indent), hangingWidth: max(1, room - hanging))
            // Each segment's place in `body`, in UTF-8 offsets (the indent lies before offset 0).
            var pieces: [(range: Range<Int>, role: Role)] = []
            var offset = -indent
            for segment in line.segments {
                let size = segment.text.utf8.count
                pieces.append((offset..<(offset + size), segment.role))
                offset += size
            }
            for (number, range) in wrapped.lines.enumerated() {
                let lead = number == 0 ? indent : hanging
                var segments = lead > 0 ? [Segment(String(repeating: " ", count: lead))] : []
                for piece in pieces {
                    let lower = max(piece.range.lowerBound, range.lowerBound), upper = min(piece.range.upperBound, range.upperBound)
                    guard lower < upper else { continue }
                    segments.append(Segment(String(body[wrapped.index(lower)..<wrapped.index(upper)]), piece.role))
                }
                var screenLine = PaneLine(segments, link: number == 0 ? line.link : nil, excerpts: number == 0 ? line.excerpts : [])
                screenLine.isContinuation = number > 0
                // What a and b act on stays with the row when it wraps (a long excerpt row is still the excerpt).
                if number == 0 {
                    screenLine.noteTarget = line.noteTarget
                    screenLine.unstated = line.unstated
                }
                result.append(screenLine)
            }
        }
        return result
    }

    /// The last screen line of the row that begins at `line` (its continuations follow it).
    public static func lastLine(ofRowAt line: Int, in lines: [PaneLine]) -> Int {
        var last = line
        while last + 1 < lines.count && lines[last + 1].isContinuation { last += 1 }
        return last
    }

    /// A record's name, then its id (dim), so what is on screen can be looked up with `dossier show ID`.
    static func heading(_ name: String, id: String) -> [PaneLine] {
        [.text(name, .heading), .text(id, .dim)]
    }

    /// The detail rows of any actor, statement or event.
    public static func detail(of id: String, state: State) -> [PaneLine] {
        var lines = recordDetail(of: id, state: state)
        // A record of a corpus opened with problems says its own, under its heading.
        if !lines.isEmpty, let indices = state.problemsOfRecord[id], !indices.isEmpty {
            let said = indices.map { index -> PaneLine in
                let problem = state.problems[index]
                return PaneLine([Segment("⚠ \(problem.severity.rawValue): ", .warning), Segment(problem.message)])
            }
            lines.insert(contentsOf: said + [PaneLine([Segment("(\(Explorer.problemsKey(state)) lists every problem)", .dim)])], at: min(2, lines.count))
        }
        // What the articles do not state, and where it comes from: under the heading, dimmed.
        if !lines.isEmpty, let supplied = state.corpus.supplied(of: id) {
            var notes: [PaneLine] = []
            if let record = supplied.record { notes.append(PaneLine([Segment("supplied, not in the articles: ", .label), Segment(record, .dim)])) }
            for field in supplied.fields { notes.append(PaneLine([Segment("supplied \(field.field): ", .label), Segment(field.note, .dim)])) }
            lines.insert(contentsOf: notes, at: min(2, lines.count))
        }
        // The analyst's own notes first of all, under the heading.
        if !lines.isEmpty { lines.insert(contentsOf: Explorer.noteLines(of: id, state: state), at: min(2, lines.count)) }
        let extra = state.corpus.extraFields(of: id)
        if !lines.isEmpty && !extra.isEmpty {
            lines += [.blank, .text("Your fields (x-)", .heading)]
            lines += extra.map { PaneLine([Segment("  " + $0.key + ": ", .label), Segment($0.text)]) }
        }
        return lines
    }

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

    /// Indices of the selectable rows.
    public static func selectable(_ lines: [PaneLine]) -> [Int] {
        lines.indices.filter { lines[$0].link != nil }
    }

    /// The selected row's line, clamped to the rows that exist.
    public static func selectedLine(_ lines: [PaneLine], selection: Int) -> Int? {
        let rows = selectable(lines)
        guard !rows.isEmpty else { return nil }
        return rows[min(max(0, selection), rows.count - 1)]
    }

    // MARK: Source pane

    /// The source pane: each excerpt behind the selected fact, with its article, publisher and date,
    /// wrapped to the width. In the Articles view it lists the facts the selected span supports.
    public static func source(_ state: State, view: ViewID, width: Int) -> [PaneLine] {
        let corpus = state.corpus
        if view == .articles { return laidOut(facts(state), width: width) }
        let detail = detail(state, view: view, width: state.layout(for: view).content(of: .detail)?.width ?? state.width)
        let position = state.positions[view] ?? ViewPosition()
        guard let line = selectedLine(detail, selection: position.detail.selected) else { return [] }
        if let unstated = detail[line].unstated { return laidOut([.text("No excerpt states this fact: \(unstated).", .dim)], width: width) }
        var lines: [PaneLine] = []
        for excerptID in detail[line].excerpts {
            let quoted = quotation(excerptID, corpus: corpus, withTitle: true, keys: state.keymap)
            if !lines.isEmpty && !quoted.isEmpty { lines.append(.blank) }
            lines += quoted
        }
        return laidOut(lines, width: width)
    }

    /// An excerpt as the source pane shows it: its article's title (when asked for), publisher and
    /// date, then the quote, as rows to be laid out at a width.
    /// `keys`: the keymap in force, which names the key that lists the problems.
    public static func quotation(_ excerptID: String, corpus: Corpus, withTitle: Bool, keys: Keymap) -> [PaneLine] {
        guard let excerpt = corpus.excerpt(excerptID) else { return [PaneLine([reference(excerptID, corpus)])] }
        var lines: [PaneLine] = []
        if let article = corpus.article(excerpt.article) {
            if withTitle { lines.append(.text(article.title, .heading)) }
            lines.append(.text("\(corpus.attribution(of: excerpt)) · \(article.published)", .label))
        } else {
            lines.append(.text("article “\(excerpt.article)” ⚠ not in the corpus", .warning))
        }
        lines += quoteLines(excerpt)
        if excerpt.anchor == .unanchored, corpus.article(excerpt.article) != nil {
            lines.append(.text("⚠ not found in the article's text: check the quote (\(keys.name(.problems, in: [.workflows], usual: .character("!"))) lists the problems)", .warning))
        }
        return lines
    }

    /// An excerpt's words as the article has them. A misquote's words that differ from the stored
    /// quote are marked, and the stored quote follows, said to be what the corpus file holds.
    static func quoteLines(_ excerpt: Excerpt) -> [PaneLine] {
        guard excerpt.anchor == .misquoted, let stored = excerpt.storedQuote else { return [.text("“" + excerpt.quote + "”")] }
        let difference = QuoteDifference(stored: stored, article: excerpt.quote)
        let marked = difference.articleParts.map { Segment($0.text, $0.differs ? .warning : .normal) }
        return [
            PaneLine([Segment("“")] + marked + [Segment("”")]),
            PaneLine([Segment("⚠ misquoted: the corpus file has ", .warning), Segment("“" + stored + "”")]),
            .text("  " + difference.summary, .warning),
        ]
    }

    /// The facts pane of the reader: what the selected span supports, each followable.
    public static func facts(_ state: State) -> [PaneLine] {
        let corpus = state.corpus
        guard let articleID = state.selectedID(in: .articles) else { return [] }
        let spans = corpus.excerptsInArticle[articleID, default: []]
        guard !spans.isEmpty else { return [.text("No marked spans in this article.", .dim)] }
        let selected = state.positions[.articles]?.detail.selected ?? -1
        guard spans.indices.contains(selected) else {
            return [.text("No marked span on the cursor's line.", .dim), .text("\(state.keymap.name(.nextSpan, in: [.reader], usual: .character("]"))) and \(state.keymap.name(.previousSpan, in: [.reader], usual: .character("["))) step through the \(spans.count) spans; \(state.keymap.name(.selectPassage, in: [.reader], usual: .character("v"))) selects a passage.", .dim)]
        }
        let excerptID = spans[selected]
        guard let excerpt = corpus.excerpt(excerptID) else { return [] }
        var lines: [PaneLine] = [.text("Span \(selected + 1) of \(spans.count) supports:", .heading)]
        if excerpt.anchor == .misquoted, let stored = excerpt.storedQuote {
            // Beside the article's text: the quote as stored, which only comes close to the span.
            lines.insert(PaneLine([Segment("⚠ misquoted: the corpus file has ", .warning), Segment("“" + stored + "”")]), at: 0)
        }
        // Its own `about` list first, then records that cite it (in id order, so frames are deterministic).
        var supported: [String] = []
        for record in excerpt.about where !supported.contains(record) { supported.append(record) }
        let citing = corpus.recordsCiting[excerptID, default: []].sorted()
        for record in citing where !supported.contains(record) { supported.append(record) }
        supported = supported.enumerated()
            .sorted { (kindOrder(corpus.kind(of: $0.element)), $0.offset) < (kindOrder(corpus.kind(of: $1.element)), $1.offset) }
            .map(\.element)
        for record in supported {
            switch corpus.kind(of: record) {
            case .statement:
                guard let statement = corpus.statement(record) else { continue }
                lines.append(PaneLine([Segment("statement ", .label), Segment(statement.date.description + " "), Segment(statement.title)],
                                      link: .statement(record), excerpts: [excerptID]))
            case .actor:
                guard let actor = corpus.actor(record) else { continue }
                lines.append(PaneLine([Segment("actor     ", .label), Segment(actor.name), Segment(" (" + actor.kind.rawValue + ")", .dim)],
                                      link: .actor(record), excerpts: [excerptID]))
            case .event:
                guard let event = corpus.event(record) else { continue }
                lines.append(PaneLine([Segment("event     ", .label), Segment(event.date.description + " "), Segment(event.title)],
                                      link: .event(record), excerpts: [excerptID]))
            default:
                continue
            }
        }
        if supported.isEmpty { lines.append(.text("(no fact cites this span)", .dim)) }
        lines += Explorer.noteLines(of: articleID, state: state)
        lines.append(.blank)
        lines.append(.text("“" + excerpt.quote + "”", .dim))
        return lines
    }

    static func kindOrder(_ kind: RecordKind?) -> Int {
        switch kind {
        case .statement: return 0
        case .event: return 1
        case .actor: return 2
        default: return 3
        }
    }

    // MARK: Reader

    /// The article reader's lines: a header, then the body wrapped with spans marked.
    public static func reader(_ state: State, width: Int) -> ReaderContent? {
        guard let id = state.selectedID(in: .articles) else { return nil }
        return reader(of: id, width: width, state: state)
    }

    /// An article laid out at a width: the one laid out last, while it is among the last few.
    static func reader(of id: String, width: Int, state: State) -> ReaderContent? {
        guard let article = state.corpus.article(id) else { return nil }
        return state.readerLayouts.layout(of: id, width: width) {
            ReaderContent(article: article, spans: state.corpus.excerptsInArticle[id, default: []].compactMap { state.corpus.excerpt($0) },
                          width: width, bodies: state.bodies,
                          problems: state.problemsOfRecord[id, default: []].map { "⚠ \(state.problems[$0].severity.rawValue): \(state.problems[$0].message)" })
        }
    }
}

/// An article laid out for the reader: header lines, then wrapped body lines.
public struct ReaderContent: Sendable {
    public let header: [String]
    public let body: WrappedText
    public let spans: [Excerpt]
    public let gutter = 2
    /// Set when the body could not be read from its file (changed on disk since loading): the body
    /// lines then say why, and no span is marked.
    public let unreadable: ArticleBody.Unreadable?

    /// `problems`: the article's own, said under its header lines.
    init(article: Article, spans: [Excerpt], width: Int, bodies: BodyStore, problems: [String] = []) {
        let textWidth = max(1, width - gutter)
        var header = wrapLines(article.title, width: textWidth)
        header += wrapLines("\(article.publisher) · \(article.published) · \(spans.count) marked spans · \(article.id)", width: textWidth)
        // The address a citation points at, whole (wrapped, never cut), so it can be read off the screen.
        if let url = article.url { header += wrapLines(url, width: textWidth) }
        for field in article.extra { header += wrapLines(field.key + ": " + field.text, width: textWidth) }
        for problem in problems { header += wrapLines(problem, width: textWidth) }
        header.append("")
        self.header = header
        do {
            self.body = WrappedText(try bodies.text(of: article), width: textWidth)
            self.spans = spans
            self.unreadable = nil
        } catch {
            self.body = WrappedText("⚠ " + error.description, width: textWidth)
            self.spans = []
            self.unreadable = error
        }
    }

    public var lineCount: Int { header.count + body.lines.count }

    /// The reader line on which a span begins.
    public func line(ofSpan index: Int) -> Int {
        guard spans.indices.contains(index) else { return 0 }
        return header.count + body.line(containingUTF8: spans[index].span.utf8Start)
    }

    /// The reader lines a span takes, from its first character's to its last's.
    public func lines(ofSpan index: Int) -> ClosedRange<Int> {
        guard spans.indices.contains(index) else { return 0...0 }
        let span = spans[index].span
        return line(ofSpan: index)...(header.count + body.line(containingUTF8: max(span.utf8Start, span.utf8End - 1)))
    }

    /// The span the reader's target is on a line: `preferred` when it takes the line, else the one
    /// holding `utf8` (the current search hit, when it is on the line), else the first that takes the
    /// line; nil when no span does.
    public func span(onLine line: Int, preferring preferred: Int, holding utf8: Int?) -> Int? {
        if spans.indices.contains(preferred), lines(ofSpan: preferred).contains(line) { return preferred }
        let onLine = spans.indices.filter { lines(ofSpan: $0).contains(line) }
        if let utf8, let holding = onLine.first(where: { (spans[$0].span.utf8Start..<spans[$0].span.utf8End).contains(utf8) }) { return holding }
        return onLine.first
    }
}
