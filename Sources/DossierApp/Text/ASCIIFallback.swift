import Foundation

/// Text for a terminal that can only show ASCII (no UTF-8 locale, or `--ascii`): every character
/// keeps its columns, so borders stay aligned, and every letter is still drawn: accented letters
/// lose their accents ("Türk" → "Turk"), symbols get an ASCII look-alike ("▼" → "v"), and what has
/// none becomes "?" (twice for a double-width character).
public enum ASCIIFallback {
    static let lookAlikes: [Character: Character] = [
        "│": "|", "─": "-", "▶": ">", "▸": ">", "▎": "|", "▏": "_", "★": "*", "•": "o", "≠": "!",
        "▼": "v", "▲": "^", "◆": "*", "○": "o", "·": ".", "×": "x", "…": ".", "“": "\"", "”": "\"",
        "„": "\"", "«": "\"", "»": "\"", "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-", "−": "-",
        "←": "<", "→": ">", "↑": "^", "↓": "v", "⚠": "!", "✎": "+", "⚑": "^", "›": ">", "\u{FFFD}": "?", "\u{00A0}": " ",
        "ß": "s", "æ": "a", "Æ": "A", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
        "ı": "i", "œ": "o", "Œ": "O", "þ": "t", "Þ": "T", "ð": "d", "Ð": "D",
    ]

    /// The ASCII a character is drawn as: one character per column it takes.
    public static func text(for character: Character, columns: Int) -> String {
        if character.isASCII { return String(character) }
        if let lookAlike = lookAlikes[character] { return String(lookAlike) }
        if let scalar = character.unicodeScalars.first, (0x2400...0x2421).contains(scalar.value) {
            return "^"  // a control picture (␛, ␇…) from SafeText
        }
        // A letter with accents: its base letter, found by canonical decomposition.
        let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first
        if columns <= 1, let base, base.isASCII, base.properties.isAlphabetic || base.properties.numericType != nil {
            return String(Character(base))
        }
        return String(repeating: "?", count: max(1, columns))
    }

    /// A grid with every cell ASCII: a double-width character becomes two ASCII cells.
    public static func grid(_ grid: Grid) -> Grid {
        var result = grid
        for row in 0..<grid.height {
            var column = 0
            while column < grid.width {
                let cell = grid[column, row]
                if cell.isContinuation || cell.character.isASCII {
                    column += 1
                    continue
                }
                let wide = column + 1 < grid.width && grid[column + 1, row].isContinuation
                let text = Array(text(for: cell.character, columns: wide ? 2 : 1))
                result.set(Cell(character: text[0], role: cell.role, isContinuation: false), x: column, y: row)
                if wide {
                    result.set(Cell(character: text.count > 1 ? text[1] : " ", role: cell.role, isContinuation: false), x: column + 1, y: row)
                }
                column += wide ? 2 : 1
            }
        }
        return result
    }
}
