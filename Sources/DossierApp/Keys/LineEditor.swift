/// The text of a prompt (`/` filter, `f` search, `/` in help) and where the cursor is in it, edited
/// with the readline keys every shell user knows. The cursor counts characters (grapheme clusters),
/// so it never lands inside one.
public struct LineEditor: Equatable, Sendable {
    public private(set) var text: String
    /// Characters before the cursor.
    public private(set) var cursor: Int
    /// The whole text is selected, as when `/` reopens the last filter: typing replaces it, a motion
    /// key keeps it and moves the cursor.
    public private(set) var selectedAll: Bool
    /// A note may have several lines (Alt-Enter starts one; pasted line breaks are kept); every other
    /// prompt is one line.
    public let multiline: Bool

    public init(_ text: String = "", selectingAll: Bool = false, multiline: Bool = false) {
        self.multiline = multiline
        self.text = multiline ? text : String(text.map { $0.isNewline ? " " : $0 })
        cursor = self.text.count
        selectedAll = selectingAll && !text.isEmpty
    }

    /// A text with the cursor at a given place (for drawing one line of a note being written).
    init(_ text: String, cursor: Int) {
        self.text = text
        self.cursor = min(max(0, cursor), text.count)
        selectedAll = false
        multiline = false
    }

    /// Carries out a line-editing action (see the `.prompt` context of the keymap); false for others.
    public mutating func apply(_ action: Action) -> Bool {
        switch action {
        case .cursorLeft: move(to: cursor - 1)
        case .cursorRight: move(to: cursor + 1)
        case .lineStart: move(to: 0)
        case .lineEnd: move(to: text.count)
        case .deleteFilterCharacter:
            if selectedAll { replaceAll(with: "") } else if cursor > 0 { remove(cursor - 1..<cursor) }
        case .deleteForward:
            if selectedAll { replaceAll(with: "") } else if cursor < text.count { remove(cursor..<cursor + 1) }
        case .killToStart:
            selectedAll = false
            remove(0..<cursor)
        case .killToEnd:
            selectedAll = false
            remove(cursor..<text.count)
        case .killWord:
            selectedAll = false
            // Back over spaces, then over the word before them, as readline's unix-word-rubout does.
            let characters = Array(text)
            var start = cursor
            while start > 0 && characters[start - 1] == " " { start -= 1 }
            while start > 0 && characters[start - 1] != " " { start -= 1 }
            remove(start..<cursor)
        case .newLine:
            guard multiline else { return false }
            insert("\n")
        default:
            return false
        }
        return true
    }

    /// Typed or pasted text goes in at the cursor (replacing the text when all of it is selected).
    public mutating func insert(_ typed: String) {
        // A one-line prompt gets spaces for pasted line breaks; tabs are spaces everywhere (a tab's
        // width is the terminal's to choose, and a note's text should look the same in any of them).
        let clean = String(typed.map { $0 == "\t" ? " " : ($0.isNewline ? (multiline ? "\n" : " ") : $0) })
        if selectedAll { replaceAll(with: "") }
        let index = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: clean, at: index)
        cursor += clean.count
    }

    private mutating func move(to position: Int) {
        selectedAll = false
        cursor = min(max(0, position), text.count)
    }

    private mutating func remove(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let lower = text.index(text.startIndex, offsetBy: range.lowerBound)
        let upper = text.index(lower, offsetBy: range.count)
        text.removeSubrange(lower..<upper)
        cursor = range.lowerBound
    }

    private mutating func replaceAll(with replacement: String) {
        text = replacement
        cursor = replacement.count
        selectedAll = false
    }
}
