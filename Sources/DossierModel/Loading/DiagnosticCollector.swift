/// Gathers every problem the loader finds, turning byte offsets into line:column only when a problem
/// is reported (a good corpus never pays for it).
final class DiagnosticCollector {
    private(set) var diagnostics: [Diagnostic] = []
    private var lineTables: [String: [Int]] = [:]

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

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
        diagnostics.append(Diagnostic(.error, file: file, message: message))
    }

    func location(in file: SourceFile, ofByte offset: Int) -> SourceLocation {
        let lineStarts = lineTable(for: file)
        // The last line start at or before the offset.
        let line = max(0, lineStarts.partitioningIndex { $0 > offset } - 1)
        let lineStart = lineStarts[line]
        var column = 1
        var index = lineStart
        let bytes = file.bytes  // once: the property may reread a released file
        let end = min(offset, bytes.count)
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourceLocation(file: file.name, line: line + 1, column: column)
    }

    private func lineTable(for file: SourceFile) -> [Int] {
        if let table = lineTables[file.name] { return table }
        var table = [0]
        for (index, byte) in file.bytes.enumerated() where byte == 0x0A {
            table.append(index + 1)
        }
        lineTables[file.name] = table
        return table
    }
}
