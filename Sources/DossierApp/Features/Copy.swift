import DossierModel
import Foundation

/// Text the user asked to copy (`y`, `Y`): the terminal edge sends it to the clipboard (OSC 52) and
/// appends it to the copies file, then says what happened in the status line.
public struct ClipboardRequest: Equatable, Sendable {
    public var text: String
    /// What was copied, in a few words, for the status line ("the quote and its citation").
    public var what: String
}

/// How a quote is cited (`[citation] format` in the configuration): a template whose fields in braces
/// are filled from the excerpt and its article. The standard one is
/// `“{quote}” — {via}{source} [{id}]`, which reads “quote” — CNN, via China Digital Times, “Title”,
/// 2019-07 [x-cdt-cnn].
public struct CitationFormat: Sendable, Equatable {
    public static let fields: [(name: String, meaning: String)] = [
        ("quote", "the excerpt's exact words"),
        ("via", "whose words an article relays, as \"CNN, via \" (empty for the article's own)"),
        ("speaker", "whose words they are: the relayed speaker, else the publisher"),
        ("source", "Publisher, “Title”, date, URL (the URL when there is one)"),
        ("publisher", "the article's publisher"), ("title", "the article's title"), ("date", "the article's date"),
        ("url", "the article's URL, or nothing"), ("id", "the excerpt's id"), ("article", "the article's id"),
    ]

    public static let standard = CitationFormat(template: "“{quote}” — {via}{source} [{id}]")!

    public let template: String

    /// Nil when the template names a field there is not, or leaves a brace open; `problem` says which.
    public init?(template: String) {
        guard Self.problem(in: template) == nil else { return nil }
        self.template = template
    }

    /// What is wrong with a template, in words; nil when nothing is.
    public static func problem(in template: String) -> String? {
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return "a “{” is not closed" }
            let name = String(rest[rest.index(after: open)..<close])
            guard fields.contains(where: { $0.name == name }) else {
                return "no field “{\(name)}”; the fields are " + fields.map { "{\($0.name)}" }.joined(separator: " ")
            }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    func render(_ values: [String: String]) -> String {
        var text = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text += rest[..<open]
            text += values[String(rest[rest.index(after: open)..<close])] ?? ""
            rest = rest[rest.index(after: close)...]
        }
        return text + rest
    }
}

/// Citations as an analyst pastes them into a brief: the exact quote, then whose words and where.
public enum Citation {
    /// Publisher, “Title”, date, URL (the URL when the corpus has one).
    public static func source(_ article: Article) -> String {
        var parts = [article.publisher, "“\(article.title)”", article.published.description]
        if let url = article.url { parts.append(url) }
        return parts.joined(separator: ", ")
    }

    /// “quote” — Publisher, “Title”, date, URL [excerpt-id]; a relayed quote or figure names whose it
    /// is first: “quote” — CNN, via China Digital Times, “Title”, … The quote is the article's own
    /// characters (a misquote's too); an excerpt whose words are not in its article is never cited.
    public static func quote(_ excerptID: String, in corpus: Corpus, format: CitationFormat = .standard) -> String? {
        guard let excerpt = corpus.excerpt(excerptID), excerpt.anchor != .unanchored, let article = corpus.article(excerpt.article) else { return nil }
        let speaker = excerpt.speaker.map { corpus.name(of: $0) ?? $0 }
        return format.render([
            "quote": excerpt.quote, "via": speaker.map { "\($0), via " } ?? "", "speaker": speaker ?? article.publisher,
            "source": source(article), "publisher": article.publisher, "title": article.title,
            "date": article.published.description, "url": article.url ?? "", "id": excerpt.id, "article": article.id,
        ])
    }

    /// A record by its name or title, with its id (and an article's source).
    public static func record(_ id: String, in corpus: Corpus, format: CitationFormat = .standard) -> String? {
        switch corpus.kind(of: id) {
        case .article:
            return corpus.article(id).map { "\(source($0)) [\(id)]" }
        case .statement:
            return corpus.statement(id).map { statement in
                "\(statement.title) (\(statement.kind.rawValue), \(statement.date)) [\(id)]"
                    + according(to: statement.excerpts + statement.counts.map(\.excerpt), in: corpus)
            }
        case .event:
            return corpus.event(id).map { "\($0.title) (\($0.date)) [\(id)]" + according(to: $0.excerpts, in: corpus) }
        case .actor:
            return corpus.actor(id).map { "\($0.name) [\(id)]" }
        case .excerpt:
            return quote(id, in: corpus, format: format)
        case nil:
            return nil
        }
    }

