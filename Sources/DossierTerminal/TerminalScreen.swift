import CNcursesw
import CTerminalSupport
import DossierApp
#if canImport(Glibc)
import Glibc
#endif

/// What the terminal reports between frames.
public enum TerminalEvent: Equatable {
    case key(Key)
    /// Nothing happened before the poll interval ended.
    case idle
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived.
    case signal(Int32)
    /// The terminal went away (SSH link dropped, tmux pane killed): exit instead of spinning.
    case terminalGone
}

public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
}

/// The only code that calls ncurses: starts and ends curses, decodes keys, copies a grid to the screen.
public final class TerminalScreen {
    private var screen: OpaquePointer?
    private var input: UnsafeMutablePointer<FILE>?
    private let inputFD: Int32
    private var pairs: [Role: (attributes: attr_t, pair: Int16)] = [:]
    public private(set) var supportsUnicode: Bool
    private var ended = false

    /// Starts curses on stdout, reading keys from /dev/tty (so stdin may be a pipe).
    public init(environment: [String: String]) throws {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        supportsUnicode = codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
        guard let tty = fopen("/dev/tty", "r") else {
            throw TerminalError(description: "cannot open /dev/tty to read keys; use `dossier list` or `dossier show ID` for plain output")
        }
        input = tty
        inputFD = fileno(tty)
        // Learn how to put the terminal back before curses changes it, so even a crash can.
        dossier_install_handlers(inputFD, TerminalScreen.resetSequence, TerminalScreen.resetSequence.utf8.count)
        guard let screen = newterm(nil, dossier_stdout(), tty) else {
            fclose(tty)
            dossier_reset_handlers()
            throw TerminalError(description: "cannot start the terminal (TERM=\(environment["TERM"] ?? "")); use `dossier list` for plain output")
        }
        self.screen = screen
        // Line drawing needs a UTF-8 locale and a terminal that has line-drawing characters at all.
        if dossier_tigetstr("acsc") == nil { supportsUnicode = false }
        // A lone Esc must feel instant; respect the user's own ESCDELAY.
        if environment["ESCDELAY"] == nil { set_escdelay(25) }
        cbreak()
        noecho()
        nonl()
        keypad(dossier_stdscr(), true)
        curs_set(0)
        // Wake up four times a second to notice signals and a vanished terminal; idle costs nothing.
        wtimeout(dossier_stdscr(), 250)
        setUpStyles(colour: has_colors() && environment["NO_COLOR"].map(\.isEmpty) ?? true)
    }

    deinit { end() }

    /// Leaves curses: the terminal is back as it was (also on every error path, through deinit).
    public func end() {
        guard !ended else { return }
        ended = true
        endwin()
        if let screen { delscreen(screen) }
        if let input { fclose(input) }
        screen = nil
        input = nil
        dossier_reset_handlers()
    }

