"""End-to-end tests: Copy and export from the explorer."""
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


def test_y_copies_the_2019_letter_with_its_citation_into_tmuxs_paste_buffer():
    # Issue 12: OSC 52 through tmux (set-clipboard on) makes a paste buffer; the copy is also appended
    # to $XDG_STATE_HOME/dossier/copies.md for terminals without OSC 52.
    state = os.path.join(WORK, "state")
    tmux("set-option", "-g", "set-clipboard", "on")
    tmux("delete-buffer", check=False)
    pane = Pane(dossier(), width=120, height=30, env={"XDG_STATE_HOME": state})
    pane.wait_for("Articles 1/5")
    pane.keys("3", "j")
    pane.wait_for("Statements 2/24")
    pane.keys("y")
    pane.wait_for("Copied Joint letter of states")
    copied = tmux("show-buffer")
    assert copied.startswith("Joint letter of states to the High Commissioner on Xinjiang detentions (letter, 2019-07) [st-2019-07-joint-letter]"), copied
    assert "according to China Digital Times, “China Rebuked by 22 Nations Over Xinjiang”, 2019-07" in copied, copied
    with open(os.path.join(state, "dossier", "copies.md"), encoding="utf-8") as handle:
        assert copied in handle.read()
    pane.keys("q")
    pane.wait_for("EXIT=0")
    pane.kill()


def test_an_export_to_a_relative_name_says_the_full_path():
    # Issue 32: "Exported 24 rows to stmts.md" did not say where that was.
    folder = os.path.join(WORK, "relative-export")
    os.makedirs(folder, exist_ok=True)
    pane = Pane("sh -c %s" % shell_quote("cd %s && exec %s" % (shell_quote(folder), dossier())), width=160, height=30)
    pane.wait_for("Articles 1/5")
    pane.keys("3", "e")
    pane.wait_for("Export to:")
    pane.type("stmts.md")
    pane.keys("Enter")
    full = os.path.join(folder, "stmts.md")
    pane.wait_for("Exported 24 rows to " + full)
    assert os.path.exists(full)
    pane.keys("q")
    pane.kill()


def test_e_exports_the_filtered_list_to_the_file_named():
    # Issue 12: the list on screen, as filtered, written where the user says, in the format of its name.
    out = os.path.join(WORK, "letters.csv")
    pane = Pane(dossier(), width=120, height=30)
    pane.wait_for("Articles 1/5")
    pane.keys("3", "/")
    pane.type("letter")
    pane.keys("Enter", "e")
    pane.wait_for("Export to:")
    pane.type(out)
    pane.keys("Enter")
    pane.wait_for("Exported")
    with open(out, encoding="utf-8") as handle:
        rows = handle.read().split("\r\n")
    assert rows[0].startswith("id,title,kind,date,stance"), rows
    assert any("st-2019-07-joint-letter" in row for row in rows) and all("letter" in row.lower() for row in rows[1:] if row), rows
    # The same name again is refused; a name ending in ! replaces it.
    pane.keys("e")
    pane.type(out)
    pane.keys("Enter")
    pane.wait_for("exists: end the name with ! to replace it")
    pane.keys("q")
    pane.wait_for("EXIT=0")
    pane.kill()


def test_ctrl_s_exports_search_results_through_a_real_terminal():
    # Issue 12: on the search screen letters type the query, so Ctrl-S (VisiData's save key) exports;
    # the terminal's flow control is off, so the key reaches Dossier instead of freezing the screen.
    out = os.path.join(WORK, "hits.csv")
    pane = Pane(dossier(), width=100, height=30)
    pane.wait_for("Articles 1/5")
    pane.keys("f")
    pane.type("bachelet")
    pane.wait_for("Excerpts")
    pane.keys("C-s")
    pane.wait_for("Export to:")
    pane.type(out)
    pane.keys("Enter")
    pane.wait_for("Exported")
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:6] == ["kind", "id", "name", "field", "match", "context"], rows[0]
    assert len(rows) > 10 and all(row[4].lower() == "bachelet" for row in rows[1:]), rows
    assert any(row[6] == "art-2022-unpo-joint-letter" and row[10] == "https://unpo.org/article/22210" for row in rows), rows
    pane.keys("Escape", "q")
    pane.wait_for("EXIT=0")
    pane.kill()
