import DossierModel
#if canImport(Glibc)
import Glibc
#endif

/// Makes a valid, deterministic corpus of any size for benchmarks and scale tests: N articles with
/// 2–8 KB bodies mixing accented, CJK and curly-quoted text, N/5 actors, N/10 statements with 2–40
/// signatories, 3 excerpts an article and one more for each statement (the sentence, at the end of an
/// article, that names its signatories, lead and addressee), N/20 events. The same N and seed always
/// give the same bytes.
public struct CorpusGenerator {
    public let articleCount: Int
    public let seed: UInt64

    public init(articles: Int, seed: UInt64 = 2019) {
        self.articleCount = max(1, articles)
        self.seed = seed
    }

    var actorCount: Int { max(5, articleCount / 5) }
    var statementCount: Int { max(1, articleCount / 10) }
    var eventCount: Int { max(1, articleCount / 20) }

    /// Writes articles.json … excerpts.json into `directory` (created if needed). Returns the bytes written.
    @discardableResult
    public func write(to directory: String) throws -> Int {
        // Created with the folders above it, as `mkdir -p` does; one that cannot be is named, with why.
        var path = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw GeneratorError(message: "cannot make the directory \(path): \(String(cString: strerror(errno)))")
            }
        }
        var random = SplitMix64(seed: seed)
        var total = 0
        // Three sentences of each article are excerpts x0…x(3N-1); statement s's sentence naming its
        // roles, the last paragraph of article s, is excerpt x(3N+s).
        let excerptCount = articleCount * 3 + statementCount
        func excerptID(_ random: inout SplitMix64) -> String { "x\(random.next(below: excerptCount))" }
        func rolesExcerpt(_ statement: Int) -> String { "x\(articleCount * 3 + statement)" }

        // Actors: states with real ISO codes, UN bodies, NGOs, media, people, groups.
        let codes = CountryCodes.alpha3.sorted()
        var kinds: [ActorKind] = []
        var names: [String] = []
        var actors = JSONFileWriter()
        actors.open()
        for index in 0..<actorCount {
            let kind = Self.actorKinds[random.next(below: Self.actorKinds.count)]
            kinds.append(kind)
            var fields: [(String, JSONValue?)] = [("id", .string("p\(index)"))]
            let name = kind == .person ? Self.personName(&random) + " \(index)" : Self.title(&random, words: 2) + " \(kind.rawValue) \(index)"
            names.append(name)
            fields.append(("name", .string(name)))
            fields.append(("kind", .string(kind.rawValue)))
            fields.append(("aliases", .strings((0..<random.next(below: 3)).map { _ in Self.word(&random) + " \(index)" })))
            if kind == .state { fields.append(("country", .string(codes[index % codes.count]))) }
            if kind == .person { fields.append(("role", .string("spokesperson for " + Self.title(&random, words: 2)))) }
            actors.record(fields)
        }
        total += try actors.close(to: directory + "/actors.json")

        func role(_ actor: Int, _ statement: Int) -> JSONValue {
            .object([("actor", .string("p\(actor)")), ("excerpts", .strings([rolesExcerpt(statement)]))])
        }
        let states = kinds.indices.filter { kinds[$0] == .state }
        let bodies = kinds.indices.filter { kinds[$0] == .unBody }

        // Statements: 2–40 named signatories, one to three counts, sometimes disagreeing. Every role is
        // linked to the one sentence that names it (so the corpus states each role it records).
        var rolesSentences: [String] = []
        var statements = JSONFileWriter()
        statements.open()
        for index in 0..<statementCount {
            let named = 2 + random.next(below: 39)
            var signers: [Int] = []
            var seen = Set<Int>()
            let pool = states.count >= 40 ? states : Array(0..<actorCount)
            while signers.count < min(named, pool.count) {
                let actor = pool[random.next(below: pool.count)]
                if seen.insert(actor).inserted { signers.append(actor) }
            }
            let declared = signers.count + random.next(below: 15)
            var counts: [JSONValue] = [.object([("value", .int(declared)), ("excerpt", .string(excerptID(&random)))])]
            if random.next(below: 4) == 0 {
                counts.append(.object([("value", .int(declared + 1 + random.next(below: 5))), ("excerpt", .string(excerptID(&random)))]))
            }
            if random.next(below: 3) == 0 {
                counts.append(.object([("value", .int(max(0, signers.count - 2))), ("qualifier", .string("more-than")),
                                       ("excerpt", .string(excerptID(&random)))]))
            }
            var fields: [(String, JSONValue?)] = [
                ("id", .string("s\(index)")),
                ("title", .string("Joint " + Self.title(&random, words: 4) + " on " + Self.word(&random) + " (\(index))")),
                ("kind", .string(StatementKind.allCases[random.next(below: StatementKind.allCases.count)].rawValue)),
                ("date", .string(Self.date(&random))),
            ]
            if !bodies.isEmpty { fields.append(("forum", .string("p\(bodies[random.next(below: bodies.count)])"))) }
            let addressee = random.next(below: actorCount)
            fields += [
                ("stance", .string(Stance.allCases[random.next(below: Stance.allCases.count)].rawValue)),
                ("leads", .list(random.next(below: 2) == 0 ? [] : [role(signers[0], index)])),
                ("addressees", .list([role(addressee, index)])),
                ("counts", .list(counts)),
                ("signatories", .list(signers.map { role($0, index) })),
                ("excerpts", .strings((0...random.next(below: 3)).map { _ in excerptID(&random) })),
            ]
            statements.record(fields)
            rolesSentences.append("The statement (s\(index)) to \(names[addressee]) was led and signed by "
                                  + signers.map { names[$0] }.joined(separator: ", ") + ".")
        }
        total += try statements.close(to: directory + "/statements.json")

        // Articles, collecting three unique sentences of each as excerpt quotes.
        var excerptQuotes: [(article: Int, quote: String)] = []
        excerptQuotes.reserveCapacity(excerptCount)
        var articles = JSONFileWriter()
        articles.open()
        for index in 0..<articleCount {
            var (body, sentences) = Self.body(article: index, random: &random)
            var picks: [Int] = []
            while picks.count < 3 {
                let pick = random.next(below: sentences.count)
                if !picks.contains(pick) { picks.append(pick) }
            }
            for pick in picks { excerptQuotes.append((index, sentences[pick])) }
            if index < rolesSentences.count { body += "\n\n" + rolesSentences[index] }
            let date = Self.date(&random)
            articles.record([
                ("id", .string("a\(index)")),
                ("title", .string(Self.title(&random, words: 6) + " (\(index))")),
                ("publisher", .string(Self.publishers[random.next(below: Self.publishers.count)])),
                ("published", .string(date)),
                ("authors", .strings([Self.personName(&random)])),
                ("body", .string(body)),
            ])
        }
        total += try articles.close(to: directory + "/articles.json")
        for (index, sentence) in rolesSentences.enumerated() { excerptQuotes.append((index, sentence)) }

        var events = JSONFileWriter()
        events.open()
        for index in 0..<eventCount {
            events.record([
                ("id", .string("e\(index)")),
                ("date", .string(Self.date(&random))),
                ("title", .string(Self.title(&random, words: 5) + " (\(index))")),
                ("actors", .strings((0...random.next(below: 3)).map { _ in "p\(random.next(below: actorCount))" })),
                ("statements", .strings(random.next(below: 2) == 0 ? [] : ["s\(random.next(below: statementCount))"])),
                ("excerpts", .strings([excerptID(&random)])),
            ])
        }
        total += try events.close(to: directory + "/events.json")

        // Excerpts: every actor is the subject of some, so the corpus loads without warnings.
        var excerpts = JSONFileWriter()
        excerpts.open()
        for (index, entry) in excerptQuotes.enumerated() {
            var about = ["p\(index % actorCount)"]
            if random.next(below: 3) == 0 { about.append("s\(random.next(below: statementCount))") }
            excerpts.record([
                ("id", .string("x\(index)")),
                ("article", .string("a\(entry.article)")),
                ("quote", .string(entry.quote)),
                ("about", .strings(about)),
            ])
        }
        total += try excerpts.close(to: directory + "/excerpts.json")
        return total
    }

    // MARK: Text

    static let words = ["human", "rights", "council", "statement", "report", "detention", "camps", "region", "policy", "sovereignty",
                        "investigation", "diplomats", "letter", "signatories", "minority", "culture", "surveillance", "access",
                        "experts", "review", "law", "security", "government", "mission", "visit", "delegation", "vote", "session",
                        "resolution", "accountability", "evidence", "testimony", "survivors", "families", "labor", "religion",
                        "language", "schools", "border", "trade", "sanctions", "embassy", "ambassador", "press", "briefing"]
    static let accented = ["Türk", "Ürümchi", "Raphäel", "Genève", "Zürich", "São Paulo", "Müller", "Åland", "Ñuñoa", "Kaşgar", "Hotän"]
    static let cjk = ["新疆", "维吾尔", "人权", "联合国", "北京", "声明", "报告", "日内瓦", "拘留", "自治区"]
    static let publishers = ["Example Wire", "Daily Ledger", "Geneva Observer", "Rights Monitor", "Asia Desk", "Global Post",
                             "The Chronicle", "News Agency Zürich", "北京观察", "Tribune"]
    static let givenNames = ["Ana", "Li", "Omar", "Maya", "Jonas", "Aylin", "Raphäel", "Zhang", "Fatima", "Pierre", "Ekpar", "Sofía"]
    static let familyNames = ["Asat", "Wang", "Müller", "Okafor", "Türk", "Dubois", "Chen", "García", "Nakamura", "Ivanova"]
    static let actorKinds: [ActorKind] = [.state, .state, .state, .unBody, .ngo, .media, .person, .person, .person, .group, .governmentBody]

    static func word(_ random: inout SplitMix64) -> String {
        switch random.next(below: 12) {
        case 0: return accented[random.next(below: accented.count)]
        case 1: return cjk[random.next(below: cjk.count)]
        default: return words[random.next(below: words.count)]
        }
    }

    static func title(_ random: inout SplitMix64, words count: Int) -> String {
        let text = (0..<count).map { _ in word(&random) }.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    static func personName(_ random: inout SplitMix64) -> String {
        givenNames[random.next(below: givenNames.count)] + " " + familyNames[random.next(below: familyNames.count)]
    }

    static func date(_ random: inout SplitMix64) -> String {
        let year = 2009 + random.next(below: 16)
        switch random.next(below: 10) {
        case 0: return String(year)
        case 1, 2: return String(year) + "-" + twoDigits(1 + random.next(below: 12))
        default: return String(year) + "-" + twoDigits(1 + random.next(below: 12)) + "-" + twoDigits(1 + random.next(below: 28))
        }
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// A body of 2–8 KB in paragraphs; every sentence carries its own number, so each is unique in the
    /// body and can be quoted without a prefix or suffix.
    static func body(article: Int, random: inout SplitMix64) -> (String, [String]) {
        let target = 2048 + random.next(below: 6 * 1024)
        var sentences: [String] = []
        var paragraphs: [String] = []
        var size = 0
        while size < target {
            var paragraph: [String] = []
            for _ in 0..<(3 + random.next(below: 4)) {
                var parts = (0..<(8 + random.next(below: 13))).map { _ in word(&random) }
                if random.next(below: 3) == 0 { parts[0] = "“" + parts[0]; parts[parts.count - 1] += "”" }
                if random.next(below: 4) == 0 { parts.insert("China’s", at: random.next(below: parts.count)) }
                var sentence = parts.joined(separator: " ")
                sentence = sentence.prefix(1).uppercased() + sentence.dropFirst() + " (no. \(sentences.count + 1))."
                sentences.append(sentence)
                paragraph.append(sentence)
                size += sentence.utf8.count + 1
            }
            paragraphs.append(paragraph.joined(separator: " "))
        }
        return (paragraphs.joined(separator: "\n\n"), sentences)
    }
}

/// A small, fast, deterministic PRNG (SplitMix64): the same seed gives the same corpus on every machine.
public struct SplitMix64 {
    var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }
}

/// Writes one JSON array of records to a file, a record at a time.
struct JSONFileWriter {
    var buffer: [UInt8] = []
    var first = true

    mutating func open() {
        buffer.append(contentsOf: Array("[\n".utf8))
    }

    mutating func record(_ fields: [(String, JSONValue?)]) {
        if !first { buffer.append(contentsOf: Array(",\n".utf8)) }
        first = false
        buffer.append(contentsOf: Array(JSONWriter.write(.object(fields), indent: 1).utf8))
    }

    mutating func close(to path: String) throws -> Int {
        buffer.append(contentsOf: Array("\n]\n".utf8))
        guard let file = fopen(path, "wb") else { throw GeneratorError(message: "cannot write \(path)") }
        defer { fclose(file) }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else { throw GeneratorError(message: "short write to \(path)") }
        return buffer.count
    }
}

public struct GeneratorError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
