import DossierApp
import DossierModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Copies text for `y` and `Y`: to the terminal's clipboard with OSC 52 (which reaches the user's own
/// terminal over SSH), and always to a file, for terminals that do not take OSC 52.
public struct Clipboard {
    /// What most terminals take in one OSC 52 sequence (xterm's default limit is about 100 kB of
    /// base64): longer text is refused with a message, never cut.
    public static let limit = 74_994

    /// `$XDG_STATE_HOME/dossier/copies.md` (`~/.local/state/dossier/copies.md` by default).
    public let copiesFile: String

    public init(environment: [String: String]) {
        copiesFile = UserFolders.state(environment: environment) + "/copies.md"
    }

    /// The OSC 52 sequence for text (base64 of its UTF-8), or nil when it is too long to send.
    public static func sequence(for text: String) -> String? {
        let encoded = Data(text.utf8).base64EncodedString()
        guard encoded.utf8.count <= limit else { return nil }
        return "\u{1B}]52;c;" + encoded + "\u{07}"
    }

    /// Appends a copy to the copies file (created with its folder, private to the user), flushed to the
    /// disk before the status line says it was saved. Returns an error's words, or nil.
    public func append(_ text: String, at date: Date = Date()) -> String? {
        let stamp = ISO8601DateFormatter().string(from: date)
        // Two explorers copying at once (two SSH sessions) append whole entries, one after the other;
        // after a torn tail (a writer killed mid-entry) this entry starts on a line of its own, so its
        // marker is still found at the start of a line.
        do {
            try AtomicFile.append(Array("<!-- copied \(stamp) -->\n\(text)\n\n".utf8), to: copiesFile, afterTornTail: Array("\n\n".utf8))
        } catch {
            return error.description
        }
        return nil
    }

    /// Inside tmux, whether tmux passes OSC 52 on to a paste buffer and the outer terminal: nil when
    /// not in tmux or when it does, else what to set.
    public static func tmuxAdvice(environment: [String: String]) -> String? {
        guard environment["TMUX"] != nil else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "show-options", "-gv", "set-clipboard"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let value = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        return value == "off" ? "tmux's set-clipboard is off (tmux set -g set-clipboard on)" : nil
    }
}
