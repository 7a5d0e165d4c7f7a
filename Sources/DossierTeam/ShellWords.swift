/// Words as a POSIX shell splits a command line with quoting: blanks separate words, single quotes
/// keep everything to the next one, double quotes keep everything but `\"` and `\\`, a backslash
/// outside quotes keeps the next character. No expansion of any kind: `$`, `*`, `~` and backquotes
/// are plain characters, so nothing a client sends is run by a shell.
public enum ShellWords {
    /// The words, or nil for a line whose quotes are not closed.
    public static func split(_ line: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            switch quote {
            case "'":
                if character == "'" { quote = nil } else { word.append(character) }
            case "\"":
                if character == "\"" { quote = nil } else if character == "\\" { escaped = true } else { word.append(character) }
            default:
                if character == " " || character == "\t" || character == "\n" {
                    if inWord { words.append(word) }
                    word = ""
                    inWord = false
                } else if character == "'" || character == "\"" {
                    quote = character
                    inWord = true
                } else if character == "\\" {
                    escaped = true
                    inWord = true
                } else {
                    word.append(character)
                    inWord = true
                }
            }
        }
        guard quote == nil, !escaped else { return nil }
        if inWord { words.append(word) }
        return words
    }

    /// A word quoted for a POSIX shell: as it is when it has only safe characters, else in single
    /// quotes (a single quote inside written '\'').
    public static func quote(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./:@%+=,".contains($0)) }
        if safe && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
