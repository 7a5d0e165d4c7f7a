import Foundation
import Testing
@testable import DossierConfig
import DossierApp

/// The configuration file: a setting read, and every kind of mistake located and left at its default.
@Suite struct ConfigurationTests {
    @Test func theAuthorIsRead() {
        let configuration = Configuration.parse("# who signs my notes\n[notes]\nauthor = \"Ana Lima\"\n", path: "config.toml")
        #expect(configuration.author == "Ana Lima" && configuration.problems.isEmpty)
    }

    @Test(arguments: [
        ("[notes]\nauthor = \"Ana\n", "config.toml:2:"),
        ("[notes]\nauthor = 3\n", "config.toml:2:1: “notes.author” must be a name, in quotes; $USER is used"),
        ("[notes]\n  auther = \"Ana\"\n", "config.toml:2:3: unknown setting “notes.auther” (known: notes.author)"),
        ("author = \"Ana\"\n", "config.toml:1:1: unknown setting “author”: settings are in tables, as [notes] author = \"…\" (see docs/configuration.md)"),
        ("[notes]\nauthor = \"  \"\n", "config.toml:2:1: “notes.author” must be a name, in quotes; $USER is used"),
    ])
    func aMistakeIsLocatedAndLeavesTheDefault(text: String, said: String) {
        let configuration = Configuration.parse(text, path: "config.toml")
        #expect(configuration.author == nil)
        #expect(configuration.problems.count == 1 && configuration.problems[0].description.hasPrefix(said), "\(configuration.problems)")
    }

    @Test func aSyntaxErrorSaysWhereAndKeepsTheDefaults() {
        let configuration = Configuration.parse("[notes]\nauthor = \"Ana\"\nx = [1,\n", path: "config.toml")
        #expect(configuration.author == nil && configuration.problems.count == 1)
        #expect(configuration.problems[0].line == 3 && configuration.problems[0].message.hasSuffix("; the defaults are used"))
    }

    @Test func whereTheFileIsLooked() throws {
        #expect(Configuration.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/dossier/config.toml")
        #expect(Configuration.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/dossier/config.toml")
        // No default file: the defaults, no problem. A file named with --config that is missing: an error.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-config-\(UUID().uuidString)").path
        #expect(try Configuration.load(explicit: nil, environment: ["XDG_CONFIG_HOME": folder]) == Configuration())
        #expect(throws: Configuration.LoadError.self) { try Configuration.load(explicit: folder + "/none.toml", environment: [:]) }
        try FileManager.default.createDirectory(atPath: folder + "/dossier", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "[notes]\nauthor = \"Bo\"\n".write(toFile: folder + "/dossier/config.toml", atomically: true, encoding: .utf8)
        #expect(try Configuration.load(explicit: nil, environment: ["XDG_CONFIG_HOME": folder]).author == "Bo")
    }
}

/// Issue 18's settings: one fixture for each kind of mistake (Tests/Fixtures/config/), each said with
/// its file, line and column, and leaving only its own setting at the default.
@Suite struct ConfigurationFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/config").path

    func load(_ name: String) throws -> Configuration {
        try Configuration.load(explicit: Self.folder + "/" + name, environment: ["HOME": "/home/ana"])
    }

    @Test(arguments: [
        ("syntax.toml", "3:15: Error while parsing string: unescaped control characters other than TAB (U+0009) are explicitly prohibited; the defaults are used"),
        ("unknown-setting.toml", "3:3: unknown setting “explorer.colour” (known: explorer.corpus, explorer.mouse, explorer.theme)"),
        ("unknown-table.toml", "1:1: unknown table [colours] (did you mean [colors]?); the tables are [explorer], [colors], [keys], [notes], [citation]"),
        ("unknown-action.toml", "2:1: unknown action “moveDwn” (did you mean “moveDown”?); `dossier config --default` lists them"),
        ("unknown-key.toml", "2:1: “Hyper-j” is not a key: write one character, a name such as Enter, Esc, Tab, Space, PgDn, Up, or Ctrl- and a letter; the keys of moveDown are kept"),
        ("bound-twice.toml", "3:1: k is bound twice in “Moving”: to moveUp and to moveDown; the keys of moveDown there are kept"),
        ("typing-key.toml", "2:1: j types text in “Search everything”, so it cannot be a key there; use one such as Ctrl-… instead; the keys of moveDown there are kept"),
        ("unknown-context.toml", "1:1: unknown key context [keys.readr] (did you mean [keys.reader]?); the contexts are everywhere, moving, panes, following, workflows, reader, passage, picker, actors, timeline, matrix, compare, signatories, profiles, problems-list, notes, edits, search, filtering, prompt, help-overlay"),
        ("not-a-bool.toml", "2:1: “explorer.mouse” must be true or false; the mouse stays off"),
        ("unknown-theme.toml", "2:1: “explorer.theme” must be \"dark\" or \"light\"; the dark theme is used"),
        ("unknown-colour.toml", "2:1: “colors.heading” must be one of black, red, green, yellow, blue, magenta, cyan, white or default, in quotes; the theme's colour is kept"),
        ("unknown-field.toml", "2:1: “citation.format”: no field “{page}”; the fields are {quote} {via} {speaker} {source} {publisher} {title} {date} {url} {id} {article}; the standard citation is used"),
    ])
    func eachMistakeIsLocatedAndLeavesItsDefault(file: String, said: String) throws {
        let configuration = try load(file)
        #expect(configuration.problems.map(\.description) == [Self.folder + "/" + file + ":" + said])
        // What was wrong is at its default: the keys, the theme, the colours, the citation, the mouse.
        #expect(configuration.keymap.bindings.map(\.keys) == Keymap.standard.bindings.map(\.keys))
        #expect(Role.allCases.allSatisfy { configuration.palette.colour($0) == Palette.standard.colour($0) })
        #expect(configuration.citation == nil && configuration.author == nil)
    }

