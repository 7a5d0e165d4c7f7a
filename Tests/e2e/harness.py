"""The end-to-end suite's shared harness: the binary under test (argv[1]), a tmux server of the run's
own, a pane running a command at a size, settled screens, and small helpers the areas share."""

import csv
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SOCKET = "dossier-e2e-%d" % os.getpid()
BINARY = os.path.abspath(sys.argv[1])
REPORT = sys.argv[sys.argv.index("--report") + 1] if "--report" in sys.argv else None
ONLY = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else None
WORK = tempfile.mkdtemp(prefix="dossier-e2e-")
FIGURES = {}
UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def tmux(*args, check=True):
    result = subprocess.run(["tmux", "-L", SOCKET] + list(args), capture_output=True, text=True)
    if check and result.returncode != 0:
        raise RuntimeError("tmux %s: %s" % (" ".join(args), result.stderr.strip()))
    return result.stdout


def shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


class Pane:
    """A tmux session running one command (or a shell) at a given size."""

    counter = 0

    def __init__(self, command=None, width=80, height=24, env=None, term="xterm-256color"):
        Pane.counter += 1
        self.name = "p%d" % Pane.counter
        environment = dict(UTF8)
        environment["TERM"] = term
        # Each pane keeps its session (where the user left the corpus) and notes to itself, so one
        # test's place is never the next one's start; a test that shares them says so in `env`.
        environment["XDG_STATE_HOME"] = os.path.join(WORK, "state-" + self.name)
        environment["XDG_DATA_HOME"] = os.path.join(WORK, "data-" + self.name)
        # Corpus indexes are shared by every pane of the run (as by a user's explorers), never ~/.cache.
        environment["XDG_CACHE_HOME"] = os.path.join(WORK, "cache")
        environment.update(env or {})
        exports = " ".join("%s=%s" % (key, shell_quote(value)) for key, value in environment.items() if value is not None)
        unsets = " ".join("-u %s" % key for key, value in environment.items() if value is None)
        prefix = "env %s %s " % (unsets, exports)
        if command is None:
            # An interactive shell with a plain, recognisable prompt.
            line = prefix + "PS1='PROMPT$ ' bash --norc --noprofile -i"
        else:
            line = prefix + command + "; echo EXIT=$?; sleep 600"
        tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), line)
        tmux("set-option", "-t", self.name, "remain-on-exit", "on")

    def keys(self, *keys, literal=False):
        args = ["send-keys", "-t", self.name] + (["-l"] if literal else []) + list(keys)
        tmux(*args)

    def type(self, text):
        self.keys(text, literal=True)

    def screen(self, escapes=False):
        return tmux("capture-pane", "-p", "-t", self.name, *(["-e"] if escapes else []))

    def wait_for(self, text, timeout=5.0, absent=False):
        """The settled screen (two captures agreeing) once it shows `text` (or no longer does): every
        wait ends on a whole frame, and what the test asserts next reads that frame, never one caught
        half drawn on a busy machine (issue 28 saw the who-signed header over the old list)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            screen = self.screen()
            if (text in screen) != absent:
                screen = self.settled()
                if (text in screen) != absent:
                    return screen
            time.sleep(0.05)
        raise AssertionError("%s %r within %.1fs; screen:\n%s" % ("still saw" if absent else "never saw", text, timeout, self.screen()))

    def settled(self, timeout=3.0):
        """The screen once two captures 50 ms apart agree: a large frame can be caught half drawn."""
        deadline = time.time() + timeout
        previous = self.screen()
        while time.time() < deadline:
            time.sleep(0.05)
            current = self.screen()
            if current == previous:
                return current
            previous = current
        return previous

    def pid(self):
        return int(tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def resize(self, width, height):
        tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def kill(self):
        tmux("kill-session", "-t", self.name, check=False)


def dossier(*args):
    return " ".join([shell_quote(BINARY)] + [shell_quote(a) for a in args])


def process_alive(pid):
    # A process that exits while its stat file is read gives ESRCH, not ENOENT (seen once in CI).
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def child_pids(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as handle:
            return [int(x) for x in handle.read().split()]
    except (FileNotFoundError, ProcessLookupError):
        return []


def copy_of_bundled_corpus(name):
    """data/ copied to WORK/name: its folder, its articles, and the first article the list shows."""
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    corpus = os.path.join(WORK, name)
    shutil.copytree(os.path.join(repository, "data"), corpus)
    with open(os.path.join(corpus, "articles.json"), encoding="utf-8") as handle:
        articles = json.load(handle)
    return corpus, articles, min(articles, key=lambda article: article["published"])


def exits_within(pid, seconds):
    started = time.time()
    while time.time() - started < seconds:
        if not process_alive(pid):
            return time.time() - started
        time.sleep(0.02)
    return None


def bytes_per_key(pane, steps, name):
    """Sends each (key, text to wait for) and returns how many bytes the program wrote for each."""
    raw = os.path.join(WORK, name + ".log")
    tmux("pipe-pane", "-o", "-t", pane.name, "cat >> " + shell_quote(raw))
    time.sleep(0.3)
    sizes = []
    for key, expected in steps:
        before = os.path.getsize(raw) if os.path.exists(raw) else 0
        pane.keys(key)
        pane.wait_for(expected)
        time.sleep(0.3)  # let the whole frame arrive
        sizes.append(os.path.getsize(raw) - before)
    tmux("pipe-pane", "-t", pane.name)
    return sizes


def collapsed(text):
    return " ".join(text.split())


def sgr_cells(line):
    """One captured line with escapes (capture-pane -e) as (character, attributes) per cell, where
    attributes are the SGR parameters in force: bold, underline, reverse and colours."""
    cells, state, index = [], {}, 0
    while index < len(line):
        if line[index] == "\x1b" and line[index + 1:index + 2] == "[":
            end = index + 2
            while end < len(line) and not line[end].isalpha():
                end += 1
            if line[end] == "m":
                parameters = [int(p) if p.isdigit() else 0 for p in line[index + 2:end].split(";")] or [0]
                position = 0
                while position < len(parameters):
                    p = parameters[position]
                    if p == 0:
                        state = {}
                    elif p in (1, 2, 4, 7):
                        state[p] = True
                    elif p in (22, 24, 27):
                        state.pop({22: 1, 24: 4, 27: 7}[p], None)
                        if p == 22:
                            state.pop(2, None)
                    elif p in (38, 48) and position + 2 < len(parameters) and parameters[position + 1] == 5:
                        state[p] = parameters[position + 2]
                        position += 2
                    elif 30 <= p <= 37 or 90 <= p <= 97:
                        state[38] = p
                    elif 40 <= p <= 47 or 100 <= p <= 107:
                        state[48] = p
                    elif p == 39:
                        state.pop(38, None)
                    elif p == 49:
                        state.pop(48, None)
                    position += 1
            index = end + 1
            continue
        cells.append((line[index], tuple(sorted(state.items()))))
        index += 1
    return cells


def sgr_mouse(button, column, row, release=False):
    """What xterm's SGR mouse protocol (the one ncurses asks xterm-256color for) sends: 1-based cells."""
    return "\x1b[<%d;%d;%d%s" % (button, column, row, "m" if release else "M")


def open_sentence(pane, words):
    """f, the words, Enter: the article opens in the reader, its cursor on the line of the hit."""
    pane.keys("f")
    pane.type(words)
    pane.wait_for("Articles (1)")
    pane.keys("Enter")
    pane.wait_for("” 1/1 n/N")
