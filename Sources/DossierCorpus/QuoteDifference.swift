/// How a stored quote differs from the article's words at the passage it misquotes, word by word (a
/// longest common subsequence of the words and punctuation, white space between them not counted): what a message
/// says ("54" where the article has "44") and what the explorer marks in the article's words.
public struct QuoteDifference: Sendable, Equatable {
    /// One run of words that differs: the stored quote's and the article's (either may be empty: a
    /// word added or left out), with the article's word before it for a word left out.
    public struct Change: Sendable, Equatable {
        public var stored: String
        public var article: String
        public var articleBefore: String?
    }

    /// A piece of the article's words, in order, marked where it differs from the stored quote.
    public struct Part: Sendable, Equatable {
        public var text: String
        public var differs: Bool
    }

    public let changes: [Change]
    /// The article's words whole, cut where they differ.
    public let articleParts: [Part]

    /// Past this many words on both sides together (after the words they share at either end), the
    /// words between are reported as one change rather than aligned (the table grows with the product).
    static let longestAligned = 4_000

    public init(stored: String, article: String) {
        let storedWords = Self.words(stored)
        let articleWords = Self.words(article)
        let pairs = Self.alignment(storedWords.map { stored[$0] }, articleWords.map { article[$0] })
        // Walk the aligned pairs: a run between two shared words is one change.
        var changes: [Change] = []
        var parts: [Part] = []
        var storedAt = 0, articleAt = 0
        var textAt = article.startIndex
        func flush(untilStored storedEnd: Int, article articleEnd: Int) {
            guard storedAt < storedEnd || articleAt < articleEnd else { return }
            let storedRun = storedAt < storedEnd ? String(stored[storedWords[storedAt].lowerBound..<storedWords[storedEnd - 1].upperBound]) : ""
            var articleRun = ""
            if articleAt < articleEnd {
                let range = articleWords[articleAt].lowerBound..<articleWords[articleEnd - 1].upperBound
                articleRun = String(article[range])
                if textAt < range.lowerBound { parts.append(Part(text: String(article[textAt..<range.lowerBound]), differs: false)) }
                parts.append(Part(text: articleRun, differs: true))
                textAt = range.upperBound
            }
            let before = articleAt > 0 ? String(article[articleWords[articleAt - 1]]) : nil
            changes.append(Change(stored: storedRun, article: articleRun, articleBefore: before))
        }
        for (storedIndex, articleIndex) in pairs + [(storedWords.count, articleWords.count)] {
            flush(untilStored: storedIndex, article: articleIndex)
            storedAt = storedIndex + 1
            articleAt = articleIndex + 1
        }
        if textAt < article.endIndex { parts.append(Part(text: String(article[textAt...]), differs: false)) }
        self.changes = changes
        self.articleParts = parts
    }

    /// The differences in words, the first three of them: `"54" where the article has "44"`.
    public var summary: String {
        guard !changes.isEmpty else { return "only its white space differs" }
        // In straight quotation marks, those in the words escaped (a misquote is often only those).
        func quoted(_ text: String) -> String {
            brief(text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""), limit: 60)
        }
        var said = changes.prefix(3).map { change -> String in
            if change.article.isEmpty { return "\(quoted(change.stored)) is not in the article" }
            if change.stored.isEmpty {
                return "the article has \(quoted(change.article))" + (change.articleBefore.map { " after \(quoted($0))" } ?? " first") + ", which the quote leaves out"
            }
            return "\(quoted(change.stored)) where the article has \(quoted(change.article))"
        }.joined(separator: "; ")
        if changes.count > 3 { said += "; and \(changes.count - 3) more difference\(changes.count == 4 ? "" : "s")" }
        return said
    }

    /// The ranges of the words: runs of letters and digits, and each other character that is not white
    /// space on its own (so a comma or a quotation mark that differs is said alone: "54" where the
    /// article has "44", not "54," where it has "44,").
    static func words(_ text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            let character = text[index]
            if character.isLetter || character.isNumber {
                if start == nil { start = index }
            } else {
                if let begun = start { ranges.append(begun..<index) }
                start = nil
                if !character.isWhitespace { ranges.append(index..<next) }
            }
            index = next
        }
        if let begun = start { ranges.append(begun..<text.endIndex) }
        return ranges
    }

    /// The pairs of word positions (stored, article) the two share, in order: the words equal at either
    /// end, and between them a longest common subsequence.
    static func alignment(_ a: [Substring], _ b: [Substring]) -> [(Int, Int)] {
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        var pairs = (0..<head).map { ($0, $0) }
        let middleA = head..<(a.count - tail), middleB = head..<(b.count - tail)
        if !middleA.isEmpty && !middleB.isEmpty && middleA.count * middleB.count <= longestAligned * longestAligned / 4
            && middleA.count + middleB.count <= longestAligned {
            // lengths[i][j]: the longest common subsequence of a[i...] and b[j...] within the middles.
            let rows = middleA.count + 1, columns = middleB.count + 1
            var lengths = [Int32](repeating: 0, count: rows * columns)
            for i in stride(from: middleA.count - 1, through: 0, by: -1) {
                for j in stride(from: middleB.count - 1, through: 0, by: -1) {
                    lengths[i * columns + j] = a[head + i] == b[head + j] ? lengths[(i + 1) * columns + j + 1] + 1
                        : max(lengths[(i + 1) * columns + j], lengths[i * columns + j + 1])
                }
            }
            var i = 0, j = 0
            while i < middleA.count && j < middleB.count {
                if a[head + i] == b[head + j] {
                    pairs.append((head + i, head + j))
                    i += 1
                    j += 1
                } else if lengths[(i + 1) * columns + j] >= lengths[i * columns + j + 1] {
                    i += 1
                } else {
                    j += 1
                }
            }
        }
        pairs += (0..<tail).map { (a.count - tail + $0, b.count - tail + $0) }
        return pairs
    }
}
