/// Checks that need the whole corpus: references resolve to the right kind, quotes are found in their
/// articles, country codes are known, counts agree with named signatories. (Ids, dates and enum values
/// are checked while decoding.)
enum CorpusValidator {
    static func check(_ decoded: inout DecodedCorpus, collector: DiagnosticCollector) {
        checkReferences(decoded, collector: collector)
        decoded.references = []  // checked: no later step needs them
        resolveQuotes(&decoded, collector: collector)
        checkActors(decoded, collector: collector)
        checkStatements(decoded, collector: collector)
    }

    /// How many distinct dangling ids get a "did you mean": each looks through every id of the kinds
    /// expected, so a corpus with thousands of dangling references (not typos, but a missing file's
    /// worth) would otherwise take time growing with their number times the corpus's.
    static let suggestionBudget = 20

    static func checkReferences(_ decoded: DecodedCorpus, collector: DiagnosticCollector) {
        // Made once per set of expected kinds, not once per dangling reference.
        var candidates: [RecordKinds: [String]] = [:]
        var suggestions: [String: String?] = [:]
        func suggestion(for id: String, expected: RecordKinds) -> String? {
            let key = "\(expected.rawValue)\u{0}" + id
            if let known = suggestions[key] { return known }
            guard suggestions.count < suggestionBudget else { return nil }
            if candidates[expected] == nil {
                candidates[expected] = decoded.recordSites.filter { expected.contains($0.value.kind) }.map(\.key).sorted()
            }
            let found = closestMatch(to: id, in: candidates[expected]!)
            suggestions[key] = found
            return found
        }
        let unparsed = RecordKinds(decoded.unparsedKinds.map(RecordKinds.init))
        for reference in decoded.references {
            // Said only in a message: most references resolve.
            var expected: String {
                reference.expected == .any ? "a record" : reference.expected.kinds.map(\.article).joined(separator: " or ")
            }
            guard let site = decoded.recordSites[reference.id] else {
                // The record may be in a file that did not parse; that file's error was reported.
                if !reference.expected.isDisjoint(with: unparsed) { continue }
                var message = "\(reference.field): \(brief(reference.id)) is not the id of any record; expected \(expected)"
                if let suggestion = suggestion(for: reference.id, expected: reference.expected) { message += " (did you mean \"\(suggestion)\"?)" }
                collector.error(in: reference.file, at: reference.offset, id: reference.ownerID, message)
                continue
            }
            if !reference.expected.contains(site.kind) {
                collector.error(in: reference.file, at: reference.offset, id: reference.ownerID,
                                "\(reference.field): \"\(reference.id)\" is \(site.kind.article), but \(expected) is expected here")
            }
            if reference.id == reference.ownerID && reference.field == "affiliations" {
                collector.error(in: reference.file, at: reference.offset, id: reference.ownerID, "an actor cannot be affiliated with itself")
            }
        }
    }

    /// How many quotes not found exactly are searched for approximately in one load. Each search scans
    /// its article a few times; past this many, a corpus has lost its articles' text rather than had a
    /// few corrected, and searching on would cost the corpus's size for every quote.
    static let driftBudget = 200

    /// Fewer articles than this are resolved on one thread: a second would cost more than it saves.
    static let articlesWorthASecondThread = 256

