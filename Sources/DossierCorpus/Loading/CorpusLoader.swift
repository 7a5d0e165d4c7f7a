import Synchronization
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a caller gets back: the corpus and the problems found, in the order they were found. A strict
/// load has warnings only (errors are thrown); a tolerant one may have errors too.
public struct LoadedCorpus: Sendable {
    public var corpus: Corpus
    public var problems: [Diagnostic]

    public var warnings: [Diagnostic] { problems.filter { $0.severity == .warning } }
    public var errors: [Diagnostic] { problems.filter { $0.severity == .error } }

    package init(corpus: Corpus, problems: [Diagnostic]) {
        self.corpus = corpus
        self.problems = problems
    }
}

/// How a load treats a corpus with problems. Strict (validate, list, show, export) refuses one with any
/// error; tolerant (the explorer) opens any corpus whose files parse, with its problems listed: records
/// that could not be decoded are left out, references to no record stay as the text they hold, and
/// quotes not found leave their excerpts unanchored. Unreadable or unparseable files refuse either way.
public enum LoadMode: Sendable {
    case strict, tolerant
}

extension CorpusLoader {
    /// How many problems of one kind a load keeps, located; the rest are counted on the last one kept
    /// (`Diagnostic.alsoOmitted`). A thousand is more than anyone reads one by one (`validate` prints
    /// twenty of a kind); `dossier validate --all` keeps every one.
    public static var problemsKeptOfOneKind: Int { keptOfOneKind.load(ordering: .relaxed) }

    public static func keepProblems(ofOneKind count: Int) {
        keptOfOneKind.store(count, ordering: .relaxed)
    }

    private static let keptOfOneKind = Atomic<Int>(1000)
}

public enum CorpusError: Error, Sendable {
    /// The path does not exist or cannot be read (exit 66).
    case unreadable(path: String, reason: String)
    /// The corpus was read but is not valid; every problem found, errors and warnings, in order (exit 65).
    case invalid([Diagnostic])
}

/// The articles of a directory corpus, decoded ahead of the rest for a staged load's first frame and
/// handed to the full load, so the articles file is read and decoded once.
// @unchecked: the diagnostics collector is a class the compiler cannot see is only written here,
// before the value is handed to the one thread that reads it.
public final class PreviewedArticles: @unchecked Sendable {
    // Written only here, read by the one full load that takes it over (on another thread, after).
    let collector = DiagnosticCollector()
    let decoded: DecodedCorpus

    public var articles: [Article] { decoded.articles }

    /// Nil when the file does not parse as an array: load synchronously then, which reports why.
    public init?(_ file: SourceFile) {
        var decoded = DecodedCorpus()
        CorpusLoader.decode(file, as: .article, into: &decoded, collector: collector)
        guard !decoded.unparsedKinds.contains(.article) else { return nil }
        self.decoded = decoded
    }
}

/// Reads a corpus from a directory of five JSON files or from one JSON file with five keys, decodes it
/// and checks it. It never writes anything.
public enum CorpusLoader {
    /// The files of a directory corpus, opened but not yet read: each is read when it is parsed, one at
    /// a time, and let go after (a staged load parses articles.json first). They are opened under the
    /// directory's shared lock, as an edit left them: wholly before or wholly after it (an unfinished
    /// edit's files are read from their backups; see `CorpusTransaction`). An open file is read as it
    /// was opened, whatever is renamed over it later.
    public static func readDirectory(_ path: String) throws(CorpusError) -> [String: SourceFile] {
        try CorpusTransaction.withLock(path, exclusive: false) { () throws(CorpusError) -> [String: SourceFile] in
            try openFiles(path, unfinished: CorpusTransaction.unfinished(in: path))
        }
    }

    private static func openFiles(_ path: String, unfinished: [String]) throws(CorpusError) -> [String: SourceFile] {
        var files: [String: SourceFile] = [:]
        var missing: [String] = []
        for kind in RecordKind.allCases {
            let name = kind.collectionName + ".json"
            let filePath = path.hasSuffix("/") ? path + name : path + "/" + name
            if access(filePath, F_OK) != 0 {
                // Only a file that is not there is missing: a directory that may not be searched, or a
                // link that loops, is unreadable and says why.
                guard errno == ENOENT else { throw .unreadable(path: filePath, reason: SourceFile.Storage.describe(errno: errno)) }
                missing.append(filePath)
                continue
            }
            files[kind.collectionName] = try SourceFile.open(CorpusTransaction.readablePath(of: name, in: path, unfinished: unfinished), named: filePath)
        }
        if !missing.isEmpty {
            throw .invalid(missing.map {
                Diagnostic(.error, file: $0, message: "missing: a corpus directory holds articles.json, actors.json, statements.json, events.json and excerpts.json")
            })
        }
        return files
    }

