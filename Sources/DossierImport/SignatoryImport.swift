import CSV
import DossierModel

/// `dossier import signatories`: who signed which statement, from a table (CSV, as spreadsheets save it),
/// each signature with the quote that names it. Every row is checked as the corpus would check it
/// (ids, dates, kinds, the quote found once in its article) and named `FILE:ROW:COLUMN` when it is not;
/// a table with any bad row adds nothing.
public enum SignatoryImport {
    /// The columns read (by header, in any order; others are ignored).
    public static let columns = ["statement_id", "statement_title", "statement_date", "statement_kind", "stance",
                                 "actor", "actor_kind", "actor_iso3", "article_id", "quote"]
    static let required = ["statement_id", "actor", "article_id", "quote"]

    public struct Result {
        public var actors: [JSONValue] = []
        public var excerpts: [JSONValue] = []
        public var statements: [JSONValue] = []
        /// Signatories for statements already in the corpus: each statement's new signatures, in the
        /// order the table gives them (written through the editing layer, as a change of the statement).
        public var signatures: [(statement: String, signatories: [(actor: String, excerpts: [String])])] = []
        /// What was imported but should be looked at (a state whose ISO3 code its name does not tell),
        /// each `FILE:ROW:COLUMN: warning: …`.
        public var warnings: [String] = []
        public var summary: String = ""

        /// The import as edits, for the editing layer: the new records added, and each statement in the
        /// corpus changed to name its new signatories (`record` gives a statement as it is written).
        public func edits(in corpus: Corpus, record: (RecordKind, String) -> JSONValue?) throws(EditError) -> [RecordEdit] {
            var edits: [RecordEdit] = []
            for (kind, records) in [(RecordKind.actor, actors), (.excerpt, excerpts), (.statement, statements)] {
                edits += records.map { .add(kind, text: RecordFile.text(of: $0), at: nil) }
            }
            for (statement, signatories) in signatures {
                guard var value = record(.statement, statement) else { throw .invalid("no statement has the id “\(statement)”") }
                for (actor, excerptIDs) in signatories {
                    for excerpt in excerptIDs {
                        let edit = try CorpusEdits.attach(.signatory(actor: actor), excerpt: excerpt, to: statement, in: corpus, record: value)
                        guard case .replace(_, _, let text) = edit, let changed = try? JSONParser.parse(Array(text.utf8)).value else {
                            throw .invalid("the statement “\(statement)” could not be changed")
                        }
                        value = changed
                    }
                }
                edits.append(.replace(.statement, id: statement, text: RecordFile.text(of: value)))
            }
            return edits
        }
    }

