import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// Decides, before any curses call, whether the explorer can run here. ncurses itself prints its own
/// message and exits when TERM is unknown, and draws garbage on `dumb`; we refuse first, with advice.
public enum TerminalCheck {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notATerminal
        case termUnset
        case termDumb
        case termUnknown(String)
        case cannotAddressCursor(String)

        public var description: String {
            let advice = "use `dossier list` or `dossier show ID` for plain output"
            switch self {
            case .notATerminal: return "standard output is not a terminal; \(advice)"
            case .termUnset: return "TERM is not set, so the terminal type is unknown; \(advice)"
            case .termDumb: return "TERM=dumb cannot draw a full-screen view; \(advice)"
            case .termUnknown(let term): return "terminal type \"\(term)\" is not in the terminfo database; \(advice)"
            case .cannotAddressCursor(let term): return "terminal type \"\(term)\" cannot move the cursor; \(advice)"
            }
        }
    }

    /// Nil when stdout is a terminal whose type terminfo knows and which can address the cursor.
    public static func problem(environment: [String: String], outputIsTerminal: Bool = isatty(STDOUT_FILENO) == 1) -> Problem? {
        guard outputIsTerminal else { return .notATerminal }
        guard let term = environment["TERM"], !term.isEmpty else { return .termUnset }
        if term == "dumb" { return .termDumb }
        var status: Int32 = 0
        // setupterm only reads terminfo here; it does not touch the screen.
        guard setupterm(term, STDOUT_FILENO, &status) == OK else { return .termUnknown(term) }
        defer { dossier_free_terminfo() }
        guard dossier_tigetstr("cup") != nil else { return .cannotAddressCursor(term) }
        return nil
    }
}
