#!/usr/bin/env python3
"""Lifecycle tests of the real `dossier` binary in a pseudo-terminal (no tmux between it and us), for
what tmux would smooth over: Ctrl-Z in the middle of a frame, a resize while stopped, `fg`; a crash
signal; Ctrl-S. Bounded in time.

Usage: lifecycle_pty.py PATH-TO-DOSSIER [--cycles N]
Prints one line per test and 'lifecycle: N passed, N failed'; exits 1 if any failed.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from ptyjob import PtyProcess as Job

BINARY = os.path.abspath(sys.argv[1])
CYCLES = int(sys.argv[sys.argv.index("--cycles") + 1]) if "--cycles" in sys.argv else 40
WORK = tempfile.mkdtemp(prefix="dossier-pty-")


def PtyProcess(args, rows=24, columns=80):
    return Job(BINARY, args, rows=rows, columns=columns)


def generated_corpus(articles):
    corpus = os.path.join(WORK, "n%d" % articles)
    if not os.path.isdir(corpus):
        subprocess.run([BINARY, "generate", str(articles), corpus], check=True, capture_output=True)
    return corpus


def test_ctrl_z_in_a_frame_then_resize_then_fg_never_crashes():
    # Issue 11: Ctrl-Z arriving mid-frame, a resize while stopped, then fg, over and over. ncurses'
    # own SIGTSTP handler redrew and resized inside the handler and corrupted the heap (7 of 10 runs).
    corpus = generated_corpus(2000)
    child = PtyProcess(["--data", corpus])
    child.wait_for("Articles 1/")
    sizes = [(24, 80), (40, 120), (12, 50), (50, 200), (30, 100)]
    random = __import__("random").Random(11)
    for cycle in range(CYCLES):
        child.send(b"j" * 60)
        time.sleep(random.random() * 0.03)  # Ctrl-Z lands while the burst is being drawn
        child.send(b"\x1a")
        if not child.wait_stopped():
            raise AssertionError("cycle %d: not stopped by Ctrl-Z (state %s, waiting in %s, exit %s)"
                                 % (cycle, child.state(), child.waiting_in(), child.shell.poll()))
        rows, columns = sizes[cycle % len(sizes)]
        child.set_size(rows, columns)
        os.kill(child.pid, signal.SIGCONT)  # fg
        child.drain(0.05)
        if child.shell.poll() is not None:
            raise AssertionError("cycle %d: exited %s after fg: %r" % (cycle, child.shell.returncode, bytes(child.output[-300:])))
    child.send(b"Q")
    status = child.finish()
    assert status == 0, (status, bytes(child.output[-400:]))
    assert b"corrupted" not in child.output and b"Fatal" not in child.output, bytes(child.output[-400:])


def test_a_crash_restores_the_terminal():
    # Issue 11: after SIGSEGV or SIGABRT the alternate screen is left and the cursor shown again (the
    # reset used to go to the read-only tty descriptor and was lost). SIGBUS goes first to the guard of
    # a mapped index (issue 28), which hands on what is not its own.
    for crash in (signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS):
        child = PtyProcess([])
        child.wait_for("Articles 1/5")
        before = len(child.output)
        os.kill(child.pid, crash)
        status = child.finish()
        tail = bytes(child.output[before:])
        assert status == 128 + crash, (crash, status)
        assert b"\x1b[?1049l" in tail and b"\x1b[?25h" in tail, (crash, tail)


def test_ctrl_s_does_not_freeze_the_display():
    # Issue 11: XON/XOFF was left on, so Ctrl-S froze the output (and SIGTERM's exit waited for Ctrl-Q).
    child = PtyProcess([])
    child.wait_for("Articles 1/5")
    # With flow control off Ctrl-S reaches Dossier, which takes it as export (VisiData's save key):
    # the prompt shows, so the display was not frozen; Esc cancels it.
    child.send(b"\x13")  # Ctrl-S
    child.wait_for("Export to:", seconds=3.0)
    child.send(b"\x1b")
    child.drain(0.6)
    child.send(b"3")
    child.wait_for("Statements 1/24", seconds=3.0)
    os.kill(child.pid, signal.SIGTERM)
    status = child.finish(seconds=3.0)
    assert status == 128 + signal.SIGTERM, status


def main():
    tests = [value for name, value in sorted(globals().items()) if name.startswith("test_")]
    passed = failed = 0
    try:
        for test in tests:
            started = time.time()
            try:
                test()
                passed += 1
                print("ok   %s (%.1fs)" % (test.__name__, time.time() - started), flush=True)
            except Exception as error:
                failed += 1
                print("FAIL %s: %s" % (test.__name__, error), flush=True)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    print("lifecycle: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
