import Testing
@testable import DossierApp

/// Every screen as plain text at 80x24, 120x40 and a narrow 50x20, compared with the committed
/// fixtures in __Snapshots__ (review them like code).
@Suite struct SnapshotTests {
    static let sizes = [(80, 24), (120, 40), (50, 20), (200, 50)]

    static let scenarios: [(String, [String])] = [
        ("articles", []),
        ("articles-reader-span", ["Tab", "]", "]", "]"]),
        ("actors", ["2"]),
        ("actors-by-kind", ["2", "s"]),
        ("actor-profile", ["2"] + ["/"] + typed("turk") + ["Enter", "Enter"]),
        ("statements", ["3"]),
        // The 2019 letter's detail: rows are forum, two addressees, four counts, then the signatories.
        ("statement-count-source", ["3", "j", "Enter", "j", "j", "j", "j"]),
        ("statement-signatory-source", ["3", "j", "Enter"] + Array(repeating: "j", count: 6)),
        ("followed-signatory-to-actor", ["3", "j", "Enter"] + Array(repeating: "j", count: 6) + ["Enter"]),
        ("followed-count-to-article", ["3", "j", "Enter", "j", "j", "j", "j", "Enter"]),
        ("followed-back", ["3", "j", "Enter"] + Array(repeating: "j", count: 6) + ["Enter", "Backspace"]),
        ("filter-typing", ["3", "/"] + typed("lett")),
        ("filter-no-match", ["2", "/"] + typed("zzz")),
        ("help", ["?"]),
        ("timeline", ["4"]),
        ("timeline-of-actor", ["2", "/"] + typed("bachelet") + ["Enter", "t"]),
        ("timeline-event-detail", ["4", "Enter"]),
        ("matrix", ["5"]),
        ("matrix-cell", ["5", "j", "l"]),
        ("matrix-filtered", ["5", "/"] + typed("supportive 2019") + ["Enter"]),
        ("compare-disagreement", ["3", "j", "d"]),
        ("compare-next-excerpt", ["3", "j", "d", "Tab", "]"]),
        ("who-signed", ["3", "j", "m", "j", "m"]),
        ("who-signed-only-first", ["3", "j", "m", "j", "m", "l"]),
        ("two-articles", ["m", "j", "m"]),
        ("two-statements-details", ["3", "j", "m", "j", "m", "c"]),
        ("search-results", ["f"] + typed("bachelet")),
        ("search-opened-match", ["f"] + typed("bachelet") + ["↓", "Enter", "n"]),
        ("source-opened-in-article", ["3", "j", "Enter"] + Array(repeating: "j", count: 6) + ["Tab", "Enter"]),
    ]

    @Test(arguments: scenarios)
    func screens(name: String, names: [String]) {
        for (width, height) in Self.sizes {
            let state = run(names, from: Fixture.state(width: width, height: height))
            assertSnapshot(Render.frame(state), named: "\(name)-\(width)x\(height)")
        }
    }

    @Test func tinyTerminalsSaySoAndNeverCrash() {
        for (width, height) in [(1, 1), (0, 0), (10, 4), (19, 24), (80, 5), (20, 6), (400, 120), (2, 50)] {
            var state = Fixture.state(width: width, height: height)
            for key in keys(["3", "j", "Enter", "j", "Enter", "Tab", "?", "Esc", "1", "]", "Backspace"]) {
                state = pressKey(state, key)
                let grid = Render.frame(state)
                #expect(grid.width == max(0, width) && grid.height == max(0, height))
            }
        }
        assertSnapshot(Render.frame(Fixture.state(width: 19, height: 5)), named: "too-small-19x5")
    }
}
