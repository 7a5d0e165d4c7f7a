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
    init(article: Article, spans: [Excerpt], width: Int, body: Result<String, ArticleBody.Unreadable>, problems: [String] = []) {
        let textWidth = max(1, width - gutter)
        var header = wrapLines(article.title, width: textWidth)
        header += wrapLines("\(article.publisher) · \(article.published) · \(plural(spans.count, "marked span")) · \(article.id)", width: textWidth)
        // The address a citation points at, whole (wrapped, never cut), so it can be read off the screen.
        if let url = article.url { header += wrapLines(url, width: textWidth) }
        for field in article.extra { header += wrapLines(field.key + ": " + field.text, width: textWidth) }
        for problem in problems { header += wrapLines(problem, width: textWidth) }
        header.append("")
        self.header = header
        switch body {
        case .success(let text):
            self.body = WrappedText(text, width: textWidth)
            self.spans = spans
            self.unreadable = nil
        case .failure(let error):
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
