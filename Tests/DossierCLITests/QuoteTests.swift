import Foundation
import Testing

/// Issue 27, item 1: no misquote, anywhere. A stored quote that differs from its article in anything
/// but the kind of white space is an error for every strict command; `repair quotes` rewrites it.
@Suite struct MisquoteCommandTests {
    static let names = ["articles", "actors", "statements", "events", "excerpts"]

    /// A copy of the bundled corpus with words of its excerpts file (found there once) replaced.
    static func misquoted(_ words: String, with replacement: String) throws -> String {
        let corpus = try EditCommandTests.copy()
        let path = corpus + "/excerpts.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.components(separatedBy: words).count == 2)
        try text.replacingOccurrences(of: words, with: replacement).write(toFile: path, atomically: true, encoding: .utf8)
        return corpus
    }

    @Test func aChangedNumberIsAnErrorForEveryStrictCommandAndNamesTheDifference() throws {
        // Seen on main: a warning ("98% alike"), exit 0, and `export counts` wrote "rose to 54".
        let corpus = try Self.misquoted("rose to 44, bolstered", with: "rose to 54, bolstered")
        defer { try? FileManager.default.removeItem(atPath: (corpus as NSString).deletingLastPathComponent) }
        let validated = try CLI.run(["validate", corpus])
        #expect(validated.status == 65)
        #expect(validated.stderr.contains(corpus + "/excerpts.json:90:14: error: x-bk-2021-44: quote differs from article \"art-2021-diplomacy-backfiring\": \"54\" where the article has \"44\""))
        for command in [["export", "counts"], ["export", "counts", "--format", "json"], ["show", "x-bk-2021-44"], ["list", "excerpts"],
                        ["list", "excerpts", "--format", "json"], ["search", "rose"], ["export", "excerpts", "--format", "annotations"]] {
            let run = try CLI.run(command + ["--data", corpus])
            #expect(run.status == 65, "\(command)")
            #expect(!run.stdout.contains("rose to 54"), "\(command)")
            #expect(run.stderr.contains("\"54\" where the article has \"44\""), "\(command)")
        }
    }

    @Test func aRewordedQuoteIsAnErrorAndRepairRewritesItToTheArticlesWords() throws {
        let corpus = try Self.misquoted("equally backed by", with: "equally opposed by")
        defer { try? FileManager.default.removeItem(atPath: (corpus as NSString).deletingLastPathComponent) }
        #expect(try CLI.run(["validate", corpus]).stderr.contains("\"opposed\" where the article has \"backed\""))
        let before = EditCommandTests.files(corpus)
        // A dry run prints the diff and writes nothing.
        let dry = try CLI.run(["repair", "quotes", "--data", corpus, "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("x-cdt-more-than-20-nations: \"opposed\" where the article has \"backed\"\n- “This time, the document was equally opposed by every signatory"))
        #expect(dry.stdout.contains("\n+ “This time, the document was equally backed by every signatory"))
        #expect(dry.stdout.hasSuffix("would repair 1 quote (a dry run: nothing was written)\n"))
        #expect(EditCommandTests.files(corpus) == before)
        let repaired = try CLI.run(["repair", "quotes", "--data", corpus])
        #expect(repaired.status == 0 && repaired.stdout.hasSuffix("repaired 1 quote\n"))
        #expect(try CLI.run(["validate", corpus]).status == 0)
        // Only the excerpts file changed, and it is the bundled one again.
        let after = EditCommandTests.files(corpus)
        #expect(after["excerpts"] == FileManager.default.contents(atPath: CLI.repository.path + "/data/excerpts.json"))
        for name in Self.names where name != "excerpts" { #expect(after[name] == before[name]) }
        #expect(try CLI.run(["repair", "quotes", "--data", corpus]).stdout == "no quote to repair\n")
    }

    @Test func aQuoteTypedWithPlainSpacesIsStoredAsTheArticlesCharacters() throws {
        // Seen on main: refused ("not in the text") because the article has no-break spaces there.
        let corpus = try EditCommandTests.copy()
        defer { try? FileManager.default.removeItem(atPath: (corpus as NSString).deletingLastPathComponent) }
        let added = try CLI.run(["add", "excerpt", "--data", corpus, "--article", "art-2021-diplomacy-backfiring",
                                 "--quote", "an investigation into alleged crimes against humanity in the northwest region", "--id", "x-nbsp"])
        #expect(added.status == 0)
        let shown = try CLI.run(["show", "x-nbsp", "--data", corpus, "--format", "json"])
        #expect(shown.stdout.contains("\"quote\": \"an investigation into alleged\u{A0}crimes against humanity\u{A0}in the northwest region\""))
        #expect(!shown.stdout.contains("\"stored\""))
        #expect(try CLI.run(["validate", corpus]).status == 0)
    }

    @Test func aStoredQuoteWithPlainSpacesValidatesAndIsOutputAsTheArticlesCharacters() throws {
        let corpus = try Self.misquoted("the number\u{A0}rose to 44", with: "the number rose to 44")
        defer { try? FileManager.default.removeItem(atPath: (corpus as NSString).deletingLastPathComponent) }
        #expect(try CLI.run(["validate", corpus]).status == 0)
        let shown = try CLI.run(["show", "x-bk-2021-44", "--data", corpus, "--format", "json"])
        #expect(shown.stdout.contains("\"quote\": \"Last week the number\u{A0}rose to 44"))
        #expect(shown.stdout.contains("\"stored\": \"Last week the number rose to 44"))
        #expect(try CLI.run(["export", "counts", "--data", corpus]).stdout.contains("Last week the number\u{A0}rose to 44"))
        // Repair makes the file say what the article does.
        let repaired = try CLI.run(["repair", "quotes", "--data", corpus])
        #expect(repaired.stdout.hasPrefix("x-bk-2021-44: only its white space differs\n"))
        #expect(EditCommandTests.files(corpus)["excerpts"] == FileManager.default.contents(atPath: CLI.repository.path + "/data/excerpts.json"))
    }
}

/// Issue 27, item 6: nothing from data drives a terminal. Seen on main: `export --format csv|tsv|markdown`
/// to a terminal and `dossier notes` wrote a record's ESC/OSC sequences raw.
@Suite struct ControlBytesOnATerminalTests {
    static let evil = "\\u001b]52;c;ZXZpbA==\\u0007\\u009b31m"

