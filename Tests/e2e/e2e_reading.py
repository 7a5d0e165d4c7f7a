"""End-to-end tests: Reading: what data shows as, every excerpt whole, marks, the analyst's questions on screen."""
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


def test_escape_sequences_in_data_are_shown_as_placeholders():
    corpus = os.path.join(WORK, "hostile.json")
    body = "Plain start. \x1b]0;pwned-title\x07 then \x1b[2J and \x1b]52;c;cGF5bG9hZA==\x07 end \u202eevil\u202c."
    data = {
        "articles": [{"id": "a1", "title": "Hostile \x1b[31mred\x1b[0m title", "publisher": "P\x1b]0;x\x07", "published": "2020", "body": body}],
        "actors": [], "statements": [], "events": [],
        "excerpts": [{"id": "x1", "article": "a1", "quote": "Plain start."}],
    }
    with open(corpus, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    raw = os.path.join(WORK, "raw-hostile.log")
    pane = Pane(dossier("--data", corpus), width=100, height=30)
    tmux("pipe-pane", "-o", "-t", pane.name, "cat >> " + shell_quote(raw))
    pane.wait_for("Articles 1/1")
    pane.keys("j")  # make sure a frame was drawn after pipe-pane started
    time.sleep(0.3)
    pane.resize(101, 30)
    screen = pane.wait_for("␛]0;pwned-title␇")
    assert "␛[2J" in screen and "␛[31mred␛[0m" in screen, screen
    pane.keys("q")
    pane.wait_for("EXIT=0")
    tmux("pipe-pane", "-t", pane.name)
    with open(raw, "rb") as handle:
        output = handle.read()
    for bad in [b"\x1b]0;pwned", b"\x1b]52;", b"\x1b[31mred", b"\xe2\x80\xae"]:
        assert bad not in output, "raw output contains %r" % bad
    assert len(output) > 100, "pipe-pane caught no output"
    pane.kill()


def test_every_excerpt_reads_whole_in_the_source_pane():
    # Issue 10: at 80, 120 and 200 columns every excerpt of the bundled corpus, shown in the facts
    # pane (zoomed, so all of it is on screen), reads whole: no letter lost where a line wraps.
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(repository, "data", "articles.json"), encoding="utf-8") as handle:
        articles = sorted(json.load(handle), key=lambda article: article["published"])
    with open(os.path.join(repository, "data", "excerpts.json"), encoding="utf-8") as handle:
        excerpts = json.load(handle)
    for width, height in [(80, 24), (120, 40), (200, 50)]:
        pane = Pane(dossier(), width=width, height=height)
        pane.wait_for("Articles 1/5")
        # Focus the facts pane and zoom it; Tab then cycles list → reader → facts with the zoom kept.
        pane.keys("Tab", "Tab", "z")
        for number, article in enumerate(articles):
            if number > 0:
                pane.keys("Tab", "j", "Tab", "Tab")
            quotes = [e["quote"] for e in excerpts if e["article"] == article["id"]]
            seen = []
            # The facts follow the reader's cursor: on a first line no span takes, ] goes to the first.
            if "No marked span on the cursor" in pane.settled():
                pane.keys("]")
            for span in range(len(quotes)):
                if span > 0:
                    pane.keys("]")
                pane.wait_for("Span %d of %d supports" % (span + 1, len(quotes)))
                seen.append(collapsed(pane.settled()))
            for quote in quotes:
                wanted = collapsed("“" + quote + "”")
                assert any(wanted in screen for screen in seen), "%dx%d: %r not whole in any screen" % (width, height, quote[:60])
        pane.keys("q", "q")
        pane.wait_for("EXIT=0")
        pane.kill()