    /// Every excerpt's quote found in its article's body. The bodies are read and searched on two
    /// threads, half the articles each (each body read once for all its excerpts); what was found is
    /// then applied, and every problem said, in article order on this thread, as one pass would: a
    /// quote not found exactly is searched for approximately there (within `driftBudget`), reading
    /// its body again, which happens for a corpus's few corrected quotes.
    static func resolveQuotes(_ decoded: inout DecodedCorpus, collector: DiagnosticCollector) {
        // Article by article, so each body's UTF-8 is taken once for all its excerpts.
        var excerptsOfArticle: [String: [Int]] = [:]
        for index in decoded.excerpts.indices {
            // Anchored only once found: an excerpt of an article that is not there stays unanchored.
            decoded.excerpts[index].anchor = .unanchored
            excerptsOfArticle[decoded.excerpts[index].article, default: []].append(index)
        }
        let articles = decoded.articles
        // Only the quotes and their context: holding the excerpts themselves while their spans are
        // written below would copy them all.
        let quotes = decoded.excerpts.map { QuoteSearch.Quote(text: $0.quote, prefix: $0.prefix, suffix: $0.suffix) }
        let lookup = excerptsOfArticle
        let middle = articles.count >= articlesWorthASecondThread ? articles.count / 2 : articles.count
        let later = middle < articles.count
            ? BackgroundWork { QuoteSearch(articles: articles[middle...], quotes: quotes, excerptsOfArticle: lookup) } : nil
        let earlier = QuoteSearch(articles: articles[..<middle], quotes: quotes, excerptsOfArticle: lookup)
        let searches = [earlier] + (later.map { [$0.result.get()] } ?? [])

        var driftSearches = 0
        for search in searches {
            for (position, found) in search.found {
                let article = articles[position]
                // Read from the file again (a large corpus is not held twice), which changed meanwhile:
                // nothing after this can be trusted, so the load ends here with that one reason.
                if let error = found.unreadable {
                    decoded.changedWhileLoading = error
                    return
                }
                // The body again, only for a quote not found exactly (to search near it, and to hint).
                var body: String?
                var drift: QuoteDrift.Body??
                // Spans found, to say where two excerpts quote the same words (one is a copy).
                var spans: [(start: Int, end: Int, index: Int)] = []
                defer { duplicateSpans(spans, of: article.id, decoded, collector: collector) }
                for (index, resolved, articleText) in found.quotes {
                    let excerpt = decoded.excerpts[index]
                    guard let site = decoded.recordSites[excerpt.id] else { continue }
                    let offset = decoded.quoteOffsets[excerpt.id] ?? site.offset
                    switch resolved {
                    case .success(let span):
                        spans.append((span.utf8Start, span.utf8End, index))
                        decoded.excerpts[index].span = span
                        decoded.excerpts[index].anchor = .exact
                        if let articleText {
                            decoded.excerpts[index].storedQuote = excerpt.quote
                            decoded.excerpts[index].quote = articleText
                        }
                    case .failure(.notFound):
                        if body == nil {
                            do {
                                body = try article.body.textOnce()
                            } catch {
                                decoded.changedWhileLoading = error
                                return
                            }
                        }
                        let text = body ?? ""
                        let searchable = excerpt.quote.unicodeScalars.count >= QuoteDrift.minimumLength && driftSearches < driftBudget
                        if searchable && drift == nil { drift = QuoteDrift.Body(text) }
                        if searchable { driftSearches += 1 }
                        if searchable, let prepared = drift ?? nil, let passage = QuoteDrift.closest(to: excerpt.quote, in: prepared) {
                            // A misquote: an error, but the excerpt marks the passage it misquotes and
                            // holds the article's words, so nothing shows or copies the stored ones as
                            // the article's.
                            decoded.excerpts[index].span = passage.span
                            decoded.excerpts[index].anchor = .misquoted
                            decoded.excerpts[index].storedQuote = excerpt.quote
                            decoded.excerpts[index].quote = passage.text
                            collector.error(in: site.file, at: offset, id: excerpt.id, misquoteMessage(excerpt, passage))
                        } else {
                            collector.error(in: site.file, at: offset, id: excerpt.id,
                                            "quote \(brief(excerpt.quote)) is not found in the body of article \"\(excerpt.article)\"" + nearMissHint(excerpt.quote, text))
                        }
                    case .failure(.contextNotFound(let occurrences)):
                        collector.error(in: site.file, at: offset, id: excerpt.id, "quote is found \(times(occurrences)) in article \"\(excerpt.article)\", but never with the given prefix and suffix around it")
                    case .failure(.ambiguous(let occurrences)):
                        collector.error(in: site.file, at: offset, id: excerpt.id, "quote occurs \(times(occurrences)) in article \"\(excerpt.article)\"; add a \"prefix\" or \"suffix\" that tells them apart")
                    }
                }
            }
        }
    }

    /// Two excerpts of one article that quote the same span: the later (in file order) is a copy of
    /// the earlier, which is what should be cited. A warning: the corpus reads the same either way.
    static func duplicateSpans(_ spans: [(start: Int, end: Int, index: Int)], of article: String, _ decoded: DecodedCorpus, collector: DiagnosticCollector) {
        guard spans.count > 1 else { return }
        let sorted = spans.sorted { ($0.start, $0.end, $0.index) < ($1.start, $1.end, $1.index) }
        var first = sorted[0]
        for span in sorted.dropFirst() {
            guard span.start == first.start && span.end == first.end else {
                first = span
                continue
            }
            let copy = decoded.excerpts[span.index]
            guard let site = decoded.recordSites[copy.id] else { continue }
            collector.warning(in: site.file, at: site.offset, id: copy.id,
                              "quotes the same words of article \"\(article)\" as excerpt \"\(decoded.excerpts[first.index].id)\"; cite that one (dossier unlink, then remove this)")
        }
    }