    /// Leave the alternate screen, show the cursor, reset attributes: what a crash handler writes.
    static let resetSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(dossier_stdscr())), Int(getmaxy(dossier_stdscr())))
    }

    // MARK: Styles

    private func setUpStyles(colour: Bool) {
        let bold = dossier_a_bold(), reverse = dossier_a_reverse(), underline = dossier_a_underline(), dim = dossier_a_dim()
        let normal = dossier_a_normal()
        // Every role reads without colour: attributes carry the meaning, colour adds to it.
        let attributes: [Role: attr_t] = [
            .normal: normal, .dim: dim, .heading: bold, .label: normal, .tabActive: reverse | bold, .tabInactive: normal,
            .statusBar: reverse, .selection: reverse | bold, .selectionInactive: bold | underline, .border: dim,
            .borderFocused: bold, .mark: underline, .markSelected: reverse, .critical: bold, .supportive: bold,
            .mixed: bold, .neutral: normal, .warning: bold, .filter: bold,
        ]
        var colours: [Role: Int16] = [:]
        if colour {
            start_color()
            let background: Int16 = use_default_colors() == OK ? -1 : Int16(COLOR_BLACK)
            let foreground: Int16 = background == -1 ? -1 : Int16(COLOR_WHITE)
            let palette: [(Role, Int16, Int16)] = [
                (.heading, Int16(COLOR_CYAN), background), (.label, Int16(COLOR_CYAN), background),
                (.borderFocused, Int16(COLOR_YELLOW), background), (.mark, Int16(COLOR_YELLOW), background),
                (.markSelected, Int16(COLOR_YELLOW), background), (.critical, Int16(COLOR_RED), background),
                (.supportive, Int16(COLOR_GREEN), background), (.mixed, Int16(COLOR_MAGENTA), background),
                (.warning, Int16(COLOR_YELLOW), background), (.tabActive, Int16(COLOR_BLUE), Int16(COLOR_WHITE)),
                (.statusBar, Int16(COLOR_BLUE), Int16(COLOR_WHITE)), (.filter, Int16(COLOR_YELLOW), background),
                (.normal, foreground, background),
            ]
            for (number, entry) in palette.enumerated() {
                let pair = Int16(number + 1)
                init_pair(pair, entry.1, entry.2)
                colours[entry.0] = pair
            }
        }
        for role in Role.allCases {
            pairs[role] = (attributes[role] ?? normal, colours[role] ?? colours[.normal] ?? 0)
        }
    }

    // MARK: Drawing

    /// Copies a grid to the screen. `erase` (not `clear`) so ncurses sends only the cells that changed.
    public func draw(_ grid: Grid) {
        werase(dossier_stdscr())
        var buffer: [wchar_t] = []
        buffer.reserveCapacity(grid.width * 2)
        for row in 0..<grid.height {
            var column = 0
            while column < grid.width {
                let role = grid[column, row].role
                let runStart = column
                buffer.removeAll(keepingCapacity: true)
                while column < grid.width, grid[column, row].role == role {
                    let cell = grid[column, row]
                    if !cell.isContinuation {
                        for scalar in cell.character.unicodeScalars { buffer.append(wchar_t(bitPattern: scalar.value)) }
                    }
                    column += 1
                }
                let style = pairs[role] ?? (dossier_a_normal(), 0)
                dossier_set_style(style.attributes, style.pair)
                // The bottom-right cell makes addwstr return ERR after writing it; that is expected.
                _ = dossier_put_wide(Int32(row), Int32(runStart), buffer, Int32(buffer.count))
            }
        }
        dossier_set_style(dossier_a_normal(), 0)
        wnoutrefresh(dossier_stdscr())
        doupdate()
    }

    // MARK: Input

    private var pollMilliseconds: Int32 = 250

    /// How long a wait for a key may last before the loop checks signals, the terminal and a background load.
    public func setPollInterval(milliseconds: Int32) {
        pollMilliseconds = milliseconds
        wtimeout(dossier_stdscr(), milliseconds)
    }

    private var errorsInARow = 0

    /// Waits up to the poll interval for a key.
    public func nextEvent() -> TerminalEvent {
        let signal = dossier_pending_signal()
        if signal != 0 { return .signal(signal) }
        var character: wint_t = 0
        errno = 0
        let status = wget_wch(dossier_stdscr(), &character)
        let signalAfter = dossier_pending_signal()
        if signalAfter != 0 { return .signal(signalAfter) }
        if status == ERR {
            // A timeout is normal; a hung-up terminal, EIO or endless errors mean it is gone.
            if errno == EIO || dossier_terminal_gone(inputFD) != 0 { return .terminalGone }
            if errno != 0 && errno != EINTR && errno != EAGAIN {
                errorsInARow += 1
                if errorsInARow > 20 { return .terminalGone }
            }
            return .idle
        }
        errorsInARow = 0
        if status == KEY_CODE_YES {
            if Int32(character) == KEY_RESIZE {
                let size = self.size
                return .key(.resize(size.width, size.height))
            }
            return TerminalScreen.decode(keyCode: Int32(character)).map(TerminalEvent.key) ?? .idle
        }
        if character == 0x1B { return afterEscape() }
        return TerminalScreen.decode(character: UInt32(character)).map(TerminalEvent.key) ?? .idle
    }

    /// Esc with nothing waiting after it is the Esc key, at once. Esc followed at once by `[` or `O` is
    /// an escape sequence ncurses did not know (see `EscapeSequence`): it is read whole and decoded or
    /// ignored, never taken for Esc and commands. Anything else after Esc is left for the next read.
    private func afterEscape() -> TerminalEvent {
        let window = dossier_stdscr()
        defer { wtimeout(window, pollMilliseconds) }
        wtimeout(window, 0)
        var next: wint_t = 0
        let status = wget_wch(window, &next)
        if status == KEY_CODE_YES { ungetch(Int32(next)) }
        guard status == OK, let first = Unicode.Scalar(UInt32(next)),
              let introducer = EscapeSequence.Introducer(rawValue: Character(first)) else {
            if status == OK { unget_wch(wchar_t(next)) }
            return .key(.escape)
        }
        // The rest of a sequence comes in the same write; a few milliseconds cover a slow link.
        wtimeout(window, 25)
        var body: [Unicode.Scalar] = []
        while body.count < 32 {
            let status = wget_wch(window, &next)
            if status == KEY_CODE_YES { ungetch(Int32(next)) }
            guard status == OK, let scalar = Unicode.Scalar(UInt32(next)) else { break }
            body.append(scalar)
            if introducer == .ss3 || EscapeSequence.isFinal(Character(scalar)) {
                return EscapeSequence.key(introducer, String(String.UnicodeScalarView(body))).map(TerminalEvent.key) ?? .idle
            }
        }
        // Not a sequence after all (Esc, then `[` typed quickly): give back what was read, to be read
        // again in order (ncurses returns the last given back first).
        for scalar in ([first] + body).reversed() { unget_wch(wchar_t(scalar.value)) }
        return .key(.escape)
    }

    static func decode(keyCode: Int32) -> Key? {
        switch keyCode {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        default: return nil
        }
    }

    static func decode(character value: UInt32) -> Key? {
        switch value {
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(value + 0x60)!))
        default:
            guard let scalar = Unicode.Scalar(value), value >= 0x20 else { return nil }
            return .character(Character(scalar))
        }
    }
}