    /// " — according to Publisher, “Title”, date, URL": the first source behind a record, when it has one.
    static func according(to excerpts: [String], in corpus: Corpus) -> String {
        guard let article = excerpts.lazy.compactMap({ corpus.excerpt($0) }).first.flatMap({ corpus.article($0.article) }) else { return "" }
        return " — according to \(source(article))"
    }

    /// A record's whole dossier as Markdown: what it is, then each fact with its quote and source.
    public static func dossier(_ id: String, in corpus: Corpus, format: CitationFormat = .standard) -> String? {
        guard let name = corpus.name(of: id) ?? corpus.excerpt(id).map({ _ in id }) else { return nil }
        var text = "# \(name) [\(id)]\n"
        func facts(_ heading: String, _ entries: [String]) {
            guard !entries.isEmpty else { return }
            text += "\n## \(heading)\n\n" + entries.map { "- \($0)\n" }.joined()
        }
        func quoted(_ excerpts: [String]) -> String {
            excerpts.compactMap { quote($0, in: corpus, format: format) }.joined(separator: "; ")
        }
        switch corpus.kind(of: id) {
        case .article:
            guard let article = corpus.article(id) else { return nil }
            text += "\n\(source(article))\n"
            facts("Excerpts", corpus.excerptsInArticle[id, default: []].compactMap { quote($0, in: corpus, format: format) })
        case .actor:
            guard let actor = corpus.actor(id) else { return nil }
            var line = actor.kind.rawValue
            if let country = actor.country { line += ", \(country)" }
            if let role = actor.role { line += "; \(role)" }
            text += "\n\(line)\n"
            facts("Statements", corpus.statementRoles[id, default: []].compactMap { role in
                corpus.statement(role.statement).map { statement in
                    "\(role.role.rawValue): \(statement.title) (\(statement.date)) — "
                        + quoted(PaneContent.excerpts(for: role.role, actor: id, in: statement, corpus: corpus))
                }
            })
            facts("Excerpts", corpus.excerptsAbout[id, default: []].compactMap { quote($0, in: corpus, format: format) })
        case .statement:
            guard let statement = corpus.statement(id) else { return nil }
            text += "\n\(statement.kind.rawValue), \(statement.date), \(statement.stance.rawValue)\n"
            facts("Counts", statement.counts.map { "\(RecordText.qualifierWords($0)) — \(quoted([$0.excerpt]))" })
            facts("Signatories", statement.signatories.map { "\(corpus.name(of: $0.actor) ?? $0.actor) [\($0.actor)] — \(quoted($0.excerpts))" })
            // Each lead, addressee and actor said to have declined with the quotes that say so, as a
            // signatory is (issue 32: `Y` left out the addressee's quote).
            func withQuotes(_ role: Corpus.StatementRole.Role, _ actor: String) -> String {
                let quotes = quoted(PaneContent.excerpts(for: role, actor: actor, in: statement, corpus: corpus))
                return "\(corpus.name(of: actor) ?? actor) [\(actor)]" + (quotes.isEmpty ? "" : " — \(quotes)")
            }
            facts("Leads", statement.leads.map { withQuotes(.lead, $0) })
            facts("Addressees", statement.addressees.map { withQuotes(.addressee, $0) })
            facts("Declined", statement.declined.map { withQuotes(.declined, $0.actor) })
            facts("Excerpts", statement.excerpts.compactMap { quote($0, in: corpus, format: format) })
        case .event:
            guard let event = corpus.event(id) else { return nil }
            text += "\n\(event.date)\n"
            facts("Actors", event.actors.map { "\(corpus.name(of: $0) ?? $0) [\($0)]" })
            facts("Excerpts", event.excerpts.compactMap { quote($0, in: corpus, format: format) })
        case .excerpt:
            facts("Quote", [quote(id, in: corpus, format: format)].compactMap { $0 })
        case nil:
            return nil
        }
        return text
    }
}

