import Synchronization

/// Gathers every problem the loader finds, turning byte offsets into line:column only when a problem
/// is kept (a good corpus never pays for it). Of each kind of problem (`Diagnostic.kind`: the message
/// apart from its values) the first `CorpusLoader.problemsKeptOfOneKind` are kept; the rest are
/// counted on the last one kept (`Diagnostic.alsoOmitted`), neither located nor stored: a file of a
/// million empty objects costs about what a thousand do, in time and memory (issue 33).
final class DiagnosticCollector {
    private var kept: [(diagnostic: Diagnostic, kind: String)] = []
    /// Per kind: how many are kept, where the last kept one is, and how many more were not kept.
    private var kinds: [String: (kept: Int, last: Int, omitted: Int)] = [:]
    private let limit: Int
    /// One per file, made when its first problem is kept.
    private var positions: [String: PositionIndex] = [:]
    private(set) var hasErrors = false
    /// A whole file is missing or cannot be read: no corpus can be opened without it.
    private(set) var hasFileErrors = false

    init(limit: Int = CorpusLoader.problemsKeptOfOneKind) {
        self.limit = limit
    }

    /// A collector of its own, with the same limit, that locates offsets with this one's line tables.
    func another() -> DiagnosticCollector {
        let other = DiagnosticCollector(limit: limit)
        other.positions = positions
        return other
    }

    /// The problems kept, in the order found, each kind's last one counting those not kept.
    var diagnostics: [Diagnostic] {
        var result = kept.map(\.diagnostic)
        for (_, entry) in kinds where entry.omitted > 0 { result[entry.last].alsoOmitted += entry.omitted }
        return result
    }

    func report(_ severity: Diagnostic.Severity, in file: SourceFile, at offset: Int?, id: String? = nil, _ message: String) {
        if severity == .error { hasErrors = true }
        let kind = Diagnostic.kind(of: message, severity: severity.rawValue)
        guard keep(kind) else { return }
        let location = offset.map { self.location(in: file, ofByte: $0) }
        append(Diagnostic(severity, file: file.name, location: location, recordID: id, message: message), kind: kind)
    }

    func error(in file: SourceFile, at offset: Int?, id: String? = nil, _ message: String) {
        report(.error, in: file, at: offset, id: id, message)
    }

    func warning(in file: SourceFile, at offset: Int?, id: String? = nil, _ message: String) {
        report(.warning, in: file, at: offset, id: id, message)
    }

    func error(file: String, _ message: String) {
        hasFileErrors = true
        hasErrors = true
        let kind = Diagnostic.kind(of: message, severity: Diagnostic.Severity.error.rawValue)
        if keep(kind) { append(Diagnostic(.error, file: file, message: message), kind: kind) }
    }

    /// Whether a problem of `kind` is kept; one that is not is counted.
    private func keep(_ kind: String) -> Bool {
        var entry = kinds[kind] ?? (kept: 0, last: 0, omitted: 0)
        defer { kinds[kind] = entry }
        guard entry.kept < limit else {
            entry.omitted += 1
            return false
        }
        entry.kept += 1
        entry.last = kept.count
        return true
    }

    private func append(_ diagnostic: Diagnostic, kind: String) {
        kept.append((diagnostic, kind))
    }

    /// Takes on another collector's problems, after its own (a file decoded on another thread), as if
    /// they had been reported here.
    func absorb(_ other: DiagnosticCollector) {
        for (diagnostic, kind) in other.kept {
            if keep(kind) { append(diagnostic, kind: kind) }
        }
        for (kind, entry) in other.kinds where entry.omitted > 0 {
            var mine = kinds[kind] ?? (kept: 0, last: 0, omitted: 0)
            mine.omitted += entry.omitted
            kinds[kind] = mine
        }
        hasErrors = hasErrors || other.hasErrors
        hasFileErrors = hasFileErrors || other.hasFileErrors
        positions.merge(other.positions) { mine, _ in mine }
    }

    func location(in file: SourceFile, ofByte offset: Int) -> SourceLocation {
        let index = positions[file.name] ?? PositionIndex(file)
        positions[file.name] = index
        let (line, column) = index.location(ofByte: offset)
        return SourceLocation(file: file.name, line: line, column: column)
    }
}
