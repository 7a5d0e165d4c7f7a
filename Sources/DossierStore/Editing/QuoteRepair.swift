import DossierCorpus
/// `dossier repair quotes`: each stored quote that differs from its article rewritten to the article's
/// own characters, where the passage it stands for is beyond doubt. Approximate matching lives on
/// only here, as a repair an analyst asks for and reads as a diff; a load never accepts it.
public enum QuoteRepair {
    /// One excerpt's quote as stored and as the article has it.
    public struct Change: Sendable, Equatable {
        public var excerpt: String
        public var stored: String
        public var article: String
        /// What differs, in words (`"54" where the article has "44"`), or that only white space does.
        public var difference: String
    }

    /// An excerpt whose quote differs and is left as it is, with why.
    public struct Left: Sendable, Equatable {
        public var excerpt: String
        public var reason: String
    }

    public struct Plan: Sendable {
        public var edits: [RecordEdit] = []
        public var changes: [Change] = []
        public var left: [Left] = []
        public init() {}
    }

    /// The repairs a corpus needs: every misquoted excerpt whose closest passage is the only one that
    /// close, and every quote whose white space is of another kind than its article's. `record` gives
    /// an excerpt's JSON as written (only its quote, and its prefix and suffix where they no longer
    /// tell the passage apart, are changed).
    public static func plan(_ corpus: Corpus, record: (RecordKind, String) -> JSONValue?) -> Plan {
        var plan = Plan()
        var bodies: [String: String] = [:]
        for excerpt in corpus.excerpts {
            guard let stored = excerpt.storedQuote, excerpt.anchor != .unanchored else {
                if excerpt.anchor == .unanchored, corpus.article(excerpt.article) != nil {
                    plan.left.append(Left(excerpt: excerpt.id, reason: "no passage of \(excerpt.article) is close enough to its quote; fix it by hand"))
                }
                continue
            }
            guard let article = corpus.article(excerpt.article) else { continue }
            let body: String
            if let known = bodies[article.id] {
                body = known
            } else {
                guard let read = try? article.body.text() else {
                    plan.left.append(Left(excerpt: excerpt.id, reason: "the body of \(article.id) cannot be read"))
                    continue
                }
                bodies = [article.id: read]  // excerpts come by article mostly; hold one body at a time
                body = read
            }
            if excerpt.anchor == .misquoted {
                guard let prepared = QuoteDrift.Body(body), let passage = QuoteDrift.closest(to: stored, in: prepared) else {
                    plan.left.append(Left(excerpt: excerpt.id, reason: "no passage of \(article.id) is close enough to its quote; fix it by hand"))
                    continue
                }
                if let other = passage.rival {
                    plan.left.append(Left(excerpt: excerpt.id, reason: "two passages of \(article.id) are as close to its quote "
                                          + "(characters \(passage.span.start)–\(passage.span.end) and \(other.start)–\(other.end)); choose one by hand"))
                    continue
                }
            }
            guard case .object(var members)? = record(.excerpt, excerpt.id) else { continue }
            let words = excerpt.quote
            func set(_ key: String, _ value: String?) {
                let index = members.firstIndex { $0.key == key }
                switch (index, value) {
                case (let index?, let value?): members[index].node = JSONNode(.string(value), offset: 0)
                case (let index?, nil): members.remove(at: index)
                case (nil, let value?):
                    // After the quote (a suffix after the prefix), as `add excerpt` writes them.
                    let after = members.lastIndex { $0.key == "quote" || (key == "suffix" && $0.key == "prefix") }.map { $0 + 1 } ?? members.count
                    members.insert(JSONMember(key: key, keyOffset: 0, node: JSONNode(.string(value), offset: 0)), at: after)
                case (nil, nil): break
                }
            }
            set("quote", words)
            // The prefix and suffix stay while they still single the passage out; else the shortest
            // context that does, or none where the words occur once.
            var resolved = false
            if case .success(let span) = QuoteResolver.resolve(quote: words, prefix: excerpt.prefix, suffix: excerpt.suffix, in: body) {
                resolved = span.utf8Start == excerpt.span.utf8Start
            }
            if !resolved {
                let places = CorpusEdits.occurrences(of: words, in: body)
                let context = places.count > 1 ? CorpusEdits.disambiguation(quote: words, at: excerpt.span.utf8Start, in: body) : (prefix: nil, suffix: nil)
                set("prefix", context.prefix)
                set("suffix", context.suffix)
            }
            let difference = excerpt.anchor == .misquoted ? QuoteDifference(stored: stored, article: words).summary : "only its white space differs"
            plan.edits.append(.replace(.excerpt, id: excerpt.id, text: RecordFile.text(of: .object(members))))
            plan.changes.append(Change(excerpt: excerpt.id, stored: stored, article: words, difference: difference))
        }
        return plan
    }
}
