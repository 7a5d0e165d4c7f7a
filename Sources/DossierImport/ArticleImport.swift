#if canImport(Glibc)
import Glibc
#endif
import DossierModel

/// `dossier import articles`: web pages, Markdown and text files made into articles. What a file does
/// not say (and no flag gives) is asked for, never guessed.
public enum ArticleImport {
    /// Values given on the command line; each replaces what the file says.
    public struct Overrides: Sendable {
        public var title: String?
        public var publisher: String?
        public var published: String?
        public var url: String?
        public var authors: [String] = []

        public init(title: String? = nil, publisher: String? = nil, published: String? = nil, url: String? = nil, authors: [String] = []) {
            self.title = title
            self.publisher = publisher
            self.published = published
            self.url = url
            self.authors = authors
        }

        var namesOneArticle: Bool { title != nil || url != nil }
    }

    /// Reads a file as the kind its extension names.
    public static func draft(of path: String) throws(ImportError) -> ArticleDraft {
        let bytes: [UInt8]
        do {
            bytes = try SourceFile.open(path).bytes
        } catch {
            if case .unreadable(_, let reason) = error { throw .unreadable("cannot read \(path): \(reason)") }
            throw .unreadable("cannot read \(path)")
        }
        let lower = path.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") {
            let draft = WebPage.read(bytes, file: path)
            if let unreadable = draft.unreadable { throw .invalidInput(["\(path): error: \(unreadable)"]) }
            return draft
        }
        let markdown = lower.hasSuffix(".md") || lower.hasSuffix(".markdown")
        guard markdown || lower.hasSuffix(".txt") || lower.hasSuffix(".text") else {
            throw .invalidInput(["\(path): error: import reads web pages (.html, .htm), Markdown (.md) and text (.txt) files"])
        }
        do {
            return try TextFile.read(bytes, file: path, markdown: markdown)
        } catch {
            throw .invalidInput(["\(path): error: \(error)"])
        }
    }

    /// The date as the format writes it: `2022-08-31` from `2022-08-31T14:03:00Z` (the day the page
    /// gives, before any time of day), or a partial date as it is.
    static func date(_ text: String) -> Result<PartialDate, PartialDate.DateError> {
        let day = text.prefix(10)
        if text.count > 10, day.count == 10, case .success(let date) = PartialDate.parse(String(day)), "T ".contains(text[text.index(text.startIndex, offsetBy: 10)]) {
            return .success(date)
        }
        return PartialDate.parse(text)
    }

    /// The articles the files make, as records of the data format, with ids not taken in `corpus`;
    /// or every problem, each naming its file and what to give.
    public static func records(from drafts: [ArticleDraft], overrides: Overrides, corpus: Corpus) throws(ImportError) -> [(id: String, record: JSONValue)] {
        if drafts.count > 1 && overrides.namesOneArticle {
            throw .invalidInput(["error: --title and --url name one article; import one file at a time with them"])
        }
        var taken = Set(corpus.allIDs)
        var problems: [String] = []
        var records: [(String, JSONValue)] = []
        for draft in drafts {
            let title = overrides.title ?? draft.title
            let publisher = overrides.publisher ?? draft.publisher
            let published = overrides.published ?? draft.published
            let url = overrides.url ?? draft.url
            let authors = overrides.authors.isEmpty ? draft.authors : overrides.authors
            var missing: [String] = []
            if title == nil { missing.append("no title: the file has no \(draft.whereTitle); give --title") }
            if publisher == nil { missing.append("no publisher: the file has no \(draft.wherePublisher); give --publisher") }
            if published == nil {
                missing.append("no date: the file has no \(draft.whereDate); give --published YYYY-MM-DD, YYYY-MM or YYYY")
            }
            if draft.paragraphs.isEmpty { missing.append("no text: not one paragraph was found") }
            for what in missing { problems.append("\(draft.file): error: \(what)") }
            guard let title, let publisher, let published, !draft.paragraphs.isEmpty else { continue }
            let date: PartialDate
            switch Self.date(published) {
            case .success(let parsed): date = parsed
            case .failure(let error):
                problems.append("\(draft.file): error: date \"\(published.prefix(40))\" \(error); give --published YYYY-MM-DD, YYYY-MM or YYYY")
                continue
            }
            let slug = CorpusDirectory.slug(title)
            let id = CorpusDirectory.unique("art-\(date.year)-" + (slug.isEmpty ? CorpusDirectory.slug(publisher) : slug), taken: &taken)
            let record = JSONValue.object([
                ("id", .string(id)),
                ("title", .string(title)),
                ("publisher", .string(publisher)),
                ("published", .string(date.description)),
                ("url", url.map(JSONValue.string)),
                ("authors", .strings(authors)),
                ("body", .string(draft.paragraphs.joined(separator: "\n\n"))),
            ])
            records.append((id, record))
        }
        if !problems.isEmpty { throw .invalidInput(problems) }
        return records
    }
}
