import Foundation
import DossierModel
@testable import DossierCorpus
@testable import DossierIndex
@testable import DossierStore

/// Paths of the committed fixtures and the bundled corpus, found from this file so tests run from any
/// working directory.
enum Paths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/Fixtures")
    static let data = repository.appendingPathComponent("data")

    static func fixture(_ relative: String) -> String {
        fixtures.appendingPathComponent(relative).path
    }
}

/// Loads a corpus and returns its diagnostics, or an empty list for a valid corpus without warnings.
func diagnostics(of path: String) -> [Diagnostic] {
    do {
        return try CorpusLoader.load(path: path).warnings
    } catch .invalid(let diagnostics) {
        return diagnostics
    } catch {
        return [Diagnostic(.error, file: path, message: "unreadable: \(error)")]
    }
}

func load(_ path: String) throws -> Corpus {
    try CorpusLoader.load(path: path).corpus
}

func parse(_ text: String) throws(JSONParser.SyntaxError) -> JSONNode {
    try JSONParser.parse(Array(text.utf8))
}
