#!/usr/bin/env python3
"""A keystroke fuzzer for the explorer: the release binary in a pseudo-terminal gets random keys,
escape sequences (known, truncated and junk), invalid UTF-8, bracketed pastes, resizes and Ctrl-Z/fg,
`y` with a resize on its heels (run as if inside tmux, a server of its own, so the copy asks tmux about
the clipboard while the SIGWINCH arrives), on the bundled corpus, a generated one and the hostile fixtures. Seeded: the same seed sends the same
bytes. A session must never crash (a signal, "Fatal error", a crash report) and must end on Ctrl-C
with exit 130 and the terminal reset (the alternate screen left, the cursor shown).

Usage: keystroke_fuzz.py PATH-TO-DOSSIER [--seconds 60] [--seed N] [--replay FILE]
On a failure it prints the seed and writes a reproducer (every event of the failing session, as JSON)
to $TMPDIR/keystroke-fuzz-failure-SEED.json, and prints it too; `--replay FILE` sends exactly those events again.
Prints 'keystroke fuzz: N passed, N failed' (sessions) and exits 1 on a failure.
"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import ptyjob
from ptyjob import PtyProcess

BINARY = os.path.abspath(sys.argv[1])
SECONDS = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 60.0
SEED = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else int(time.time())
REPLAY = sys.argv[sys.argv.index("--replay") + 1] if "--replay" in sys.argv else None
REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORK = tempfile.mkdtemp(prefix="dossier-fuzz-")

KEYS = list("jkgGhl123456bnNsmtcdfz<>/?[]LyYeE x!") + ["\t", "\r", "\x7f", "\x1b"]
CONTROLS = ["\x01", "\x02", "\x04", "\x05", "\x06", "\x08", "\x0b", "\x0c", "\x0e", "\x0f", "\x10", "\x15", "\x17", "\x13", "\x11"]
SEQUENCES = ["\x1b[A", "\x1b[B", "\x1b[C", "\x1b[D", "\x1b[H", "\x1b[F", "\x1b[1~", "\x1b[4~", "\x1b[5~", "\x1b[6~", "\x1b[3~",
             "\x1b[Z", "\x1bOA", "\x1bOM", "\x1b[1;5A", "\x1b[15~", "\x1b[<0;12;5M", "\x1b[?1;2c", "\x1b[", "\x1bO", "\x1b[99;99;99X",
             "\x1b[200~", "\x1b[201~", "\x1bj", "\x1b\x1b", "\x1b[" + "9" * 40]
INVALID_UTF8 = [b"\xff", b"\xc3", b"\xe6\x96", b"\xf0\x9f\x98", b"\xed\xa0\x80", b"\xc0\xaf", b"\x80\x80"]
WORDS = ["turk", "bachelet", "新疆", "Ürümqi", "2019-2021", "critical", "ZZZ", "x" * 300]


def corpora():
    """The corpora sessions run on: the bundled one, a generated one, the small fixtures, and a hostile
    one whose text holds escape sequences, bidi overrides, CJK and a very long title."""
    generated = os.path.join(WORK, "generated")
    subprocess.run([BINARY, "generate", "300", generated], check=True, capture_output=True)
    hostile = os.path.join(WORK, "hostile.json")
    body = ("Hostile opening line. " + "Plain start. \x1b]0;pwned\x07 then \x1b[2J and \x1b]52;c;cGF5bG9hZA==\x07 \u202eevil\u202c 新疆 " * 50 +
            "\n\n" + "word " * 5000)
    with open(hostile, "w", encoding="utf-8") as handle:
        json.dump({"articles": [{"id": "a1", "title": "Hostile \x1b[31mred " + "long " * 2000, "publisher": "P\x1b]0;x\x07",
                                 "published": "2020", "body": body}],
                   "actors": [{"id": "p1", "name": "Ürümqi \u200b\u0301 person " * 20, "kind": "person", "aliases": ["\x1b[5m"]}],
                   "statements": [], "events": [], "excerpts": [{"id": "x1", "article": "a1", "quote": "Hostile opening line.", "about": ["p1"]}]},
                  handle)
    fixtures = os.path.join(REPOSITORY, "Tests", "Fixtures")
    # A corpus directory can be edited from the explorer (v, Enter in the reader), and random keys do
    # edit: the directories are copies, so the committed fixtures are never written.
    for name in (os.path.join("good", "small-dir"), os.path.join("bad", "dir-dangling-reference")):
        copy = os.path.join(WORK, "fixtures", name)
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(os.path.join(fixtures, name), copy)
    copies = os.path.join(WORK, "fixtures")
    # By name, so a reproducer names the corpus and a replay makes it again.
    return {"bundled": [], "generated": ["--data", generated], "hostile": ["--data", hostile],
            "small.json": ["--data", os.path.join(fixtures, "good", "small.json")],
            "small-dir": ["--data", os.path.join(copies, "good", "small-dir")],
            "count-below-named.json": ["--data", os.path.join(fixtures, "warn", "count-below-named.json")],
            "own-fields.json": ["--data", os.path.join(fixtures, "good", "own-fields.json")],
            # Corpora the explorer opens with their problems (broken references, quotes not found,
            # records left out): every screen must cope with what is missing.
            "dangling-reference.json": ["--data", os.path.join(fixtures, "bad", "dangling-reference.json")],
            "quote-not-found.json": ["--data", os.path.join(fixtures, "bad", "quote-not-found.json")],
            "quote-misquoted.json": ["--data", os.path.join(fixtures, "bad", "quote-misquoted.json")],
            "missing-field.json": ["--data", os.path.join(fixtures, "bad", "missing-field.json")],
            "bad-id.json": ["--data", os.path.join(fixtures, "bad", "bad-id.json")],
            "dir-dangling-reference": ["--data", os.path.join(copies, "bad", "dir-dangling-reference")]}


def random_event(rng):
    roll = rng.random()
    if roll < 0.55:
        return ["keys", "".join(rng.choice(KEYS) for _ in range(rng.randint(1, 12)))]
    if roll < 0.65:
        return ["keys", rng.choice(CONTROLS)]
    if roll < 0.78:
        return ["keys", rng.choice(SEQUENCES)]
    if roll < 0.83:
        return ["bytes", rng.choice(INVALID_UTF8).hex()]
    if roll < 0.88:
        return ["keys", "\x1b[200~" + rng.choice(WORDS) + "\n" + rng.choice(WORDS) + "\x1b[201~"]
    if roll < 0.93:
        return ["resize", rng.randint(1, 60), rng.randint(1, 220)]
    if roll < 0.95:
        # y, and a resize while it asks tmux about the clipboard (a SIGWINCH during that read).
        return ["copy-resize", rng.randint(1, 60), rng.randint(1, 220)]
    return ["suspend"]


def resume(pid):
    """fg: a stopped explorer goes on. It may have ended a moment ago (a q sent just before): then
    there is nothing to resume, and how it ended is checked below."""
    try:
        os.kill(pid, signal.SIGCONT)
    except ProcessLookupError:
        pass


def run_session(args, events):
    """Sends the events; returns None when all went well, or what went wrong."""
    # In a folder of its own: `e` among the random keys writes exports where the explorer runs.
    child = PtyProcess(BINARY, args, rows=24, columns=80, cwd=WORK)
    try:
        child.wait_for("6 Notes", seconds=10)  # the tab line: the first frame is drawn
    except AssertionError as error:
        child.finish(seconds=1)
        return "did not start: %s" % error
    for event in events:
        if child.shell.poll() is not None:
            break  # q, Q or Ctrl-C among the keys ended it: a clean exit is checked below
        if event[0] == "keys":
            child.send(event[1].encode())
        elif event[0] == "bytes":
            child.send(bytes.fromhex(event[1]))
        elif event[0] == "resize":
            child.set_size(event[1], event[2])
        elif event[0] == "copy-resize":
            child.send(b"y")
            child.set_size(event[1], event[2])
        elif event[0] == "suspend":
            child.send(b"\x1a")
            child.wait_stopped(seconds=2)
            resume(child.pid)
        child.drain(0.002)
        if child.state() == "T":  # a Ctrl-Z among random keys: fg
            resume(child.pid)
    # A q among the keys may have ended it a moment ago: the explorer's process is gone then, even if
    # the job shell has not noticed yet.
    child.drain(0.05)
    ended_by_keys = child.shell.poll() is not None or child.state() in ("gone", "Z")
    if not ended_by_keys:
        # A Ctrl-Z whose stop came after its fg (the explorer was busy) leaves it stopped: fg first.
        if child.state() == "T":
            resume(child.pid)
        child.send(b"\x03")  # Ctrl-C
    status = child.finish(seconds=5)
    output = bytes(child.output)
    if b"Fatal error" in output or b"Crash" in output or b"corrupted" in output:
        return "crash report in the output (exit %s): %r" % (status, output[-400:])
    if ended_by_keys:
        if status not in (0, 130, 131):
            return "exited %s" % status
    elif status != 130:
        return "Ctrl-C gave exit %s, not 130: %r" % (status, output[-300:])
    if b"\x1b[?1049l" not in output[-2000:] and b"\x1b[?1049l" not in output:
        return "the alternate screen was not left (exit %s)" % status
    return None


def inside_tmux():
    """Starts a detached tmux server on a socket of this run's own and sets TMUX for the explorer;
    returns the socket, or None where tmux cannot start (the fuzzing goes on outside tmux)."""
    socket = os.path.join(WORK, "tmux.sock")
    started = subprocess.run(["tmux", "-S", socket, "new-session", "-d", "-s", "fuzz"], capture_output=True)
    if started.returncode != 0:
        return None
    pid = subprocess.run(["tmux", "-S", socket, "display-message", "-p", "#{pid}"], capture_output=True, text=True).stdout.strip()
    ptyjob.ENV["TMUX"] = "%s,%s,0" % (socket, pid or "0")
    return socket


def main():
    if REPLAY:
        with open(REPLAY) as handle:
            failure = json.load(handle)
        server = inside_tmux()
        try:
            problem = run_session(corpora()[failure["corpus"]], failure["events"])
        finally:
            shutil.rmtree(WORK, ignore_errors=True)
            if server:
                subprocess.run(["tmux", "-S", server, "kill-server"], capture_output=True)
        print("replay: %s" % (problem or "no failure"))
        return 1 if problem else 0
    rng = random.Random(SEED)
    print("keystroke fuzz: seed %d, %.0f seconds" % (SEED, SECONDS), flush=True)
    # The explorer runs as if inside tmux (a server of this run's own), so `y` among the keys asks tmux
    # whether it passes the clipboard on, while resizes arrive: issue 28 saw that read trap on EINTR.
    server = inside_tmux()
    targets = corpora()
    deadline = time.time() + SECONDS
    passed = failed = 0
    keys_sent = 0
    try:
        while time.time() < deadline:
            corpus = rng.choice(sorted(targets))
            events = [random_event(rng) for _ in range(rng.randint(20, 120))]
            keys_sent += sum(len(event[1]) for event in events if event[0] == "keys")
            problem = run_session(targets[corpus], events)
            if problem is None:
                passed += 1
                continue
            failed += 1
            reproducer = os.path.join(tempfile.gettempdir(), "keystroke-fuzz-failure-%d.json" % SEED)
            with open(reproducer, "w") as handle:
                json.dump({"seed": SEED, "corpus": corpus, "events": events, "problem": problem}, handle, indent=1)
            print("FAIL seed %d, session %d on %s: %s\n  reproducer: %s (keystroke_fuzz.py BINARY --replay %s)\n  events: %s"
                  % (SEED, passed + failed, corpus, problem, reproducer, reproducer, json.dumps(events)[:4000]), flush=True)
            break
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
        if server:
            subprocess.run(["tmux", "-S", server, "kill-server"], capture_output=True)
    print("keystroke fuzz: %d sessions, about %d keys" % (passed + failed, keys_sent))
    print("keystroke fuzz: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
