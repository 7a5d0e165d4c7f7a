import Foundation
import Testing
@testable import DossierTerminal

@Suite struct ClipboardTests {
    @Test func theSequenceIsOSC52WithTheTextInBase64AndLongTextIsRefused() throws {
        let text = "“22 nations” — China Digital Times [x-cdt-22-nations]"
        let sequence = try #require(Clipboard.sequence(for: text))
        #expect(sequence.hasPrefix("\u{1B}]52;c;") && sequence.hasSuffix("\u{07}"))
        let payload = String(sequence.dropFirst(7).dropLast())
        #expect(String(decoding: try #require(Data(base64Encoded: payload)), as: UTF8.self) == text)
        // The payload is base64 only: nothing of the text reaches the terminal raw.
        #expect(payload.allSatisfy { $0.isLetter || $0.isNumber || "+/=".contains($0) })
        #expect(Clipboard.sequence(for: String(repeating: "x", count: 60_000)) == nil)
    }

    @Test func everyCopyIsAppendedToTheCopiesFile() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-copies-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let clipboard = Clipboard(environment: ["XDG_STATE_HOME": state, "HOME": "/nonexistent"])
        #expect(clipboard.copiesFile == state + "/dossier/copies.md")
        #expect(clipboard.append("first", at: Date(timeIntervalSince1970: 0)) == nil)
        #expect(clipboard.append("second\nline", at: Date(timeIntervalSince1970: 60)) == nil)
        let file = try String(contentsOfFile: clipboard.copiesFile, encoding: .utf8)
        #expect(file == "<!-- copied 1970-01-01T00:00:00Z -->\nfirst\n\n<!-- copied 1970-01-01T00:01:00Z -->\nsecond\nline\n\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: clipboard.copiesFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func anEntryAfterATornTailStartsOnALineOfItsOwn() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-copies-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let clipboard = Clipboard(environment: ["XDG_STATE_HOME": state])
        // What a writer killed in the middle of an entry leaves behind.
        try FileManager.default.createDirectory(atPath: state + "/dossier", withIntermediateDirectories: true)
        try "<!-- copied 1970-01-01T00:00:00Z -->\nhalf a quo".write(toFile: clipboard.copiesFile, atomically: false, encoding: .utf8)
        #expect(clipboard.append("whole", at: Date(timeIntervalSince1970: 60)) == nil)
        let file = try String(contentsOfFile: clipboard.copiesFile, encoding: .utf8)
        #expect(file == "<!-- copied 1970-01-01T00:00:00Z -->\nhalf a quo\n\n<!-- copied 1970-01-01T00:01:00Z -->\nwhole\n\n")
    }

    @Test func aSecondWriterWaitsForTheFirstsLock() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-copies-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let environment = ["XDG_STATE_HOME": state]
        let clipboard = Clipboard(environment: environment)
        #expect(clipboard.append("first", at: Date(timeIntervalSince1970: 0)) == nil)
        let before = try String(contentsOfFile: clipboard.copiesFile, encoding: .utf8)
        // Another explorer (another SSH session) is in the middle of its entry: it holds the lock.
        let holder = open(clipboard.copiesFile, O_RDWR | O_APPEND)
        #expect(holder >= 0 && flock(holder, LOCK_EX) == 0)
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = Clipboard(environment: environment).append("second", at: Date(timeIntervalSince1970: 60))
            finished.signal()
        }
        #expect(finished.wait(timeout: .now() + 0.3) == .timedOut, "the second writer did not wait for the lock")
        #expect(try String(contentsOfFile: clipboard.copiesFile, encoding: .utf8) == before)
        flock(holder, LOCK_UN)
        close(holder)
        #expect(finished.wait(timeout: .now() + 30) == .success)
        #expect(try String(contentsOfFile: clipboard.copiesFile, encoding: .utf8) == before + "<!-- copied 1970-01-01T00:01:00Z -->\nsecond\n\n")
    }
}

/// Issue 28, item 4: reading tmux's answer neither traps on an interruption nor waits for ever.
@Suite struct TmuxAnswerTests {
    @Test func anAnswerIsReadWholeAndSilenceEndsTheWait() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let said = Array("off\n".utf8)
        _ = said.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
        close(ends[1])
        #expect(Clipboard.readToEnd(ends[0], seconds: 1, giveUp: { false }) == said)
        close(ends[0])
        // A writer that never writes nor closes: given up on when the time is out, not waited on.
        #expect(pipe(&ends) == 0)
        let started = Date()
        #expect(Clipboard.readToEnd(ends[0], seconds: 0.2, giveUp: { false }) == nil)
        #expect(Date().timeIntervalSince(started) < 5)
        close(ends[0])
        close(ends[1])
    }

    /// Seen under the keystroke fuzzer: a Ctrl-Z while `y` asked tmux stopped the tmux client too (it
    /// was in the explorer's process group), and the explorer waited on it for ever.
    @Test func theCommandRunsInAGroupOfItsOwnAndIsKilledWhenItDoesNotAnswer() throws {
        #expect(Clipboard.run(["echo", "off"], seconds: 2, giveUp: { false }) == Array("off\n".utf8))
        // Its own process group: not the caller's, so the terminal's signals to the caller's group miss it.
        let group = Clipboard.run(["sh", "-c", "ps -o pgid= -p $$"], seconds: 2, giveUp: { false })
        let pgid = Int32(String(decoding: try #require(group), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(pgid != nil && pgid != getpgrp())
        // Stopped, or silent: killed when the time is out, and the caller goes on.
        let started = Date()
        #expect(Clipboard.run(["sh", "-c", "kill -STOP $$; echo never"], seconds: 0.3, giveUp: { false }) == nil)
        #expect(Clipboard.run(["sleep", "30"], seconds: 0.3, giveUp: { false }) == nil)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(Clipboard.run(["no-such-command-dossier"], seconds: 1, giveUp: { false }) == nil)
    }
}
