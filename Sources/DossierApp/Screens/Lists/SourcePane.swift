import DossierModel

/// The source pane (the excerpts behind the selected fact), the reader's facts pane, and the reader's content.
extension PaneContent {
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
            return [.text("No marked span on the cursor's line.", .dim), .text("\(state.keymap.name(.nextSpan, in: [.reader], usual: .character("]"))) and \(state.keymap.name(.previousSpan, in: [.reader], usual: .character("["))) step through the \(plural(spans.count, "span")); \(state.keymap.name(.selectPassage, in: [.reader], usual: .character("v"))) selects a passage.", .dim)]
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


    /// The article reader's lines: a header, then the body wrapped with spans marked.
    public static func reader(_ state: State, width: Int) -> ReaderContent? {
        guard let id = state.selectedID(in: .articles) else { return nil }
        return reader(of: id, width: width, state: state)
    }

    /// An article laid out at a width: the one laid out last, while it is among the last few. Nil
    /// until the edge has read its body (the update that looked asks for it).
    static func reader(of id: String, width: Int, state: State) -> ReaderContent? {
        guard let article = state.corpus.article(id) else { return nil }
        return state.readerLayouts.layout(of: id, width: width) { () -> ReaderContent? in
            guard let body = state.bodyText(of: article) else { return nil }
            return ReaderContent(article: article, spans: state.corpus.excerptsInArticle[id, default: []].compactMap { state.corpus.excerpt($0) },
                                 width: width, body: body,
                                 problems: state.problemsOfRecord[id, default: []].map { "⚠ \(state.problems[$0].severity.rawValue): \(state.problems[$0].message)" })
        }
    }
}
