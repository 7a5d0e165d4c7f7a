import DossierModel
import Foundation
import Testing
@testable import DossierApp

enum Fixture {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    /// The bundled corpus, loaded once for all tests.
    static let corpus: Corpus = {
        do {
            return try CorpusLoader.load(path: repository.appendingPathComponent("data").path).corpus
        } catch {
            fatalError("the bundled corpus does not load: \(error)")
        }
    }()

    /// Built once: the search index and list orders are computed per corpus, not per test.
    static let base = settled(Explorer.normalized(State(corpus: corpus, width: 80, height: 24)))

    static func state(width: Int = 80, height: Int = 24) -> State {
        width == 80 && height == 24 ? base : step(base, .key(.resize(width, height))).0
    }
}

/// One event as the terminal hands it over: the article bodies the controller asks for are read and
/// handed back (as the key loop does); the other effects are returned, not carried out.
func step(_ state: State, _ event: ExplorerEvent) -> (State, [Effect]) {
    Explorer.updateReadingBodies(state, event)
}

/// A state set up by hand, with the bodies its first frame shows read (as the terminal does before it
/// draws).
func settled(_ state: State) -> State {
    step(state, .settle).0
}

/// Keys written as in docs/keys.md: "j", "Enter", "Tab", "Shift-Tab", "Esc", "Backspace", "Ctrl-o",
/// "PgDn", "↓"; any other single character is typed as itself.
func keys(_ names: [String]) -> [Key] {
    names.map { name in
        switch name {
        case "Enter": return .enter
        case "Tab": return .tab
        case "Shift-Tab": return .backTab
        case "Esc": return .escape
        case "Backspace": return .backspace
        case "Space": return .character(" ")
        case "Home": return .home
        case "End": return .end
        case "PgDn": return .pageDown
        case "PgUp": return .pageUp
        case "Delete": return .delete
        case "Alt-Enter": return .altEnter
        case "↓": return .down
        case "↑": return .up
        case "←": return .left
        case "→": return .right
        default:
            if name.hasPrefix("Ctrl-"), let letter = name.last { return .control(letter) }
            precondition(name.count == 1, "unknown key name \(name)")
            return .character(name.first!)
        }
    }
}

func run(_ names: [String], from state: State = Fixture.state()) -> State {
    keys(names).reduce(state) { step($0, .key($1)).0 }
}

/// The keys pressed as the terminal presses them: the state after the last, and the effects the keys
/// asked for, in order (what the edge would carry out; none is, so none is answered).
func press(_ names: [String], from state: State = Fixture.state()) -> (state: State, effects: [Effect]) {
    keys(names).reduce((state, [])) { pressed, key in
        let (next, effects) = step(pressed.0, .key(key))
        return (next, pressed.1 + effects)
    }
}

/// The effects the keys asked for.
func effects(_ names: [String], from state: State = Fixture.state()) -> [Effect] {
    press(names, from: state).effects
}

extension Array where Element == Effect {
    var copy: ClipboardRequest? { lazy.compactMap { if case .copy(let request) = $0 { request } else { nil } }.first }
    var export: ExportRequest? { lazy.compactMap { if case .export(let request) = $0 { request } else { nil } }.first }
    var noteEdit: PendingNoteEdit? { lazy.compactMap { if case .changeNote(let edit) = $0 { edit } else { nil } }.first }
    var corpusEdit: CorpusEditRequest? { lazy.compactMap { if case .editCorpus(let request) = $0 { request } else { nil } }.first }
    var quits: Bool { contains(.quit) }
    var redrawsAll: Bool { contains(.redrawAll) }
}

/// Typing a word into the filter.
func typed(_ text: String) -> [String] { text.map { String($0) } }

/// Compares a rendered frame with its committed fixture; UPDATE_SNAPSHOTS=1 rewrites the fixture.
func assertSnapshot(_ grid: Grid, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let url = Fixture.snapshots.appendingPathComponent(name + ".txt")
    // The text, then what each cell means: a lost highlight fails the test as a lost letter does.
    let legend = Role.allCases.map { "\($0.code)=\($0)" }.joined(separator: " ")
    let actual = grid.plainText + "-- roles: " + legend + "\n" + grid.roleText
    if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: Fixture.snapshots, withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing snapshot \(name).txt; run UPDATE_SNAPSHOTS=1 swift test and review it", sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "snapshot \(name) differs; run UPDATE_SNAPSHOTS=1 swift test and review the diff", sourceLocation: sourceLocation)
}

/// One key, as the terminal hands it to the controller; the effects it asks for (but reading bodies)
/// are not carried out.
func pressKey(_ state: State, _ key: Key) -> State {
    step(state, .key(key)).0
}