    /// The quotes of some articles looked for in their bodies: each body read once, nothing else
    /// touched (so two run at once). Stops at the first body that cannot be read.
    struct QuoteSearch: Sendable {
        struct Found {
            /// Each excerpt of the article (by index) with what the search gave.
            var quotes: [(index: Int, resolved: Result<TextSpan, QuoteResolver.Failure>, articleText: String?)] = []
            var unreadable: ArticleBody.Unreadable?
        }

        struct Quote {
            var text: String
            var prefix: String?
            var suffix: String?
        }

        /// By article position, in order.
        private(set) var found: [(position: Int, found: Found)] = []

        /// `quotes` by excerpt index, as `excerptsOfArticle` gives them.
        init(articles: ArraySlice<Article>, quotes: [Quote], excerptsOfArticle: [String: [Int]]) {
            for position in articles.indices {
                guard let indices = excerptsOfArticle[articles[position].id] else { continue }
                var result = Found()
                do {
                    // The body's UTF-8, made a `String` only if a quote's edge is beside a character
                    // that is not ASCII (to ask where its characters end).
                    try articles[position].body.withUTF8Once { bytes in
                        var text: String??
                        func isBoundary(_ offset: Int) -> Bool {
                            if text == nil { text = String(validating: bytes, as: UTF8.self) }
                            return (text ?? nil).map { QuoteResolver.isCharacterBoundary(offset, in: $0) } ?? false
                        }
                        for index in indices {
                            let quote = quotes[index]
                            let resolved = QuoteResolver.resolve(quote: quote.text, prefix: quote.prefix, suffix: quote.suffix,
                                                                 utf8: bytes, isBoundary: isBoundary)
                            // Found with its white space of another kind: the article's own characters
                            // are what the excerpt holds from here on.
                            var articleText: String?
                            if case .success(let span) = resolved, span.utf8End - span.utf8Start != quote.text.utf8.count
                                || !bytes[span.utf8Start..<span.utf8End].elementsEqual(quote.text.utf8) {
                                articleText = QuoteResolver.text(of: span.utf8Start..<span.utf8End, in: bytes)
                            }
                            result.quotes.append((index, resolved, articleText))
                        }
                    }
                } catch {
                    result.unreadable = error
                    found.append((position, result))
                    return
                }
                found.append((position, result))
            }
        }
    }

    /// What a misquote changed, word by word, and the passage it misquotes, for the author to fix (or
    /// `dossier repair quotes` to rewrite).
    static func misquoteMessage(_ excerpt: Excerpt, _ passage: QuoteDrift.Passage) -> String {
        "quote differs from article \"\(excerpt.article)\": " + QuoteDifference(stored: excerpt.quote, article: passage.text).summary
            + " (the closest passage: paragraph \(passage.paragraph), characters \(passage.span.start)–\(passage.span.end))"
    }

    static func times(_ count: Int) -> String { count == 1 ? "once" : "\(count) times" }

    /// When an exact match fails, a match that ignores quotation-mark style, case and runs of white space
    /// tells the author what to fix.
    static func nearMissHint(_ quote: String, _ body: String) -> String {
        func loosen(_ text: String) -> String {
            var result = ""
            var lastWasSpace = false
            for character in text.lowercased() {
                if character.isWhitespace {
                    if !lastWasSpace { result.append(" ") }
                    lastWasSpace = true
                    continue
                }
                lastWasSpace = false
                switch character {
                case "\u{2018}", "\u{2019}", "\u{02BC}": result.append("'")
                case "\u{201C}", "\u{201D}": result.append("\"")
                case "\u{2013}", "\u{2014}": result.append("-")
                default: result.append(character)
                }
            }
            return result
        }
        guard quote.utf8.count <= 10_000 else { return "" }
        return loosen(body).contains(loosen(quote))
            ? " (the body has it with different case, white space, quotation marks or dashes)"
            : ""
    }

    static func checkActors(_ decoded: DecodedCorpus, collector: DiagnosticCollector) {
        for actor in decoded.actors {
            guard let site = decoded.recordSites[actor.id] else { continue }
            if let country = actor.country, !CountryCodes.alpha3.contains(country) {
                collector.error(in: site.file, at: decoded.countryOffsets[actor.id] ?? site.offset, id: actor.id,
                                "country \(brief(country)) is not an ISO 3166-1 alpha-3 code (such as CHN, GBR, USA)")
            }
            if actor.kind == .state && actor.country == nil {
                collector.warning(in: site.file, at: site.offset, id: actor.id,
                                  "a state without its ISO 3166-1 alpha-3 \"country\" code: shown and exported with no code")
            }
        }
    }

