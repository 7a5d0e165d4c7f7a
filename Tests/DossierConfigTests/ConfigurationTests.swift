import Foundation
import Testing
@testable import DossierConfig

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