    /// True when the path is a directory (a corpus that can be loaded in stages).
    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    public static func load(path: String, mode: LoadMode = .strict) throws(CorpusError) -> LoadedCorpus {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw .unreadable(path: path, reason: SourceFile.Storage.describe(errno: errno))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            return try load(directoryFiles: try readDirectory(path), mode: mode)
        }
        return try load(singleFile: SourceFile.open(path), mode: mode)
    }

    /// A directory corpus given as its five files, keyed by collection name ("articles"...). The bundled
    /// corpus is loaded this way from the bytes embedded in the binary. `previewed` articles, decoded
    /// by a staged load, are taken as they are, and so are the `others` it decoded meanwhile.
    /// `linkingAhead`, for a caller that builds the back-links next (to write the persistent index),
    /// works most of them out while the quotes are found; a staged load always does.
    public static func load(directoryFiles files: [String: SourceFile], previewed: PreviewedArticles? = nil, others: OtherFiles? = nil,
                            mode: LoadMode = .strict, linkingAhead: Bool = false) throws(CorpusError) -> LoadedCorpus {
        if previewed == nil, let loaded = try loadInParallel(files, mode: mode, linkingAhead: linkingAhead) { return loaded }
        if let previewed, var merged = others?.merged(after: previewed.decoded, previewed.collector) {
            return try finish(&merged, collector: previewed.collector, mode: mode, linkingAhead: true)
        }
        let collector = previewed?.collector ?? DiagnosticCollector()
        var decoded = previewed?.decoded ?? DecodedCorpus()
        for kind in RecordKind.allCases {
            guard let file = files[kind.collectionName] else {
                collector.error(file: kind.collectionName + ".json", "missing from the corpus")
                continue
            }
            if kind == .article && previewed != nil { continue }
            // The articles' bytes stay held until the quotes are resolved against their bodies, so a
            // one-shot load (validate, list, search) reads each body once.
            decode(file, as: kind, into: &decoded, collector: collector, keepingBytes: kind == .article)
        }
        defer { files[RecordKind.article.collectionName]?.releaseBytes() }
        return try finish(&decoded, collector: collector, mode: mode)
    }

    /// Decodes articles.json on a second thread while this one decodes the other four files (the
    /// articles are half of the parsing), then puts the two together as one decoding after the other
    /// would have. Nil when that cannot be done (see `OtherFiles.merged`): the caller decodes in order.
    private static func loadInParallel(_ files: [String: SourceFile], mode: LoadMode, linkingAhead: Bool) throws(CorpusError) -> LoadedCorpus? {
        guard let articlesFile = files[RecordKind.article.collectionName], RecordKind.allCases.allSatisfy({ files[$0.collectionName] != nil }) else { return nil }
        // On a thread with room for JSON nested 256 deep; its bytes kept for resolving quotes.
        let articles = BackgroundWork(stackSize: 8 << 20) { () -> (DecodedCorpus, DiagnosticCollector) in
            var decoded = DecodedCorpus()
            let collector = DiagnosticCollector()
            CorpusLoader.decode(articlesFile, as: .article, into: &decoded, collector: collector, keepingBytes: true)
            return (decoded, collector)
        }
        let others = OtherFiles(files)
        let (articlesDecoded, articlesCollector) = articles.result.get()
        defer { articlesFile.releaseBytes() }
        guard var merged = others?.merged(after: articlesDecoded, articlesCollector) else { return nil }
        return try finish(&merged, collector: articlesCollector, mode: mode, linkingAhead: linkingAhead)
    }

    /// The four files other than articles.json, decoded (on the caller's thread) apart from the
    /// articles: a one-shot load decodes the articles on another thread meanwhile, and a staged load
    /// its preview.
    // @unchecked: made on one thread and taken over, once, by the thread that merges it (`merged`
    // swaps its contents out); no two threads touch it at once, which the compiler cannot see.
    public final class OtherFiles: @unchecked Sendable {
        // Taken (and let go here) by `merged`, so it is not held beside the merged corpus while that
        // is checked: with its references and record sites it is a tenth of the corpus.
        private var decoded: DecodedCorpus
        private let collector: DiagnosticCollector

        /// Nil when a file is missing: the loader decodes in order then, which reports it.
        public init?(_ files: [String: SourceFile]) {
            guard RecordKind.allCases.allSatisfy({ files[$0.collectionName] != nil }) else { return nil }
            let collector = DiagnosticCollector()
            var decoded = DecodedCorpus()
            for kind in RecordKind.allCases where kind != .article {
                CorpusLoader.decode(files[kind.collectionName]!, as: kind, into: &decoded, collector: collector)
            }
            self.decoded = decoded
            self.collector = collector
        }

        /// The articles' decoding followed by these files', as one decoding after the other would have
        /// left them: the articles' records, references and problems first (`articlesCollector` takes
        /// the rest). Nil when a record of another file has an article's id: decoded one file after the
        /// other, that is reported at the later record, which a decoding that did not see the
        /// articles cannot do; the caller decodes again in order.
        func merged(after articles: DecodedCorpus, _ articlesCollector: DiagnosticCollector) -> DecodedCorpus? {
            var decoded = DecodedCorpus()
            swap(&decoded, &self.decoded)
            // The articles' sites and references go into these files' (the larger), not the other way.
            var sites: [String: RecordSite] = [:]
            swap(&sites, &decoded.recordSites)
            sites.reserveCapacity(sites.count + articles.recordSites.count)
            for (id, site) in articles.recordSites {
                guard sites.updateValue(site, forKey: id) == nil else { return nil }
            }
            var references: [ReferenceSite] = []
            swap(&references, &decoded.references)
            references.insert(contentsOf: articles.references, at: 0)
            // Everything but the articles is these files' (every offset table with it: copying the
            // fields one by one once forgot the declined actors' offsets).
            var merged = decoded
            merged.articles = articles.articles
            merged.recordSites = sites
            merged.references = references
            merged.unparsedKinds.formUnion(articles.unparsedKinds)
            merged.changedWhileLoading = articles.changedWhileLoading ?? decoded.changedWhileLoading
            articlesCollector.absorb(collector)
            return merged
        }
    }

    /// Decodes a file's records one at a time as they are parsed, so the file never becomes one large
    /// tree, then lets go of its bytes (reread only if a message needs a line and column).
    static func decode(_ file: SourceFile, as kind: RecordKind, into decoded: inout DecodedCorpus, collector: DiagnosticCollector,
                       keepingBytes: Bool = false) {
        defer { if !keepingBytes { file.releaseBytes() } }
        let bytes: [UInt8]
        do {
            bytes = try file.readBytes()
        } catch {
            if case .unreadable(_, let reason) = error { collector.error(file: file.name, "cannot be read: \(reason)") }
            decoded.unparsedKinds.insert(kind)
            return
        }
        do {
            // Article bodies of a file on disk stay there: the articles keep where each one is, to read it
            // when needed. A file held in memory anyway (the bundled corpus) keeps them as text.
            let isArray = try JSONParser.parseElements(bytes, deferring: kind == .article && file.isOnDisk ? "body" : nil) {
                decoded.decode($0, as: kind, from: file, collector: collector)
            }
            if isArray { return }
            // Not an array: parse the whole file to say what it is instead.
            if let root = parse(file, collector: collector) {
                collector.error(in: file, at: root.offset, "expected an array of \(kind.collectionName), found \(root.value.typeName)")
            }
        } catch {
            collector.error(in: file, at: error.offset, error.message)
        }
        // References into records that could not be read are not reported as dangling.
        decoded.unparsedKinds.insert(kind)
    }

    /// A single-file corpus: one JSON object with the keys articles, actors, statements, events, excerpts.
    public static func load(singleFile file: SourceFile, mode: LoadMode = .strict) throws(CorpusError) -> LoadedCorpus {
        // Read first, so that an I/O error is reported as one (exit 66), not as an empty file; the
        // bytes stay held for the parse below.
        _ = try file.readBytes()
        let collector = DiagnosticCollector()
        var decoded = DecodedCorpus()
        guard let root = parse(file, collector: collector) else { throw .invalid(collector.diagnostics) }
        guard case .object(let members) = root.value else {
            collector.error(in: file, at: root.offset, "expected an object with the keys articles, actors, statements, events and excerpts, found \(root.value.typeName)")
            throw .invalid(collector.diagnostics)
        }
        let names = RecordKind.allCases.map(\.collectionName)
        for member in members where !names.contains(member.key) {
            collector.error(in: file, at: member.keyOffset, "unknown key \(brief(member.key)); a corpus file holds: " + names.joined(separator: ", "))
        }
        for kind in RecordKind.allCases {
            guard let member = members.first(where: { $0.key == kind.collectionName }) else {
                collector.error(in: file, at: root.offset, "missing key \"\(kind.collectionName)\"")
                decoded.unparsedKinds.insert(kind)
                continue
            }
            guard case .array(let records) = member.node.value else {
                collector.error(in: file, at: member.node.offset, "\"\(kind.collectionName)\" must be an array, found \(member.node.value.typeName)")
                decoded.unparsedKinds.insert(kind)
                continue
            }
            for node in records { decoded.decode(node, as: kind, from: file, collector: collector) }
        }
        return try finish(&decoded, collector: collector, mode: mode)
    }

    private static func parse(_ file: SourceFile, collector: DiagnosticCollector) -> JSONNode? {
        do {
            return try JSONParser.parse(file.bytes)
        } catch {
            collector.error(in: file, at: error.offset, error.message)
            return nil
        }
    }

    /// Checks the decoded records and builds the corpus. What decoding kept to locate problems (every
    /// reference and record site) is let go first, so it is never in memory beside the corpus's
    /// indexes: with 50,000 articles each is about 100 MB.
    /// `linkingAhead` (for a caller that builds the back-links next) works out the back-links that do
    /// not follow from the quotes on another thread while the quotes are found.
    private static func finish(_ decoded: inout DecodedCorpus, collector: DiagnosticCollector, mode: LoadMode,
                               linkingAhead: Bool = false) throws(CorpusError) -> LoadedCorpus {
        let ahead = linkingAhead
            ? BackgroundWork { [records = (decoded.articles, decoded.actors, decoded.statements, decoded.events, decoded.excerpts.map(Corpus.ExcerptLinks.init))] in
                Corpus.LinksAhead(articles: records.0, actors: records.1, statements: records.2, events: records.3, excerpts: records.4)
            } : nil
        CorpusValidator.check(&decoded, collector: collector)
        if let changed = decoded.changedWhileLoading {
            throw .unreadable(path: changed.file, reason: "the file changed while the corpus was being loaded; open it again")
        }
        // A file (or key) that did not parse leaves a kind of record missing whole: nothing to open.
        let openable = mode == .tolerant && decoded.unparsedKinds.isEmpty && !collector.hasFileErrors
        if collector.hasErrors && !openable { throw .invalid(collector.diagnostics) }
        // Only actors' and statements' sites are still needed (the warnings below locate an actor no
        // excerpt is about, a role linked to excerpts that do not name it).
        let sites = decoded.recordSites.filter { $0.value.kind == .actor || $0.value.kind == .statement }
        let roleOffsets = CorpusValidator.RoleOffsets(signatories: decoded.signatoryOffsets, declined: decoded.declinedOffsets,
                                                      leads: decoded.leadOffsets, addressees: decoded.addresseeOffsets)
        let records = (decoded.articles, decoded.actors, decoded.statements, decoded.events, decoded.excerpts)
        decoded = DecodedCorpus()
        let corpus = Corpus(articles: records.0, actors: records.1, statements: records.2, events: records.3, excerpts: records.4,
                            ahead: ahead?.result.get())
        // Warnings only, unless a tolerant load opened a corpus with errors.
        var problems = collector.diagnostics
        problems.append(contentsOf: CorpusValidator.coverageWarnings(corpus, actorSites: sites, collector: collector))
        problems.append(contentsOf: CorpusValidator.unnamedRoleWarnings(corpus, sites: sites, offsets: roleOffsets, collector: collector))
        return LoadedCorpus(corpus: corpus, problems: problems)
    }
}
