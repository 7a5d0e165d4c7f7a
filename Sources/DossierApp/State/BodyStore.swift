import DossierModel

/// Where the explorer gets article bodies. The controller and the views never open a file: they ask
/// the store they were handed, and the edge (the `dossier` command) chooses it. `.corpus` serves the
/// bodies as the corpus keeps them, in memory or read from their file when shown; a test can hand in
/// text of its own, or a store that counts what was asked.
public struct BodyStore: Sendable {
    private let read: @Sendable (Article) throws(ArticleBody.Unreadable) -> String

    public init(read: @escaping @Sendable (Article) throws(ArticleBody.Unreadable) -> String) {
        self.read = read
    }

    public func text(of article: Article) throws(ArticleBody.Unreadable) -> String {
        try read(article)
    }

    /// The bodies as the corpus holds them (kept in memory, or read from `articles.json` when shown).
    public static let corpus = BodyStore { (article) throws(ArticleBody.Unreadable) in try article.body.text() }
}

/// Whether the work a key started should give way: the edge hands in "a newer key is waiting (or a
/// signal came)", and a long search stops there, so typing never waits for the search of a keystroke
/// already overtaken. Tests and the CLI use `.never`.
public struct Interruption: Sendable {
    private let requested: @Sendable () -> Bool

    public init(requested: @escaping @Sendable () -> Bool) {
        self.requested = requested
    }

    public var isRequested: Bool { requested() }

    public static let never = Interruption { false }
}
