import DossierModel

/// Word wrapping by display width. Lines are ranges of UTF-8 offsets into the text, the unit excerpt
/// spans and search matches are stored in, so the reader can mark them on wrapped lines. Nothing is
/// kept per character: a body of tens of megabytes costs its text and one range per line.
public struct WrappedText: Sendable {
    public let text: String
    /// Each line as a range of UTF-8 offsets into `text`; an empty range is a blank line between
    /// paragraphs.
    public let lines: [Range<Int>]

    public init(_ text: String, width: Int) {
        self.text = text
        lines = WrappedText.wrap(text, width: max(1, width))
    }

    /// A first line of `width` columns and every further one of `hangingWidth` (a row that continues
    /// further in than it begins, as a description under its key in the help).
    public init(_ text: String, width: Int, hangingWidth: Int) {
        self.text = text
        lines = WrappedText.wrap(text, width: max(1, width), hangingWidth: max(1, hangingWidth))
    }

    /// Greedy wrapping: break after spaces; a word longer than the line is cut where it must be.
    /// A single newline breaks the line; a blank line (two newlines) leaves one empty line.
    static func wrap(_ text: String, width firstWidth: Int, hangingWidth: Int? = nil) -> [Range<Int>] {
        // The first line may be wider or narrower than the lines after it.
        var width = firstWidth
        let laterWidth = hangingWidth ?? firstWidth
        var lines: [Range<Int>] = []
        var lineStart = 0
        var offset = 0
        var column = 0
        // Just after the last space on this line, and the columns up to there.
        var lastBreak: (offset: Int, column: Int)?
        var newlines = 0  // newlines in a row just before `offset`
        for character in text {
            let utf8 = character.utf8
            let size = utf8.count
            defer { offset += size }
            // Bytes, not Character comparisons: this loop runs once per character of a whole body.
            let first = utf8.first ?? 0
            let isSpace = size == 1 && first == 0x20
            if (size == 1 && first == 0x0A) || (size == 2 && first == 0x0D && utf8.last == 0x0A) {
                if newlines == 0 {
                    lines.append(lineStart..<offset)
                    width = laterWidth
                } else if newlines == 1 {
                    // A paragraph break: keep one blank line, however many newlines there are.
                    lines.append(offset..<offset)
                    width = laterWidth
                }
                newlines += 1
                lineStart = offset + size
                column = 0
                lastBreak = nil
                continue
            }
            newlines = 0
            // As drawn: a control character shows as a one-column picture (see SafeText).
            let columns = size == 1 ? 1 : DisplayWidth.onScreen(character)
            while column + columns > width && offset > lineStart {
                if isSpace {
                    // The space that would overflow ends the line; skip it.
                    lines.append(lineStart..<offset)
                    width = laterWidth
                    lineStart = offset + size
                    column = 0
                    lastBreak = nil
                    break
                } else if let last = lastBreak, last.offset > lineStart {
                    // Move the word begun after the last space to the next line.
                    lines.append(lineStart..<(last.offset - 1))
                    width = laterWidth
                    lineStart = last.offset
                    column -= last.column
                    lastBreak = nil
                } else {
                    lines.append(lineStart..<offset)
                    width = laterWidth
                    lineStart = offset
                    column = 0
                    lastBreak = nil
                }
            }
            if isSpace && lineStart > offset { continue }  // the skipped space
            column += columns
            if isSpace { lastBreak = (offset + size, column) }
        }
        if lineStart < offset || lines.isEmpty { lines.append(lineStart..<offset) }
        return lines
    }

    /// The text of a line.
    public func text(ofLine line: Int) -> Substring {
        text[index(lines[line].lowerBound)..<index(lines[line].upperBound)]
    }

    /// The string index of a UTF-8 offset (constant time in a native string).
    public func index(_ offset: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: offset)
    }

    /// The line holding the UTF-8 offset (the line a span starts on); an offset in the space or newlines
    /// between two lines belongs to the line before.
    public func line(containingUTF8 offset: Int) -> Int {
        // The last line starting at or before the offset: lines are in text order.
        var line = max(0, lines.partitioningIndex { $0.lowerBound > offset } - 1)
        // A blank line between paragraphs holds no text: the offset is in the line before it.
        while line > 0, lines[line].isEmpty { line -= 1 }
        return line
    }
}

/// Plain wrapping of text into strings, for pane text that carries no spans.
public func wrapLines(_ text: String, width: Int) -> [String] {
    let wrapped = WrappedText(text, width: width)
    return wrapped.lines.indices.map { String(wrapped.text(ofLine: $0)) }
}
