import DossierModel

/// Plain-text renderings of records for the command line (`dossier list`, `dossier show`). Every string
/// from data passes through SafeText, so printing the result on a terminal sends no control sequence.
public enum RecordText {
    /// "7/22": signatories named by the sources, over each source's declared count; several declared
    /// figures mean the sources disagree ("7/22|25"). ">20" marks a source's "more than 20".
    public static func tally(_ statement: Statement) -> String {
        let named = Set(statement.signatories.map(\.actor)).count
        guard !statement.counts.isEmpty else { return "\(named)/?" }
        var declared: [String] = []
        for count in statement.counts {
            let figure = qualified(count)
            if !declared.contains(figure) { declared.append(figure) }
        }
        return "\(named)/" + declared.joined(separator: "|")
    }

    /// The tally as the explorer's list shows it: named over the first declared count, and ≠ when the
    /// sources disagree on the count ("7/22≠"); what a table fitted to a terminal shows.
    public static func shortTally(_ statement: Statement) -> String {
        "\(Set(statement.signatories.map(\.actor)).count)/" + (statement.counts.first.map(qualified) ?? "?") + (statement.sourcesDisagreeOnCount ? "≠" : "")
    }

    public static func qualified(_ count: SignatoryCount) -> String {
        switch count.qualifier {
        case .exact: return "\(count.value)"
        case .moreThan: return ">\(count.value)"
        case .atLeast: return ">=\(count.value)"
        case .about, .nearly: return "~\(count.value)"
        }
    }

    public static func qualifierWords(_ count: SignatoryCount) -> String {
        switch count.qualifier {
        case .exact: return "\(count.value)"
        case .moreThan: return "more than \(count.value)"
        case .atLeast: return "at least \(count.value)"
        case .about: return "about \(count.value)"
        case .nearly: return "nearly \(count.value)"
        }
    }

    // MARK: Tables

    public static func table(of kind: RecordKind, in corpus: Corpus, width: Int? = nil) -> String {
        switch kind {
        // An id and a date are never cut (issue 32: "2021-01…" at 80 columns), nor a statement's tally,
        // which a fitted table shows short ("7/22≠"; `--wide` gives every declared count).
        case .article:
            return table(header: ["ID", "PUBLISHED", "PUBLISHER", "TITLE"], rows: corpus.articles.map {
                [$0.id, $0.published.description, $0.publisher, $0.title]
            }, width: width, whole: [0, 1])
        case .actor:
            return table(header: ["ID", "KIND", "COUNTRY", "NAME"], rows: corpus.actors.map {
                [$0.id, $0.kind.rawValue, $0.country ?? "-", $0.name]
            }, width: width)
        case .statement:
            let header = ["ID", "DATE", "STANCE", "SIGNED", "TITLE"]
            let rows = corpus.statements.map { [$0.id, $0.date.description, $0.stance.rawValue, tally($0), $0.title] }
            guard let width, naturalWidth(header: header, rows: rows) > width else { return table(header: header, rows: rows, width: width, whole: [0, 1, 3]) }
            return table(header: header, rows: corpus.statements.map {
                [$0.id, $0.date.description, $0.stance.rawValue, shortTally($0), $0.title]
            }, width: width, whole: [0, 1, 3])
        case .event:
            return table(header: ["ID", "DATE", "TITLE"], rows: corpus.events.map {
                [$0.id, $0.date.description, $0.title]
            }, width: width, whole: [0, 1])
        case .excerpt:
            return table(header: ["ID", "ARTICLE", "QUOTE"], rows: corpus.excerpts.map {
                [$0.id, $0.article, $0.quote]
            }, width: width)
        }
    }

    /// Columns padded by display width, so CJK and accented text line up. With `width`, each line fits
    /// in it: the last column (a title, a quote) is cut first, with an ellipsis, then the middle ones,
    /// widest first, down to `narrowestColumn`; the `whole` columns (the id, which `show` takes) are
    /// never cut. Without it, the last column is whole.
    /// `focus`: for each row, the characters of its last cell that must stay in view when the cell is
    /// cut (a search hit in its context): the cell is cut on both sides around them.
    public static func table(header: [String], rows: [[String]], maximumColumnWidth: Int = 40, width: Int? = nil,
                             whole: Set<Int> = [0], focus: [Range<Int>]? = nil) -> String {
        let cleanRows = ([header] + rows).map { $0.map(SafeText.line) }
        var widths = naturalWidths(of: cleanRows, columns: header.count, maximumColumnWidth: maximumColumnWidth)
        if let width { widths = fitted(widths, in: width, whole: whole) }
        var output = ""
        for (number, row) in cleanRows.enumerated() {
            var line = ""
            for (column, cell) in row.enumerated() {
                if column < row.count - 1 {
                    line += DisplayWidth.pad(cell, to: widths[column]) + "  "
                } else if width == nil {
                    line += cell
                } else if number > 0, let focus, number - 1 < focus.count {
                    line += DisplayWidth.window(cell, around: focus[number - 1], to: widths[column])
                } else {
                    line += DisplayWidth.truncate(cell, to: widths[column])
                }
            }
            output += line + "\n"
        }
        return output
    }

