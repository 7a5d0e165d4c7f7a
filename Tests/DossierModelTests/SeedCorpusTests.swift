import Foundation
import Testing
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

/// Checks the bundled corpus by its own rules: bodies without page furniture, every capitalised name in
/// the articles an actor or a reviewed non-actor word, relayed words with their speakers. What needs the
/// five source articles themselves is `SeedSourceTests`.
@Suite struct SeedCorpusTests {
    /// Page furniture found in the captures: none of it may reach a body.
    static let furniture = [
        "Skip to main content", "Popular posts from this blog", "Pak off FATF", "The chances of nuclear use",
        "How a cyber attack hampered", "Advertisement", "Click to play video", "Story continues below advertisement",
        "Get the day's top news", "Get daily National news", "By providing your email address", "Terms and Conditions",
        "Sponsored content", "AdChoices", "Subscribe to CDT", "Browsers Unbounded by Lantern", "Google Ads",
        "Giving Assistant", "Anti-censorship Tools", "Life Without Walls", "Firefly for circumvention", "Open popup",
        "Welcome back!", "CDT is a non-profit media site", "To read the full statement, click here",
        "UN human rights chief aims to release", "Uyghur activist describes family", "Aug 25, 2022",
    ]

    func corpus() throws -> Corpus { try load(Paths.data.path) }

