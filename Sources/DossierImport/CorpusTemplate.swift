#if canImport(Glibc)
import Glibc
#endif
import DossierModel

/// `dossier init DIR`: an empty corpus that validates, and a README that says what goes in it.
public enum CorpusTemplate {
    public static let readme = """
        # A Dossier corpus

        Five JSON files, each an array of records (see Dossier's docs/data-format.md for every field):

        - `articles.json`: the sources, each with `id`, `title`, `publisher`, `published` (YYYY-MM-DD,
          YYYY-MM or YYYY), optional `url` and `authors`, and the `body` text (paragraphs separated by a
          blank line).
        - `excerpts.json`: exact quotes from the articles: `id`, `article` (its id), `quote` (word for word,
          found once in the body), optional `prefix`/`suffix` to tell two occurrences apart, and `about`
          (the ids the quote supports).
        - `actors.json`: states, UN bodies, NGOs, people…: `id`, `name`, `kind`, `aliases`, and for a state
          its ISO 3166-1 alpha-3 `country` code.
        - `statements.json`: joint statements, letters, reports: `id`, `title`, `kind`, `date`, `stance`,
          optional `forum` (an actor's id or a plain name), `leads`, `addressees`, `counts` (each source's
          figure with its excerpt), `signatories` (each actor with the excerpts naming it), `excerpts`.
        - `events.json`: dated events: `id`, `date`, `title`, `actors`, `statements`, `excerpts`.

        Every fact cites an excerpt, so every fact can be checked against its source. Fields of your own
        are kept if their names begin with `x-`.

        Add to it:

            dossier import articles page.html notes.md --into .
            dossier import signatories signed.csv --into .

        Check it and explore it:

            dossier validate .
            dossier --data .

        """

    /// `files`: each collection's contents ("actors": bytes…), for a corpus that starts as a copy (the
    /// bundled one); an empty array for each collection not given.
    public static func create(at path: String, files: [String: [UInt8]] = [:]) throws(ImportError) {
        var status = stat()
        if stat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else { throw .exists("\(path) exists and is not a directory") }
            guard let folder = opendir(path) else { throw .unreadable("cannot read \(path): \(String(cString: strerror(errno)))") }
            defer { closedir(folder) }
            while let entry = readdir(folder) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { throw .exists("\(path) holds files already; init writes a corpus into an empty or new directory") }
            }
        } else {
            do { try AtomicFile.makeFolders(path, mode: 0o755) } catch { throw .writing(error.description) }
        }
        let base = path.hasSuffix("/") ? path : path + "/"
        for kind in RecordKind.allCases {
            try write(files[kind.collectionName] ?? Array("[]\n".utf8), to: base + kind.collectionName + ".json")
        }
        try write(Array(readme.utf8), to: base + "README.md")
    }

    static func write(_ bytes: [UInt8], to path: String) throws(ImportError) {
        do {
            try AtomicFile.write(bytes, to: path, replacing: false)
        } catch {
            throw error.exists ? .exists("\(path) exists") : .writing(error.description)
        }
    }
}
