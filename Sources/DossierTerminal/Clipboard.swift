import CTerminalSupport
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

    /// Every byte until the end of a pipe, retrying an interrupted read; what was read before an error.
    /// Nil when `seconds` pass first, or when `giveUp` says so after an interruption.
    static func readToEnd(_ descriptor: Int32, seconds: Double, giveUp: () -> Bool) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&waiting, 1, left)
            if ready < 0 {
                if errno == EINTR && !giveUp() { continue }
                return nil
            }
            if ready == 0 { return nil }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR {
                if giveUp() { return nil }
                continue
            }
            if count <= 0 { return bytes }
            bytes += chunk[..<count]
        }
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
        // Read with poll and read(2), going on after an interruption (Foundation's readDataToEndOfFile
        // traps on EINTR, which a resize arriving during the read causes), for at most a second, and
        // not at all once Ctrl-C or a hang-up is pending: a tmux that does not answer never holds the
        // explorer.
        guard let answer = Self.readToEnd(output.fileHandleForReading.fileDescriptor, seconds: 1, giveUp: { dossier_pending_signal() != 0 }) else {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        let value = String(decoding: answer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        return value == "off" ? "tmux's set-clipboard is off (tmux set -g set-clipboard on)" : nil
    }
}
