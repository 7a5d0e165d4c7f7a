import DossierApp

/// Escape sequences that reach the explorer undecoded. ncurses turns the sequences the terminal's
/// terminfo entry names into key codes; any other (a key the entry lacks, one sent for another terminal
/// type, Shift or Ctrl with a function key) would arrive as Esc and then its letters, and `[4~` would
/// go to the timeline as `4`. The terminal layer reads such a sequence whole; this decodes it.
enum EscapeSequence {
    /// What comes after Esc: `[` and a CSI sequence, or `O` and one character (SS3).
    enum Introducer: Character {
        case csi = "["
        case ss3 = "O"
    }

    /// The body of the sequence a terminal sends before pasted text (bracketed paste), and what ends it.
    static let pasteStart = "200~"
    static let pasteEnd = "\u{1B}[201~"
    /// More pasted text than a prompt could want is read and dropped, not kept.
    static let pasteLimit = 1 << 20

    /// Pasted text as read so far: the text, once its end marker has arrived.
    static func completedPaste(_ read: String) -> String? {
        read.hasSuffix(pasteEnd) ? String(read.dropLast(pasteEnd.count)) : nil
    }

    /// True when a CSI sequence is complete: it ends at its first final byte (`@` to `~`).
    static func isFinal(_ character: Character) -> Bool {
        guard let value = character.asciiValue else { return false }
        return (0x40...0x7E).contains(value)
    }

    /// The key a whole sequence stands for, or nil for one to ignore (function keys, mouse reports,
    /// anything unknown). Modifiers (`1;5A`, Ctrl-↑) are dropped: Ctrl-↑ moves as ↑ does.
    static func key(_ introducer: Introducer, _ body: String) -> Key? {
        guard let final = body.last else { return nil }
        let parameters = body.dropLast()
        switch introducer {
        case .ss3:
            guard parameters.isEmpty else { return nil }
            return cursorKey(final) ?? (final == "M" ? .enter : nil)
        case .csi:
            if final == "~" {
                switch parameters.split(separator: ";").first.map(String.init) {
                case "1", "7": return .home
                case "4", "8": return .end
                case "5": return .pageUp
                case "6": return .pageDown
                case "3": return .delete
                default: return nil
                }
            }
            // Private parameters (`<` mouse reports, `?` replies) are never keys.
            guard parameters.allSatisfy({ $0.isNumber || $0 == ";" }) else { return nil }
            if final == "Z" { return .backTab }
            return cursorKey(final)
        }
    }

    private static func cursorKey(_ final: Character) -> Key? {
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        default: return nil
        }
    }
}
