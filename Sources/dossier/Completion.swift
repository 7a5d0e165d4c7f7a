import DossierModel
import Foundation

/// What the shells' completion scripts ask the program for while the user types (swift-argument-parser
/// calls these from `dossier ---completion …`): the ids of the corpus named on the command line.
enum CorpusCompletion {
    /// The ids that start with what is typed, from the corpus given with `--data` on the line (else the
    /// bundled corpus), read through its index when that is fresh. A corpus that cannot be read offers
    /// nothing: a completion must never print an error into the user's command line.
    @Sendable static func ids(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        let path = corpusPath(in: words)
        let corpus: Corpus?
        if let path {
            corpus = try? CorpusOptions.cache.load(path: path, mode: .tolerant, search: false).loaded.corpus
        } else {
            corpus = try? BundledCorpus.load().corpus
        }
        guard let corpus else { return [] }
        return corpus.allIDs.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// The value of `--data PATH` or `--data=PATH` among the shell's words, unquoted, with a leading
    /// `~/` expanded as the shell would have.
    static func corpusPath(in words: [String]) -> String? {
        var value: String?
        for (position, word) in words.enumerated() {
            if word == "--data", position + 1 < words.count { value = words[position + 1] }
            if word.hasPrefix("--data=") { value = String(word.dropFirst("--data=".count)) }
        }
        guard var path = value.map(unquoted), !path.isEmpty else { return nil }
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] { path = home + path.dropFirst(1) }
        return path
    }

    /// A shell word as typed ("my corpus", 'my corpus', my\ corpus) as the path it stands for.
    static func unquoted(_ word: String) -> String {
        if word.count >= 2, let first = word.first, first == word.last, first == "\"" || first == "'" {
            return String(word.dropFirst().dropLast())
        }
        var result = ""
        var escaped = false
        for character in word {
            if character == "\\" && !escaped { escaped = true; continue }
            result.append(character)
            escaped = false
        }
        return result
    }
}
