import Foundation
import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

@Suite struct LoaderTests {
    /// Each bad fixture breaks one rule (see Tests/Fixtures/make_fixtures.py) and must be reported with
    /// exactly this message, at this line:column, and nothing else.
    static let badCorpora: [(String, [String])] = [
        ("syntax-trailing-comma.json", ["syntax-trailing-comma.json:11:7: error: unexpected ']'; expected a value"]),
        ("syntax-unterminated-string.json", ["syntax-unterminated-string.json:8:14: error: unterminated string"]),
        ("syntax-duplicate-key.json", ["syntax-duplicate-key.json:6:7: error: duplicate key \"title\" in object"]),
        ("syntax-lone-surrogate.json", ["syntax-lone-surrogate.json:10:13: error: lone high surrogate \\uD800 has no low surrogate after it"]),
        ("syntax-deep-nesting.json", ["syntax-deep-nesting.json:1:269: error: nesting is deeper than 256 levels"]),
        ("empty-file.json", ["empty-file.json:1:1: error: the file is empty; expected a JSON value"]),
        ("invalid-utf8.json", ["invalid-utf8.json:6:27: error: invalid UTF-8 in string"]),
        ("type-title-number.json", ["type-title-number.json:5:16: error: a-letter: field \"title\" must be a string, found a number"]),
        ("type-not-an-object.json", ["type-not-an-object.json:1:1: error: expected an object with the keys articles, actors, statements, events and excerpts, found an array"]),
        ("missing-key.json", ["missing-key.json:1:1: error: missing key \"events\""]),
        ("missing-field.json", ["missing-field.json:3:5: error: a-letter: missing required field \"publisher\" in an article"]),
        ("unknown-field.json", ["unknown-field.json:108:7: error: s-letter: unknown field \"signatorys\" in a statement; did you mean \"signatories\"?"]),
        ("count-not-whole.json", ["count-not-whole.json:83:20: error: s-letter: counts[0].value must be a whole number of zero or more, found a negative number (-3)"]),
        ("bad-id.json", [
            "bad-id.json:26:13: error: id \"fr ance\" may hold only ASCII letters, digits and - _ . :",
            "bad-id.json:99:20: error: s-letter: signatories.actor: \"fra\" is not the id of any record; expected an actor",
            "bad-id.json:133:9: error: x-britain: about: \"fra\" is not the id of any record; expected a record",
        ]),
        ("duplicate-id.json", ["duplicate-id.json:112:13: error: gbr: duplicate id: an actor at FIXTURES/bad/duplicate-id.json:17:13 already has id \"gbr\""]),
        ("dangling-reference.json", ["dangling-reference.json:99:20: error: s-letter: signatories.actor: \"deu\" is not the id of any record; expected an actor"]),
        ("wrong-kind-reference.json", ["wrong-kind-reference.json:74:20: error: s-letter: leads: \"x-22\" is an excerpt, but an actor is expected here"]),
        ("self-affiliation.json", ["self-affiliation.json:60:9: error: turk: an actor cannot be affiliated with itself"]),
        ("quote-not-found.json", ["quote-not-found.json:139:16: error: x-22: quote \"Nothing of the kind was said by anyone\" is not found in the body of article \"a-letter\""]),
        ("quote-ambiguous.json", ["quote-ambiguous.json:171:16: error: x-turk-2: quote occurs 2 times in article \"a-letter\"; add a \"prefix\" or \"suffix\" that tells them apart"]),
        ("quote-context-not-found.json", ["quote-context-not-found.json:171:16: error: x-turk-2: quote is found 2 times in article \"a-letter\", but never with the given prefix and suffix around it"]),
        ("declined-without-excerpt.json", ["declined-without-excerpt.json:111:23: error: s-letter: declined[0] names no excerpt; give the excerpt that says the actor did not sign"]),
        ("declined-unknown-how.json", ["declined-unknown-how.json:111:18: error: s-letter: field \"how\" has unknown value \"refused\"; expected one of: did-not-sign, voted-against, abstained"]),
        // A misquote is an error that names the difference: a number, or only the quotation marks.
        ("quote-misquoted.json", ["quote-misquoted.json:139:16: error: x-22: quote differs from article \"a-letter\": \"23\" where the article has \"22\" (the closest passage: paragraph 2, characters 85–120)"]),
        ("quote-straight-quotes.json", ["quote-straight-quotes.json:139:16: error: x-22: quote differs from article \"a-letter\": \"\\\"\" where the article has \"“\"; \"\\\"\" where the article has \"”\" (the closest passage: paragraph 2, characters 109–160)"]),
        ("quote-inside-combined-character.json", ["quote-inside-combined-character.json:163:16: error: x-raphael: quote \"Raphae\" is not found in the body of article \"a-letter\""]),
        ("date-impossible.json", ["date-impossible.json:69:15: error: s-letter: field \"date\": \"2019-02-29\" is not a real date: day must be 01 to 28 in that month"]),
        ("date-malformed.json", ["date-malformed.json:113:15: error: e-letter: field \"date\": \"July 2019\" is not an ISO 8601 date; write YYYY-MM-DD, YYYY-MM or YYYY"]),
        ("enum-stance.json", ["enum-stance.json:71:17: error: s-letter: field \"stance\" has unknown value \"hostile\"; expected one of: critical, supportive, mixed, neutral"]),
        ("enum-actor-kind.json", ["enum-actor-kind.json:44:15: error: un-hrc: field \"kind\" has unknown value \"un body\"; expected one of: state, un-body, intergovernmental, government-body, party, ngo, media, academic, court, person, group, other (did you mean \"un-body\"?)"]),
        ("country-unknown.json", ["country-unknown.json:30:18: error: fra: country \"FRX\" is not an ISO 3166-1 alpha-3 code (such as CHN, GBR, USA)"]),
        ("speaker-not-an-actor.json", ["speaker-not-an-actor.json:143:18: error: x-22: speaker: \"s-letter\" is a statement, but an actor's id or a plain name is expected"]),
        ("supplied-unknown-field.json", ["supplied-unknown-field.json:109:9: error: s-letter: supplied: \"dat\" is not a field of a statement; did you mean \"date\"?"]),
        ("role-without-excerpt.json", ["role-without-excerpt.json:75:23: error: s-letter: leads[0] names no excerpt; give the excerpt that names the actor in this role"]),
        ("forum-not-an-actor.json", ["forum-not-an-actor.json:70:16: error: s-letter: forum: \"x-22\" is an excerpt, but an actor's id or a plain name is expected"]),
        ("signatory-twice.json", ["signatory-twice.json:105:20: error: s-letter: signatory \"gbr\" is listed twice; give one entry with all its excerpts"]),
        ("signatory-without-excerpt.json", ["signatory-without-excerpt.json:94:23: error: s-letter: signatories[0] names no excerpt; every signatory needs the excerpt that names it"]),
        ("dir-missing-events", ["dir-missing-events/events.json: error: missing: a corpus directory holds articles.json, actors.json, statements.json, events.json and excerpts.json"]),
        ("dir-syntax-in-actors", ["dir-syntax-in-actors/actors.json:6:5: error: unexpected '\"'; expected ',' or '}'"]),
        // Found after the file's bytes were let go: located by reading the file again.
        ("dir-dangling-reference", ["dir-dangling-reference/statements.json:36:18: error: s-letter: signatories.actor: \"deu\" is not the id of any record; expected an actor"]),
    ]

