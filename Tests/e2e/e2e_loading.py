"""End-to-end tests: Loading: large corpora, the persistent index, bodies from their file, bad corpora."""
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

from harness import *  # noqa: F401,F403 (the panes, tmux, the binary and the helpers)


def test_responsive_while_a_large_corpus_loads():
    corpus = os.path.join(WORK, "large")
    subprocess.run([BINARY, "generate", "20000", corpus], check=True, capture_output=True)
    pane = Pane(dossier("--data", corpus), width=100, height=30)
    pane.wait_for("Loading the corpus…", timeout=10)
    # Keys work while the rest loads in the background: the selection moves at once.
    pane.keys("j")
    pane.wait_for("▸20", timeout=2)
    started = time.time()
    pane.keys("q")
    pane.wait_for("EXIT=0", timeout=2)
    FIGURES["quit_while_loading_20000_ms"] = round((time.time() - started) * 1000)
    pane.kill()
    # Left alone, it finishes loading and shows everything.
    pane = Pane(dossier("--data", corpus), width=100, height=30)
    pane.wait_for("Articles 1/20000", timeout=30)
    pane.keys("2")
    pane.wait_for("Actors 1/4000")
    pane.kill()


def test_a_second_open_reads_the_index_and_shows_the_same_screens():
    # The first open loads the JSON and writes the corpus's index in the background; the second reads
    # the index; a third, after the index is cut in half, loads the JSON again and writes a whole one.
    # Every view, and a search, look the same each time.
    corpus, _, _ = copy_of_bundled_corpus("indexed")
    time.sleep(1.1)  # files changed in the last second are not trusted by an index
    cache = os.path.join(WORK, "cache-indexed")
    folder = os.path.join(cache, "dossier")

    def index_files():
        return sorted(name for name in os.listdir(folder) if name.endswith(".dix")) if os.path.isdir(folder) else []

    def screens():
        pane = Pane(dossier("--data", corpus), width=120, height=32, env={"XDG_CACHE_HOME": cache})
        pane.wait_for("Articles 1/5")
        seen = []
        for key in ["1", "2", "3", "4", "5"]:
            pane.keys(key)
            seen.append(pane.settled())
        pane.keys("1", "f")
        pane.type("xinjiang")
        pane.wait_for("Articles (")
        seen.append(pane.settled())
        pane.keys("Escape", "q")
        pane.wait_for("EXIT=0")
        pane.kill()
        return seen

    cold = screens()
    deadline = time.time() + 10
    while not index_files() and time.time() < deadline:
        time.sleep(0.1)
    assert len(index_files()) == 1, index_files()
    index = os.path.join(folder, index_files()[0])
    size = os.path.getsize(index)
    written = os.stat(index).st_mtime_ns
    warm = screens()
    assert warm == cold, "the warm open differs:\n%s\n----\n%s" % (next(w for w, c in zip(warm, cold) if w != c), next(c for w, c in zip(warm, cold) if w != c))
    assert os.stat(index).st_mtime_ns == written, "a fresh index was written again"
    with open(index, "r+b") as handle:
        handle.truncate(size // 2)
    damaged = screens()
    assert damaged == cold
    deadline = time.time() + 10
    while os.path.getsize(index) != size and time.time() < deadline:
        time.sleep(0.1)
    assert os.path.getsize(index) == size, "the cut index was not written whole again"


def test_an_index_cut_short_written_into_or_replaced_under_the_explorer_is_not_a_crash():
    # Issue 28, item 3. Seen on main: the index cut short under a running explorer, then G: SIGBUS,
    # exit 135; written into in place: exit 66 or a trap. Now the explorer reads the corpus from its
    # files again and says so; an index replaced by a rename leaves the one it reads as it was.
    corpus, _, _ = copy_of_bundled_corpus("damaged-index")
    time.sleep(1.1)  # files changed in the last second are not trusted by an index
    cache = os.path.join(WORK, "cache-damaged")
    environment = dict(os.environ, XDG_CACHE_HOME=cache, DOSSIER_CACHE_REPORT="1")
    said = "The corpus index was changed by another program"

    def warm_explorer():
        shutil.rmtree(cache, ignore_errors=True)
        written = subprocess.run([BINARY, "search", "Turkey", "--data", corpus], capture_output=True, text=True, env=environment)
        assert "index: rebuilt" in written.stderr, written.stderr
        folder = os.path.join(cache, "dossier")
        index = os.path.join(folder, next(name for name in os.listdir(folder) if name.endswith(".dix")))
        pane = Pane(dossier("--data", corpus), width=120, height=32, env={"XDG_CACHE_HOME": cache})
        pane.wait_for("Articles 1/5")
        return pane, index

    def reads_whole(pane):
        pane.keys("2", "G")
        screen = pane.wait_for("Actors 70/70")
        assert "▸Zhang Jun" in screen, screen
        pane.keys("3", "g")
        pane.wait_for("Statements 1/24")
        pane.keys("/")
        pane.type("Turkey")
        pane.keys("Enter")
        pane.wait_for("Turkey’s statement of concern")

    def overwrite(index):
        size = os.path.getsize(index)
        with open(index, "r+b") as handle:
            handle.seek(64)
            handle.write(bytes(random.Random(28).getrandbits(8) for _ in range(size - 64)))

    for damage in ("cut", "written into"):
        pane, index = warm_explorer()
        if damage == "cut":
            os.truncate(index, 0)
        else:
            overwrite(index)
        # Said at once, with no key: the file is looked at between keys (a key that reads what was
        # lost before that is the unit test's case: zeros or an empty record, counted, never shown).
        pane.wait_for(said)
        reads_whole(pane)
        pane.keys("q")
        pane.wait_for("EXIT=0")
        pane.kill()

    # Replaced by a rename (what Dossier itself does): the explorer keeps reading the file it mapped.
    pane, index = warm_explorer()
    replacement = index + ".new"
    with open(replacement, "wb") as handle:
        handle.write(b"not an index")
    os.rename(replacement, index)
    reads_whole(pane)
    assert said not in pane.screen()
    pane.keys("q")
    pane.wait_for("EXIT=0")
    pane.kill()


def test_bodies_are_read_from_their_file_and_a_changed_file_is_said():
    # A corpus directory's bodies are read from articles.json when shown. Changed on disk, a body not
    # read yet is refused with a message in the reader, and the explorer carries on.
    corpus, _, first = copy_of_bundled_corpus("data-copy")
    words = " ".join(first["body"].split()[:3])
    pane = Pane(dossier("--data", corpus), width=140, height=30)
    pane.wait_for("Articles 1/5")
    pane.wait_for(words)
    os.utime(os.path.join(corpus, "articles.json"), (1000000000, 1000000000))
    pane.keys("j")
    pane.wait_for("⚠ cannot read the article body")
    pane.keys("k")
    pane.wait_for(words)  # read before the change: still shown as it was loaded
    pane.keys("q")
    pane.wait_for("EXIT=0")
    pane.kill()


def test_an_article_with_an_enormous_body_reads_to_its_end():
    # 30 MB in one body (a whole report pasted in, or hostile input): the reader lays it out once, then
    # scrolls, jumps to its end and back, and q quits, as with any article.
    corpus, articles, first = copy_of_bundled_corpus("enormous")
    path = os.path.join(corpus, "articles.json")
    filler = "\n\n".join("Archive paragraph %d: Genève, Türk, 新疆, “quoted” and plain words again." % n for n in range(400000))
    first["body"] += "\n\n" + filler + "\n\nTHE-END-OF-THE-LONG-BODY"
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(articles, handle, ensure_ascii=False)
    assert os.path.getsize(path) > 30 * 1000 * 1000
    pane = Pane(dossier("--data", corpus), width=120, height=30)
    pane.wait_for("Articles 1/5", timeout=10)
    pane.keys("Tab")
    pane.keys("End")
    pane.wait_for("THE-END-OF-THE-LONG-BODY", timeout=10)
    pane.keys("Home")
    pane.wait_for("THE-END-OF-THE-LONG-BODY", absent=True, timeout=10)
    pane.keys("q")
    pane.wait_for("EXIT=0", timeout=10)
    pane.kill()


def test_an_invalid_corpus_found_while_loading_restores_the_terminal():
    bad = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Fixtures", "bad", "dir-syntax-in-actors")
    pane = Pane(None, width=220)
    pane.wait_for("PROMPT$")
    pane.type(dossier("--data", bad))
    pane.keys("Enter")
    screen = pane.wait_for("is not a valid corpus")
    assert "actors.json:6:5: error: unexpected '\"'; expected ',' or '}'" in screen, screen
    pane.type("echo status=$?")
    pane.keys("Enter")
    pane.wait_for("status=65")
    pane.kill()


def test_a_corpus_with_a_dangling_reference_opens_with_its_problem_shown():
    # Issue 13: one dangling reference used to keep the user out of everything (exit 65).
    fixtures = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Fixtures")
    for corpus, where in [(os.path.join(fixtures, "bad", "dir-dangling-reference"), "statements.json:36:18"),
                          (os.path.join(fixtures, "bad", "dangling-reference.json"), "dangling-reference.json:99:20")]:
        pane = Pane(dossier("--data", corpus), width=120, height=30)
        pane.wait_for("1 error (!)")
        pane.keys("3", "Tab")
        pane.wait_for("deu ⚠ not in the corpus")
        pane.keys("!")
        pane.wait_for("Problems: 1 error")
        # The row ends in "…" at this width; the selected problem is whole under the list.
        screen = pane.wait_for("expected an actor")
        whole = " ".join(line.strip() for line in screen.splitlines())
        assert where in screen and 'signatories.actor: "deu" is not the id of any record; expected an actor' in whole, screen
        pane.keys("Enter")
        pane.wait_for("Statements 1/1")
        pane.keys("q")
        pane.wait_for("EXIT=0")
        pane.kill()
