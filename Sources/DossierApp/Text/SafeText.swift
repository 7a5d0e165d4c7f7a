/// Makes text from data safe to show on a terminal. Corpus text is untrusted: an ESC byte could start
/// a sequence that retitles the window, writes the clipboard (OSC 52) or moves the cursor, and bidi
/// overrides can make a line read differently from what it holds. Every such character is replaced by a
/// visible placeholder, so the analyst sees that it is there and nothing is sent to the terminal.
public enum SafeText {
    /// Placeholder for characters that have no control picture of their own (C1 controls, bidi controls).
    public static let replacement: Character = "\u{FFFD}"

    /// For one line of a table or list: line breaks and tabs are shown too, as ␤ and a space.
    public static func line(_ text: String) -> String {
        sanitize(text, keepNewlines: false)
    }

    /// `line(text)` as a lazy sequence of characters: a caller that stops early sanitises no more.
    public static func lineCharacters<Text: StringProtocol>(_ text: Text) -> some Sequence<Character> {
        text.lazy.flatMap { character -> [Character] in
            guard character.unicodeScalars.contains(where: { placeholder(for: $0, keepNewlines: false) != nil }) else { return [character] }
            return Array(sanitize(String(character), keepNewlines: false))
        }
    }

    /// For running text: newlines stay (the caller lays out lines); everything else as in `line`.
    public static func block(_ text: String) -> String {
        sanitize(text, keepNewlines: true)
    }

    /// True when the text needs no replacement, so the common case costs one scan and no copy.
    public static func isClean(_ text: String, keepNewlines: Bool) -> Bool {
        for scalar in text.unicodeScalars where placeholder(for: scalar, keepNewlines: keepNewlines) != nil {
            return false
        }
        return true
    }

    static func sanitize(_ text: String, keepNewlines: Bool) -> String {
        if isClean(text, keepNewlines: keepNewlines) { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let substitute = placeholder(for: scalar, keepNewlines: keepNewlines) {
                result.append(contentsOf: substitute.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// What to show instead of a scalar, or nil to show it as it is.
    static func placeholder(for scalar: Unicode.Scalar, keepNewlines: Bool) -> String? {
        switch scalar.value {
        case 0x0A:
            return keepNewlines ? nil : "\u{2424}"  // ␤
        case 0x09:
            return " "
        case 0x00...0x1F:
            // The Control Pictures block has one symbol per C0 control: ␛ for ESC, ␇ for BEL...
            return String(Unicode.Scalar(0x2400 + scalar.value)!)
        case 0x7F:
            return "\u{2421}"  // ␡
        case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029, 0x200E, 0x200F, 0x061C:
            // C1 controls (0x9B is a one-byte CSI to some terminals), bidi embedding, override, isolate
            // and mark characters, and Unicode line and paragraph separators.
            return String(replacement)
        default:
            return nil
        }
    }
}
