import DossierCorpus
import DossierStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The persistent index of each corpus opened, kept in `$XDG_CACHE_HOME/dossier` (else
/// `~/.cache/dossier`), one file a corpus, named after it: `index-NAME-HASH.dix`. A cold load writes
/// one; a later load of the same, unchanged files reads it instead of the JSON. It is only ever a copy:
/// removing it (`dossier cache clear`) loses nothing, and any doubt about it means loading the corpus
/// again and writing a new one.
///
/// An index is used only when all of these hold: its format and the program's version are this one's;
/// each corpus file has the device, inode, size, modification and change times it had when the index
/// was built; its checksum matches. An index is written only for a corpus with no errors, and only
/// when no file of it changed in the second before it was read: a file changed twice within one tick of
/// the file system's clock could otherwise keep the times the index knows (git's "racy" rule).
public struct CorpusCache: Sendable {
    public let folder: String
    public let programVersion: String

    /// How long before a load began its files' times must be for the index to trust them (a second,
    /// unless a test says otherwise), in nanoseconds.
    public let racyMargin: Int64

    public init(folder: String, programVersion: String, racyMargin: Int64 = 1_000_000_000) {
        self.folder = folder
        self.programVersion = programVersion
        self.racyMargin = racyMargin
    }

    /// `$XDG_CACHE_HOME/dossier`, else `~/.cache/dossier`.
    public static func folder(environment: [String: String]) -> String {
        UserFolders.folder("XDG_CACHE_HOME", default: ".cache", environment: environment)
    }

    public func indexPath(for corpus: String) -> String {
        folder + "/" + UserFolders.fileName("index", corpus: corpus, extension: "dix")
    }

    /// How a load went with the cache: what `DOSSIER_CACHE_REPORT=1` says, and what tests check.
    public enum Use: Sendable, Equatable {
        /// Read from the index.
        case warm
        /// Loaded from the JSON (why the index could not be used), and an index written.
        case rebuilt(String)
        /// Loaded from the JSON, and no index written (why not).
        case notWritten(loadedBecause: String, notWritten: String)
        /// The cache was not asked (`--no-cache`, the bundled corpus).
        case off
    }

    /// A corpus loaded through the cache.
    public struct Loaded: Sendable {
        public var loaded: LoadedCorpus
        /// The search index, when it was read from the index or built (`search: true`).
        public var search: SearchIndex?
        public var use: Use
        /// When the cache folder cannot be written: the one line to say about it.
        public var problem: String?

        public init(loaded: LoadedCorpus, search: SearchIndex?, use: Use, problem: String?) {
            self.loaded = loaded
            self.search = search
            self.use = use
            self.problem = problem
        }
    }

    /// The files of a corpus, opened, with what the index checks of each (taken when they were opened).
    public struct Opening: Sendable {
        /// The corpus as it was asked for (its problems name files under it).
        public let path: String
        /// A directory's five files, keyed by collection name; nil for a single-file corpus.
        public let directory: [String: SourceFile]?
        public let single: SourceFile?
        let stamps: [(name: String, stamp: FileStamp?)]
        /// When the files were opened, in nanoseconds since 1970: a file changed after that is not trusted.
        let openedAt: Int64

        var articles: SourceFile? { single ?? directory?[RecordKind.article.collectionName] }

        /// What a staged load keeps to write the index afterwards: no file, only their stamps.
        public var withoutFiles: Opening {
            Opening(path: path, directory: nil, single: nil, stamps: stamps, openedAt: openedAt, isDirectory: isDirectory)
        }

        let isDirectory: Bool

        init(path: String, directory: [String: SourceFile]?, single: SourceFile?, stamps: [(name: String, stamp: FileStamp?)], openedAt: Int64, isDirectory: Bool) {
            self.path = path
            self.directory = directory
            self.single = single
            self.stamps = stamps
            self.openedAt = openedAt
            self.isDirectory = isDirectory
        }

        /// Opens the corpus's files (under a directory's shared lock, as `CorpusLoader.readDirectory`).
        init(path: String) throws(CorpusError) {
            let openedAt = CorpusCache.now()
            if CorpusLoader.isDirectory(path) {
                let files = try CorpusLoader.readDirectory(path)
                let stamps = RecordKind.allCases.compactMap { kind in files[kind.collectionName].map { (kind.collectionName + ".json", $0.stamp) } }
                self.init(path: path, directory: files, single: nil, stamps: stamps, openedAt: openedAt, isDirectory: true)
            } else {
                let file = try SourceFile.open(path)
                self.init(path: path, directory: nil, single: file, stamps: [((path as NSString).lastPathComponent, file.stamp)], openedAt: openedAt, isDirectory: false)
            }
        }
    }

    /// What opening a corpus through the cache found.
    public enum Opened: Sendable {
        /// Read from a fresh index.
        case warm(Loaded)
        /// The index cannot be used (why): load from these files, then `store` an index.
        case cold(Opening, reason: String)
    }

    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Opens the corpus at `path` and reads its index if it is fresh. `search` asks for the search
    /// index too (an index written without one is not used then, and is rewritten by `store`).
    public func open(path: String, search: Bool) throws(CorpusError) -> Opened {
        let opening = try Opening(path: path)
        do {
            let (loaded, segments, documents) = try read(indexPath(for: path), opening: opening, search: search)
            guard search else { return .warm(Loaded(loaded: loaded, search: nil, use: .warm, problem: nil)) }
            guard let segments else { return .cold(opening, reason: "the index holds no search text yet") }
            guard let index = SearchIndex(corpus: loaded.corpus, segments: segments, documents: documents) else {
                return .cold(opening, reason: "the index's search text does not fit its records")
            }
            return .warm(Loaded(loaded: loaded, search: index, use: .warm, problem: nil))
        } catch {
            return .cold(opening, reason: error.reason)
        }
    }

    /// Writes the index for a corpus loaded from the JSON after `open` said cold; says how it went.
    /// Returns the line to say when the cache folder cannot be written.
    public func store(_ loaded: LoadedCorpus, search: SearchIndex?, for opening: Opening, reason: String) -> (use: Use, problem: String?) {
        if let refusal = refusal(loaded, opening: opening) { return (.notWritten(loadedBecause: reason, notWritten: refusal), nil) }
        if let problem = write(loaded, search: search, opening: opening) { return (.notWritten(loadedBecause: reason, notWritten: problem), problem) }
        return (.rebuilt(reason), nil)
    }

    /// Loads the corpus at `path`, from its index when one matches its files, else from its JSON
    /// (writing an index for next time). `search` asks for the search index too.
    public func load(path: String, mode: LoadMode, search: Bool) throws(CorpusError) -> Loaded {
        let (opening, reason): (Opening, String)
        switch try open(path: path, search: search) {
        case .warm(let loaded): return loaded
        case .cold(let files, let why): (opening, reason) = (files, why)
        }
        let loaded: LoadedCorpus
        if let directory = opening.directory {
            // The index written below holds the back-links: most are worked out during the checks.
            loaded = try CorpusLoader.load(directoryFiles: directory, mode: mode, linkingAhead: true)
        } else {
            loaded = try CorpusLoader.load(singleFile: opening.single!, mode: mode)
        }
        let built = search ? SearchIndex(corpus: loaded.corpus) : nil
        let (use, problem) = store(loaded, search: built, for: opening, reason: reason)
        return Loaded(loaded: loaded, search: built, use: use, problem: problem)
    }

    /// The corpus from its index, or why the index cannot be used.
    func read(_ indexPath: String, opening: Opening, search wanted: Bool) throws(IndexUnusable) -> (LoadedCorpus, [FoldedBuffer]?, documents: SearchIndex.Documents.Codes) {
        // Non-blocking: a FIFO at the index path opens at once (and is found not to be a file) instead
        // of waiting for ever for a writer; a regular file reads as ever.
        let descriptor = Glibc.open(indexPath, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw IndexUnusable(errno == ENOENT ? "no index yet" : "the index cannot be opened: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { throw IndexUnusable("the index is not a file") }
        let size = Int(status.st_size)
        let (header, records, search) = try CorpusIndex.readHeader(descriptor, size: size)
        guard header.programVersion == programVersion else {
            throw IndexUnusable("the index was written by Dossier \(header.programVersion), not \(programVersion)")
        }
        guard header.stamps.map({ $0.name }) == opening.stamps.map({ $0.name }) else { throw IndexUnusable("the index is of other files") }
        for ((name, stamp), (_, current)) in zip(header.stamps, opening.stamps) {
            guard let current else { throw IndexUnusable("\(name) is not a file on disk") }
            guard current == stamp else { throw IndexUnusable("\(name) changed since the index was written") }
        }
        guard let mapping = MappedFile(descriptor: descriptor, size: size) else { throw IndexUnusable("the index cannot be mapped into memory") }
        // The checksums are worked out on another thread while the tables are read (each table's
        // bounds are checked as it is read, so damage the checksums will find cannot lead astray).
        let checks = BackgroundWork { () throws(IndexUnusable) in
            try CorpusIndex.check(descriptor, size: size, search: search, withSearch: wanted)
        }
        defer { _ = checks.result }  // the descriptor stays open until the check is done with it
        var loaded: LoadedCorpus
        let documents: SearchIndex.Documents.Codes
        do {
            (loaded, documents) = try CorpusIndex.stored(mapping, records: records, search: search, articles: opening.articles)
        } catch {
            try checks.result.get()  // a damaged file is said to be damaged, whatever it broke first
            throw error
        }
        try checks.result.get()
        // The problems name files as the corpus was spelt when the index was written: say them as now.
        if header.corpus != opening.path {
            let (old, new) = (Self.prefix(header.corpus, directory: opening.isDirectory), Self.prefix(opening.path, directory: opening.isDirectory))
            loaded.problems = loaded.problems.map { problem in
                var problem = problem
                problem.file = Self.respell(problem.file, old, new)
                if let location = problem.location { problem.location?.file = Self.respell(location.file, old, new) }
                return problem
            }
        }
        guard wanted, search > 0 else { return (loaded, nil, documents) }
        return (loaded, try CorpusIndex.decodeSearch(mapping, at: search), documents)
    }

    private static func prefix(_ path: String, directory: Bool) -> String {
        directory ? (path.hasSuffix("/") ? path : path + "/") : path
    }

    private static func respell(_ file: String, _ old: String, _ new: String) -> String {
        file.hasPrefix(old) ? new + file.dropFirst(old.count) : file
    }

    /// Why no index may be written for this load, if there is a reason.
    func refusal(_ loaded: LoadedCorpus, opening: Opening) -> String? {
        if loaded.problems.contains(where: { $0.severity == .error }) { return "the corpus has errors" }
        for (name, stamp) in opening.stamps {
            guard let stamp else { return "\(name) is not a file on disk" }
            if stamp.newest > opening.openedAt - racyMargin { return "\(name) changed less than a second before it was read" }
        }
        if opening.isDirectory, !CorpusTransaction.unfinished(in: opening.path).isEmpty {
            return "an edit of the corpus is unfinished"
        }
        if !CorpusIndex.linksNameRecords(loaded.corpus) { return "a link names an id that is no record's" }
        return nil
    }

    /// Writes the index: a temporary file in the cache folder, renamed over the index, so a reader sees
    /// the old file or the new, whole, and two writers at once both succeed (the last rename wins). It
    /// is not flushed to the disk: a file cut short by a power cut fails its checksum and is rebuilt.
    /// Returns why it could not be written, if it could not.
    func write(_ loaded: LoadedCorpus, search: SearchIndex?, opening: Opening) -> String? {
        let indexPath = indexPath(for: opening.path)
        let header = CorpusIndex.Header(programVersion: programVersion, corpus: opening.path,
                                        stamps: opening.stamps.compactMap { named in named.stamp.map { (named.name, $0) } })
        let pieces = CorpusIndex.encode(loaded, search: search, header: header)
        let descriptor: Int32
        let temporary: String
        do {
            try AtomicFile.makeFolders(folder, mode: 0o700)
            (descriptor, temporary) = try AtomicFile.temporaryFile(beside: indexPath)
        } catch {
            return "cannot write the index in \(folder): \(error.reason); working without it"
        }
        let written = pieces.allSatisfy { piece in piece.withUnsafeBytes { AtomicFile.writeAll($0, to: descriptor) } }
        let reason = String(cString: strerror(errno))
        close(descriptor)
        guard written, rename(temporary, indexPath) == 0 else {
            let failure = written ? String(cString: strerror(errno)) : reason
            unlink(temporary)
            return "cannot write the index in \(folder): \(failure); working without it"
        }
        removeAbandonedTemporaries(of: indexPath)
        return nil
    }

    /// How old a writer's temporary file must be to be taken for one a killed writer left (writing an
    /// index of a million articles takes seconds, not this).
    static let abandonedAfter: TimeInterval = 600

    /// Removes this index's temporary files that a writer killed mid-write left behind: each is as large
    /// as the index, and nothing else would ever remove them but `dossier cache clear`.
    func removeAbandonedTemporaries(of indexPath: String) {
        let prefix = "." + AtomicFile.split(indexPath).name + "."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let path = folder + "/" + name
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                  Date().timeIntervalSince(modified) > Self.abandonedAfter else { continue }
            unlink(path)
        }
    }

    /// Removes every index and any temporary file a writer left (one killed while writing); returns
    /// how many files and bytes were removed.
    public func clear() throws(AtomicFile.Failure) -> (files: Int, bytes: Int) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            if access(folder, F_OK) != 0 && errno == ENOENT { return (0, 0) }
            throw AtomicFile.Failure(path: folder, reason: String(cString: strerror(errno)), exists: true)
        }
        var removed = (files: 0, bytes: 0)
        for name in names where Self.isIndexFile(name) {
            let path = folder + "/" + name
            var status = stat()
            let size = stat(path, &status) == 0 ? Int(status.st_size) : 0
            guard unlink(path) == 0 else { throw AtomicFile.Failure(path: path, reason: String(cString: strerror(errno)), exists: true) }
            removed.files += 1
            removed.bytes += size
        }
        return removed
    }

    /// The indexes there are, with their sizes: what `dossier cache` lists.
    public func entries() -> [(name: String, bytes: Int)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { Self.isIndexFile($0) }.sorted().map { name in
            var status = stat()
            return (name, stat(folder + "/" + name, &status) == 0 ? Int(status.st_size) : 0)
        }
    }

    /// An index (`index-….dix`) or a writer's temporary file for one (`.index-….dix.XXXXXX`): nothing
    /// else in the folder is touched.
    static func isIndexFile(_ name: String) -> Bool {
        (name.hasPrefix("index-") && name.hasSuffix(".dix")) || (name.hasPrefix(".index-") && name.contains(".dix."))
    }
}
