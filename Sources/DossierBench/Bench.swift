import ArgumentParser
import DossierGenerator
import DossierModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `dossier-bench`: the benchmark's commands (docs/performance.md says what each figure is).
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier-bench",
        abstract: "Measure Dossier on generated corpora: loading, the first frame, search and filter per key, frames, memory.",
        subcommands: [All.self, Measure.self, LargeBody.self, Growth.self, NotesBench.self],
        defaultSubcommand: All.self)
}

/// Every size, cold and from the index, each measured in a child process; JSON lines and a table.
struct All: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "all", abstract: "Measure the bundled corpus and generated corpora of each size (the default).")

    @Option(help: "The sizes of the generated corpora, in articles, separated by commas.")
    var sizes = "1000,10000,50000"
    @Option(help: "Where generated corpora are kept between runs.")
    var corpora = NSTemporaryDirectory() + "dossier-bench-corpora"
    @Option(help: "Where the JSON lines, the Markdown table and the indexes go.")
    var out = ".build/bench"
    @Option(help: "The bundled corpus's folder.")
    var bundled = "data"

    func run() throws {
        let sizes = self.sizes.split(separator: ",").compactMap { Int($0) }
        let corpora = self.corpora, out = self.out, bundled = self.bundled
    try? FileManager.default.createDirectory(atPath: corpora, withIntermediateDirectories: true)
    try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

    var rows: [(String, [String: Any])] = []
    var targets: [(String, String)] = [("bundled", bundled)]
    for size in sizes {
        let directory = corpora + "/n\(size)"
        if !FileManager.default.fileExists(atPath: directory + "/excerpts.json") {
            FileHandle.standardError.write(Data("generating \(size) articles in \(directory)…\n".utf8))
            _ = try CorpusGenerator(articles: size).write(to: directory)
        }
        targets.append((String(size), directory))
    }
    // A persistent index trusts no file changed in the last second (see CorpusCache): let new ones age.
    sleep(2)
    let cacheFolder = out + "/cache"
    try? FileManager.default.removeItem(atPath: cacheFolder)
    let jsonLines = out + "/results.jsonl"
    _ = FileManager.default.createFile(atPath: jsonLines, contents: nil)
    guard let lines = FileHandle(forWritingAtPath: jsonLines) else { throw ValidationError("cannot write \(jsonLines)") }

    var warmRows: [(String, [String: Any])] = []
    for (label, directory) in targets {
        FileHandle.standardError.write(Data("measuring \(label)…\n".utf8))
        var result = try measureInChild(["measure", directory], label: label)
        result["label"] = label
        result["corpus_bytes"] = directoryBytes(directory)
        lines.write(try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]))
        lines.write(Data("\n".utf8))
        rows.append((label, result))
        // Warm: the first child writes the index if need be; the second opens from it.
        FileHandle.standardError.write(Data("measuring \(label) from its index…\n".utf8))
        _ = try measureInChild(["measure", directory, "--cache", cacheFolder], label: label + " (index)")
        var warm = try measureInChild(["measure", directory, "--cache", cacheFolder], label: label + " (index)")
        warm["label"] = label
        warm["corpus_bytes"] = result["corpus_bytes"]
        warm["index_bytes"] = (try? FileManager.default.attributesOfItem(atPath: CorpusCache(folder: cacheFolder, programVersion: "bench").indexPath(for: directory))[.size] as? Int) ?? 0
        lines.write(try JSONSerialization.data(withJSONObject: warm, options: [.sortedKeys]))
        lines.write(Data("\n".utf8))
        warmRows.append((label, warm))
    }
    try lines.close()


    var table = "| N | corpus MB | first frame s | loaded + searchable s | peak RSS MB | RSS / corpus | RSS after load MB | search p50/p99 ms | filter p50/p99 ms | frame p99 ms (articles, actors, statements, timeline, matrix, compare, search, filtered articles) |\n"
    table += "|---|---|---|---|---|---|---|---|---|---|\n"
    for (label, result) in rows {
        let corpusMB = Double(result["corpus_bytes"] as? Int ?? 0) / 1e6
        let rssMB = Double(result["peak_rss_bytes"] as? Int ?? 0) / 1e6
        let frames = frameColumn(result)
        table += "| \(label) | \(String(format: "%.1f", corpusMB)) | \(number(result["first_frame_s"], 3)) | \(number(result["loaded_searchable_s"], 3)) | "
        let afterMB = Double(result["rss_after_load_bytes"] as? Int ?? 0) / 1e6
        table += "\(String(format: "%.0f", rssMB)) | \(String(format: "%.1f", rssMB / max(corpusMB, 0.001)))× | \(String(format: "%.0f", afterMB)) | "
        table += "\(number(result["search_p50_ms"], 2)) / \(number(result["search_p99_ms"], 2)) | "
        table += "\(number(result["filter_p50_ms"], 2)) / \(number(result["filter_p99_ms"], 2)) | \(frames) |\n"
    }
    table += "\nFrom the persistent index (warm):\n\n"
    table += "| N | corpus MB | index MB | open to first frame, searchable s | peak RSS at open MB | RSS / corpus | search p50/p99 ms | filter p50/p99 ms | frame p99 ms (articles, actors, statements, timeline, matrix, compare, search, filtered articles) |\n"
    table += "|---|---|---|---|---|---|---|---|---|\n"
    for (label, result) in warmRows {
        let corpusMB = Double(result["corpus_bytes"] as? Int ?? 0) / 1e6
        let rssMB = Double(result["peak_rss_after_load_bytes"] as? Int ?? 0) / 1e6
        let frames = frameColumn(result)
        table += "| \(label) | \(String(format: "%.1f", corpusMB)) | \(String(format: "%.1f", Double(result["index_bytes"] as? Int ?? 0) / 1e6)) | "
        table += "\(number(result["warm_open_s"], 3)) | \(String(format: "%.0f", rssMB)) | \(String(format: "%.2f", rssMB / max(corpusMB, 0.001)))× | "
        table += "\(number(result["search_p50_ms"], 2)) / \(number(result["search_p99_ms"], 2)) | "
        table += "\(number(result["filter_p50_ms"], 2)) / \(number(result["filter_p99_ms"], 2)) | \(frames) |\n"
    }
    try table.write(toFile: out + "/results.md", atomically: true, encoding: .utf8)
    print(table, terminator: "")
    }
}