    /// A copy of the bundled corpus whose excerpt x-bk-2021-44 (and its article) and actor `usa` hold an
    /// OSC 52 sequence (it would set the clipboard of whoever sees it), a BEL and a one-byte CSI.
    static func hostile() throws -> String {
        let corpus = try EditCommandTests.copy()
        for (file, words, replacement) in [("articles", "rose to 44, bolstered", "rose to 44,\(evil) bolstered"),
                                           ("excerpts", "rose to 44, bolstered", "rose to 44,\(evil) bolstered"),
                                           ("actors", "\"name\": \"United States\"", "\"name\": \"United States\(evil)\"")] {
            let path = corpus + "/" + file + ".json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.components(separatedBy: words).count == 2, "\(file)")
            try text.replacingOccurrences(of: words, with: replacement).write(toFile: path, atomically: true, encoding: .utf8)
        }
        return corpus
    }

    /// What the command writes to a terminal (a pty), and its exit status.
    static func onATerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> (output: [UInt8], status: Int32) {
        let script = """
            import os, pty, sys
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(sys.argv[1], sys.argv[1:])
            out = b''
            while True:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
            _, status = os.waitpid(pid, 0)
            sys.stdout.buffer.write(out)
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        var merged = ProcessInfo.processInfo.environment
        merged["XDG_CACHE_HOME"] = CLI.cacheHome
        for (key, value) in environment { merged[key] = value }
        let run = try CLI.run(["-c", script, CLI.binary.path] + arguments, binary: URL(fileURLWithPath: "/usr/bin/python3"), environment: merged)
        return (Array(run.stdout.utf8), run.status)
    }

    static func hasControlBytes(_ bytes: [UInt8]) -> Bool {
        // ESC, BEL, and C1 controls as UTF-8 (C2 80–9F); a pty turns LF into CR LF, which are fine.
        bytes.contains { $0 == 0x1B || $0 == 0x07 } || zip(bytes, bytes.dropFirst()).contains { $0 == 0xC2 && (0x80...0x9F).contains($1) }
    }

    @Test func exportsNotesAndRecordsOnATerminalShowControlCharactersAsPictures() throws {
        let corpus = try Self.hostile()
        let folder = (corpus as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CLI.run(["validate", corpus]).status == 0)
        let environment = ["XDG_DATA_HOME": folder + "/data", "XDG_STATE_HOME": folder + "/state", "XDG_CONFIG_HOME": folder + "/config"]
        #expect(try CLI.run(["notes", "add", "usa", "see \u{1B}]0;owned\u{07} here", "--data", corpus], environment: environment).status == 0)
        var commands: [[String]] = [["notes"], ["show", "x-bk-2021-44"], ["show", "usa"], ["list", "actors"], ["search", "bolstered"]]
        for kind in ["counts", "excerpts", "actors", "signatories"] {
            for format in ["csv", "tsv", "markdown"] { commands.append(["export", kind, "--format", format]) }
        }
        for command in commands {
            let (output, status) = try Self.onATerminal(command + ["--data", corpus], environment: environment)
            #expect(status == 0, "\(command)")
            #expect(!Self.hasControlBytes(output), "\(command)")
            // (A search's context is cut around the hit; the rest show the sequence as its pictures.)
            #expect(String(decoding: output, as: UTF8.self).contains("␛]52;c;ZXZpbA==␇") || command[0] == "notes" || command[0] == "search", "\(command)")
        }
        #expect(String(decoding: try Self.onATerminal(["notes", "--data", corpus], environment: environment).output, as: UTF8.self).contains("see ␛]0;owned␇ here"))
        // JSON escapes them; a file written with --out keeps every printable character as it is.
        let json = try CLI.run(["export", "counts", "--format", "json", "--data", corpus])
        #expect(json.stdout.contains("rose to 44,\\u001B]52;c;ZXZpbA==\\u0007\\u009B31m bolstered"))
        let out = folder + "/counts.csv"
        #expect(try CLI.run(["export", "counts", "--data", corpus, "--out", out]).status == 0)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains("Last week the number\u{A0}rose to 44,␛]52;c;ZXZpbA==␇\u{FFFD}31m bolstered by a statement of concern from Turkey."))
        #expect(!Self.hasControlBytes(Array(written.utf8)))
    }
}
