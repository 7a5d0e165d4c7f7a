import CTerminalSupport
import DossierApp
import DossierModel
import Foundation
import Synchronization
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
        // Once tmux passes the clipboard on, it is not asked again (each copy need not start a process);
        // while it does not, it is asked each time, so the advice stops once the user has followed it.
        if tmuxPasses.withLock({ $0 }) { return nil }
        guard let answer = run(["tmux", "show-options", "-gv", "set-clipboard"], seconds: 1, giveUp: { dossier_pending_signal() != 0 }) else { return nil }
        let value = String(decoding: answer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if value == "off" { return "tmux's set-clipboard is off (tmux set -g set-clipboard on)" }
        tmuxPasses.withLock { $0 = true }
        return nil
    }

    /// tmux was found to pass the clipboard on.
    static let tmuxPasses = Mutex(false)

    /// A command's standard output, found on the PATH and run in a process group of its own (so the
    /// terminal's Ctrl-Z, which stops the explorer's group, cannot stop it and leave the explorer
    /// waiting), with nothing on its standard input. Nil when it cannot start, or does not finish within
    /// `seconds`, or `giveUp` says so after an interruption (Ctrl-C pending): it is killed then.
    static func run(_ arguments: [String], seconds: Double, giveUp: () -> Bool) -> [UInt8]? {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, ends[0])
        posix_spawn_file_actions_addclose(&actions, ends[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Job-control and keyboard signals blocked in the child until it has its own group and runs
        // tmux: a Ctrl-Z landing between the fork and the exec stopped the child there, with the
        // explorer held in the kernel (vfork waits for the exec) for ever, unkillable but by SIGKILL.
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for signal in [SIGTSTP, SIGTTIN, SIGTTOU, SIGINT, SIGQUIT] { sigaddset(&blocked, signal) }
        posix_spawnattr_setsigmask(&attributes, &blocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, environ)
        close(ends[1])
        defer { close(ends[0]) }
        guard spawned == 0 else { return nil }
        let answer = readToEnd(ends[0], seconds: seconds, giveUp: giveUp)
        if answer == nil { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return answer
    }
}