    /// The article-address table of docs/corpus-notes.md: title (as written there) to URL, or nil for "none".
    static func documentedAddresses() throws -> [(title: String, url: String?)] {
        let notes = try String(contentsOf: Paths.repository.appendingPathComponent("docs/corpus-notes.md"), encoding: .utf8)
        let after = try #require(notes.components(separatedBy: "## Articles and their addresses").dropFirst().first)
        let section = after.components(separatedBy: "\n## ")[0]
        return section.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| article") }.map { row in
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return (cells[0], cells[1] == "none" ? nil : cells[1])
        }
    }

    /// No URL without its provenance: every article's address (or its absence) is the one the notes give.
    @Test func everyArticleAddressIsTheDocumentedOne() throws {
        let rows = try Self.documentedAddresses()
        let articles = try corpus().articles
        #expect(rows.count == articles.count)
        for article in articles {
            let row = rows.first { article.title.hasPrefix($0.title.replacingOccurrences(of: " …", with: "")) }
            #expect(row != nil, "\(article.id) has no row in the notes' address table")
            #expect(row?.url == article.url, "\(article.id): url \(article.url ?? "none") is not the documented \(row?.url ?? "none")")
        }
        #expect(articles.contains { $0.url != nil }, "the table was read as all \"none\"")
    }

    /// An excerpt is about an actor only when it names the actor, is the actor's words (its speaker),
    /// or refers to the actor in a way reviewed here ("her office" after the High Commissioner is named).
    static let reviewedReferences: [String: String] = [
        "x-bk-repression chn": "“The government’s”: the Chinese government, named in the sentence before",
        "x-bk-access ohchr": "“her office”: the High Commissioner's",
        "x-cdt-scholars ccp": "“Party-affiliated”",
        "x-cdt-chen-quanguo ccp": "“Party Secretary”",
        "x-cdt-pakistan alim": "“He”: Alim, named in the sentence before",
        "x-unpo-visit-may bachelet": "“her announcement”: Bachelet's, named in the sentence before",
        "x-voa-called-this-week ohchr": "“the U.N. body”: OHCHR, named earlier in the same sentence",
        "x-voa-shamdasani-commitment turk": "“the high commissioner”: Volker Türk, whose spokesperson Shamdasani is",
        "x-voa-ekpar-sentenced ekpar-asat": "“He”: Ekpar Asat, named in the sentence before",
        "x-gn-zhang-made-clear bachelet": "“the high commissioner”: Bachelet, whose report Zhang Jun opposed",
        "x-gn-trying ohchr": "“her office”: the High Commissioner's",
        "x-bk-bought-and-bullied chn": "“they”: the Chinese government, the subject of the sentences before",
        "x-gn-back-channel civil-society-groups": "“letters from civil society”",
        "x-gn-western-concerns bachelet": "“her term”, “she”: Bachelet, named earlier in the same sentence",
    ]

    @Test func everyActorAnExcerptIsAboutIsNamedInIt() throws {
        let corpus = try corpus()
        for excerpt in corpus.excerpts {
            let quote = excerpt.quote.lowercased().replacingOccurrences(of: "\u{00A0}", with: " ")
            for id in excerpt.about {
                guard let actor = corpus.actor(id) else { continue }
                let named = ([actor.name] + actor.aliases).contains { quote.contains($0.lowercased()) }
                #expect(named || excerpt.speaker == id || Self.reviewedReferences["\(excerpt.id) \(id)"] != nil,
                        "\(excerpt.id) is about \(id) but never names it")
            }
        }
    }

    /// Every lead and addressee stands on an excerpt that names the actor (by its name or an alias).
    @Test func everyLeadAndAddresseeHasAnExcerptNamingIt() throws {
        let corpus = try corpus()
        for statement in corpus.statements {
            for (role, actors, sources) in [("lead", statement.leads, statement.leadExcerpts), ("addressee", statement.addressees, statement.addresseeExcerpts)] {
                for actorID in actors {
                    let actor = try #require(corpus.actor(actorID))
                    let excerpts = sources[actorID] ?? []
                    #expect(!excerpts.isEmpty, "\(statement.id): \(role) \(actorID) has no excerpt")
                    func plain(_ text: String) -> String { text.lowercased().replacingOccurrences(of: "\u{00A0}", with: " ") }
                    let names = ([actor.name] + actor.aliases).map(plain)
                    let named = excerpts.contains { id in
                        let quote = plain(corpus.excerpt(id)?.quote ?? "")
                        return names.contains { quote.contains($0) }
                    }
                    #expect(named, "\(statement.id): no excerpt of \(role) \(actorID) names it (\(excerpts))")
                }
            }
        }
    }

    /// The excerpts an article relays from someone else: the paragraphs of a quoted block (after an
    /// introduction ending in ":" or "… writes that …", up to the "[Source]" that closes it), a figure
    /// "according to" someone, and a quotation followed by who said, told, added or stated it.
    static func relayed(_ excerpt: Excerpt, in body: String) -> Bool {
        let quote = excerpt.quote
        if quote.contains("according to") { return true }
        if quote.range(of: #"”,? (he |she |[A-Z][a-z]+ |the [a-z]+ )?(said|told|added|stated|explained)"#, options: .regularExpression) != nil { return true }
        var inBlock = false
        for paragraph in body.components(separatedBy: "\n\n") {
            let introduces = paragraph.hasSuffix(":") || paragraph.contains(" writes that ")
            if inBlock && paragraph.contains(quote) { return true }
            // In the paragraph that introduces a writer, from the sentence that names them on.
            if let writes = paragraph.range(of: " writes that ") {
                let sentenceStart = paragraph[..<writes.lowerBound].range(of: ". ", options: .backwards)?.upperBound ?? paragraph.startIndex
                if paragraph[sentenceStart...].contains(quote) { return true }
            }
            if paragraph.hasSuffix("[Source]") { inBlock = false } else if introduces { inBlock = true }
        }
        return false
    }

    /// Every relayed figure and quotation says whose it is; every count's among them.
    @Test func everyRelayedExcerptNamesItsSpeaker() throws {
        let corpus = try corpus()
        var relayed = 0
        for excerpt in corpus.excerpts {
            let body = try #require(corpus.article(excerpt.article)).body.text()
            guard Self.relayed(excerpt, in: body) else { continue }
            relayed += 1
            #expect(excerpt.speaker != nil, "\(excerpt.id) relays someone but names no speaker: \(excerpt.quote.prefix(80))")
        }
        #expect(relayed > 30)
        // The counts the issue names: CNN's 22, Reuters' 37, The Washington Post's "more than 20".
        let letter = try #require(corpus.statement("st-2019-07-joint-letter"))
        let speakers = letter.counts.map { corpus.excerpt($0.excerpt)?.speaker }
        #expect(speakers == ["cnn", nil, nil, "rick-noack"])
        #expect(corpus.excerpt("x-cdt-37-countries")?.speaker == "reuters")
    }

    /// Facts from outside the articles are marked as such, with where they come from.
    @Test func factsFromThePublicRecordAreMarkedSupplied() throws {
        let corpus = try corpus()
        let court = try #require(corpus.actor("independent-court"))
        #expect(court.name == "independent court" && court.supplied?.note(for: "aliases")?.contains("public record") == true)
        for id in ["st-2020-un-experts", "st-2020-civil-society", "st-us-genocide-accusation", "st-sg-reprisals-report", "st-independent-court-genocide"] {
            #expect(corpus.statement(id)?.supplied?.note(for: "date") != nil, "\(id): its date is not marked supplied")
        }
        // No seed names the Uyghur Tribunal: the name is only in the supplied identification.
        for article in corpus.articles { #expect(try !article.body.text().contains("Uyghur Tribunal")) }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                             "November", "December"]

    /// Whether a quote states a date as precisely as it is recorded: its year, its month by name (or
    /// "Aug."), its day beside the month ("Aug. 31", "Apr 19", "31 August").
    static func quote(_ quote: String, states date: PartialDate) -> Bool {
        guard quote.contains(String(date.year)) else { return false }
        guard let month = date.month else { return true }
        let name = monthNames[month - 1]
        let short = String(name.prefix(3))
        guard quote.contains(name) || quote.contains(short + ".") || quote.contains(short + " ") else { return false }
        guard let day = date.day else { return true }
        return [name + " \(day)", "\(day) " + name, short + ". \(day)", short + " \(day)"].contains { quote.contains($0) }
    }

    /// Issue 29: a date no excerpt of its record states (worked out from "this week", "on Tuesday", the
    /// article's own date, the public record) says so, with where it comes from, as a `supplied` note.
    /// Found by rule: every statement's and event's date against the words of every excerpt linked to it.
    @Test func everyDateNoExcerptStatesIsSupplied() throws {
        let corpus = try corpus()
        func stated(_ date: PartialDate, by excerpts: [String]) -> Bool {
            excerpts.contains { corpus.excerpt($0).map { Self.quote($0.quote, states: date) } ?? false }
        }
        var checked = 0
        for statement in corpus.statements {
            let linked = statement.excerpts + statement.counts.map(\.excerpt) + statement.signatories.flatMap(\.excerpts)
                + statement.declined.flatMap(\.excerpts) + statement.leadExcerpts.values.flatMap { $0 }
                + statement.addresseeExcerpts.values.flatMap { $0 } + corpus.excerptsAbout[statement.id, default: []]
            guard !stated(statement.date, by: linked) else { continue }
            checked += 1
            #expect(statement.supplied?.note(for: "date") != nil || statement.supplied?.record != nil,
                    "\(statement.id): no excerpt states \(statement.date), and it is not marked supplied")
        }
        for event in corpus.events {
            guard !stated(event.date, by: event.excerpts + corpus.excerptsAbout[event.id, default: []]) else { continue }
            checked += 1
            #expect(event.supplied?.note(for: "date") != nil || event.supplied?.record != nil,
                    "\(event.id): no excerpt states \(event.date), and it is not marked supplied")
        }
        #expect(checked > 20, "the rule found too few dates to check: is it reading the excerpts?")
        #expect(Self.quote("in March 2016", states: PartialDate(year: 2016, month: 3)))
        #expect(!Self.quote("last June", states: PartialDate(year: 2018, month: 6)))
        #expect(Self.quote("on Aug. 31, 2022", states: PartialDate(year: 2022, month: 8, day: 31)))
    }

    /// Issue 29: a signatory stands on an excerpt that says it signed (or joined, co-signed, issued),
    /// not only one that names it: a lead is not a signatory unless a source says it signed.
    @Test func everySignatoryStandsOnAnExcerptThatSaysItSigned() throws {
        let corpus = try corpus()
        let signing = ["sign", "joined", "issued", "backed", "endorse"]
        for statement in corpus.statements {
            for signatory in statement.signatories {
                let says = signatory.excerpts.contains { id in
                    let quote = corpus.excerpt(id)?.quote.lowercased() ?? ""
                    return signing.contains { quote.contains($0) }
                }
                #expect(says, "\(statement.id): no excerpt of signatory \(signatory.actor) says it signed")
            }
        }
    }

    /// The words of the excerpts about an actor (or in its words), folded: what a role or code of it
    /// can be stated by.
    static func wordsAbout(_ actor: String, in corpus: Corpus) -> String {
        var ids: [String] = corpus.excerpts.filter { $0.about.contains(actor) || $0.speaker == actor }.map(\.id)
        for statement in corpus.statements {
            for signatory in statement.signatories where signatory.actor == actor { ids += signatory.excerpts }
            for entry in statement.declined where entry.actor == actor { ids += entry.excerpts }
            ids += statement.leadExcerpts[actor] ?? []
            ids += statement.addresseeExcerpts[actor] ?? []
        }
        return ids.compactMap { corpus.excerpt($0) }.map { Self.folded($0.quote) }.joined(separator: " ")
    }

    static func folded(_ text: String) -> String {
        Fold.fold(text).replacingOccurrences(of: "u.n.", with: "un").replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    /// Issue 29: an actor's role is in the words of the excerpts about it (each word of four letters or
    /// more but a few joining words, by its first five letters, so "reporter" stands on "report"), or
    /// marked supplied with where it comes from; a person's or body's country code is given by an
    /// excerpt that names that state, or is supplied. (A state's own code is its name's.)
    @Test func everyRoleAndCodeNoExcerptStatesIsSupplied() throws {
        let corpus = try corpus()
        let joining: Set<String> = ["from", "with", "whose", "that", "this", "their", "into", "than", "over", "where"]
        var roles = 0
        for actor in corpus.actors {
            let words = Self.wordsAbout(actor.id, in: corpus)
            if let role = actor.role, actor.supplied?.note(for: "role") == nil {
                roles += 1
                let missing = Self.folded(role).split { !$0.isLetter && !$0.isNumber }.map(String.init)
                    .filter { ($0.count >= 4 || $0.allSatisfy(\.isNumber)) && !joining.contains($0) }
                    .filter { !words.contains($0.prefix(5)) }
                #expect(missing.isEmpty, "\(actor.id): role “\(role)”: no excerpt about it has \(missing), and it is not marked supplied")
            }
            if let code = actor.country, actor.kind != .state, actor.supplied?.note(for: "country") == nil {
                let states = corpus.actors.filter { $0.kind == .state && $0.country == code }
                let named = states.contains { state in ([state.name] + state.aliases).contains { words.contains(Self.folded($0)) } }
                #expect(named, "\(actor.id): country \(code): no excerpt about it names that state, and it is not marked supplied")
            }
        }
        #expect(roles > 10)
    }

    /// Issue 29: docs/corpus-notes.md's checklist goes through every sentence of the five articles and
    /// names the excerpts that record it: every excerpt of the corpus is there, and nothing else, and
    /// every sentence it leaves out says why.
    @Test func theChecklistNamesEveryExcerptAndAReasonForEachSentenceLeftOut() throws {
        let notes = try String(contentsOf: Paths.repository.appendingPathComponent("docs/corpus-notes.md"), encoding: .utf8)
        let checklist = try #require(notes.components(separatedBy: "## Checklist of the five articles").dropFirst().first)
        let rows = checklist.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| # ") }
        let named = Set(rows.flatMap { row in
            row.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }.filter { $0.hasPrefix("x-") }
        })
        let excerpts = Set(try corpus().excerpts.map(\.id))
        #expect(named.subtracting(excerpts).isEmpty, "the checklist names excerpts the corpus does not have: \(named.subtracting(excerpts).sorted())")
        #expect(excerpts.subtracting(named).isEmpty, "excerpts the checklist does not name: \(excerpts.subtracting(named).sorted())")
        for row in rows where !row.contains("`x-") {
            #expect(row.contains("left out: "), "a checklist row with neither excerpts nor a reason: \(row)")
        }
        #expect(rows.count > 150)
    }

    /// The README's figures for the bundled corpus are its own.
    @Test func theReadmesCorpusFiguresAreCurrent() throws {
        let readme = try String(contentsOf: Paths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let corpus = try corpus()
        let figures = "\(corpus.articles.count) articles, \(corpus.actors.count) actors, \(corpus.statements.count) statements, "
            + "\(corpus.events.count) events and \(corpus.excerpts.count) excerpts"
        #expect(readme.replacingOccurrences(of: "\n", with: " ").contains(figures), "README.md should say: \(figures)")
    }

    @Test func noBodyHoldsPageFurniture() throws {
        for article in try corpus().articles {
            for phrase in Self.furniture {
                #expect(try !article.body.text().contains(phrase), "\(article.id) holds furniture: \(phrase)")
            }
        }
    }

    @Test func everyActorHasAnExcerptAndEveryStateACode() throws {
        let corpus = try corpus()
        for actor in corpus.actors {
            #expect(!corpus.excerptsAbout[actor.id, default: []].isEmpty, "\(actor.id) has no excerpt")
            if actor.kind == .state { #expect(actor.country != nil, "\(actor.id) has no country") }
        }
    }

    @Test func theSourcesDisagreementOnThe2019LetterIsKept() throws {
        let letter = try #require(try corpus().statement("st-2019-07-joint-letter"))
        #expect(letter.counts.filter { $0.qualifier == .exact }.map(\.value).sorted() == [22, 25])
        #expect(letter.sourcesDisagreeOnCount)
        #expect(letter.signatories.map(\.actor) == ["gbr", "fra", "deu", "aus", "can", "jpn", "nzl"])
    }

    @Test func everyQuoteIsExactInItsBody() throws {
        let corpus = try corpus()
        #expect(corpus.excerpts.count > 50)
        for excerpt in corpus.excerpts {
            let body = try #require(corpus.article(excerpt.article)).body.text()
            #expect(body.contains(excerpt.quote), "\(excerpt.id) is not in its body")
            #expect(!excerpt.quote.contains("\n"), "\(excerpt.id) spans paragraphs")
        }
    }

    @Test func everyCapitalisedNameIsAnActorOrAReviewedWord() throws {
        let corpus = try corpus()
        for article in corpus.articles {
            let unknown = CapitalisedNames.unrecognised(in: try article.body.text(), actors: corpus.actors.array, allowed: CapitalisedNames.allowList)
            #expect(unknown.isEmpty, "\(article.id): capitalised words that are neither actor names nor allowed: \(unknown)")
        }
    }

    @Test func theNameScanCatchesAnUnknownName() {
        let actors = [Actor(id: "chn", name: "China", kind: .state, aliases: ["Beijing"], country: "CHN")]
        let body = "Beijing answered. China’s envoy met Zorblax Quux in Geneva."
        #expect(CapitalisedNames.unrecognised(in: body, actors: actors, allowed: ["Geneva"]) == ["Zorblax", "Quux"])
    }
}

/// Checks the bundled corpus against the five source articles it was built from, in ../shared/seeds
/// beside the repository: every body paragraph is a line of its seed, every quote is in it. A clone of
/// the project alone has no seeds: these are then skipped, and `scripts/test`'s stage of their own says
/// so (CI, which has them, always runs them).
/// The five source articles, beside the repository when it is checked out with ../shared.
enum SeedFiles {
    static let folder = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/seeds")

    /// Which seed each bundled article was taken from.
    static let ofArticle = [
        "art-2021-diplomacy-backfiring": "000_622cea56843c8b12.txt",
        "art-2024-voa-china-ohchr": "001_6097ac94697be568.txt",
        "art-2022-globalnews-un-report": "002_a1b7f16f65bc66aa.txt",
        "art-2019-cdt-22-nations": "003_a285762509ba67db.txt",
        "art-2022-unpo-joint-letter": "004_c50701f8339527be.txt",
    ]

    static var present: Bool {
        ofArticle.values.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }
}

@Suite(.enabled(if: SeedFiles.present, "../shared/seeds is not beside this clone"))
struct SeedSourceTests {
    func corpus() throws -> Corpus { try load(Paths.data.path) }

    func seedText(_ article: String) throws -> String {
        let name = try #require(SeedFiles.ofArticle[article], "no seed is mapped to article \(article)")
        let url = SeedFiles.folder.appendingPathComponent(name)
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func everyArticleComesFromItsSeed() throws {
        let corpus = try corpus()
        #expect(Set(corpus.articles.map(\.id)) == Set(SeedFiles.ofArticle.keys))
        for article in corpus.articles {
            let seedLines = Set(try seedText(article.id).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
            for paragraph in try article.body.paragraphs() {
                #expect(seedLines.contains(String(paragraph)), "\(article.id): paragraph not a line of its seed: \(paragraph.prefix(60))")
            }
        }
    }

    /// Issue 29: an article's title is a line of its capture and its date is written there (year,
    /// month by name, day), or each is marked supplied with how it was worked out.
    @Test func everyTitleAndDateTheCaptureDoesNotGiveIsSupplied() throws {
        for article in try corpus().articles {
            let seed = try seedText(article.id)
            #expect(seed.contains(article.title) || article.supplied?.note(for: "title") != nil,
                    "\(article.id): the title is not in its capture, and it is not marked supplied")
            #expect(SeedCorpusTests.quote(seed, states: article.published) || article.supplied?.note(for: "published") != nil,
                    "\(article.id): the date \(article.published) is not written in its capture, and it is not marked supplied")
        }
    }

    @Test func everyQuoteIsExactInItsSeed() throws {
        let corpus = try corpus()
        for excerpt in corpus.excerpts {
            #expect(try seedText(excerpt.article).contains(excerpt.quote), "\(excerpt.id) is not in its seed")
        }
    }
}

/// Finds capitalised words in running text that do not begin a known actor mention (a name or alias).
enum CapitalisedNames {
    static func unrecognised(in text: String, actors: [Actor], allowed: Set<String>) -> [String] {
        let mentions = actors.flatMap { [$0.name] + $0.aliases }
            .filter { $0.first?.isUppercase == true }
            .map(Array.init)
            .sorted { $0.count > $1.count }
        let characters = Array(text)
        var found: [String] = []
        var index = 0
        func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }
        while index < characters.count {
            let character = characters[index]
            guard character.isUppercase, index == 0 || !isWordCharacter(characters[index - 1]) else {
                index += 1
                continue
            }
            if let mention = mentions.first(where: { mention in
                index + mention.count <= characters.count
                    && Array(characters[index..<(index + mention.count)]) == mention
                    && (index + mention.count == characters.count || !isWordCharacter(characters[index + mention.count]))
            }) {
                index += mention.count
                continue
            }
            var end = index
            while end < characters.count, isWordCharacter(characters[end]) || ((characters[end] == "-" || characters[end] == ".") && end + 1 < characters.count && characters[end + 1].isLetter) {
                end += 1
            }
            let word = String(characters[index..<end])
            if !allowed.contains(word) && !found.contains(word) { found.append(word) }
            index = max(end, index + 1)
        }
        return found
    }

    /// Capitalised words in the five articles that are not actors, reviewed one by one. Anything new in
    /// a body that is neither here nor an actor name or alias fails the test, so a missed actor shows up.
    static let allowList: Set<String> = [
        // Words capitalised only because they begin a sentence or a heading.
        "A", "After", "Allegations", "Among", "An", "And", "As", "At", "But", "By", "Calls", "Contrary", "Critical",
        "Despite", "Diplomats", "Every", "Evidence", "Faced", "Five", "For", "From", "Governments", "Have", "He", "Here",
        "His", "Hours", "I", "If", "In", "It", "Lashing", "Last", "Many", "More", "Most", "Nearby", "Nearly", "Not", "Now",
        "On", "Once", "One", "Other", "Our", "Over", "Persistent", "Quality", "Rather", "Rumors", "She", "Since", "Some",
        "Soon", "Speaking", "Statements", "That", "The", "Their", "There", "They", "This", "Thus", "We", "When", "While",
        "Within", "Without",
        // Places (not actors in this corpus).
        "Geneva", "Hong", "Kong", "Khotan", "Tibet", "Xinjiang", "Urumqi", "Ürümchi", "East", "Turkestan", "Southern",
        "Mongolia", "South", "Northwest",
        // Months and days.
        "Aug", "June", "March", "May", "October", "September", "Tuesday", "Wednesday",
        // Titles and offices held by actors ("U.N. High Commissioner for Human Rights", "Party Secretary",
        // "U.N. Ambassador"); "Comissioner" is the UNPO article's own spelling.
        "High", "Commissioner", "Comissioner", "Human", "Rights", "Ambassador", "Secretary", "Under-Secretary",
        // Covered by lower-case aliases the scan cannot start at: "the West" (the-west), "the Party" (ccp).
        "West", "Party",
        // Adjectives of nationality, region, religion or ethnicity ("Chinese envoys", "Han prison guards").
        "Chinese", "European", "Western", "Muslim", "Islam", "Islamic", "Han", "Party-affiliated",
        // Generic nouns for unnamed groups and documents ("63 NGOs", "The Organizations that signed",
        // "the Joint Letter", "Treaty law").
        "NGOs", "Organizations", "Joint", "Letter", "Treaty",
        // Names of things that are not actors: a law, a campaign, a surveillance system, a film, a language,
        // GPS, language tags "(Ch: …)" and "(Uy: …)", and CDT's "[Source]" link marker.
        "Magnitsky", "Act", "People", "War", "Terror", "Skynet", "Hunger", "Games", "Putonghua", "GPS", "Ch", "Uy", "Source",
    ]
}
