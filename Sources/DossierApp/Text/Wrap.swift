/// Word wrapping by display width. Lines remember which characters of the source they hold, and each
/// character its UTF-8 offset, so the reader can mark excerpt spans (stored as UTF-8 ranges) on
/// wrapped lines.
public struct WrappedText: Sendable {
    public let characters: [Character]
    /// UTF-8 offset of each character in the source text.
    public let offsets: [Int]
    /// Each line as a range of `characters`; an empty range is a blank line between paragraphs.
    public let lines: [Range<Int>]

    public init(_ text: String, width: Int) {
        var characters: [Character] = []
        var offsets: [Int] = []
        characters.reserveCapacity(text.utf8.count)
        var offset = 0
        for character in text {
            characters.append(character)
            offsets.append(offset)
            offset += character.utf8.count
        }
        self.characters = characters
        self.offsets = offsets
        lines = WrappedText.wrap(characters, width: max(1, width))
    }

    /// Greedy wrapping: break after spaces; a word longer than the line is cut where it must be.
    /// A single newline breaks the line; a blank line (two newlines) leaves one empty line.
    static func wrap(_ characters: [Character], width: Int) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var lineStart = 0
        var index = 0
        var column = 0
        var lastBreak: Int?  // index just after the last space on this line
        while index < characters.count {
            let character = characters[index]
            if character == "\n" || character == "\r\n" {
                lines.append(lineStart..<index)
                index += 1
                // A paragraph break: keep one blank line, however many newlines there are.
                if index < characters.count, characters[index] == "\n" || characters[index] == "\r\n" {
                    lines.append(index..<index)
                    while index < characters.count, characters[index] == "\n" || characters[index] == "\r\n" { index += 1 }
                }
                lineStart = index
                column = 0
                lastBreak = nil
                continue
            }
            let columns = max(0, DisplayWidth.of(character))
            if column + columns > width && index > lineStart {
                if character == " " {
                    // The space that would overflow ends the line; skip it.
                    lines.append(lineStart..<index)
                    index += 1
                    lineStart = index
                } else if let lastBreak, lastBreak > lineStart {
                    lines.append(lineStart..<(lastBreak - 1))
                    lineStart = lastBreak
                    index = lastBreak
                } else {
                    lines.append(lineStart..<index)
                    lineStart = index
                }
                column = 0
                lastBreak = nil
                continue
            }
            column += columns
            index += 1
            if character == " " { lastBreak = index }
        }
        if lineStart < characters.count || lines.isEmpty { lines.append(lineStart..<characters.count) }
        return lines
    }

    public func text(ofLine line: Int) -> String {
        String(characters[lines[line]])
    }

    /// The first line holding the UTF-8 offset (the line a span starts on).
    public func line(containingUTF8 offset: Int) -> Int {
        for (number, range) in lines.enumerated() where !range.isEmpty {
            if offsets[range.lowerBound] <= offset, range.upperBound >= characters.count || offsets[range.upperBound] > offset {
                return number
            }
            if offsets[range.lowerBound] > offset { return max(0, number - 1) }
        }
        return max(0, lines.count - 1)
    }
}

/// Plain wrapping of text into strings, for pane text that carries no spans.
public func wrapLines(_ text: String, width: Int) -> [String] {
    let wrapped = WrappedText(text, width: width)
    return wrapped.lines.indices.map(wrapped.text(ofLine:))
}
