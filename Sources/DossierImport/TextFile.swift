/// A plain text or Markdown article: an optional front-matter block (`---` lines around `key: value`
/// pairs, as static-site generators write it) with its metadata, then paragraphs separated by blank
/// lines. The lines of a paragraph are joined with spaces, as a renderer would.
public enum TextFile {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        /// The front matter has a line that is not `key: value` (line number, 1-based).
        case frontMatter(line: Int, text: String)
        /// The front matter is never closed.
        case unclosed
        case notUTF8

        public var description: String {
            switch self {
            case .frontMatter(let line, let text): return "line \(line): front matter lines are `key: value`, found \"\(text.prefix(60))\""
            case .unclosed: return "line 1: the front matter opened with --- is never closed with ---"
            case .notUTF8: return "is not UTF-8 text"
            }
        }
    }

    /// Front-matter keys, with the names other tools use for them.
    static let keys: [String: String] = ["title": "title", "publisher": "publisher", "site": "publisher", "source": "publisher",
                                         "published": "published", "date": "published", "url": "url", "link": "url",
                                         "author": "authors", "authors": "authors"]

    public static func read(_ bytes: [UInt8], file: String, markdown: Bool) throws(Problem) -> ArticleDraft {
        guard var text = String(validating: bytes, as: UTF8.self) else { throw .notUTF8 }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var draft = ArticleDraft(file: file, kind: markdown ? .markdown : .text)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if lines.first?.trimmingSpaces == "---" {
            guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingSpaces == "---" }) else { throw .unclosed }
            var listKey: String?
            for index in 1..<close {
                let line = lines[index]
                if line.trimmingSpaces.isEmpty || line.hasPrefix("#") { continue }
                // A YAML list item under the key before it ("authors:" then "- Name").
                if line.trimmingSpaces.hasPrefix("- "), listKey == "authors" {
                    draft.authors.append(unquoted(String(line.trimmingSpaces.dropFirst(2))))
                    continue
                }
                guard let colon = line.firstIndex(of: ":") else { throw .frontMatter(line: index + 1, text: line) }
                let key = keys[line[..<colon].trimmingSpaces.lowercased()]
                let value = unquoted(String(line[line.index(after: colon)...]).trimmingSpaces)
                listKey = key
                switch key {
                case "title": draft.title = value.isEmpty ? nil : value
                case "publisher": draft.publisher = value.isEmpty ? nil : value
                case "published": draft.published = value.isEmpty ? nil : value
                case "url": draft.url = value.isEmpty ? nil : value
                case "authors":
                    // "A, B" or "[A, B]" on the line, or a list below it.
                    let inline = value.hasPrefix("[") && value.hasSuffix("]") ? String(value.dropFirst().dropLast()) : value
                    draft.authors += inline.split(separator: ",").map { unquoted(String($0).trimmingSpaces) }.filter { !$0.isEmpty }
                default: continue  // other keys (tags, layout…) are the site's, not the article's
                }
            }
            lines.removeFirst(close + 1)
        }
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { draft.paragraphs.append(paragraph.joined(separator: " ")) }
            paragraph = []
        }
        for line in lines {
            var trimmed = line.trimmingSpaces
            if trimmed.isEmpty { flush(); continue }
            if markdown && trimmed.hasPrefix("#") {
                // A heading is a paragraph of its own; the first `# ` one is the title when none is given.
                flush()
                let level = trimmed.prefix { $0 == "#" }.count
                trimmed = String(trimmed.dropFirst(level)).trimmingSpaces
                // (and a first heading repeating the front matter's title is that title, not a paragraph)
                if level == 1 && draft.paragraphs.isEmpty && (draft.title == nil || draft.title == trimmed) {
                    draft.title = trimmed
                    continue
                }
                draft.paragraphs.append(trimmed)
                continue
            }
            paragraph.append(trimmed)
        }
        flush()
        // A text file's title is its first line when that line stands alone, short and unpunctuated,
        // above a blank line; it is the title, not the body's first paragraph (issue 32).
        if !markdown, draft.title == nil, let first = draft.paragraphs.first, draft.paragraphs.count > 1, firstLineStandsAlone(lines),
           first.count <= 150, let last = first.last, !".!?:;,".contains(last) {
            draft.title = first
            draft.paragraphs.removeFirst()
        }
        return draft
    }

    /// Whether the first line with text has a blank line (or the end) right after it.
    static func firstLineStandsAlone(_ lines: [String]) -> Bool {
        guard let first = lines.firstIndex(where: { !$0.trimmingSpaces.isEmpty }) else { return false }
        return first + 1 >= lines.count || lines[first + 1].trimmingSpaces.isEmpty
    }

    static func unquoted(_ text: String) -> String {
        for quote in ["\"", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}

extension StringProtocol {
    /// Without spaces and tabs at either end.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
