import DossierModel
import Testing
@testable import DossierApp

/// Issue 30, item 3: every status line, hint and message that names a key takes it from the keymap in
/// force. Seen on main: about twenty of them named the standard keys literally, so a `[keys]`
/// rebinding made them false ("Esc cancel" when Esc no longer cancels).
@Suite struct KeyWordsTests {
    /// Every binding moved to other keys: characters to Ctrl-characters, Ctrl-letters and the named
    /// keys to characters of the private-use area, which no screen writes.
    static func moved(_ key: Key) -> Key {
        switch key {
        case .character(let character): return .control(character)
        case .control(let letter): return .character(Character(Unicode.Scalar(0xE000 + (letter.unicodeScalars.first?.value ?? 0) % 0x100)!))
        case .enter: return .character("\u{E100}")
        case .escape: return .character("\u{E101}")
        case .tab: return .character("\u{E102}")
        case .backTab: return .character("\u{E103}")
        case .altEnter: return .character("\u{E104}")
        case .backspace: return .character("\u{E105}")
        default: return key
        }
    }

    static let rebound = Keymap(bindings: Keymap.standard.bindings.map { binding in
        var binding = binding
        binding.keys = binding.keys.map(moved)
        return binding
    })

    /// The standard keys, pressed as the rebound keymap has them.
    static func press(_ names: [String], from state: State) -> State {
        keys(names).map(moved).reduce(state, pressKey)
    }

    /// What the standard keys' names look like in a hint or message.
    /// (A letter's name is looked for after a space: "Ctrl-v selects" is the rebound key's.)
    static let standardNames = ["Esc", "Enter", "Tab ", "Alt-Enter", "press m ", "Press m ", " a writes", " b bookmarks", " v selects",
                                " j/k", " q closes", " w b word", " y copy", "Space b", " y copies", " a notes", " b bookmarks here", "(S shows",
                                "(S hides", "(! lists", "] and [", " u undoes", "(!)", " n/N"]

    static func standardNamesIn(_ text: String) -> [String] { standardNames.filter { text.contains($0) } }

    @Test func aRebindingIsWhatEveryHintAndMessageNames() throws {
        var base = Fixture.state(width: 200, height: 50)
        base.keymap = Self.rebound
        base.problems = [Diagnostic(.warning, file: "statements.json", message: "a problem to list")]
        var seen: [(String, String)] = []
        func look(_ name: String, _ state: State) {
            seen.append((name, Render.frame(state).plainText + "\n" + (state.message ?? "")))
        }
        look("marked statement", Self.press(["3", "j", "m"], from: base))
        look("search, nothing typed", Self.press(["f"], from: base))
        look("note prompt", Self.press(["3", "a"], from: base))
        look("export prompt", Self.press(["3", "e"], from: base))
        look("filter prompt", Self.press(["3", "/"], from: base))
        look("help", Self.press(["?"], from: base))
        look("problems", Self.press(["!"], from: base))
        look("v outside the reader", Self.press(["3", "v"], from: base))
        let passage = Self.press(["Tab", "]", "v", ")"], from: base)
        #expect(passage.passage != nil, "the rebound keys did not select a passage")
        look("passage", passage)
        look("picker", Self.press(["Enter"], from: passage))
        look("notes, none yet", Self.press(["6"], from: base))
        look("notes, none yet, Enter", Self.press(["6", "Enter"], from: base))
        look("edits, none yet", Self.press(["E"], from: base))
        look("supplied hidden", Self.press(["3", "S"], from: base))
        look("supplied shown", Self.press(["3", "S", "S"], from: base))
        look("reader, a line with no span", Self.press(["Tab", "G", "k", "k", "k", "k"], from: base))
        var searched = Self.press(["Tab"], from: base)
        searched.navigation.readerQuery = "china"
        look("reader, after a search", searched)
        for (name, text) in seen {
            #expect(Self.standardNamesIn(text).isEmpty, "\(name) names standard keys \(Self.standardNamesIn(text)):\n\(text)")
        }
        // The same screens with the standard keymap do name them (the check can fail).
        let standard = Fixture.state(width: 200, height: 50)
        for keys in [["Tab", "]", "v", ")"], ["Tab", "G", "k", "k", "k", "k"], ["6"], ["?"]] {
            #expect(!Self.standardNamesIn(Render.frame(run(keys, from: standard)).plainText).isEmpty, "\(keys) names no standard key")
        }
        #expect(run(["3", "S"], from: standard).message?.contains("(S shows") == true)
        var searchedStandard = run(["Tab"], from: standard)
        searchedStandard.navigation.readerQuery = "china"
        #expect(Render.frame(searchedStandard).plainText.contains(" n/N"))
    }
}
