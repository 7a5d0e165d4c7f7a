/// Gathers every problem the loader finds, turning byte offsets into line:column only when a problem
/// is reported (a good corpus never pays for it).
final class DiagnosticCollector {
    private(set) var diagnostics: [Diagnostic] = []
    /// One per file, made when its first problem is reported.
    private var positions: [String: PositionIndex] = [:]

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// A whole file is missing or cannot be read: no corpus can be opened without it.
    private(set) var hasFileErrors = false

    func report(_ severity: Diagnostic.Severity, in file: SourceFile, at offset: Int?, id: String? = nil, _ message: String) {
        let location = offset.map { self.location(in: file, ofByte: $0) }
        diagnostics.append(Diagnostic(severity, file: file.name, location: location, recordID: id, message: message))
    }

    func error(in file: SourceFile, at offset: Int?, id: String? = nil, _ message: String) {
        report(.error, in: file, at: offset, id: id, message)
    }

    func warning(in file: SourceFile, at offset: Int?, id: String? = nil, _ message: String) {
        report(.warning, in: file, at: offset, id: id, message)
    }

    func error(file: String, _ message: String) {
        hasFileErrors = true
        diagnostics.append(Diagnostic(.error, file: file, message: message))
    }

    /// Takes on another collector's problems, after its own (a file decoded on another thread).
    func absorb(_ other: DiagnosticCollector) {
        diagnostics += other.diagnostics
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
