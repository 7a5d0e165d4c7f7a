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
        return NameMatch.text(excerpt.quote, namesAnyOf: namingWords(of: idOrName), folded: NameMatch.folded)
    }

    /// The actors a text names, by name or alias as whole words (ignoring case and accents: "UK" is
    /// not in "rebuked"), in the order the text first names them. For a passage being attached, whose
    /// actors are the likely choices. Reads every actor's names once.
    public func actorsNamed(in text: String) -> [String] {
        func words(_ text: String) -> [Substring] {
            Fold.fold(text).split { !($0.isLetter || $0.isNumber) }
        }
        let textWords = words(text)
        var found: [(at: Int, id: String)] = []
        for actor in actors {
            var first: Int?
            for name in [actor.name] + actor.aliases {
                let nameWords = words(name)
                guard !nameWords.isEmpty, textWords.count >= nameWords.count else { continue }
                for start in 0...(textWords.count - nameWords.count) where textWords[start..<(start + nameWords.count)].elementsEqual(nameWords) {
                    first = min(first ?? start, start)
                    break
                }
            }
            if let first { found.append((first, actor.id)) }
        }
        return found.sorted { $0.at < $1.at }.map(\.id)
    }

    /// The excerpts among `candidates` whose words name every one of `records`.
    public func excerpts(_ candidates: [String], naming records: String...) -> [String] {
        candidates.filter { candidate in records.allSatisfy { excerpt(candidate, names: $0) } }
    }
}

/// Finding a name in an excerpt's words: as written first (bytes, nothing folded: the usual case),
/// then folded (case, accents and kinds of white space set aside, runs of white space as one space).
enum NameMatch {
    /// Whether any of `names` is in `text`; `folded` folds a name (a caller checking many excerpts
    /// keeps each actor's folded names).
    static func text(_ text: String, namesAnyOf names: [String], folded: (String) -> [UInt8]) -> Bool {
        if names.contains(where: { bytes(of: text, contain: $0) }) { return true }
        let foldedText = Self.folded(text)
        return names.contains { name in
            let foldedName = folded(name)
            return !foldedName.isEmpty && contains(foldedText, foldedName)
        }
    }

    /// Whether `part` (not empty) occurs in `text`, byte for byte.
    static func bytes(of text: String, contain part: String) -> Bool {
        var text = text, part = part
        return text.withUTF8 { haystack in part.withUTF8 { needle in contains(haystack, needle) } }
    }

    /// Whether `needle` (not empty) occurs in `haystack`, as the quote resolver finds words.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        !needle.isEmpty && QuoteResolver.find(needle, in: haystack, from: 0) != nil
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { haystack in needle.withUnsafeBufferPointer { contains(haystack, $0) } }
    }

    /// `Fold.fold`'s bytes with each run of white space (ASCII, no-break, the typographic spaces, the
    /// ideographic space, line and paragraph separators) one space, and none at either end.
    static func folded(_ text: String) -> [UInt8] {
        let bytes = Array(Fold.fold(text).utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        var pendingSpace = false
        while index < bytes.count {
            let width = whiteSpaceWidth(bytes, at: index)
            if width > 0 {
                pendingSpace = !result.isEmpty
                index += width
                continue
            }
            if pendingSpace { result.append(0x20) }
            pendingSpace = false
            result.append(bytes[index])
            index += 1
        }
        return result
    }

    /// How many bytes the white-space character at `index` takes, 0 when it is not one.
    static func whiteSpaceWidth(_ bytes: [UInt8], at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return 1
        case 0xC2 where index + 1 < bytes.count && (bytes[index + 1] == 0xA0 || bytes[index + 1] == 0x85): return 2
        case 0xE1 where index + 2 < bytes.count && bytes[index + 1] == 0x9A && bytes[index + 2] == 0x80: return 3  // U+1680
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80:
            let last = bytes[index + 2]
            return (0x80...0x8A).contains(last) || last == 0xA8 || last == 0xA9 || last == 0xAF ? 3 : 0  // U+2000–200A, 2028, 2029, 202F
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x81 && bytes[index + 2] == 0x9F: return 3  // U+205F
        case 0xE3 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80: return 3  // U+3000
        default: return 0
        }
    }
}