    public static func read(_ text: String, file: String, corpus: Corpus) throws(ImportError) -> Result {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw .invalidInput(["\(file):1:1: error: not a CSV table: \(error)"])
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingSpaces.lowercased() }
        var problems: [String] = []
        for name in required where !header.contains(name) {
            problems.append("\(file):1:1: error: no \"\(name)\" column; the table needs " + required.joined(separator: ", ")
                            + " (and statement_title, statement_date, statement_kind, stance for each new statement)")
        }
        if !problems.isEmpty { throw .invalidInput(problems) }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }

        // The same column twice: which one a row's value came from would be a guess.
        var seenColumns: [String: Int] = [:]
        for (index, name) in header.enumerated() where !name.isEmpty {
            if let first = seenColumns[name] {
                problems.append("\(file):1:\(index + 1): error: the column \"\(name)\" is given twice (columns \(first + 1) and \(index + 1)); keep one")
            } else {
                seenColumns[name] = index
            }
        }
        // A quotation mark that opens a cell and is never closed swallows the rest of the table: said
        // where it opens, not as a later row's missing cell.
        if let (row, column) = unterminatedQuote(in: text) {
            problems.append("\(file):\(row):\(column): error: this quotation mark opens a cell that is never closed (a cell's own quotation marks are written twice: \"\")")
        }
        if !problems.isEmpty { throw .invalidInput(problems) }
        var builder = Builder(corpus: corpus, file: file)
        var row = 1
        while let cells = reader.next() {
            row += 1
            if cells.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            func cell(_ name: String) -> (text: String, column: Int)? {
                guard let index = column(name), index < cells.count else { return nil }
                let text = cells[index].trimmingSpaces
                return text.isEmpty ? nil : (text, index + 1)
            }
            builder.add(row: row, cell: cell)
        }
        if let error = reader.error { builder.problems.append("\(file):\(row + 1):1: error: the table cannot be read past here: \(error)") }
        if !builder.problems.isEmpty { throw .invalidInput(builder.problems.lines) }
        var result = try builder.result()
        result.warnings = builder.warnings
        return result
    }

    /// Where a quoted cell opens and never closes (RFC 4180: a cell that begins with a quotation mark
    /// ends at the next one not doubled), as row and column; nil when every quoted cell closes.
    static func unterminatedQuote(in text: String) -> (row: Int, column: Int)? {
        var row = 1, column = 0
        var atCellStart = true
        var open: (Int, Int)?
        var previousWasQuote = false
        for character in text {
            column += 1
            if let _ = open {
                if character == "\"" {
                    previousWasQuote.toggle()
                    continue
                }
                if previousWasQuote {
                    // The quotation mark before this was a closing one.
                    open = nil
                    previousWasQuote = false
                } else {
                    if character == "\n" || character == "\r\n" { row += 1; column = 0 }
                    continue
                }
            }
            switch character {
            case "\"" where atCellStart:
                open = (row, column)
                atCellStart = false
            case ",":
                atCellStart = true
            case "\n", "\r\n", "\r":
                row += 1
                column = 0
                atCellStart = true
            default:
                atCellStart = false
            }
        }
        return previousWasQuote ? nil : open
    }

    /// Problems as lines, at most `shownOfOneKind` of a kind (a message apart from its quoted values
    /// and numbers, as `validate` groups them), then how many more: a million bad rows print a few
    /// lines, and the list does not grow with them.
    struct Problems {
        static let shownOfOneKind = 20
        private(set) var kept: [String] = []
        private var counts: [String: Int] = [:]
        private var kindOrder: [String] = []
        private var lastOfKind: [String: String] = [:]

        var isEmpty: Bool { kept.isEmpty }

        mutating func append(_ line: String) {
            let message = line.range(of: ": error: ").map { String(line[$0.upperBound...]) } ?? line
            let kind = Diagnostic.kind(of: message, severity: "error")
            let count = counts[kind, default: 0] + 1
            counts[kind] = count
            if count == 1 { kindOrder.append(kind) }
            if count <= Self.shownOfOneKind { kept.append(line) }
        }

        /// The kept lines, each kind cut short followed by how many more of it there are.
        var lines: [String] {
            var result = kept
            for kind in kindOrder {
                let more = counts[kind, default: 0] - Self.shownOfOneKind
                if more > 0 { result.append("… and \(more) more like this (\(kind)); fix these and import again to see them") }
            }
            return result
        }
    }

    /// What the rows add up to, built as they are read.
    struct Builder {
        let corpus: Corpus
        let file: String
        var problems = Problems()
        var warnings: [String] = []
        var taken: Set<String>
        /// New statements in the order first seen, with their fields, signatories and where each field was given.
        var statementOrder: [String] = []
        var statements: [String: NewStatement] = [:]
        var newActors: [(id: String, name: String, kind: ActorKind, country: String?)] = []
        var newActorByName: [String: String] = [:]
        var newStateByCode: [String: String] = [:]
        var newExcerpts: [(id: String, article: String, quote: String)] = []
        var excerptByQuote: [String: String] = [:]
        let actorByName: [String: String]
        let stateByCode: [String: String]

        struct NewStatement {
            var title: String?
            var date: PartialDate?
            var kind: StatementKind?
            var stance: Stance?
            var firstRow: Int
            var signatories: [(actor: String, excerpts: [String])] = []
            /// A statement in the corpus: its fields are the corpus's, and the rows add signatories.
            var inCorpus = false

            /// Where a field was given first, for a row that gives it otherwise.
            var givenWhere: String { inCorpus ? "in the corpus" : "in row \(firstRow)" }
        }

        init(corpus: Corpus, file: String) {
            self.corpus = corpus
            self.file = file
            taken = Set(corpus.allIDs)
            var names: [String: String] = [:]
            var codes: [String: String] = [:]
            for actor in corpus.actors {
                for name in [actor.name] + actor.aliases where names[name.lowercased()] == nil { names[name.lowercased()] = actor.id }
                if actor.kind == .state, let code = actor.country, codes[code] == nil { codes[code] = actor.id }
            }
            actorByName = names
            stateByCode = codes
            for excerpt in corpus.excerpts where excerpt.anchor == .exact { excerptByQuote[excerpt.article + "\u{0}" + excerpt.quote] = excerpt.id }
        }

        mutating func problem(_ row: Int, _ column: Int, _ message: String) {
            problems.append("\(file):\(row):\(column): error: \(message)")
        }

        mutating func add(row: Int, cell: (String) -> (text: String, column: Int)?) {
            var missing = false
            for name in SignatoryImport.required where cell(name) == nil {
                problem(row, 1, "no \(name) in this row")
                missing = true
            }
            guard !missing, let statementCell = cell("statement_id"), let actorCell = cell("actor"),
                  let articleCell = cell("article_id"), let quoteCell = cell("quote") else { return }
            // The statement: new, its fields given once (or the same again).
            let statementID = statementCell.text
            if let reason = IdentifierRules.problem(with: statementID) {
                return problem(row, statementCell.column, "statement id \"\(statementID)\" \(reason)")
            }
            // A statement in the corpus gains signatories, with the same checks; its fields, if a row
            // gives them, must be its own.
            var statement: NewStatement
            if let known = statements[statementID] {
                statement = known
            } else if let kind = corpus.kind(of: statementID) {
                guard kind == .statement, let existing = corpus.statement(statementID) else {
                    return problem(row, statementCell.column, "\"\(statementID)\" is \(kind == .actor || kind == .article || kind == .event || kind == .excerpt ? "an" : "a") \(kind.rawValue) in the corpus, not a statement")
                }
                statement = NewStatement(title: existing.title, date: existing.date, kind: existing.kind, stance: existing.stance, firstRow: row, inCorpus: true)
                statementOrder.append(statementID)
            } else {
                statement = NewStatement(firstRow: row)
                statementOrder.append(statementID)
            }
            if let title = cell("statement_title") {
                if let known = statement.title, known != title.text {
                    problem(row, title.column, "statement \"\(statementID)\" was given the title \"\(known)\" \(statement.givenWhere)")
                }
                statement.title = statement.title ?? title.text
            }
            if let date = cell("statement_date") {
                switch PartialDate.parse(date.text) {
                case .success(let parsed):
                    if let known = statement.date, known != parsed {
                        problem(row, date.column, "statement \"\(statementID)\" was given the date \(known) \(statement.inCorpus ? "in the corpus" : "before")")
                    }
                    statement.date = statement.date ?? parsed
                case .failure(let error): problem(row, date.column, "statement_date: \(error)")
                }
            }
            if let kind = cell("statement_kind") {
                if let parsed = StatementKind(rawValue: kind.text) {
                    if statement.inCorpus, let known = statement.kind, known != parsed {
                        problem(row, kind.column, "statement \"\(statementID)\" is a \(known.rawValue) in the corpus")
                    }
                    statement.kind = statement.kind ?? parsed
                } else {
                    problem(row, kind.column, "statement_kind \"\(kind.text)\" is not one of: " + StatementKind.allCases.map(\.rawValue).joined(separator: ", "))
                }
            }
            if let stance = cell("stance") {
                if let parsed = Stance(rawValue: stance.text) {
                    if statement.inCorpus, let known = statement.stance, known != parsed {
                        problem(row, stance.column, "statement \"\(statementID)\" is \(known.rawValue) in the corpus")
                    }
                    statement.stance = statement.stance ?? parsed
                } else {
                    problem(row, stance.column, "stance \"\(stance.text)\" is not one of: " + Stance.allCases.map(\.rawValue).joined(separator: ", "))
                }
            }
            // The article and the quote found in it, exactly once.
            guard let article = corpus.article(articleCell.text) else {
                statements[statementID] = statement
                return problem(row, articleCell.column, "no article \"\(articleCell.text)\" in the corpus; import the article first (dossier import articles)")
            }
            guard let excerptID = excerpt(quoteCell, in: article, row: row, statementID: statementID) else {
                statements[statementID] = statement
                return
            }
            // The actor: by id, ISO3 code, name or alias; else a new one.
            guard let actorID = actor(actorCell, kindCell: cell("actor_kind"), codeCell: cell("actor_iso3"), row: row) else {
                statements[statementID] = statement
                return
            }
            if statement.inCorpus, corpus.statement(statementID)?.signatories.contains(where: { $0.actor == actorID && $0.excerpts.contains(excerptID) }) == true {
                statements[statementID] = statement
                return problem(row, actorCell.column, "\(corpus.name(of: actorID) ?? actorID) already signs \"\(statementID)\" on this quote in the corpus; leave the row out")
            }
            if let index = statement.signatories.firstIndex(where: { $0.actor == actorID }) {
                if !statement.signatories[index].excerpts.contains(excerptID) { statement.signatories[index].excerpts.append(excerptID) }
            } else {
                statement.signatories.append((actorID, [excerptID]))
            }
            statements[statementID] = statement
        }

        mutating func excerpt(_ quote: (text: String, column: Int), in article: Article, row: Int, statementID: String) -> String? {
            let key = article.id + "\u{0}" + quote.text
            if let known = excerptByQuote[key] { return known }
            let body: String
            do { body = try article.body.text() } catch {
                problem(row, quote.column, "\(error)")
                return nil
            }
            switch QuoteResolver.resolve(quote: quote.text, prefix: nil, suffix: nil, in: body) {
            case .success:
                let id = CorpusDirectory.unique("x-\(statementID)-\(newExcerpts.count + 1)", taken: &taken)
                newExcerpts.append((id, article.id, quote.text))
                excerptByQuote[key] = id
                return id
            case .failure(.notFound):
                var message = "quote \"\(quote.text.prefix(60))\(quote.text.count > 60 ? "…" : "")\" is not found in article \"\(article.id)\""
                if let passage = QuoteDrift.closest(to: quote.text, in: body) {
                    message += "; the closest passage (paragraph \(passage.paragraph)) reads \"\(passage.text.prefix(120))\""
                }
                problem(row, quote.column, message)
            case .failure(.ambiguous(let count)), .failure(.contextNotFound(let count)):
                problem(row, quote.column, "quote occurs \(count) times in article \"\(article.id)\"; give a longer quote that occurs once")
            }
            return nil
        }

        mutating func actor(_ cell: (text: String, column: Int), kindCell: (text: String, column: Int)?, codeCell: (text: String, column: Int)?,
                            row: Int) -> String? {
            let text = cell.text
            if corpus.kind(of: text) == .actor { return text }
            if let id = stateByCode[text] ?? newStateByCode[text] { return id }
            if let id = actorByName[text.lowercased()] ?? newActorByName[text.lowercased()] { return id }
            var code: String?
            if let codeCell {
                guard CountryCodes.alpha3.contains(codeCell.text) else {
                    problem(row, codeCell.column, "actor_iso3 \"\(codeCell.text)\" is not an ISO 3166-1 alpha-3 code (such as CHN, GBR, USA)")
                    return nil
                }
                if let id = stateByCode[codeCell.text] ?? newStateByCode[codeCell.text] { return id }
                code = codeCell.text
            }
            if text.count == 3, text == text.uppercased(), CountryCodes.alpha3.contains(text) {
                problem(row, cell.column, "no state in the corpus has the code \(text); write the state's name (and its code in actor_iso3) to add it")
                return nil
            }
            var kind = ActorKind.state
            if let kindCell {
                guard let parsed = ActorKind(rawValue: kindCell.text) else {
                    problem(row, kindCell.column, "actor_kind \"\(kindCell.text)\" is not one of: " + ActorKind.allCases.map(\.rawValue).joined(separator: ", "))
                    return nil
                }
                kind = parsed
            }
            // A state named and not given a code gets its code from its name ("Canada": CAN), and is
            // the corpus's state of that code when there is one ("Britain": gbr); one whose name tells
            // nothing is added without, and said.
            if kind == .state, code == nil {
                if let named = CountryCodes.code(named: text) {
                    if let id = stateByCode[named] ?? newStateByCode[named] {
                        newActorByName[text.lowercased()] = id
                        return id
                    }
                    code = named
                } else {
                    warnings.append("\(file):\(row):\(cell.column): warning: no country is named \"\(text)\", so the new state has no ISO 3166-1 code; give it in actor_iso3, or actor_kind if it is not a state")
                }
            }
            // A state's id is its code in lower case, as the corpus's are (can, gbr), when it is free.
            let slug = kind == .state ? code?.lowercased() ?? CorpusDirectory.slug(text) : CorpusDirectory.slug(text)
            let id = CorpusDirectory.unique(slug.isEmpty ? "actor" : slug, taken: &taken)
            newActors.append((id, text, kind, kind == .state ? code : nil))
            newActorByName[text.lowercased()] = id
            if kind == .state, let code { newStateByCode[code] = id }
            return id
        }

        mutating func result() throws(ImportError) -> Result {
            var result = Result()
            for id in statementOrder {
                guard let statement = statements[id] else { continue }
                if statement.inCorpus {
                    if !statement.signatories.isEmpty { result.signatures.append((id, statement.signatories)) }
                    continue
                }
                var missing: [String] = []
                if statement.title == nil { missing.append("statement_title") }
                if statement.date == nil { missing.append("statement_date") }
                if statement.kind == nil { missing.append("statement_kind") }
                if statement.stance == nil { missing.append("stance") }
                if !missing.isEmpty {
                    problem(statement.firstRow, 1, "new statement \"\(id)\" needs " + missing.joined(separator: ", ") + " (in any of its rows)")
                }
                guard let title = statement.title, let date = statement.date, let kind = statement.kind, let stance = statement.stance else { continue }
                result.statements.append(JSONValue.object([
                    ("id", .string(id)), ("title", .string(title)), ("kind", .string(kind.rawValue)), ("date", .string(date.description)),
                    ("stance", .string(stance.rawValue)), ("leads", .strings([])), ("addressees", .strings([])), ("counts", .list([])),
                    ("signatories", .list(statement.signatories.map { .object([("actor", .string($0.actor)), ("excerpts", .strings($0.excerpts))]) })),
                    ("excerpts", .strings([])),
                ]))
            }
            if !problems.isEmpty { throw .invalidInput(problems.lines) }
            result.actors = newActors.map {
                .object([("id", .string($0.id)), ("name", .string($0.name)), ("kind", .string($0.kind.rawValue)), ("aliases", .strings([])),
                         ("country", $0.country.map(JSONValue.string))])
            }
            result.excerpts = newExcerpts.map { .object([("id", .string($0.id)), ("article", .string($0.article)), ("quote", .string($0.quote))]) }
            let signatures = statements.values.filter { !$0.inCorpus }.reduce(0) { $0 + $1.signatories.count }
            var parts: [String] = []
            if !result.statements.isEmpty || result.signatures.isEmpty {
                parts.append("\(result.statements.count) statement\(result.statements.count == 1 ? "" : "s") with \(signatures) signator\(signatures == 1 ? "y" : "ies")")
            }
            if !result.signatures.isEmpty {
                let added = result.signatures.reduce(0) { $0 + $1.signatories.count }
                parts.append("\(added) signator\(added == 1 ? "y" : "ies") added to \(result.signatures.count) statement\(result.signatures.count == 1 ? "" : "s") in the corpus ("
                             + result.signatures.map(\.statement).joined(separator: ", ") + ")")
            }
            parts.append("\(result.actors.count) new actor\(result.actors.count == 1 ? "" : "s")")
            parts.append("\(result.excerpts.count) new excerpt\(result.excerpts.count == 1 ? "" : "s")")
            result.summary = parts.joined(separator: ", ")
            return result
        }
    }
}