extension Explorer {
    /// `y` copies the selected thing with its citation; `Y` the selected record's whole dossier.
    static func copy(_ state: State, dossier: Bool) -> State {
        var state = state
        let request = dossier ? dossierToCopy(state) : selectionToCopy(state)
        guard var request else {
            // An excerpt whose words are not in its article is never copied as a quote: say why.
            if !dossier, let excerpt = selectedExcerpt(state), state.corpus.excerpt(excerpt)?.anchor == .unanchored {
                state.message = "\(excerpt): its quote is not found in its article, so it is not copied (\(Explorer.problemsKey(state)) lists the problems)"
            } else {
                state.message = "Nothing selected to copy here"
            }
            return state
        }
        // As the screen shows it: a control character from the data becomes its picture, so a paste
        // can never carry an escape sequence into the user's terminal or document.
        request.text = SafeText.block(request.text)
        state.request(.copy(request))
        return state
    }

    /// The record the screen is about: the list's selection, or what an overlay shows.
    static func recordToCopy(_ state: State) -> String? {
        switch state.navigation.overlay {
        case .compare(let compare):
            return compare.excerpts.indices.contains(compare.shown[compare.focus]) ? compare.excerpts[compare.shown[compare.focus]] : nil
        case .signatories(let comparison):
            let names = comparison.columns(in: state.corpus)[comparison.column]
            return names.isEmpty ? nil : names[min(comparison.places[comparison.column].selected, names.count - 1)]
        case .search(let search):
            if search.hits.indices.contains(search.place.selected) { return search.hits[search.place.selected].id }
            let note = search.place.selected - search.hits.count
            return search.notes.indices.contains(note) && state.notes.indices.contains(search.notes[note]) ? state.notes[search.notes[note]].target.record : nil
        case .profiles(let profiles):
            return profiles.records[profiles.focus]
        case .problems(let place):
            return state.problems.indices.contains(place.selected) ? state.problems[place.selected].recordID : nil
        case .notes:
            return selectedNote(state)?.target.record
        case .edits:
            return nil
        case nil:
            if state.view == .matrix { return state.navigation.matrix.column }
            return state.selectedID()
        }
    }

    static func dossierToCopy(_ state: State) -> ClipboardRequest? {
        guard let id = recordToCopy(state), let text = Citation.dossier(id, in: state.corpus, format: state.citationFormat) else { return nil }
        return ClipboardRequest(text: text, what: "the dossier of \(state.corpus.name(of: id) ?? id) as Markdown")
    }

    static func selectionToCopy(_ state: State) -> ClipboardRequest? {
        let corpus = state.corpus
        if case .problems(let place) = state.navigation.overlay {
            guard state.problems.indices.contains(place.selected) else { return nil }
            return ClipboardRequest(text: state.problems[place.selected].description, what: "the problem as validate prints it")
        }
        func quote(_ excerpt: String, fact: String? = nil) -> ClipboardRequest? {
            guard let citation = Citation.quote(excerpt, in: corpus, format: state.citationFormat) else { return nil }
            let what = corpus.excerpt(excerpt)?.anchor == .misquoted
                ? "the article's words (not the corpus file's misquote) and their citation" : "the quote and its citation"
            return ClipboardRequest(text: (fact.map { $0 + ": " } ?? "") + citation, what: what)
        }
        func record(_ id: String) -> ClipboardRequest? {
            Citation.record(id, in: corpus, format: state.citationFormat).map { ClipboardRequest(text: $0, what: "\(corpus.name(of: id) ?? id) with its id") }
        }
        /// A detail row's fact, said of the record it belongs to ("Joint letter … — United Kingdom GBR").
        func detailFact(_ lines: [PaneLine], _ line: Int) -> String {
            "\(state.selectedID().flatMap(corpus.name(of:)) ?? "") — \(factText(lines, line))"
        }
        if case .profiles(let profiles) = state.navigation.overlay, let (lines, line) = profileRow(profiles, state: state) {
            // The selected row of the focused column, as a detail pane's: a fact with its quote, an
            // excerpt row as the excerpt, a statement or actor row as that record.
            let name = corpus.name(of: profiles.records[profiles.focus]) ?? profiles.records[profiles.focus]
            if let excerpt = lines[line].excerpts.first {
                if case .excerpt(excerpt)? = lines[line].link { return quote(excerpt) }
                return quote(excerpt, fact: "\(name) — \(factText(lines, line))")
            }
            return lines[line].link.map(linkedID).flatMap(record) ?? record(profiles.records[profiles.focus])
        }
        if state.navigation.overlay != nil || state.view == .matrix {
            if state.view == .matrix, state.navigation.overlay == nil {
                let model = state.matrixModel
                if let cell = model.cell(state.navigation.matrix), let mark = model.mark(row: model.rows[cell.row], column: model.columns[cell.column]),
                   let excerpt = MatrixModel.excerpts(actor: model.rows[cell.row], statement: model.columns[cell.column], mark: mark, corpus: corpus).first {
                    let fact = "\(corpus.name(of: model.rows[cell.row]) ?? model.rows[cell.row]) \(mark.word) \(corpus.name(of: model.columns[cell.column]) ?? "")"
                    return quote(excerpt, fact: fact)
                }
            }
            return recordToCopy(state).flatMap { corpus.kind(of: $0) == .excerpt ? quote($0) : record($0) }
        }
        switch state.position.focus {
        case .list:
            return state.selectedID().flatMap(record)
        case .detail:
            if state.view == .articles {
                // The span the reader marks on the cursor's line; on a line no span takes, the article.
                if let excerpt = readerSpan(state) { return quote(excerpt) }
                return state.selectedID().flatMap(record)
            }
            let lines = detailLines(state)
            guard let line = PaneContent.selectedLine(lines, selection: state.position.detail.selected) else { return state.selectedID().flatMap(record) }
            if let excerpt = lines[line].excerpts.first { return quote(excerpt, fact: detailFact(lines, line)) }
            // A fact no excerpt states is copied as what it is, marked so (its row's words say it),
            // never with another excerpt of its record.
            if let unstated = lines[line].unstated { return ClipboardRequest(text: detailFact(lines, line), what: "the fact, marked: \(unstated)") }
            return lines[line].link.flatMap(linkedID).flatMap(record)
        case .source:
            if state.view == .articles {
                let lines = PaneContent.source(state, view: .articles, width: paneWidth(state, .source))
                guard let line = PaneContent.selectedLine(lines, selection: state.position.source.selected),
                      let excerpt = lines[line].excerpts.first else { return nil }
                return quote(excerpt, fact: factText(lines, line))
            }
            let lines = detailLines(state)
            guard let line = PaneContent.selectedLine(lines, selection: state.position.detail.selected) else { return nil }
            guard let excerpt = sourceExcerpt(state) else {
                return lines[line].unstated.map { ClipboardRequest(text: detailFact(lines, line), what: "the fact, marked: \($0)") }
            }
            return quote(excerpt, fact: detailFact(lines, line))
        }
    }

