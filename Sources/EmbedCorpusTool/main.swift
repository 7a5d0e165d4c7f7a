// Writes the bundled corpus (data/*.json) into a Swift source file, so the `dossier` binary carries it
// and finds it wherever the binary is copied. Usage: EmbedCorpusTool OUTPUT INPUT...
// Each file becomes an escaped string literal holding its exact bytes (valid UTF-8 is required, as the
// corpus format requires), so line:column in messages about the bundled corpus match the files in data/.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: EmbedCorpusTool OUTPUT INPUT...\n".utf8))
    exit(64)
}

func swiftLiteral(_ text: String) -> String {
    var literal = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": literal += "\\\""
        case "\\": literal += "\\\\"
        case "\n": literal += "\\n"
        case "\r": literal += "\\r"
        case "\t": literal += "\\t"
        case " "..."~": literal.unicodeScalars.append(scalar)
        default: literal += "\\u{" + String(scalar.value, radix: 16) + "}"
        }
    }
    return literal + "\""
}

var source = """
// Generated at build time by EmbedCorpusTool from the files in data/. Do not edit.

/// The bundled corpus, file by file: the collection name ("articles"...) and the file's exact text.
enum EmbeddedCorpus {
    static let files: [(collection: String, text: String)] = [

"""
for path in arguments.dropFirst(2).sorted() {
    let url = URL(fileURLWithPath: path)
    guard let data = try? Data(contentsOf: url) else {
        FileHandle.standardError.write(Data("error: cannot read \(path)\n".utf8))
        exit(66)
    }
    guard let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("\(path): error: not valid UTF-8\n".utf8))
        exit(65)
    }
    let collection = url.deletingPathExtension().lastPathComponent
    source += "        (\(swiftLiteral(collection)), \(swiftLiteral(text))),\n"
}
source += "    ]\n}\n"

let output = URL(fileURLWithPath: arguments[1])
// Leave the file untouched when nothing changed, so the compiler does not rebuild for nothing.
if let existing = try? String(contentsOf: output, encoding: .utf8), existing == source { exit(0) }
do {
    try source.write(to: output, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("error: cannot write \(output.path): \(error)\n".utf8))
    exit(73)
}
