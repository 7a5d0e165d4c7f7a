// The benchmark: for each corpus size, a child process loads a generated corpus and measures time to
// first frame, time until loaded and searchable, search and filter latency per keystroke, frame render
// time of each screen, and peak RSS. Results go out as JSON lines and a Markdown table.
//
//   swift run -c release dossier-bench [--sizes 1000,10000,50000] [--corpora DIR] [--out DIR]
//   dossier-bench measure PATH [--cache FOLDER]  (one measurement, as JSON on standard output)
//   dossier-bench large-body [MB]     (the reader on one article with an MB-sized body; 50 unless told)
//   dossier-bench growth              (issue 11: validating 1k–1M problems and pathological shapes)
// (`dossier-bench --help` says the same: the options are swift-argument-parser's, in Bench.swift.)
import DossierApp
import DossierGenerator
import DossierModel
import DossierTerminal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// This process's own peak RSS (VmHWM). Not getrusage's ru_maxrss: on Linux that survives execve, so a
/// child would report the parent's peak.
func peakRSSBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) else { return 0 }
    return kilobytes * 1024
}

/// What the process holds now (VmRSS): after loading, the memory a session keeps.
func currentRSSBytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) else { return 0 }
    return kilobytes * 1024
}

func percentile(_ values: [Double], _ fraction: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))
    return sorted[index]
}

func prefixes(_ word: String) -> [String] {
    (1...word.count).map { String(word.prefix($0)) }
}

/// The keystrokes the latency figures are taken over: growing prefixes of a common word, an accented
/// word, a CJK word and a miss.
let searchWords = ["xinjiang", "türk", "新疆维吾尔", "qqzxv"]

/// The explorer's warm open: the corpus and its search index read from a fresh persistent index in
/// `cacheFolder`, then the first frame drawn; the rest of the figures are taken on that state. Nil
/// when the index is not fresh (it is written then, for the next run).
func measureWarm(path: String, cacheFolder: String) -> [String: Any]? {
    let start = now()
    let cache = CorpusCache(folder: cacheFolder, programVersion: "bench")
    switch try? cache.open(path: path, search: true) {
    case .warm(let loaded)?:
        var state = State(corpus: loaded.loaded.corpus, width: 120, height: 40, search: loaded.search)
        state.problems = loaded.loaded.problems
        _ = Render.frame(settled(Explorer.normalized(state)))
        let open = now() - start
        var result = measureUse(of: state, path: path)
        result["warm_open_s"] = open
        result["warm_open_peak_rss_bytes"] = result["rss_after_load_bytes"]
        return result
    case .cold(let opening, let reason)?:
        guard let loaded = try? CorpusLoader.load(path: path) else { return nil }
        _ = cache.store(loaded, search: SearchIndex(corpus: loaded.corpus), for: opening.withoutFiles, reason: reason)
        return nil
    case nil:
        return nil
    }
}

func measure(path: String) -> [String: Any] {
    // As the explorer does it: the articles first, the rest in the background.
    let start = now()
    guard let staged = (try? CorpusLoader.readDirectory(path)).flatMap({ StagedLoad(files: $0, width: 120, height: 40) }) else {
        FileHandle.standardError.write(Data("cannot load \(path) in stages\n".utf8))
        exit(1)
    }
    _ = Render.frame(settled(staged.preview))
    let firstFrame = now()
    staged.start()
    var loaded: State?
    while loaded == nil {
        switch staged.result {
        case .success(let full)?: loaded = staged.preview.adopting(full)
        case .failure(let error)?:
            FileHandle.standardError.write(Data("cannot load \(path): \(error)\n".utf8))
            exit(1)
        case nil: usleep(1000)
        }
    }
    let state = settled(loaded!)
    _ = Render.frame(state)
    let searchable = now()
    var result = measureUse(of: state, path: path)
    result["first_frame_s"] = firstFrame - start
    result["load_s"] = searchable - start
    result["loaded_searchable_s"] = searchable - start
    return result
}