    /// The excerpt behind what is selected in a detail or source pane, if the row has one.
    static func selectedExcerpt(_ state: State) -> String? {
        guard state.navigation.overlay == nil, state.view != .articles, state.view != .matrix else { return recordToCopy(state) }
        if state.position.focus == .source { return sourceExcerpt(state) }
        let lines = detailLines(state)
        return PaneContent.selectedLine(lines, selection: state.position.detail.selected).flatMap { lines[$0].excerpts.first }
    }

    /// The excerpt the source pane shows at its top (the first, until it is scrolled past): what `y`,
    /// `a` and `b` act on there, and what the status line names.
    static func sourceExcerpt(_ state: State) -> String? {
        let lines = detailLines(state)
        guard let line = PaneContent.selectedLine(lines, selection: state.position.detail.selected) else { return nil }
        let excerpts = lines[line].excerpts
        let width = paneWidth(state, .source)
        var first = 0
        for (number, excerpt) in excerpts.enumerated() {
            // Each quotation as the pane lays it out, a blank line between two.
            let last = first + PaneContent.laidOut(PaneContent.quotation(excerpt, corpus: state.corpus, withTitle: true, keys: state.keymap), width: width).count
            if state.position.source.top < last || number == excerpts.count - 1 { return excerpt }
            first = last + 1
        }
        return nil
    }

    /// A pane row's words, its wrapped lines joined again.
    static func factText(_ lines: [PaneLine], _ line: Int) -> String {
        (line...PaneContent.lastLine(ofRowAt: line, in: lines))
            .map { lines[$0].segments.map(\.text).joined().trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }

    /// The excerpt whose span the reader marks: the one on the cursor's line (see `normalized`); nil on
    /// a line no span takes.
    static func readerSpan(_ state: State) -> String? {
        guard let id = state.selectedID(in: .articles) else { return nil }
        let spans = state.corpus.excerptsInArticle[id, default: []]
        let selected = state.positions[.articles]?.detail.selected ?? -1
        return spans.indices.contains(selected) ? spans[selected] : nil
    }

    static func linkedID(_ link: Link) -> String {
        switch link {
        case .actor(let id), .statement(let id), .event(let id), .excerpt(let id): return id
        }
    }
}
