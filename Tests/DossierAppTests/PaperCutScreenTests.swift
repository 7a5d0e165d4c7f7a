import DossierModel
import Testing
@testable import DossierApp

/// Issue 32: what a first day with Dossier tripped over on screen. Each test failed on main.
@Suite struct PaperCutScreenTests {
    /// Seen at 80x24: the status line ended "…e export"; `? help` was never shown.
    @Test(arguments: [[], ["Tab"], ["3", "Tab"], ["5"], ["3", "j", "c"], ["2", "t"]] as [[String]])
    func theHelpKeyIsAlwaysOnTheStatusLine(keys: [String]) {
        for (width, height) in [(80, 24), (60, 20), (40, 12)] {
            let status = Render.frame(run(keys, from: Fixture.state(width: width, height: height))).plainText
                .split(separator: "\n", omittingEmptySubsequences: false).dropLast().last ?? ""
            #expect(status.hasSuffix("? help"), "\(keys) at \(width)x\(height): \(status)")
        }
    }
}