    /// Each column's width uncut: its widest cell, up to `maximumColumnWidth` but for the last.
    static func naturalWidths(of cleanRows: [[String]], columns: Int, maximumColumnWidth: Int = 40) -> [Int] {
        var widths = Array(repeating: 0, count: columns)
        for row in cleanRows {
            for (column, cell) in row.enumerated() where column < columns {
                let cap = column < columns - 1 ? maximumColumnWidth : Int.max
                widths[column] = min(cap, max(widths[column], DisplayWidth.of(cell)))
            }
        }
        return widths
    }

    /// The width a table takes uncut, the gaps between its columns included.
    static func naturalWidth(header: [String], rows: [[String]]) -> Int {
        naturalWidths(of: ([header] + rows).map { $0.map(SafeText.line) }, columns: header.count).reduce(0, +) + 2 * (header.count - 1)
    }

    /// The narrowest a column other than the first is made to fit a table in its width.
    static let narrowestColumn = 8

    /// Column widths whose sum with the gaps between them is at most `width`, as `table` describes: the
    /// last column keeps a quarter of the width (or what it needs) while the middle ones are narrowed,
    /// the widest first, so that no one column loses all; a table whose ids alone do not fit keeps
    /// them whole and runs past.
    static func fitted(_ natural: [Int], in width: Int, whole: Set<Int> = [0]) -> [Int] {
        var widths = natural
        let gaps = 2 * (widths.count - 1)
        func excess() -> Int { widths.reduce(0, +) + gaps - width }
        guard widths.count > 1, excess() > 0 else { return widths }
        let last = widths.count - 1
        widths[last] = min(natural[last], max(narrowestColumn, width / 4))
        // Narrow the widest middle column by one until the table fits or all are at the narrowest.
        while excess() > 0, let widest = (0..<last).filter({ !whole.contains($0) && widths[$0] > narrowestColumn }).max(by: { widths[$0] < widths[$1] }) {
            widths[widest] -= 1
        }
        // Then the last column, down to the narrowest; or, with room to spare, up to what it needs.
        widths[last] = max(min(natural[last], narrowestColumn), min(natural[last], widths[last] - excess()))
        return widths
    }

    // MARK: Records

