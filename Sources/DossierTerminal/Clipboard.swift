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
        let folder = (copiesFile as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return "cannot create \(folder): \(error.localizedDescription)"
        }
        let descriptor = open(copiesFile, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return "cannot open \(copiesFile): \(String(cString: strerror(errno)))" }
        defer { close(descriptor) }
        // Two explorers copying at once (two SSH sessions) append whole entries, one after the other.
        while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(descriptor, LOCK_UN) }
        let stamp = ISO8601DateFormatter().string(from: date)
        // A writer killed mid-entry leaves a torn tail: this entry then starts on a line of its own, so
        // its marker is still found at the start of a line.
        var size = stat()
        var last: UInt8 = 0x0A
        if fstat(descriptor, &size) == 0, size.st_size > 0 { _ = pread(descriptor, &last, 1, size.st_size - 1) }
        let entry = (last == 0x0A ? "" : "\n\n") + "<!-- copied \(stamp) -->\n\(text)\n\n"
        guard AtomicFile.writeAll(Array(entry.utf8), to: descriptor), fsync(descriptor) == 0 else { return "cannot write \(copiesFile): \(String(cString: strerror(errno)))" }
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