/// Search and filter latency per keystroke, and each screen's frame time, on a loaded state; with the
/// memory held once it was loaded.
func measureUse(of loaded: State, path: String) -> [String: Any] {
    var state = loaded
    let rssAfterLoad = currentRSSBytes()
    let peakAfterLoad = peakRSSBytes()
    // As the explorer does once its first frame is on screen (ExplorerSession.prepareInBackground).
    let index = state.index
    Thread { index.prepareFilterText() }.start()
    let corpus = state.corpus

    var searchTimes: [Double] = []
    for word in searchWords {
        for prefix in prefixes(word) {
            let t0 = now()
            _ = state.search.search(prefix)
            searchTimes.append(now() - t0)
        }
    }
    var filterTimes: [Double] = []
    for word in ["human", "türk"] {
        for prefix in prefixes(word) {
            for view in [ViewID.actors, .statements, .articles] {
                let t0 = now()
                _ = state.index.ids(of: view, sortedBy: .name, filter: prefix, corpus: corpus)
                filterTimes.append(now() - t0)
            }
        }
    }
    var frames: [String: [Double]] = [:]
    // A key's whole cost: the update and the frame it draws.
    var keyCosts: [String: [Double]] = [:]
    let screens: [(String, [Key])] = [
        ("articles", [.character("1")]), ("actors", [.character("2")]), ("statements", [.character("3")]),
        ("timeline", [.character("4")]), ("matrix", [.character("5")]),
        ("compare", [.character("3"), .character("c")]),
        ("search", [.character("f")] + "rights".map { Key.character($0) }),
        ("filtered", [.character("1"), .character("/")] + "human".map { Key.character($0) } + [.enter]),
    ]
    for (name, keys) in screens {
        var screen = keys.reduce(press(state, .escape), press)
        var times: [Double] = []
        var keyTimes: [Double] = []
        for _ in 0..<30 {
            let t0 = now()
            screen = press(screen, .down)
            let t1 = now()
            _ = Render.frame(screen)
            times.append(now() - t1)
            keyTimes.append(now() - t0)
        }
        keyCosts[name] = keyTimes
        frames[name] = times
        state = press(press(screen, .escape), .escape)
    }
    var result: [String: Any] = [
        "path": path,
        "articles": corpus.articles.count,
        "peak_rss_after_load_bytes": peakAfterLoad,
        "search_p50_ms": percentile(searchTimes, 0.5) * 1000,
        "search_p99_ms": percentile(searchTimes, 0.99) * 1000,
        "filter_p50_ms": percentile(filterTimes, 0.5) * 1000,
        "filter_p99_ms": percentile(filterTimes, 0.99) * 1000,
        "peak_rss_bytes": peakRSSBytes(),
        "rss_after_load_bytes": rssAfterLoad,
    ]
    for (name, times) in frames {
        result["frame_\(name)_p50_ms"] = percentile(times, 0.5) * 1000
        result["frame_\(name)_p99_ms"] = percentile(times, 0.99) * 1000
    }
    for (name, times) in keyCosts {
        result["key_\(name)_p99_ms"] = percentile(times, 0.99) * 1000
    }
    return result
}

func directoryBytes(_ path: String) -> Int {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.reduce(0) { total, name in
        total + ((try? FileManager.default.attributesOfItem(atPath: path + "/" + name)[.size] as? Int) ?? 0)
    }
}