    /// A record with its references resolved to names and each supporting excerpt quoted with its source.
    /// Reads an article's body, from its file for a corpus kept there.
    /// `body`: an article's text (the command line reads it from its file).
    public static func describe(_ id: String, in corpus: Corpus, body: (Article) throws(ArticleBody.Unreadable) -> String) throws(ArticleBody.Unreadable) -> String? {
        var lines: [(String, String)] = []
        var sections: [(String, [String])] = []
        switch corpus.kind(of: id) {
        case .article:
            guard let article = corpus.article(id) else { return nil }
            lines = [("article", article.id), ("title", article.title), ("publisher", article.publisher),
                     ("published", article.published.description)]
            if let url = article.url { lines.append(("url", url)) }
            if !article.authors.isEmpty { lines.append(("authors", article.authors.joined(separator: "; "))) }
            lines.append(("excerpts", plural(corpus.excerptsInArticle[id, default: []].count, "marked span")))
            // Paragraphs as the format defines them: split at blank lines.
            sections.append(("body", try body(article).split(separator: "\n\n", omittingEmptySubsequences: true).map { String($0) }))
        case .actor:
            guard let actor = corpus.actor(id) else { return nil }
            lines = [("actor", actor.id), ("name", actor.name), ("kind", actor.kind.rawValue)]
            if !actor.aliases.isEmpty { lines.append(("aliases", actor.aliases.joined(separator: "; "))) }
            if let country = actor.country { lines.append(("country", country)) }
            if let role = actor.role { lines.append(("role", role)) }
            if !actor.affiliations.isEmpty { lines.append(("affiliations", names(actor.affiliations, corpus))) }
            let roles = corpus.statementRoles[id, default: []]
            if !roles.isEmpty {
                sections.append(("statements", roles.compactMap { role in
                    corpus.statement(role.statement).map { "\(role.role.rawValue): \($0.date)  \($0.stance.rawValue)  \($0.title) [\($0.id)]" }
                }))
            }
            sections.append(("excerpts", corpus.excerptsAbout[id, default: []].map { cite($0, corpus) }))
        case .statement:
            guard let statement = corpus.statement(id) else { return nil }
            lines = [("statement", statement.id), ("title", statement.title), ("kind", statement.kind.rawValue),
                     ("date", statement.date.description), ("stance", statement.stance.rawValue)]
            if let forum = statement.forum { lines.append(("forum", names([forum], corpus))) }
            if !statement.leads.isEmpty { lines.append(("leads", names(statement.leads, corpus))) }
            if !statement.addressees.isEmpty { lines.append(("addressees", names(statement.addressees, corpus))) }
            lines.append(("signed", tally(statement) + (statement.sourcesDisagreeOnCount ? "  (sources disagree)" : "")))
            sections.append(("counts", statement.counts.map { "\(qualifierWords($0)): \(cite($0.excerpt, corpus))" }))
            sections.append(("signatories", statement.signatories.map { signatory in
                "\(names([signatory.actor], corpus)): " + signatory.excerpts.map { cite($0, corpus) }.joined(separator: "; ")
            }))
            if !statement.declined.isEmpty {
                sections.append(("said not to sign", statement.declined.map { entry in
                    "\(names([entry.actor], corpus)) (\(entry.how.words)): " + entry.excerpts.map { cite($0, corpus) }.joined(separator: "; ")
                }))
            }
            sections.append(("excerpts", statement.excerpts.map { cite($0, corpus) }))
        case .event:
            guard let event = corpus.event(id) else { return nil }
            lines = [("event", event.id), ("date", event.date.description), ("title", event.title)]
            if !event.actors.isEmpty { lines.append(("actors", names(event.actors, corpus))) }
            if !event.statements.isEmpty { lines.append(("statements", names(event.statements, corpus))) }
            sections.append(("excerpts", event.excerpts.map { cite($0, corpus) }))
        case .excerpt:
            guard let excerpt = corpus.excerpt(id), let article = corpus.article(excerpt.article) else { return nil }
            lines = [("excerpt", excerpt.id), ("article", "\(article.title) [\(article.id)]"),
                     ("source", "\(corpus.attribution(of: excerpt)), \(article.published)"),
                     ("span", "characters \(excerpt.span.start)–\(excerpt.span.end)"), ("quote", "“\(excerpt.quote)”")]
            if let speaker = excerpt.speaker { lines.append(("speaker", names([speaker], corpus))) }
            if !excerpt.about.isEmpty { lines.append(("about", names(excerpt.about, corpus))) }
        case nil:
            return nil
        }
        if let supplied = corpus.supplied(of: id) { lines.append(("supplied", supplied.summary)) }
        lines += corpus.extraFields(of: id).map { ($0.key, $0.text) }
        let labelWidth = lines.map { DisplayWidth.of($0.0) }.max() ?? 0
        var output = ""
        for (label, value) in lines {
            output += DisplayWidth.pad(label, to: labelWidth) + "  " + SafeText.line(value) + "\n"
        }
        for (title, entries) in sections where !entries.isEmpty {
            output += "\n\(title):\n"
            for entry in entries { output += "  " + SafeText.line(entry) + "\n" }
        }
        return output
    }

    static func names(_ ids: [String], _ corpus: Corpus) -> String {
        // A forum given as a plain name (or a reference the corpus lacks) is shown as written, with no id.
        ids.map { id in corpus.name(of: id).map { "\($0) [\(id)]" } ?? id }.joined(separator: "; ")
    }

    /// “quote” — Publisher, date [excerpt-id]
    static func cite(_ excerptID: String, _ corpus: Corpus) -> String {
        guard let excerpt = corpus.excerpt(excerptID), let article = corpus.article(excerpt.article) else { return excerptID }
        return "“\(excerpt.quote)” — \(corpus.attribution(of: excerpt)), \(article.published) [\(excerpt.id)]"
    }
}
