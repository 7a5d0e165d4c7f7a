import Foundation
import Testing

/// Runs a program other than dossier (a shell, a man page linter) and gives its exit status and output.
func runProgram(_ executable: String, _ arguments: [String], in directory: String? = nil,
                environment: [String: String]? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let errors = PipeReader(err.fileHandleForReading)
    let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let message = String(decoding: errors.finish(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output, message)
}

/// What a user of the shell meets (issue 18): tables that fit the terminal, `show` by name, the
/// formats each command takes, and the completion scripts for bash, zsh and fish.
@Suite struct ShellTests {
    let good = CLI.fixtures + "/good/small.json"
    let bundled = CLI.repository.appendingPathComponent("data").path

    /// Display width of a line of plain output (CJK two columns; the tables hold no other wide text).
    func columns(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { width, scalar in
            width + ((0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                     || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                     || (0xFF00...0xFF60).contains(scalar.value) ? 2 : 1)
        }
    }

    @Test(arguments: ["articles", "actors", "statements", "events", "excerpts"])
    func listTablesFitEightyColumnsAndKeepIDsWhole(kind: String) throws {
        let result = try CLI.run(["list", kind, "--data", bundled])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count > 3)
        for line in lines { #expect(columns(line) <= 80, "\(line)") }
        // The ids are whole: each one shown is the id of a record `show` finds.
        let json = try CLI.run(["list", kind, "--format", "json", "--data", bundled])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let ids = Set(records.compactMap { $0["id"] as? String })
        for line in lines.dropFirst() { #expect(ids.contains(String(line.prefix { $0 != " " }))) }
    }

    @Test func tablesFollowColumnsAndWidePrintsEveryCellWhole() throws {
        let wider = try CLI.run(["list", "excerpts", "--data", bundled], environment: ProcessInfo.processInfo.environment.merging(["COLUMNS": "120"]) { $1 })
        let widths = wider.stdout.split(separator: "\n").map(columns)
        #expect(widths.max() == 120)
        let wide = try CLI.run(["list", "excerpts", "--wide", "--data", bundled])
        let quote = "Western countries, including the United Kingdom, France, and Germany, were more likely to raise concerns"
        #expect(wide.stdout.contains(quote) || wide.stdout.split(separator: "\n").map(columns).max()! > 200)
        let cut = try CLI.run(["list", "excerpts", "--data", bundled])
        #expect(cut.stdout.contains("…"))
        // Search tables fit too, and keep their kind, id and field whole.
        let search = try CLI.run(["search", "joint letter", "--data", bundled])
        for line in search.stdout.split(separator: "\n") { #expect(columns(line) <= 80, "\(line)") }
        #expect(search.stdout.contains("st-2019-07-joint-letter "))
    }

    @Test(arguments: [("Britain", "gbr"), ("united kingdom", "gbr"), ("Volker Turk", "turk"), ("Joint letter on Xinjiang", "s-letter")])
    func showTakesANameOrAliasThatOneRecordHas(name: String, id: String) throws {
        let byName = try CLI.run(["show", name, "--data", good])
        let byID = try CLI.run(["show", id, "--data", good])
        #expect(byName.status == 0)
        #expect(byName.stdout == byID.stdout)
    }

    @Test func showOfANameSeveralRecordsHaveListsTheirIDs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // "France" becomes an alias of the United Kingdom too.
        let text = try String(contentsOfFile: good, encoding: .utf8).replacingOccurrences(of: "\"Britain\"", with: "\"Britain\", \"France\"")
        let path = directory.appendingPathComponent("two.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CLI.run(["show", "france", "--data", path])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "dossier: \"france\" is the name of 2 records; give one of their ids: gbr (actor), fra (actor)\n")
    }

    @Test func helpListsOnlyTheFormatsEachCommandTakes() throws {
        for (command, formats) in [("list", "table, json"), ("search", "table, json"), ("show", "text, json")] {
            let help = try CLI.run([command, "--help"]).stdout.replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: #" +"#, with: " ", options: .regularExpression)
            #expect(help.contains("(values: \(formats);"), "\(command)")
        }
    }

    // MARK: Completions

    func completionScript(_ shell: String) throws -> String {
        let result = try CLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        return result.stdout
    }

    /// What bash offers for `line` (completing its last word), with the generated script loaded, as the
    /// shell's `complete -F` would call it.
    func bashCompletions(_ line: String, in directory: String? = nil) throws -> [String] {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-completion-\(UUID().uuidString).bash")
        try completionScript("bash").write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let program = """
            source \(script.path)
            read -ra COMP_WORDS <<< "$LINE"
            [[ "$LINE" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="$LINE"; COMP_POINT=${#LINE}
            _dossier dossier "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["LINE"] = line
        environment["XDG_CACHE_HOME"] = CLI.cacheHome
        return try runProgram("/bin/bash", ["-c", program], in: directory, environment: environment).stdout.split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesIDsFromTheCorpusGiven() throws {
        #expect(try bashCompletions("dossier show --data \(good) s-") == ["s-letter"])
        var ids: [String] = []
        for kind in ["articles", "actors", "statements", "events", "excerpts"] {
            let json = try CLI.run(["list", kind, "--format", "json", "--data", good])
            let records = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            ids += records.compactMap { $0["id"] as? String }
        }
        #expect(try bashCompletions("dossier show --data=\(good) ") == ids.sorted())
        // Without --data, the bundled corpus's.
        #expect(try bashCompletions("dossier show st-2019-07-j") == ["st-2019-07-joint-letter"])
        // A corpus that cannot be read offers nothing, and prints nothing into the command line.
        #expect(try bashCompletions("dossier show --data /nonexistent x") == [])
    }

    @Test func bashCompletesOnlyTheFormatsACommandTakes() throws {
        #expect(try bashCompletions("dossier list actors --format ") == ["table", "json"])
        #expect(try bashCompletions("dossier search x --format ") == ["table", "json"])
        #expect(try bashCompletions("dossier show gbr --format ") == ["text", "json"])
    }

    @Test func bashCompletesCorpusPaths() throws {
        // Directories and JSON files: validate's path and --data.
        let fixtures = CLI.fixtures
        #expect(try bashCompletions("dossier validate go", in: fixtures) == ["good"])
        #expect(Set(try bashCompletions("dossier validate good/sm", in: fixtures)) == ["good/small.json", "good/small-dir"])
        #expect(Set(try bashCompletions("dossier list actors --data good/sm", in: fixtures)) == ["good/small.json", "good/small-dir"])
        #expect(!(try bashCompletions("dossier validate make", in: fixtures)).contains("make_fixtures.py"))
    }

    @Test(arguments: [("bash", "/bin/bash"), ("zsh", "/usr/bin/zsh"), ("fish", "/usr/bin/fish")])
    func completionScriptsParse(shell: String, executable: String) throws {
        let script = try completionScript(shell)
        // Each asks the program for ids (show) and lists the formats list takes.
        #expect(script.contains("---completion show -- positional@0"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-completion-\(UUID().uuidString).\(shell)")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        // scripts/install-deps installs zsh and fish.
        try #require(FileManager.default.isExecutableFile(atPath: executable), "\(executable) is missing: run scripts/install-deps")
        let result = try runProgram(executable, ["-n", file.path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func fishCompletesFormatsAndPaths() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/fish"), "fish is missing: run scripts/install-deps")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-completion-\(UUID().uuidString).fish")
        try completionScript("fish").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        func complete(_ line: String) throws -> [String] {
            let output = try runProgram("/usr/bin/fish", ["--no-config", "-c", "source \(file.path); complete -C\"\(line)\""], in: CLI.fixtures).stdout
            // Each line is a candidate, then a tab and its description.
            return output.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
        }
        #expect(try complete("dossier list actors --format ") == ["table", "json"])
        #expect(try complete("dossier show gbr --format ") == ["text", "json"])
        #expect(try complete("dossier validate go") == ["good/"])
    }
}

/// docs/dossier.1 is `dossier manual`'s output (made from --help's sources and the keymap), and both
/// man page linters pass it.
@Suite struct ManualPageTests {
    func page() throws -> String {
        let result = try CLI.run(["manual"])
        #expect(result.status == 0)
        return result.stdout
    }

    @Test func theCommittedPageIsCurrent() throws {
        let committed = try String(contentsOfFile: CLI.repository.appendingPathComponent("docs/dossier.1").path, encoding: .utf8)
        #expect(try page() == committed, "docs/dossier.1 is out of date: run `swift run dossier manual > docs/dossier.1`")
    }

    @Test func thePageCoversEveryCommandAndKey() throws {
        let text = try page()
        for command in ["explore", "validate", "list", "show", "search", "export", "notes list", "notes add", "init", "import articles",
                        "import signatories", "add excerpt", "remove", "cache status", "cache clear", "keys", "manual"] {
            #expect(text.contains(".SS \"dossier \(command)\""), "\(command)")
        }
        #expect(!text.contains("dossier generate"))
        // A key of each kind, as roff writes them.
        for key in ["\\fBj \\[u2193]\\fR", "Ctrl\\-c\\fR", "\\fBEnter\\fR"] { #expect(text.contains(key), "\(key)") }
        #expect(text.contains("\\fB\\-\\-format\\fR \\fIformat\\fR") && text.contains("Values: table, json."))
        #expect(text.contains(".SS \"dossier team session\""))
    }

    /// Issue 32: the page gave --no-mouse the description of --mouse, as a second paragraph; a flag and
    /// its inversion share one.
    @Test func aFlagAndItsInversionShareOneParagraph() throws {
        let text = try page()
        #expect(text.contains(".TP\n\\fB\\-\\-mouse\\fR, \\fB\\-\\-no\\-mouse\\fR\nTake the mouse"))
        #expect(!text.contains(".TP\n\\fB\\-\\-no\\-mouse\\fR\n"))
    }

    func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try #require(FileManager.default.isExecutableFile(atPath: executable), "\(executable) is missing: run scripts/install-deps")
        let result = try runProgram(executable, arguments)
        return (result.status, result.stdout + result.stderr)
    }

    @Test func groffAndMandocFindNothingToWarnOf() throws {
        let path = CLI.repository.appendingPathComponent("docs/dossier.1").path
        let groff = try run("/usr/bin/groff", ["-ww", "-man", "-Tutf8", "-z", path])
        #expect(groff.status == 0 && groff.output.isEmpty, "\(groff.output)")
        let mandoc = try run("/usr/bin/mandoc", ["-T", "lint", "-W", "style", path])
        #expect(mandoc.status == 0 && mandoc.output.isEmpty, "\(mandoc.output)")
    }
}

/// `dossier config` and `dossier keys` with a configuration (issue 18).
@Suite struct ConfigCommandTests {
    let fixtures = CLI.fixtures + "/config"

    @Test func configSaysWhatIsInEffectAndWhereEachValueCameFrom() throws {
        let result = try CLI.run(["config", "--config", fixtures + "/good.toml"], environment: ["HOME": "/home/ana", "PATH": "/usr/bin:/bin"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.contains("corpus = \"/home/ana/corpora/xinjiang\"  # \(fixtures)/good.toml:3:1\n"))
        #expect(result.stdout.contains("theme = \"light\"  # \(fixtures)/good.toml:5:1\n"))
        #expect(result.stdout.contains("label = \"blue\"  # light theme\n"))
        #expect(result.stdout.contains("moveDown = [\"j\", \"↓\", \"Ctrl-e\"]  # \(fixtures)/good.toml:12:1\n"))
        #expect(result.stdout.contains("halfPageDown = \"Ctrl-d\"  # default\n"))
    }

    @Test func aMistakeIsSaidOnStandardErrorAndItsDefaultShown() throws {
        let result = try CLI.run(["config", "--config", fixtures + "/bound-twice.toml"])
        #expect(result.status == 0)
        #expect(result.stderr == "dossier: warning: \(fixtures)/bound-twice.toml:3:1: k is bound twice in “Moving”: to moveUp and to moveDown; the keys of moveDown there are kept\n")
        #expect(result.stdout.contains("moveDown = [\"j\", \"↓\"]  # default\n"))
        // A file named with --config that is not there is an error.
        #expect(try CLI.run(["config", "--config", fixtures + "/none.toml"]).status == 66)
    }

    @Test func theDefaultFileIsACommentedConfiguration() throws {
        let result = try CLI.run(["config", "--default"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("[keys]\n# moveDown = [\"j\", \"↓\"]\n") && result.stdout.contains("# theme = \"dark\"\n"))
    }

    @Test func keysShowsTheUsersKeysAndDefaultTheStandardOnes() throws {
        let mine = try CLI.run(["keys", "--config", fixtures + "/good.toml"])
        #expect(mine.status == 0 && mine.stdout.contains("| `j` `↓` `Ctrl-e` | next row"))
        let standard = try CLI.run(["keys", "--default", "--config", fixtures + "/good.toml"])
        let committed = try String(contentsOfFile: CLI.repository.appendingPathComponent("docs/keys.md").path, encoding: .utf8)
        #expect(standard.stdout == committed)
    }
}
