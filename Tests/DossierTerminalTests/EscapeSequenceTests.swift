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