    @Test(arguments: badCorpora)
    func eachBadCorpusIsReportedAtTheFault(fixture: String, expected: [String]) {
        let prefix = Paths.fixture("bad") + "/"
        let found = diagnostics(of: prefix + fixture).map { $0.description }
        #expect(found == expected.map { prefix + $0.replacingOccurrences(of: "FIXTURES/", with: Paths.fixtures.path + "/") })
    }

    @Test func everyBadFixtureIsCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Paths.fixture("bad")).sorted()
        #expect(names == Self.badCorpora.map(\.0).sorted())
    }

    @Test func aCountBelowTheNamedSignatoriesIsOnlyAWarning() throws {
        let loaded = try CorpusLoader.load(path: Paths.fixture("warn/count-below-named.json"))
        #expect(loaded.warnings.map(\.description) == [
            Paths.fixture("warn/count-below-named.json") + ":83:20: warning: s-letter: count 1 (excerpt \"x-22\") is smaller than the 2 signatories named",
        ])
        #expect(loaded.corpus.statements.count == 1)
    }

    @Test func aStateWithoutItsCodeAndAForumNamedLikeAnActorAreOnlyWarnings() throws {
        // Seen on main: both were errors, and a corpus of real records did not open.
        let stateless = try CorpusLoader.load(path: Paths.fixture("warn/state-without-country.json"))
        #expect(stateless.warnings.map(\.description) == [
            Paths.fixture("warn/state-without-country.json") + ":25:5: warning: fra: a state without its ISO 3166-1 alpha-3 \"country\" code: shown and exported with no code",
        ])
        #expect(stateless.corpus.actor("fra")?.country == nil)
        let named = try CorpusLoader.load(path: Paths.fixture("warn/forum-named-like-an-actor.json"))
        #expect(named.warnings.map(\.description) == [
            Paths.fixture("warn/forum-named-like-an-actor.json") + ":70:16: warning: s-letter: forum \"UN Human Rights Council\" is a name of actor \"un-hrc\"; write \"forum\": \"un-hrc\" to link it to the actor",
        ])
        #expect(named.corpus.statement("s-letter")?.forum == "UN Human Rights Council")
    }

    @Test func aMisquoteIsAnErrorAndATolerantLoadHoldsTheArticlesWords() throws {
        // Seen on main: a warning ("97% alike"), exit 0, and the stored words handed out as the quote.
        let path = Paths.fixture("bad/quote-misquoted.json")
        #expect(throws: CorpusError.self) { try CorpusLoader.load(path: path) }
        let loaded = try CorpusLoader.load(path: path, mode: .tolerant)
        #expect(loaded.errors.map(\.message) == ["quote differs from article \"a-letter\": \"23\" where the article has \"22\" (the closest passage: paragraph 2, characters 85–120)"])
        let excerpt = try #require(loaded.corpus.excerpt("x-22"))
        #expect(excerpt.anchor == .misquoted && excerpt.quote == "The group of 22 nations urged China")
        #expect(excerpt.storedQuote == "The group of 23 nations urged China")
        #expect(loaded.corpus.excerptsInArticle["a-letter", default: []].contains("x-22"))
        let value = try RecordJSON.value(ofRecord: "x-22", in: loaded.corpus)
        let json = JSONWriter.write(try #require(value))
        #expect(json.contains("\"quote\": \"The group of 22 nations urged China\""))
        #expect(json.contains("\"start\": 85,\n  \"end\": 120,\n  \"anchor\": \"misquoted\",\n  \"stored\": \"The group of 23 nations urged China\""))
    }

    @Test func whiteSpaceOfAnotherKindIsNoProblemAndTheArticlesCharactersAreKept() throws {
        // The article has no-break spaces and a line break where the quote has plain spaces.
        let loaded = try CorpusLoader.load(path: Paths.fixture("good/white-space-kinds.json"))
        #expect(loaded.problems.isEmpty)
        let excerpt = try #require(loaded.corpus.excerpt("x-22"))
        #expect(excerpt.anchor == .exact && excerpt.quote == "The group of\u{A0}22\u{A0}nations\nurged China")
        #expect(excerpt.storedQuote == "The group of 22 nations urged China")
        #expect((excerpt.span.start, excerpt.span.end) == (85, 120))
        let body = try loaded.corpus.article("a-letter")!.body.text()
        #expect(String(decoding: Array(body.utf8)[excerpt.span.utf8Start..<excerpt.span.utf8End], as: UTF8.self) == excerpt.quote)
    }

    /// Issue 27, item 4: who did not sign is recorded, with the excerpts saying so.
    @Test func anActorSaidNotToSignIsAFactWithItsExcerpts() throws {
        let corpus = try CorpusLoader.load(path: Paths.data.path).corpus
        let letter = try #require(corpus.statement("st-2019-07-joint-letter"))
        #expect(letter.declined == [Declined(actor: "usa", how: .didNotSign, excerpts: ["x-cdt-us-withdrew", "x-cdt-us-did-not-sign"])])
        #expect(!letter.signatories.contains { $0.actor == "usa" })
        #expect(corpus.statementRoles["usa", default: []].contains(Corpus.StatementRole(statement: "st-2019-07-joint-letter", role: .declined)))
        #expect(corpus.recordsCiting["x-cdt-us-did-not-sign", default: []].contains("st-2019-07-joint-letter"))
        let json = JSONWriter.write(try #require(try RecordJSON.value(ofRecord: "st-2019-07-joint-letter", in: corpus)))
        #expect(json.contains("\"declined\": [\n    {\n      \"actor\": \"usa\",\n      \"how\": \"did-not-sign\","))
        // A source naming it signing while another says it did not: kept, with a warning.
        let both = try CorpusLoader.load(path: Paths.fixture("warn/declined-and-signed.json"))
        #expect(both.warnings.map(\.message) == ["sources disagree: \"gbr\" is named as signing, and declined says it did not sign"])
    }

    @Test func aRoleWithoutAnExcerptAndASpeakerNamedLikeAnActorAreWarnings() throws {
        let plain = try CorpusLoader.load(path: Paths.fixture("warn/role-plain-id.json"))
        #expect(plain.warnings.map(\.message) == ["addressees: \"chn\" is given with no excerpt naming it; write {\"actor\": \"chn\", \"excerpts\": [...]}"])
        #expect(plain.corpus.statement("s-letter")?.addresseeExcerpts["chn"] == nil)
        let named = try CorpusLoader.load(path: Paths.fixture("warn/speaker-named-like-an-actor.json"))
        #expect(named.warnings.map(\.message) == ["speaker \"United Kingdom\" is a name of actor \"gbr\"; write \"speaker\": \"gbr\" to link it to the actor"])
        // The role's excerpt supports the statement and the actor, and is written back as an object.
        let good = try CorpusLoader.load(path: Paths.fixture("good/small.json")).corpus
        #expect(good.statement("s-letter")?.addresseeExcerpts == ["chn": ["x-22"]])
        #expect(good.excerptsAbout["chn", default: []].contains("x-22"))
        let value = try RecordJSON.value(ofRecord: "s-letter", in: good)
        #expect(JSONWriter.write(try #require(value)).contains("\"addressees\": [\n    {\n      \"actor\": \"chn\",\n      \"excerpts\": [\n        \"x-22\"\n      ]"))
    }

    @Test func speakersAndSuppliedNotesAreReadAndWrittenBack() throws {
        let corpus = try CorpusLoader.load(path: Paths.data.path).corpus
        let cnn = try #require(corpus.excerpt("x-cdt-22-nations"))
        #expect(cnn.speaker == "cnn" && corpus.attribution(of: cnn) == "CNN, via China Digital Times")
        let relayedByName = try #require(corpus.excerpt("x-gn-all-but-ready"))
        #expect(corpus.attribution(of: relayedByName) == "Western diplomats and U.N. officials, via Global News")
        let statement = try #require(corpus.statement("st-sg-reprisals-report"))
        #expect(statement.supplied?.fields.map(\.field) == ["date"])
        let value = try RecordJSON.value(ofRecord: "st-sg-reprisals-report", in: corpus)
        #expect(JSONWriter.write(try #require(value)).contains("\"supplied\": {\n    \"date\": \"September 2021, from the public record"))
    }

    @Test func aForumInWordsAndTheUsersOwnFieldsAreKept() throws {
        let loaded = try CorpusLoader.load(path: Paths.fixture("good/own-fields.json"))
        #expect(loaded.warnings.isEmpty)
        let corpus = loaded.corpus
        #expect(corpus.statement("s-letter")?.forum == "Third Committee of the UN General Assembly")
        // No actor's profile lists a forum that is only a name.
        #expect(corpus.statementRoles["Third Committee of the UN General Assembly"] == nil)
        #expect(corpus.extraFields(of: "s-letter").map(\.key) == ["x-vote"])
        #expect(corpus.extraFields(of: "s-letter").map(\.text) == [#"{"yes":22,"no":0}"#])
        #expect(corpus.extraFields(of: "fra").map(\.text) == ["Western European and Others Group"])
        #expect(corpus.extraFields(of: "a-letter").map(\.text) == ["https://archive.example/a-letter"])
        #expect(corpus.extraFields(of: "e-letter").map(\.text) == [#"["letter","2019"]"#])
        #expect(corpus.extraFields(of: "x-22").map(\.text) == ["true"])
        // JSON output writes them back after the format's fields.
        let value = try RecordJSON.value(ofRecord: "s-letter", in: corpus)
        let json = JSONWriter.write(try #require(value))
        #expect(json.hasSuffix("\"x-vote\": {\n    \"yes\": 22,\n    \"no\": 0\n  }\n}"))
    }

    @Test func directoryAndSingleFileFormsLoadTheSameCorpus() throws {
        let single = try load(Paths.fixture("good/small.json"))
        let directory = try load(Paths.fixture("good/small-dir"))
        // The directory's bodies stay in their file; a single file's are text. Compare what they say.
        func withBodiesRead(_ articles: [Article]) throws -> [Article] {
            try articles.map { article in
                var copy = article
                copy.body = ArticleBody(try article.body.text())
                return copy
            }
        }
        #expect(try withBodiesRead(single.articles.array) == withBodiesRead(directory.articles.array))
        #expect(single.actors == directory.actors)
        #expect(single.statements == directory.statements)
        #expect(single.events == directory.events)
        #expect(single.excerpts == directory.excerpts)
        #expect(diagnostics(of: Paths.fixture("good/small.json")).isEmpty)
    }

    @Test func missingAndUnreadablePathsAreNotCorpusErrors() {
        #expect {
            try CorpusLoader.load(path: "/nonexistent/corpus")
        } throws: { error in
            guard case CorpusError.unreadable(let path, let reason) = error else { return false }
            return path == "/nonexistent/corpus" && reason == "No such file or directory"
        }
    }

    @Test func theBundledCorpusIsValidWithoutWarnings() {
        #expect(diagnostics(of: Paths.data.path).map(\.description) == [])
    }

    @Test func resolvesReferencesAndBackLinks() throws {
        let corpus = try load(Paths.fixture("good/small.json"))
        #expect(corpus.kind(of: "gbr") == .actor)
        #expect(corpus.kind(of: "s-letter") == .statement)
        #expect(corpus.actor("s-letter") == nil)
        #expect(corpus.statementRoles["gbr"] == [Corpus.StatementRole(statement: "s-letter", role: .signatory)])
        #expect(corpus.statementRoles["chn"] == [Corpus.StatementRole(statement: "s-letter", role: .addressee)])
        #expect(corpus.statementRoles["un-hrc"] == [Corpus.StatementRole(statement: "s-letter", role: .forum)])
        // Explicit `about` plus the excerpts a statement cites.
        #expect(corpus.excerptsAbout["s-letter"] == ["x-britain", "x-22", "x-25"])
        #expect(corpus.excerptsAbout["gbr"] == ["x-britain"])
        #expect(corpus.eventsMentioning["s-letter"] == ["e-letter"])
        #expect(corpus.excerptsInArticle["a-letter"] == ["x-britain", "x-22", "x-25", "x-cjk", "x-raphael", "x-turk-2"])
        #expect(corpus.statement("s-letter")?.sourcesDisagreeOnCount == true)
        let turk = try #require(corpus.excerpt("x-turk-2"))
        let body = try #require(corpus.article("a-letter")).body.text()
        let scalars = Array(body.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[turk.span.start..<turk.span.end])) == "Volker Türk spoke")
        #expect(turk.span.start > body.unicodeScalars.count - 30)  // the second occurrence, chosen by prefix and suffix
    }

    @Test func loadingNeverChangesTheInput() throws {
        let path = Paths.fixture("good/small.json")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        _ = try load(path)
        _ = diagnostics(of: Paths.fixture("bad/quote-not-found.json"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == attributes[.modificationDate] as? Date)
    }

    @Test func loadsAnEnormousFieldAndHostileText() throws {
        // A 50 MB body holding escape sequences, bidi overrides and a quote at its very end.
        let filler = String(repeating: "Xinjiang 新疆 \u{1B}]52;c;AAAA\u{07} \u{202E}reversed\u{202C} ", count: 1_200_000)
        let quote = "the last sentence."
        let corpus: [String: Any] = [
            "articles": [["id": "big", "title": "Big", "publisher": "P", "published": "2020", "body": filler + quote]],
            "actors": [] as [Any], "statements": [] as [Any], "events": [] as [Any],
            "excerpts": [["id": "x", "article": "big", "quote": quote]],
        ]
        let data = try JSONSerialization.data(withJSONObject: corpus)
        #expect(data.count > 50_000_000)
        let loaded = try CorpusLoader.load(singleFile: SourceFile(name: "big.json", bytes: Array(data)))
        let excerpt = try #require(loaded.corpus.excerpt("x"))
        #expect(excerpt.span.end == (filler + quote).unicodeScalars.count)
        #expect(try loaded.corpus.article("big")?.body.text().hasPrefix("Xinjiang 新疆 \u{1B}]52") == true)
    }

    @Test func unknownKeysAtTheTopOfASingleFileAreReported() {
        let file = SourceFile(name: "c.json", bytes: Array(#"{"articles": [], "actors": [], "statements": [], "events": [], "excerpts": [], "notes": 1}"#.utf8))
        #expect {
            try CorpusLoader.load(singleFile: file)
        } throws: { error in
            guard case CorpusError.invalid(let found) = error else { return false }
            return found.map(\.description) == ["c.json:1:80: error: unknown key \"notes\"; a corpus file holds: articles, actors, statements, events, excerpts"]
        }
    }
}

/// Issue 33: a problem costs its kind's count, not a located, stored message, past the first thousand
/// of its kind. Seen on main: `validate` of 200,000 empty objects on one line took 20 s and 478 MB for
/// the 24 lines it printed.
@Suite struct ProblemsKeptTests {
    static func emptyObjects(_ count: Int) -> SourceFile {
        SourceFile(name: "empty.json", bytes: Array(("{\"articles\": [], \"actors\": [" + Array(repeating: "{}", count: count).joined(separator: ",")
                                                     + "], \"statements\": [], \"events\": [], \"excerpts\": []}").utf8))
    }

    static func problems(_ file: SourceFile) -> [Diagnostic] {
        do {
            _ = try CorpusLoader.load(singleFile: file)
            return []
        } catch {
            guard case .invalid(let diagnostics) = error else { return [] }
            return diagnostics
        }
    }

    @Test func aThousandOfAKindAreKeptAndTheRestCountedOnTheLast() {
        let problems = Self.problems(Self.emptyObjects(3_000))
        // Four missing fields an object, of one kind ("missing required field "…" in an actor"): a
        // thousand kept, located, in order; the other 11,000 counted on the last.
        let kinds = Dictionary(grouping: problems, by: \.kind)
        #expect(kinds.count == 1 && problems.count == CorpusLoader.problemsKeptOfOneKind)
        #expect(Diagnostic.count(problems, .error) == 12_000 && Diagnostic.count(problems, .warning) == 0)
        #expect(problems.dropLast().allSatisfy { $0.alsoOmitted == 0 } && problems.last?.alsoOmitted == 11_000)
        #expect(problems.allSatisfy { $0.location != nil })
        #expect(problems.first?.description == "empty.json:1:29: error: missing required field \"id\" in an actor")
    }

    @Test func everyOneIsKeptWhenAsked() {
        let file = Self.emptyObjects(1)
        let all = DiagnosticCollector(limit: .max), some = DiagnosticCollector(limit: 10)
        for offset in 0..<1_500 {
            for collector in [all, some] { collector.error(in: file, at: offset % 20, "missing required field \"id\" in an actor") }
        }
        #expect(all.diagnostics.count == 1_500 && all.diagnostics.allSatisfy { $0.alsoOmitted == 0 })
        #expect(some.diagnostics.count == 10 && some.diagnostics.last?.alsoOmitted == 1_490)
        // Taken on from another thread's collector, the limit holds across both.
        let more = DiagnosticCollector(limit: 10)
        for _ in 0..<5 { more.error(in: file, at: 0, "missing required field \"name\" in an actor") }
        for _ in 0..<15 { more.error(in: file, at: 0, "missing required field \"id\" in an actor") }
        some.absorb(more)
        let kinds = Dictionary(grouping: some.diagnostics, by: \.kind)
        #expect(kinds.mapValues(\.count) == ["error: missing required field \"…\" in an actor": 10])
        #expect(Diagnostic.count(some.diagnostics, .error) == 1_500 + 20)
    }

    /// The kind read from bytes is the kind read from characters: values in quotes and numbers set
    /// aside (a message with letters other than ASCII is read as characters, as before).
    @Test func aKindIsTheSameReadAsBytes() {
        #expect(Diagnostic.kind(of: "forum: \"un-hrc\" is not the id of any record", severity: "error") == "error: forum: \"…\" is not the id of any record")
        #expect(Diagnostic.kind(of: "a count of 22 or 25", severity: "warning") == "warning: a count of # or #")
        #expect(Diagnostic.kind(of: "name \"Türk\" at 12", severity: "error") == "error: name \"…\" at #")
        #expect(Diagnostic.kind(of: "née 12", severity: "error") == "error: née #")
    }
}