/// One article with an enormous body (hostile input, or a whole report pasted in): what opening it in
/// the reader costs, and then each key while reading it, scrolling, jumping to the end and moving
/// between matches of a query.
func measureLargeBody(megabytes: Int) -> [String: Any] {
    let sentences = ["The Human Rights Council heard the statement on Xinjiang from Volker Türk in Genève.",
                     "“We are deeply concerned,” said the joint letter, which 22 states signed in July.",
                     "新疆维吾尔自治区的人权问题在联合国日内瓦会议上引起争论。",
                     "Raphäel Viana of the Geneva Observer wrote that the counter-letter had 37 signatories."]
    var paragraphs: [String] = []
    var size = 0
    while size < megabytes << 20 {
        let paragraph = (0..<6).map { sentences[($0 + paragraphs.count) % sentences.count] + " (\(paragraphs.count).\($0))" }
            .joined(separator: " ")
        size += paragraph.utf8.count + 2
        paragraphs.append(paragraph)
    }
    let article = Article(id: "a-large", title: "A very long report", publisher: "Example Wire", published: PartialDate(year: 2022),
                          body: paragraphs.joined(separator: "\n\n"))
    paragraphs = []
    let corpus = Corpus(articles: [article], actors: [], statements: [], events: [], excerpts: [])
    let state = State(corpus: corpus, width: 120, height: 40)
    let t0 = now()
    _ = Render.frame(state)
    let opened = now() - t0
    func keyCosts(_ keys: [Key], from start: State) -> (State, [Double]) {
        var state = start
        var times: [Double] = []
        for key in keys {
            let t0 = now()
            state = press(state, key)
            _ = Render.frame(state)
            times.append(now() - t0)
        }
        return (state, times)
    }
    var (reading, scroll) = keyCosts([.tab] + Array(repeating: .down, count: 30) + [.end, .home], from: state)
    reading.navigation.readerQuery = "türk"
    let t1 = now()
    _ = Render.frame(reading)
    let firstMatches = now() - t1
    let (_, matches) = keyCosts(Array(repeating: .character("n"), count: 30), from: reading)
    // Issue 11: the search screen over the same body kept in its file, as a corpus directory has it:
    // each keystroke of a query, and `Enter` on the first hit, with the frame drawn.
    let directory = NSTemporaryDirectory() + "dossier-large-body-\(getpid())"
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var searchKeys: [Double] = []
    if let body = try? article.body.text() {
        let escaped = body.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
        let articlesJSON = #"[{"id": "a-large", "title": "A very long report", "publisher": "Example Wire", "published": "2022", "body": ""# + escaped + #""}]"#
        try? articlesJSON.write(toFile: directory + "/articles.json", atomically: false, encoding: .utf8)
        for name in ["actors", "statements", "events", "excerpts"] { try? "[]".write(toFile: directory + "/\(name).json", atomically: false, encoding: .utf8) }
        if let onDisk = try? CorpusLoader.load(path: directory).corpus {
            let start = settled(Explorer.normalized(State(corpus: onDisk, width: 120, height: 40)))
            let typing: [Key] = [.character("f")] + "genève".map { Key.character($0) } + [.enter]
            searchKeys = keyCosts(typing, from: start).1
        }
    }
    // A 1 MB title in a list (each key of a filter, frame drawn), and 50,000 characters pasted into
    // the filter prompt at once (issue 11: 1 s a keystroke and 28 s before).
    let longTitle = String(repeating: "Xinjiang statement title ", count: 42_000)
    let titled = Corpus(articles: [Article(id: "t", title: longTitle, publisher: "P", published: PartialDate(year: 2020), body: "Body.")],
                        actors: [], statements: [], events: [], excerpts: [])
    let titledState = Explorer.normalized(State(corpus: titled, width: 120, height: 40))
    let titleKeys = keyCosts([.character("/")] + "xinj".map { Key.character($0) }, from: titledState).1
    let pasted = keyCosts([.character("/"), .paste(String(repeating: "pasted words ", count: 3_850))], from: titledState).1
    return [
        "long_title_filter_key_max_ms": (titleKeys.max() ?? 0) * 1000,
        "paste_50000_characters_ms": (pasted.last ?? 0) * 1000,
        "search_key_in_file_p50_ms": percentile(searchKeys, 0.5) * 1000,
        "search_key_in_file_max_ms": (searchKeys.max() ?? 0) * 1000,
        "body_bytes": article.body.utf8CountEstimate,
        "open_ms": opened * 1000,
        "scroll_key_p50_ms": percentile(scroll, 0.5) * 1000,
        "scroll_key_p99_ms": percentile(scroll, 0.99) * 1000,
        "first_matches_ms": firstMatches * 1000,
        "next_match_key_p99_ms": percentile(matches, 0.99) * 1000,
        "peak_rss_bytes": peakRSSBytes(),
    ]
}