    /// A forum (of a statement) or a speaker (of an excerpt) is an actor's id or a plain name. A name
    /// that is an actor's name or alias is kept, with a warning that gives the id (which links the
    /// record to the actor); the id of a record that is not an actor is an error.
    static func checkActorsOrNames(_ decoded: DecodedCorpus, collector: DiagnosticCollector) {
        var actorsByName: [String: String]?
        func check(_ field: String, _ value: String, owner: String, offset: Int?) {
            guard let site = decoded.recordSites[owner] else { return }
            let offset = offset ?? site.offset
            if let target = decoded.recordSites[value] {
                if target.kind != .actor {
                    collector.error(in: site.file, at: offset, id: owner,
                                    "\(field): \"\(value)\" is \(target.kind.article), but an actor's id or a plain name is expected")
                }
                return
            }
            if actorsByName == nil {
                // Built once, and only for a corpus that names a forum or speaker in words.
                var names: [String: String] = [:]
                for actor in decoded.actors {
                    for name in [actor.name] + actor.aliases where names[name.lowercased()] == nil { names[name.lowercased()] = actor.id }
                }
                actorsByName = names
            }
            if let actor = actorsByName?[value.lowercased()] {
                collector.warning(in: site.file, at: offset, id: owner,
                                  "\(field) \(brief(value)) is a name of actor \"\(actor)\"; write \"\(field)\": \"\(actor)\" to link it to the actor")
            }
        }
        for statement in decoded.statements {
            if let forum = statement.forum { check("forum", forum, owner: statement.id, offset: decoded.forumOffsets[statement.id]) }
        }
        for excerpt in decoded.excerpts {
            if let speaker = excerpt.speaker { check("speaker", speaker, owner: excerpt.id, offset: decoded.speakerOffsets[excerpt.id]) }
        }
    }

    static func checkStatements(_ decoded: DecodedCorpus, collector: DiagnosticCollector) {
        checkActorsOrNames(decoded, collector: collector)
        for statement in decoded.statements {
            guard let site = decoded.recordSites[statement.id] else { continue }
            var seen: Set<String> = []
            let offsets = decoded.signatoryOffsets[statement.id] ?? []
            for (index, signatory) in statement.signatories.enumerated() where !seen.insert(signatory.actor).inserted {
                collector.error(in: site.file, at: index < offsets.count ? offsets[index] : site.offset, id: statement.id,
                                "signatory \"\(signatory.actor)\" is listed twice; give one entry with all its excerpts")
            }
            let named = seen.count
            // Said not to sign: once each; a source that names the actor signing as well disagrees.
            var declinedSeen: Set<String> = []
            let declinedOffsets = decoded.declinedOffsets[statement.id] ?? []
            for (index, entry) in statement.declined.enumerated() {
                let offset = index < declinedOffsets.count ? declinedOffsets[index] : site.offset
                if !declinedSeen.insert(entry.actor).inserted {
                    collector.error(in: site.file, at: offset, id: statement.id,
                                    "declined: \"\(entry.actor)\" is listed twice; give one entry with all its excerpts")
                } else if seen.contains(entry.actor) {
                    collector.warning(in: site.file, at: offset, id: statement.id,
                                      "sources disagree: \"\(entry.actor)\" is named as signing, and declined says it \(entry.how.words)")
                }
            }
            let countOffsets = decoded.countOffsets[statement.id] ?? []
            for (index, count) in statement.counts.enumerated() where count.value < named && count.qualifier != .moreThan && count.qualifier != .atLeast {
                collector.warning(in: site.file, at: index < countOffsets.count ? countOffsets[index] : site.offset, id: statement.id,
                                  "count \(count.value) (excerpt \"\(count.excerpt)\") is smaller than the \(named) signatories named")
            }
        }
    }