def test_marks_are_visible_in_every_mode():
    # Issue 10: the current search match in the reader is drawn unlike the span around it and unlike
    # plain text, with colour, with 8 colours, with NO_COLOR and on a monochrome terminal.
    for term, env in [("xterm-256color", {"NO_COLOR": None}), ("xterm", {"NO_COLOR": None}),
                      ("xterm-256color", {"NO_COLOR": "1"}), ("vt100", {"NO_COLOR": None})]:
        pane = Pane(dossier(), width=100, height=30, term=term, env=env)
        pane.wait_for("Articles 1/5")
        pane.keys("f")
        pane.type("bachelet")
        pane.wait_for("Articles (")
        pane.keys("Down", "Enter")
        pane.wait_for("“bachelet” 1/")
        found = False
        for line in pane.screen(escapes=True).splitlines():
            cells = sgr_cells(line)
            text = "".join(c for c, _ in cells)
            # The match in the reader's column (the facts pane beside it follows the hit's span, which
            # names Bachelet too).
            bars = [i for i, c in enumerate(text) if c == "│"]
            if not bars:
                continue
            start = text.find("Bachelet", bars[0], bars[1] if len(bars) > 1 else len(text))
            if start < 0 or "Facts" in text:
                continue
            match = {cells[start + i][1] for i in range(len("Bachelet"))}
            assert len(match) == 1, (term, env, line)
            outside = {a for i, (c, a) in enumerate(cells) if c.isalpha() and not start <= i < start + 8 and i > 40}
            assert outside and match.isdisjoint(outside), (term, env, match, outside)
            assert match != {()}, (term, env, "the match has no attribute")
            found = True
        assert found, (term, env, pane.screen())
        pane.keys("q")
        pane.wait_for("EXIT=0")
        pane.kill()


def test_disagreeing_sources_side_by_side():
    pane = Pane(dossier(), width=120, height=40)
    pane.wait_for("Articles 1/5")
    pane.keys("3", "j")
    pane.wait_for("Statements 2/24")
    pane.keys("d")
    pane.wait_for("Sources disagree on how many signed")
    # The whole frame, not its first rows: wait for its last column's excerpt too.
    screen = pane.wait_for("In 2019, 25 countries")
    assert "1/4 · 22 · CNN, via China Digital Times" in screen and "3/4 · 25 · Unnamed blog" in screen, screen
    assert "the group of 22 nations" in screen and "In 2019, 25 countries" in screen, screen
    pane.keys("Tab", "]")
    pane.wait_for("4/4 · more than 20")
    pane.keys("Escape")
    pane.wait_for("Statements 2/24")
    pane.kill()


def test_who_signed_the_letter_and_not_the_counter_letter():
    pane = Pane(dossier())
    pane.wait_for("Articles 1/5")
    pane.keys("3", "j", "m")
    pane.wait_for("Marked.")
    pane.keys("j", "m")
    screen = pane.wait_for("Only A (7)")
    assert "Signed both (0)" in screen and "Only B (4)" in screen, screen
    for name in ["United Kingdom", "France", "Germany", "Australia", "Canada", "Japan", "New Zealand", "Russia", "Syria"]:
        assert name in screen, (name, screen)
    pane.keys("l", "j", "Enter")
    pane.wait_for("Actors")
    pane.wait_for("France")
    pane.keys("BSpace")
    pane.wait_for("Only A (7)")
    pane.kill()


def test_timeline_from_the_2009_unrest_to_the_2024_update():
    pane = Pane(dossier(), width=100, height=45)
    pane.wait_for("Articles 1/5")
    pane.keys("4")
    screen = pane.wait_for("Timeline 1/36")
    assert "2009 07-05" in screen and "Ürümqi riots" in screen, screen
    pane.keys("G")
    screen = pane.wait_for("Timeline 36/36")
    assert "OHCHR update to" in screen and "2024" in screen, screen
    pane.kill()


def test_find_every_article_that_mentions_bachelet():
    pane = Pane(dossier(), width=120, height=40)
    pane.wait_for("Articles 1/5")
    pane.keys("f")
    pane.type("bachelet")
    pane.wait_for("Find: bachelet▏")
    screen = pane.wait_for("Articles (13)")
    for title in ["China Rebuked by 22", "Is China’s Human Ri", "UNPO Signs Joint", "UN report outlines", "China willing to en"]:
        assert title in screen, (title, screen)
    # Open the Global News article's first match, then step through its matches in place.
    for _ in range(6):
        pane.keys("Down")
    pane.keys("Enter")
    # Global News names her six times: the first match, the second, then back round to the last.
    pane.wait_for("“bachelet” 1/6 n/N")
    pane.keys("n")
    pane.wait_for("“bachelet” 2/6 n/N")
    pane.keys("N", "N")
    pane.wait_for("“bachelet” 6/6 n/N")
    pane.keys("BSpace")
    pane.wait_for("Articles (13)")
    pane.kill()


def test_stance_matrix():
    pane = Pane(dossier())
    pane.wait_for("Articles 1/5")
    pane.keys("5")
    screen = pane.wait_for("Matrix 14 states × 24 statements")
    assert "United Kingdom" in screen or "Australia" in screen, screen
    pane.keys("/")
    pane.type("supportive")
    pane.keys("Enter")
    pane.wait_for("filter: supportive")
    pane.kill()