    @Test func whatIsRightInAFileWithAMistakeStillApplies() throws {
        // unknown-setting.toml sets the mouse on beside its unknown setting.
        #expect(try load("unknown-setting.toml").mouse == true)
        // syntax.toml does too, but a file that does not parse gives only defaults.
        #expect(try load("syntax.toml").mouse == nil)
    }

    @Test func everySettingIsRead() throws {
        let configuration = try load("good.toml")
        #expect(configuration.problems.isEmpty, "\(configuration.problems)")
        #expect(configuration.corpus == "/home/ana/corpora/xinjiang")
        #expect(configuration.mouse == true && configuration.author == "Ana Lima")
        #expect(configuration.palette.base == .light && configuration.palette.colour(.heading) == .magenta)
        #expect(configuration.palette.colour(.mark) == nil && configuration.palette.colour(.label) == .blue)
        let keymap = configuration.keymap
        #expect(keymap.action(for: .control("e"), in: [.moving]) == .moveDown && keymap.action(for: .character("j"), in: [.moving]) == .moveDown)
        #expect(keymap.action(for: .control("q"), in: [.everywhere]) == .quit)
        #expect(keymap.action(for: .tab, in: [.reader]) == .nextSpan)
        // In a search, where letters type, moveDown keeps only the keys that do not.
        #expect(keymap.action(for: .character("j"), in: [.search]) == nil && keymap.action(for: .control("e"), in: [.search]) == .moveDown)
        #expect(configuration.citation?.template == "{publisher} ({date}), {title}: “{quote}” [{id}]")
        #expect(configuration.sources["explorer.theme"] == Self.folder + "/good.toml:5:1")
    }

    @Test func theEffectiveConfigurationReadsBackAsItself() throws {
        for file in ["good.toml", "bound-twice.toml"] {
            let configuration = try load(file)
            let again = Configuration.parse(configuration.effectiveText(author: "ana"), path: "effective.toml")
            #expect(again.problems.isEmpty, "\(again.problems)")
            #expect(again.keymap.bindings.map(\.keys) == configuration.keymap.bindings.map(\.keys))
            #expect(Role.allCases.allSatisfy { again.palette.colour($0) == configuration.palette.colour($0) })
            #expect(again.mouse ?? false == configuration.mouse ?? false && again.citation?.template == (configuration.citation ?? .standard).template)
        }
        // Where each value came from.
        let text = try load("good.toml").effectiveText(author: "ana")
        #expect(text.contains("theme = \"light\"  # " + Self.folder + "/good.toml:5:1\n"))
        #expect(text.contains("halfPageDown = \"Ctrl-d\"  # default\n"))
    }

    @Test func theDefaultFileParsesAndUncommentedGivesTheDefaults() throws {
        let text = Configuration.defaultText()
        let commented = Configuration.parse(text, path: "default.toml")
        #expect(commented.problems.isEmpty && commented.rebindings.isEmpty && commented.sources.isEmpty)
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("# ") && line.dropFirst(2).first.map { $0.isLetter } == true && line.contains(" = ") ? String(line.dropFirst(2)) : String(line)
        }.joined(separator: "\n")
        let all = Configuration.parse(uncommented, path: "default.toml")
        #expect(all.problems.isEmpty, "\(all.problems)")
        #expect(all.keymap.bindings.map(\.keys) == Keymap.standard.bindings.map(\.keys))
        #expect(Role.allCases.allSatisfy { all.palette.colour($0) == Palette.standard.colour($0) })
        #expect(all.citation == .standard && all.mouse == false)
    }
}