    /// Warnings that need the indexed corpus: an actor that no excerpt supports is a fact without source.
    static func coverageWarnings(_ corpus: Corpus, actorSites: [String: RecordSite], collector: DiagnosticCollector) -> [Diagnostic] {
        // The actors some excerpt supports, as `Corpus.excerptsAbout` links them (an excerpt's `about`, a
        // signatory's excerpts, a lead's or an addressee's), found without building every back-link.
        var supported: Set<String> = []
        for excerpt in corpus.excerpts { supported.formUnion(excerpt.about) }
        for statement in corpus.statements {
            for signatory in statement.signatories where !signatory.excerpts.isEmpty { supported.insert(signatory.actor) }
            for lead in statement.leads where statement.leadExcerpts[lead]?.isEmpty == false { supported.insert(lead) }
            for addressee in statement.addressees where statement.addresseeExcerpts[addressee]?.isEmpty == false { supported.insert(addressee) }
        }
        // Kept and counted as the loader's own problems are (a million unsupported actors are a thousand).
        let warnings = collector.another()
        for actor in corpus.actors where !supported.contains(actor.id) {
            guard let site = actorSites[actor.id], site.kind == .actor else { continue }
            warnings.warning(in: site.file, at: site.idOffset, id: actor.id, "no excerpt is about this actor")
        }
        return warnings.diagnostics
    }

    /// Where each role's actor is written, by statement (for the warnings below).
    struct RoleOffsets {
        var signatories: [String: [Int]]
        var declined: [String: [Int]]
        var leads: [String: [Int]]
        var addressees: [String: [Int]]
    }

    /// How many roles linked to excerpts that do not name their actor are said one by one; past this,
    /// one line gives how many more (a corpus whose excerpts were linked by a script gone wrong would
    /// otherwise print, and hold, one problem for each).
    static let unnamedRoleBudget = 20

    /// A signatory, lead, addressee or declined actor whose excerpts all leave its actor unnamed (no
    /// name or alias in their words, folded): the excerpts given do not state the role. A warning, as
    /// a source may name an actor in a way no alias holds ("the 22 countries"), but the explorer then
    /// shows the role as stated by no source.
    static func unnamedRoleWarnings(_ corpus: Corpus, sites: [String: RecordSite], offsets: RoleOffsets,
                                    collector: DiagnosticCollector) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        var unnamed = 0
        var summaryFile = "statements.json"
        // Each actor's names, folded once (an actor is in many roles).
        var foldedNames: [String: [UInt8]] = [:]
        func folded(_ name: String) -> [UInt8] {
            if let known = foldedNames[name] { return known }
            let made = NameMatch.folded(name)
            foldedNames[name] = made
            return made
        }
        // In the order the fields are written.
        for statement in corpus.statements {
            func check(_ field: String, _ actor: String, _ excerpts: [String], at index: Int, in offsets: [String: [Int]]) {
                // An actor that is not there is an error of its own; an excerpt that is not there, too.
                guard !excerpts.isEmpty, let known = corpus.actor(actor) else { return }
                let names = [known.name] + known.aliases
                var quotes: [String] = []
                for id in excerpts {
                    guard let excerpt = corpus.excerpt(id) else { return }
                    quotes.append(excerpt.quote)
                }
                guard !quotes.contains(where: { NameMatch.text($0, namesAnyOf: names, folded: folded) }) else { return }
                unnamed += 1
                guard let site = sites[statement.id] else { return }
                if unnamed == 1 { summaryFile = site.file.name }
                guard unnamed <= unnamedRoleBudget else { return }
                let here = offsets[statement.id].flatMap { index < $0.count ? $0[index] : nil } ?? site.offset
                let name = known.name
                let linked = excerpts.count == 1 ? "excerpt \"\(excerpts[0])\", which does not name it"
                    : "excerpts \(excerpts.map { "\"\($0)\"" }.joined(separator: ", ")), none of which names it"
                warnings.append(Diagnostic(.warning, file: site.file.name, location: collector.location(in: site.file, ofByte: here),
                                           recordID: statement.id,
                                           message: "\(field): \"\(actor)\" is linked to \(linked) (as \(brief(name)) or an alias); link the excerpt that does, or add the name it uses as an alias"))
            }
            for (index, lead) in statement.leads.enumerated() {
                check("leads", lead, statement.leadExcerpts[lead] ?? [], at: index, in: offsets.leads)
            }
            for (index, addressee) in statement.addressees.enumerated() {
                check("addressees", addressee, statement.addresseeExcerpts[addressee] ?? [], at: index, in: offsets.addressees)
            }
            for (index, signatory) in statement.signatories.enumerated() {
                check("signatories", signatory.actor, signatory.excerpts, at: index, in: offsets.signatories)
            }
            for (index, entry) in statement.declined.enumerated() {
                check("declined", entry.actor, entry.excerpts, at: index, in: offsets.declined)
            }
        }
        if unnamed > unnamedRoleBudget {
            warnings.append(Diagnostic(.warning, file: summaryFile,
                                       message: "and \(unnamed - unnamedRoleBudget) more roles linked to excerpts that do not name their actor"))
        }
        return warnings
    }
}