/// One measurement of one corpus, in this process, as JSON on standard output.
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure one corpus (JSON on standard output).")

    @Argument(help: "The corpus directory or file.")
    var path: String
    @Option(help: "Open it from its persistent index in this folder (written first if need be).")
    var cache: String?

    func run() throws {
        var result: [String: Any]
        if let cache {
            // Twice if need be: the first writes the index when there is none fresh.
            guard let warm = measureWarm(path: path, cacheFolder: cache) ?? measureWarm(path: path, cacheFolder: cache) else {
                FileHandle.standardError.write(Data("no fresh index could be written for \(path)\n".utf8))
                throw ExitCode(1)
            }
            result = warm
        } else {
            result = measure(path: path)
        }
        try printJSON(result)
    }
}

/// One measurement as a line of JSON on standard output, its keys in order.
func printJSON(_ result: [String: Any]) throws {
    let data = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}

/// The reader on one article with an enormous body.
struct LargeBody: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "large-body", abstract: "Open and read one article with a body of this many MB.")

    @Argument(help: "The body's size in MB.")
    var megabytes = 50

    func run() throws {
        try printJSON(measureLargeBody(megabytes: megabytes))
    }
}

/// Issue 33, target 4: many notes.
struct NotesBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notes", abstract: "The Notes view's filter and frames with this many notes.")

    @Argument(help: "How many notes.")
    var count = 100_000

    func run() throws {
        try printJSON(measureNotes(count: count))
    }
}

/// Issue 11's growth table.
struct Growth: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "How validating grows with the number of problems (a Markdown table).")

    func run() throws {
        var table = "| case | size | file MB | problems | seconds |\n|---|---|---|---|---|\n"
        for row in measureGrowth() {
            table += "| \(row["case"] ?? "") | \(row["size"] ?? "") | \(String(format: "%.1f", Double(row["bytes"] as? Int ?? 0) / 1e6)) | \(row["problems"] ?? "") | "
            table += "\(String(format: "%.3f", row["seconds"] as? Double ?? 0)) |\n"
        }
        print(table, terminator: "")
    }
}
