/// How many terminal columns text takes. Measured per grapheme cluster (what the user sees as one
/// character), never by `String.count` or bytes: CJK and emoji take two columns, combining marks none.
/// Our own table rather than libc `wcwidth`, so that layout does not depend on the process locale and
/// every frame can be tested without a terminal.
public enum DisplayWidth {
    public static func of(_ text: some StringProtocol) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Printable ASCII takes a column a byte: checking that is far cheaper than measuring characters.
    static func isPrintableASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Columns text takes on screen once `SafeText` has replaced what cannot be shown as it is (a
    /// control character becomes a one-column picture): what wrapping must count, so a wrapped line
    /// is never wider than the grid will draw it.
    public static func onScreen(_ text: some StringProtocol) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        var total = 0
        for character in text { total += onScreen(character) }
        return total
    }

    public static func onScreen(_ character: Character) -> Int {
        for scalar in character.unicodeScalars where SafeText.placeholder(for: scalar, keepNewlines: false) != nil {
            return of(SafeText.line(String(character)))
        }
        return of(character)
    }

    public static func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F { return 2 }  // emoji presentation selector
            width = max(width, of(scalar))
        }
        return width
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return value < 0x20 || (value >= 0x7F && value < 0xA0) ? 0 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200B || (0x1160...0x11FF).contains(value) { return 0 }  // zero width space, Hangul medial jamo
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth blocks.
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
             0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
             0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
             0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The longest prefix that fits in `columns`, never splitting a character; with an ellipsis when
    /// something was cut and there is room for it.
    public static func truncate(_ text: String, to columns: Int, ellipsis: Bool = true) -> String {
        guard columns > 0 else { return "" }
        // One walk that stops just past the width: a title of a megabyte costs what a cell shows.
        let budget = ellipsis ? columns - 1 : columns
        var kept = text.startIndex  // the end of what fits in the budget
        var used = 0
        var index = text.startIndex
        while index < text.endIndex {
            let width = of(text[index])
            if used + width > columns { return String(text[..<kept]) + (ellipsis ? "…" : "") }
            used += width
            index = text.index(after: index)
            if used <= budget { kept = index }
        }
        return text
    }

    /// The part of `text` around `focus` (a range of its characters) that fits in `columns`, the focus
    /// kept whole and as near the middle as the text allows, with "…" where text was left out on either
    /// side; a focus wider than the columns is shown from its start.
    public static func window(_ text: String, around focus: Range<Int>, to columns: Int) -> String {
        guard of(text) > columns, columns > 0 else { return text }
        let characters = Array(text)
        var low = min(max(0, focus.lowerBound), characters.count)
        var high = min(max(low, focus.upperBound), characters.count)
        func width(_ low: Int, _ high: Int) -> Int {
            characters[low..<high].reduce(0) { $0 + of($1) } + (low > 0 ? 1 : 0) + (high < characters.count ? 1 : 0)
        }
        if width(low, high) > columns { return truncate((low > 0 ? "…" : "") + String(characters[low...]), to: columns) }
        // Grow a character at a time, on the side with less shown, while it fits.
        var grew = true
        while grew {
            grew = false
            let leftShown = focus.lowerBound - low, rightShown = high - focus.upperBound
            let sides = leftShown <= rightShown ? [true, false] : [false, true]
            for left in sides {
                if left, low > 0, width(low - 1, high) <= columns { low -= 1; grew = true; break }
                if !left, high < characters.count, width(low, high + 1) <= columns { high += 1; grew = true; break }
            }
        }
        let lead = low > 0 && characters[low] != "…" ? "…" : ""
        let tail = high < characters.count && characters[high - 1] != "…" ? "…" : ""
        return lead + String(characters[low..<high]) + tail
    }

    /// Pads with spaces to exactly `columns` (after truncating if needed).
    public static func pad(_ text: String, to columns: Int) -> String {
        let fitted = truncate(text, to: columns)
        return fitted + String(repeating: " ", count: max(0, columns - of(fitted)))
    }
}
