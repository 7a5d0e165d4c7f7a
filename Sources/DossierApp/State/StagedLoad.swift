import DossierModel
import Foundation

/// Loads a directory corpus in two stages so the first frame does not wait for what it does not show:
/// the articles file is parsed on the caller's thread and previewed; a background thread loads and
/// checks the whole corpus (reusing that parse) and builds the explorer's indexes, while a second one
/// folds the previewed articles for search (the largest part of the index) on the other core. The key
/// loop polls `result` and hands the full state to the controller as an `Event.loaded`.
public final class StagedLoad: @unchecked Sendable {
    // The lock guards `outcome`, the only state shared with the background thread.
    private let lock = NSLock()
    private var outcome: Result<State, CorpusError>?

    /// The articles-only state to show first.
    public let preview: State

    /// The raw files and the previewed articles, handed to the background thread and dropped as soon as
    /// the corpus is decoded, so they are not alive while the search index is built.
    private final class Inputs: @unchecked Sendable {
        var files: [String: SourceFile]?
        var articles: PreviewedArticles?

        init(files: [String: SourceFile], articles: PreviewedArticles) {
            self.files = files
            self.articles = articles
        }

        func load() -> Result<LoadedCorpus, CorpusError> {
            guard let files, let articles else { return .failure(.invalid([])) }
            self.files = nil
            self.articles = nil
            // The explorer opens a corpus with its problems; only files that do not parse keep it shut.
            return Result { () throws(CorpusError) in try CorpusLoader.load(directoryFiles: files, previewed: articles, mode: .tolerant) }
        }
    }

    /// Nil when the articles file does not parse: the caller loads synchronously and reports the error.
    /// Takes the files over: the caller should not keep them, or their bytes stay in memory.
    /// `afterLoad` runs on the background thread once the full state is handed over (the explorer
    /// writes the persistent index there, so the user does not wait for it).
    public init?(files: consuming [String: SourceFile], width: Int, height: Int, bodies: BodyStore = .corpus,
                 afterLoad: (@Sendable (LoadedCorpus, SearchIndex) -> Void)? = nil) {
        self.afterLoad = afterLoad
        guard let articlesFile = files[RecordKind.article.collectionName],
              let articles = PreviewedArticles(articlesFile) else { return nil }
        let previewed = articles.articles
        var preview = State(corpus: Corpus(articles: previewed, actors: [], statements: [], events: [], excerpts: []),
                            width: width, height: height, bodies: bodies, searchable: false)
        preview.isLoading = true
        self.preview = Explorer.normalized(preview)
        inputs = Inputs(files: files, articles: articles)
        self.previewed = previewed
    }

    private let inputs: Inputs
    private let previewed: [Article]
    private let afterLoad: (@Sendable (LoadedCorpus, SearchIndex) -> Void)?
    private var started = false

    /// Starts the background work; call it once the first frame is on screen, so the first frame does
    /// not share the cores with it.
    public func start() {
        guard !started else { return }
        started = true
        let folding = BackgroundWork { [previewed] in SearchIndex.FoldedArticles(previewed) }
        let (width, height, bodies) = (preview.width, preview.height, preview.bodies)
        let thread = Thread { [lock, inputs, afterLoad] in
            let result = inputs.load()
            // Here, while the other core may still be folding, not on the key loop's thread when the
            // first whole frame asks for them (at 50,000 articles they take more than half a second).
            if case .success(let loaded) = result { loaded.corpus.prepareLinksAndOrders() }
            let loaded = result.map { loaded in
                var state = State(corpus: loaded.corpus, width: width, height: height, bodies: bodies, foldedArticles: folding.result.get())
                state.problems = loaded.problems
                return state
            }
            lock.lock()
            self.outcome = loaded
            lock.unlock()
            if let afterLoad, case .success(let corpus) = result, case .success(let state) = loaded { afterLoad(corpus, state.search) }
        }
        thread.stackSize = 8 << 20  // deep JSON is refused at 256 levels; this leaves room to spare
        thread.start()
    }

    /// The full state once loaded (with the corpus's problems), or why it cannot be opened (a file that
    /// does not parse or cannot be read); nil while loading.
    public var result: Result<State, CorpusError>? {
        lock.lock()
        defer { lock.unlock() }
        return outcome
    }
}