/// Issue 11's growth table: how validating grows with the number of problems and with pathological
/// shapes. Each case is a single-file corpus made in memory at three sizes; a linear cost shows as a
/// time that grows tenfold from one size to the next, a quadratic one a hundredfold.
func measureGrowth() -> [[String: Any]] {
    func corpus(actors: String, statements: String = "[]") -> [UInt8] {
        Array(#"{"articles": [], "actors": \#(actors), "statements": \#(statements), "events": [], "excerpts": []}"#.utf8)
    }
    let cases: [(String, [Int], (Int) -> [UInt8])] = [
        ("bad references (an affiliation to no actor), one a line", [1_000, 10_000, 100_000], { count in
            corpus(actors: "[\n" + (0..<count).map { #"{"id": "a\#($0)", "name": "A \#($0)", "kind": "person", "affiliations": ["nobody"]}"# }
                .joined(separator: ",\n") + "\n]")
        }),
        ("valid actors no excerpt supports (a warning each)", [1_000, 10_000, 100_000], { count in
            corpus(actors: "[\n" + (0..<count).map { #"{"id": "a\#($0)", "name": "A \#($0)", "kind": "person"}"# }.joined(separator: ",\n") + "\n]")
        }),
        ("one line of empty objects (four problems each, of one kind)", [10_000, 100_000, 1_000_000], { count in
            corpus(actors: "[" + String(repeating: "{},", count: count - 1) + "{}]")
        }),
    ]
    var rows: [[String: Any]] = []
    for (name, sizes, make) in cases {
        for size in sizes {
            let file = SourceFile(name: "growth.json", bytes: make(size))
            let start = now()
            var problems = 0
            do {
                let loaded = try CorpusLoader.load(singleFile: file)
                problems = Diagnostic.count(loaded.warnings, .warning)
            } catch {
                if case .invalid(let diagnostics) = error { problems = Diagnostic.count(diagnostics, .error) + Diagnostic.count(diagnostics, .warning) }
            }
            rows.append(["case": name, "size": size, "seconds": now() - start, "problems": problems, "bytes": file.bytes.count])
            FileHandle.standardError.write(Data("\(name) \(size): \(String(format: "%.3f", now() - start)) s\n".utf8))
        }
    }
    return rows
}

/// One measurement in a fresh process (so each has its own peak RSS).
func measureInChild(_ arguments: [String], label: String) throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
                                : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0])
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    // read(2) in a loop, retrying an interruption (readDataToEndOfFile traps on EINTR).
    var output = Data()
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(pipe.fileHandleForReading.fileDescriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        output.append(contentsOf: chunk[..<count])
    }
    process.waitUntilExit()
    guard process.terminationStatus == 0, let result = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
        FileHandle.standardError.write(Data("measurement of \(label) failed\n".utf8))
        exit(1)
    }
    return result
}

func number(_ value: Any?, _ digits: Int = 1) -> String {
    String(format: "%.\(digits)f", (value as? Double) ?? Double((value as? Int) ?? 0))
}

/// The frame p99 of every screen, as one table cell.
func frameColumn(_ result: [String: Any]) -> String {
    ["articles", "actors", "statements", "timeline", "matrix", "compare", "search", "filtered"]
        .map { number(result["frame_\($0)_p99_ms"], 2) }.joined(separator: " / ")
}

/// A state as the explorer first draws it: with the bodies its frame shows read, as the key loop
/// reads them before it draws.
func settled(_ state: State) -> State {
    Explorer.updateReadingBodies(state, .settle).0
}

/// A key as the explorer handles it; the bench's keys ask for no effect (no copy, export or edit).
func press(_ state: State, _ key: Key) -> State {
    Explorer.updateReadingBodies(state, .key(key)).0
}
