/// Which excerpts state a fact, where the words decide it: an excerpt states a forum, an affiliation or
/// an actor's part in an event only when its words name it (its name or an alias, folded: case,
/// accents and kinds of white space set aside). A fact shown or cited stands on those excerpts only,
/// never on the other excerpts of its record.
extension Corpus {
    /// The words that name a record in a text: an actor's name and aliases, a statement's or event's
    /// title; a forum or speaker given in words is its own name.
    public func namingWords(of idOrName: String) -> [String] {
        if let actor = actor(idOrName) { return [actor.name] + actor.aliases }
        if let name = name(of: idOrName) { return [name] }
        return [idOrName]
    }

    /// Whether the excerpt's words name the record (or the name given in words).
    public func excerpt(_ excerptID: String, names idOrName: String) -> Bool {
        guard let excerpt = excerpt(excerptID) else { return false }
        let text = Self.foldedWords(excerpt.quote)
        return namingWords(of: idOrName).contains { name in
            let folded = Self.foldedWords(name)
            return !folded.isEmpty && text.contains(folded)
        }
    }

    /// The excerpts among `candidates` whose words name every one of `records`.
    public func excerpts(_ candidates: [String], naming records: String...) -> [String] {
        candidates.filter { candidate in records.allSatisfy { excerpt(candidate, names: $0) } }
    }

    /// Folded for matching names, runs of white space made one space.
    static func foldedWords(_ text: String) -> String {
        Fold.fold(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
