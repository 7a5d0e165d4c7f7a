import DossierApp
import DossierModel
import Foundation
import Synchronization

/// Loads a directory corpus in two stages so the first frame does not wait for what it does not show:
/// the articles file is parsed on the caller's thread and previewed, while a background thread decodes
/// the other four files; that thread then loads and checks the whole corpus (reusing both) and builds
/// the explorer's indexes (back-links, list orders and the rest of the search index included), while
/// a second one, started once the first frame is drawn, folds the previewed articles for search (the
/// largest part of the index).
/// The key loop polls `result` and hands the full state to the controller as an `Event.loaded`.
// @unchecked: the key loop only reads `result` (behind a `Mutex`); the rest is set in `init`.
public final class StagedLoad: @unchecked Sendable {
    /// The articles-only state to show first.
    public let preview: State

    /// What the loading thread is handed, each when it is ready: the previewed articles once parsed
    /// (nil if they did not parse: the thread then stops), and the folding work once `start` begins it.
    /// Dropped as soon as they are used, so they are not alive while the search index is built.
    // @unchecked: `articles` and `folding` are handed over by the semaphores (written before a
    // signal, read after the wait), an order the compiler cannot see; `outcome` is behind its `Mutex`.
    private final class Inputs: @unchecked Sendable {
        /// Written by the loading thread, read by the key loop.
        let outcome = Mutex<Result<State, CorpusError>?>(nil)
        let articlesReady = DispatchSemaphore(value: 0)
        let foldingStarted = DispatchSemaphore(value: 0)
        var articles: PreviewedArticles?
        var folding: BackgroundWork<SearchIndex.FoldedArticles, Never>?
    }

    /// Nil when the articles file does not parse: the caller loads synchronously and reports the error.
    /// Takes the files over: the caller should not keep them, or their bytes stay in memory.
    /// `afterLoad` runs on the background thread once the full state is handed over (the explorer
    /// writes the persistent index there, so the user does not wait for it).
    public init?(files: consuming [String: SourceFile], width: Int, height: Int,
                 afterLoad: (@Sendable (LoadedCorpus, SearchIndex) -> Void)? = nil) {
        guard let articlesFile = files[RecordKind.article.collectionName] else { return nil }
        let inputs = Inputs()
        // The other four files are decoded on the other core while this one parses the articles.
        let thread = Thread { [files = copy files] in
            guard let result = Self.load(files, inputs) else { return }
            // What does not need the articles folded is done while they are.
            let prepared = result.map { loaded in
                loaded.corpus.prepareLinksAndOrders()
                return (loaded, SearchIndex.FoldedRest(loaded.corpus))
            }
            inputs.foldingStarted.wait()
            let folded = inputs.folding!.result.get()
            inputs.folding = nil
            let loaded = prepared.map { loaded, rest in
                var state = State(corpus: loaded.corpus, width: width, height: height,
                                  search: SearchIndex(corpus: loaded.corpus, articles: folded, rest: rest))
                state.problems = loaded.problems
                return state
            }
            inputs.outcome.withLock { $0 = loaded }
            if let afterLoad, case .success(let corpus) = result, case .success(let state) = loaded { afterLoad(corpus, state.search) }
        }
        thread.stackSize = 8 << 20  // deep JSON is refused at 256 levels; this leaves room to spare
        thread.start()
        guard let articles = PreviewedArticles(articlesFile) else {
            inputs.articlesReady.signal()
            return nil
        }
        let previewed = articles.articles
        var preview = State(corpus: Corpus(articles: previewed, actors: [], statements: [], events: [], excerpts: []),
                            width: width, height: height, searchable: false)
        preview.isLoading = true
        self.preview = Explorer.normalized(preview)
        self.inputs = inputs
        self.previewed = previewed
        inputs.articles = articles
        inputs.articlesReady.signal()
    }

    /// The whole corpus: the other four files decoded at once, then, with the articles the caller
    /// parsed, merged and checked. Nil when the articles did not parse. What decoding kept is let go
    /// on return, before the explorer's indexes are built.
    private static func load(_ files: [String: SourceFile], _ inputs: Inputs) -> Result<LoadedCorpus, CorpusError>? {
        let others = CorpusLoader.OtherFiles(files)
        inputs.articlesReady.wait()
        guard let articles = inputs.articles else { return nil }
        inputs.articles = nil
        // The explorer opens a corpus with its problems; only files that do not parse keep it shut.
        return Result { () throws(CorpusError) in
            try CorpusLoader.load(directoryFiles: files, previewed: articles, others: others, mode: .tolerant)
        }
    }

    private let inputs: Inputs
    private let previewed: [Article]
    private var started = false

    /// Starts folding the articles for search; call it once the first frame is on screen, so the first
    /// frame does not share the cores with it.
    public func start() {
        guard !started else { return }
        started = true
        inputs.folding = BackgroundWork { [previewed] in SearchIndex.FoldedArticles(previewed) }
        inputs.foldingStarted.signal()
    }

    /// The full state once loaded (with the corpus's problems), or why it cannot be opened (a file that
    /// does not parse or cannot be read); nil while loading.
    public var result: Result<State, CorpusError>? {
        inputs.outcome.withLock { $0 }
    }
}
