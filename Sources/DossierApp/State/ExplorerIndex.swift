import DossierModel
import Foundation

/// Text folded for matching: lower case, accents removed, curly quotes and no-break spaces made plain,
/// so "turk" finds "Türk" and "raphael" finds "Raphäel" whichever way the accent is encoded.
public enum Fold {
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: continue
            default: break
            }
            switch scalar.value {
            case 0x2018, 0x2019, 0x02BC: result.append("'")
            case 0x201C, 0x201D: result.append("\"")
            case 0x00A0: result.append(" ")
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}

/// What the lists need, computed once per corpus: display orders and folded text to filter on.
public struct ExplorerIndex: Sendable {
    let articlesByDate: [String]
    let statementsByDate: [String]
    let actorsByName: [String]
    let actorsByKind: [String]
    /// Folded text a filter matches against: titles and publishers, names and aliases.
    let filterText: [String: String]

    public init(corpus: Corpus) {
        articlesByDate = corpus.articles.enumerated()
            .sorted { ($0.element.published, $0.offset) < ($1.element.published, $1.offset) }.map(\.element.id)
        statementsByDate = corpus.statements.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element.id)
        let foldedNames = Dictionary(uniqueKeysWithValues: corpus.actors.map { ($0.id, Fold.fold($0.name)) })
        actorsByName = corpus.actors.sorted { (foldedNames[$0.id]!, $0.id) < (foldedNames[$1.id]!, $1.id) }.map(\.id)
        actorsByKind = corpus.actors.sorted { ($0.kind, foldedNames[$0.id]!, $0.id) < ($1.kind, foldedNames[$1.id]!, $1.id) }.map(\.id)
        var text: [String: String] = [:]
        for article in corpus.articles { text[article.id] = Fold.fold([article.title, article.publisher].joined(separator: " ")) }
        for actor in corpus.actors {
            text[actor.id] = Fold.fold(([actor.name] + actor.aliases + [actor.kind.rawValue, actor.country ?? ""]).joined(separator: " "))
        }
        for statement in corpus.statements {
            text[statement.id] = Fold.fold([statement.title, statement.kind.rawValue, statement.stance.rawValue].joined(separator: " "))
        }
        filterText = text
    }

    public func ids(of view: ViewID, sortedBy sort: ActorSort, filter: String) -> [String] {
        let all: [String]
        switch view {
        case .articles: all = articlesByDate
        case .statements: all = statementsByDate
        case .actors: all = sort == .name ? actorsByName : actorsByKind
        }
        let needle = Fold.fold(filter).trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return all }
        return all.filter { filterText[$0]?.contains(needle) == true }
    }
}
