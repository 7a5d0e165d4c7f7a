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
    private var mouseOn = false

    /// Starts curses on stdout, reading keys from /dev/tty (so stdin may be a pipe). `asciiOnly`
    /// draws every character as ASCII whatever the locale (`--ascii`).
    /// `palette`: the colours of the user's theme. `mouse`: take the mouse's clicks and wheel (then the
    /// terminal's own selection needs Shift held in most terminals).
    public init(environment: [String: String], asciiOnly: Bool = false, palette: Palette = .standard, mouse: Bool = false) throws {
        setlocale(LC_ALL, "")
        // Without a UTF-8 locale (LANG=C, or none set over SSH) ncurses would drop every letter
        // outside ASCII; a UTF-8 character type the system has (C.UTF-8 on every glibc) keeps them.
        if !TerminalScreen.isUTF8Locale() {
            for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, name) != nil {
                if TerminalScreen.isUTF8Locale() { break }
            }
        }
        supportsUnicode = TerminalScreen.isUTF8Locale() && !asciiOnly
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
        // Ctrl-S must not freeze the display (and hold back SIGTERM's exit until Ctrl-Q): flow control
        // off; and Ctrl-C or Ctrl-Z must not flush typed-ahead keys from under ncurses' read (it then
        // blocked until the next key, with the signal unanswered). Saved as the program mode that
        // ncurses restores after a suspend.
        _ = dossier_disable_flow_control(inputFD)
        def_prog_mode()
        keypad(dossier_stdscr(), true)
        curs_set(0)
        // Wake up four times a second to notice signals and a vanished terminal; idle costs nothing.
        wtimeout(dossier_stdscr(), 250)
        setUpStyles(colour: has_colors() && environment["NO_COLOR"].map(\.isEmpty) ?? true, palette: palette)
        if mouse {
            // ncurses' rule: a press and its release within 200 ms are a click, and two clicks within
            // it a double click.
            mouseinterval(200)
            mouseOn = dossier_mouse_on() == 0
        }
        // Terminals that do not know the mode ignore it; xterm, tmux, screen and the linux console do.
        writeControl(TerminalScreen.bracketedPasteOn)
    }

    static func isUTF8Locale() -> Bool {
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        return codeset.uppercased().replacingOccurrences(of: "-", with: "") == "UTF8"
    }

    deinit { end() }

    /// Leaves curses: the terminal is back as it was (also on every error path, through deinit).
    public func end() {
        guard !ended else { return }
        ended = true
        // Bracketed paste off; then a blank screen with the cursor at the top left, so on a terminal
        // without an alternate screen (vt100, linux) the shell's prompt does not land on an old frame.
        writeControl(TerminalScreen.bracketedPasteOff)
        if mouseOn { dossier_mouse_off() }
        werase(dossier_stdscr())
        wmove(dossier_stdscr(), 0, 0)
        wrefresh(dossier_stdscr())
        endwin()
        if let screen { delscreen(screen) }
        if let input { fclose(input) }
        screen = nil
        input = nil
        dossier_reset_handlers()
    }

    /// Leave the alternate screen, show the cursor, reset attributes, bracketed paste and mouse reports
    /// off: what a crash handler writes.
    static let resetSequence = "\u{1B}[0m\u{1B}[?25h\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[?1049l\r\n"
    /// Pasted text then arrives between ESC [200~ and ESC [201~, so it is typed in, never run as keys.
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    /// Sends an OSC 52 clipboard sequence (its text is base64, so nothing in it reaches the terminal raw).
    public func sendClipboard(_ sequence: String) {
        writeControl(sequence)
    }

    /// Writes a control sequence of our own (never text from data) straight to the terminal.
    private func writeControl(_ sequence: String) {
        fflush(dossier_stdout())
        _ = sequence.utf8CString.withUnsafeBufferPointer { buffer in write(STDOUT_FILENO, buffer.baseAddress, buffer.count - 1) }
    }

    /// "A newer key is waiting, or a signal came": what a long search gives way to.
    public var interruption: Interruption {
        let descriptor = inputFD
        return Interruption { dossier_input_waiting(descriptor) != 0 || dossier_pending_signal() != 0 }
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(dossier_stdscr())), Int(getmaxy(dossier_stdscr())))
    }

    // MARK: Styles

    private func setUpStyles(colour: Bool, palette: Palette) {
        func curses(_ attributes: TextAttributes) -> attr_t {
            var value = dossier_a_normal()
            if attributes.contains(.bold) { value |= dossier_a_bold() }
            if attributes.contains(.underline) { value |= dossier_a_underline() }
            if attributes.contains(.reverse) { value |= dossier_a_reverse() }
            if attributes.contains(.dim) { value |= dossier_a_dim() }
            return value
        }
        var colours: [Role: Int16] = [:]
        if colour {
            start_color()
            let background: Int16 = use_default_colors() == OK ? -1 : Int16(COLOR_BLACK)
            let foreground: Int16 = background == -1 ? -1 : Int16(COLOR_WHITE)
            for (number, role) in Role.allCases.enumerated() {
                let pair = Int16(number + 1)
                let back = Theme.onWhite(role) ? Int16(COLOR_WHITE) : background
                init_pair(pair, palette.colour(role).map(\.rawValue) ?? foreground, back)
                colours[role] = pair
            }
        }
        for role in Role.allCases {
            pairs[role] = (curses(Theme.attributes(role)), colours[role] ?? 0)
        }
    }

    // MARK: Drawing

    /// Copies a grid to the screen. `erase` (not `clear`) so ncurses sends only the cells that changed;
    /// `everything` (Ctrl-L) clears the terminal first and repaints every cell, for a screen that
    /// something else wrote over.
    public func draw(_ grid: Grid, everything: Bool = false) {
        let grid = supportsUnicode ? grid : ASCIIFallback.grid(grid)
        if everything || repaintNext { clearok(dossier_curscr(), true) }
        repaintNext = false
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
    /// False in a team session: there is no shell to resume the explorer from, so Ctrl-Z does nothing.
    public var suspendable = true
    /// Set on resuming from a suspend: the next frame repaints every cell.
    private var repaintNext = false

    /// Waits up to the poll interval for a key.
    public func nextEvent() -> TerminalEvent {
        let signal = dossier_pending_signal()
        if signal != 0 { return .signal(signal) }
        if dossier_take_suspend() != 0 { return suspend() }
        if dossier_take_resize() != 0 { return resized() }
        var character: wint_t = 0
        errno = 0
        let status = wget_wch(dossier_stdscr(), &character)
        let signalAfter = dossier_pending_signal()
        if signalAfter != 0 { return .signal(signalAfter) }
        if status == ERR {
            // Ctrl-Z or a resize interrupted the wait: act on it now, between frames.
            if dossier_take_suspend() != 0 { return suspend() }
            if dossier_take_resize() != 0 { return resized() }
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
            if Int32(character) == KEY_MOUSE {
                var x: Int32 = 0, y: Int32 = 0
                let kind = dossier_mouse_event(&x, &y)
                return TerminalScreen.decode(mouse: kind, x: Int(x), y: Int(y)).map { .key(.mouse($0)) } ?? .idle
            }
            return TerminalScreen.decode(keyCode: Int32(character)).map(TerminalEvent.key) ?? .idle
        }
        if character == 0x1B { return afterEscape() }
        return TerminalScreen.decode(character: UInt32(character)).map(TerminalEvent.key) ?? .idle
    }

    /// Ctrl-Z: leave curses (the shell gets its terminal back as it was), stop, and on `fg` come back
    /// with every cell repainted at the size the terminal has now (it may have changed meanwhile).
    private func suspend() -> TerminalEvent {
        guard suspendable else { return .idle }
        writeControl(TerminalScreen.bracketedPasteOff)
        endwin()
        dossier_stop_until_continued()
        // Back to our own terminal modes before writing anything: the shell's have flow control on,
        // and a Ctrl-S typed in that moment would stop every write (and Ctrl-C with it) for good.
        reset_prog_mode()
        _ = dossier_disable_flow_control(inputFD)
        writeControl(TerminalScreen.bracketedPasteOn)
        repaintNext = true
        _ = dossier_take_resize()  // the size is read afresh just below
        return resized()
    }

    /// The terminal changed size: curses learns it here, in the loop, never in a signal handler.
    private func resized() -> TerminalEvent {
        var rows: Int32 = 0, columns: Int32 = 0
        if dossier_window_size(inputFD, &rows, &columns) == 0 {
            resizeterm(rows, columns)
        }
        let size = self.size
        return .key(.resize(size.width, size.height))
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
        // Esc then Enter at once is how terminals send Alt-Enter.
        if status == OK, next == 0x0D || next == 0x0A { return .key(.altEnter) }
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
            if introducer == .csi && String(String.UnicodeScalarView(body)) == EscapeSequence.pasteStart { return readPaste() }
            if introducer == .ss3 || EscapeSequence.isFinal(Character(scalar)) {
                return EscapeSequence.key(introducer, String(String.UnicodeScalarView(body))).map(TerminalEvent.key) ?? .idle
            }
        }
        // Not a sequence after all (Esc, then `[` typed quickly): give back what was read, to be read
        // again in order (ncurses returns the last given back first).
        for scalar in ([first] + body).reversed() { unget_wch(wchar_t(scalar.value)) }
        return .key(.escape)
    }

    /// Reads bracketed-paste text up to its end marker: it becomes one `.paste` key, typed into a
    /// prompt, so pasted letters never run as commands. A paste whose end never comes (a terminal
    /// that stopped mid-way) ends after a quiet half second.
    private func readPaste() -> TerminalEvent {
        let window = dossier_stdscr()
        wtimeout(window, 500)
        var read = ""
        // Past the limit only the last few characters are kept, enough to see the end marker arrive.
        var overflow = ""
        var next: wint_t = 0
        while true {
            let status = wget_wch(window, &next)
            guard status == OK, let scalar = Unicode.Scalar(UInt32(next)) else { break }
            if read.utf8.count < EscapeSequence.pasteLimit {
                read.unicodeScalars.append(scalar)
                if let text = EscapeSequence.completedPaste(read) { return .key(.paste(text)) }
            } else {
                overflow.unicodeScalars.append(scalar)
                if overflow.unicodeScalars.count > EscapeSequence.pasteEnd.unicodeScalars.count { overflow.unicodeScalars.removeFirst() }
                if EscapeSequence.completedPaste(overflow) != nil { break }
            }
        }
        return .key(.paste(read))
    }

    /// What `dossier_mouse_event` said, as the controller's event; nil for a lone press or release.
    static func decode(mouse kind: Int32, x: Int, y: Int) -> MouseEvent? {
        switch kind {
        case 1: return MouseEvent(.wheelUp, x: x, y: y)
        case 2: return MouseEvent(.wheelDown, x: x, y: y)
        case 3: return MouseEvent(.click, x: x, y: y)
        case 4: return MouseEvent(.doubleClick, x: x, y: y)
        default: return nil
        }
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
