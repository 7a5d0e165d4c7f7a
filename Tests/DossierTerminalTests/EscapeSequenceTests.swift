import DossierApp
import Testing
@testable import DossierTerminal

@Suite struct EscapeSequenceTests {
    @Test(arguments: [("A", Key.up), ("B", .down), ("C", .right), ("D", .left), ("H", .home), ("F", .end),
                      ("1~", .home), ("7~", .home), ("4~", .end), ("8~", .end), ("5~", .pageUp), ("6~", .pageDown),
                      ("3~", .delete), ("Z", .backTab), ("1;5A", .up), ("1;2F", .end), ("5;5~", .pageUp)])
    func knownCSISequencesAreKeys(body: String, key: Key) {
        #expect(EscapeSequence.key(.csi, body) == key)
    }

    @Test(arguments: ["15~", "15;2~", "2~", "<0;12;5M", "?1;2c", "200~", "I", "O", "", "99;99;99X"])
    func otherCSISequencesAreIgnoredWhole(body: String) {
        #expect(EscapeSequence.key(.csi, body) == nil)
    }

    @Test func ss3SequencesAreCursorKeysAndKeypadEnter() {
        #expect(EscapeSequence.key(.ss3, "A") == .up)
        #expect(EscapeSequence.key(.ss3, "F") == .end)
        #expect(EscapeSequence.key(.ss3, "M") == .enter)
        #expect(EscapeSequence.key(.ss3, "P") == nil)  // F1
    }

    @Test func aCSISequenceEndsAtItsFinalByte() {
        #expect("~ABZ@".allSatisfy(EscapeSequence.isFinal))
        #expect(!"0123456789;<?= !".contains(where: EscapeSequence.isFinal))
    }
}

/// The mouse as ncurses reports it (`dossier_mouse_event`), decoded into the controller's events.
@Suite struct MouseDecodingTests {
    @Test func eachReportBecomesItsEvent() {
        #expect(TerminalScreen.decode(mouse: 1, x: 4, y: 7) == MouseEvent(.wheelUp, x: 4, y: 7))
        #expect(TerminalScreen.decode(mouse: 2, x: 0, y: 0) == MouseEvent(.wheelDown, x: 0, y: 0))
        #expect(TerminalScreen.decode(mouse: 3, x: 9, y: 2) == MouseEvent(.click, x: 9, y: 2))
        #expect(TerminalScreen.decode(mouse: 4, x: 9, y: 2) == MouseEvent(.doubleClick, x: 9, y: 2))
        // A lone press or release (a drag, the other buttons) is nothing.
        #expect(TerminalScreen.decode(mouse: 0, x: 9, y: 2) == nil)
    }

    @Test func aCrashTurnsMouseReportsOff() {
        #expect(TerminalScreen.resetSequence.contains("\u{1B}[?1000l") && TerminalScreen.resetSequence.contains("\u{1B}[?1006l"))
    }
}
