"""End-to-end tests: Moving, following, filtering, help, paging and the q key."""
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


def test_open_and_move():
    pane = Pane(dossier())
    screen = pane.wait_for("Articles 1/5")
    assert "[1 Articles]" in screen and "Reader" in screen and "Facts of the selected span" in screen, screen
    pane.keys("j")
    pane.wait_for("Articles 2/5")
    pane.keys("G")
    pane.wait_for("Articles 5/5")
    pane.keys("2")
    pane.wait_for("Actors 1/70")
    pane.keys("3")
    pane.wait_for("Statements 1/24")
    pane.kill()


def test_follow_signatory_to_actor_and_back():
    pane = Pane(dossier())
    pane.wait_for("Articles 1/5")
    pane.keys("3", "j", "Enter")
    pane.wait_for("Statements 2/24 · detail")
    for _ in range(6):
        pane.keys("j")
    screen = pane.wait_for("▸  United Kingdom GBR")
    # The excerpt that names the signatory is beside it.
    assert "Britain, France and Germany" in screen, screen
    pane.keys("Enter")
    screen = pane.wait_for("Actors 60/70 · detail")
    assert "also: Britain" in screen, screen
    pane.keys("BSpace")
    screen = pane.wait_for("Statements 2/24 · detail")
    assert "▸  United Kingdom GBR" in screen, screen
    pane.keys("C-o")  # nothing further back: no change, no crash
    pane.wait_for("Statements 2/24 · detail")
    pane.kill()


def test_filter_ignores_case_and_accents():
    pane = Pane(dossier())
    pane.wait_for("Articles 1/5")
    pane.keys("2", "/")
    pane.type("turk")
    pane.wait_for("/turk▏")  # "tur" already matches three; wait for the whole query
    screen = pane.wait_for("Actors (3)")
    assert "Volker Türk" in screen and "Turkey" in screen, screen
    pane.keys("Enter")
    pane.wait_for("filter: turk")
    pane.keys("Escape")
    pane.wait_for("Actors (70)")
    pane.kill()


def test_help_overlay():
    pane = Pane(dossier())
    pane.wait_for("Articles 1/5")
    pane.keys("?")
    pane.wait_for("Keys and marks · j/k Space b scroll · / search · q closes")
    # The whole frame, not one caught half drawn (the title comes first).
    screen = pane.settled()
    assert "back to exactly where you were" in screen or "Moving" in screen, screen
    pane.keys("Escape")
    pane.wait_for("Keys and marks · j/k", absent=True)
    pane.kill()


def test_q_closes_what_is_on_top_and_q_quits_from_the_base_screen():
    pane = Pane(dossier(), width=120, height=40)
    pane.wait_for("Articles 1/5")
    pane.keys("3", "j", "d")
    pane.wait_for("Sources disagree")
    pane.keys("q")
    pane.wait_for("Statements 2/24")
    pane.keys("?")
    pane.wait_for("Keys and marks ·")
    pane.keys("q")
    pane.wait_for("Keys and marks ·", absent=True)
    pane.keys("j", "m", "k", "m")
    pane.wait_for("Who signed")
    pane.wait_for("q close")
    pane.keys("Q")
    pane.wait_for("EXIT=0")
    pane.kill()


def test_pages_like_less_and_the_help_searches_itself():
    pane = Pane(dossier())
    pane.wait_for("Articles 1/5")
    pane.keys("2", "Space")
    pane.wait_for("Actors 22/70")
    pane.keys("Space", "C-b")
    pane.wait_for("Actors 22/70")
    pane.keys("C-u")
    pane.wait_for("Actors 12/70")
    pane.keys("?", "/")
    pane.type("zoom")
    pane.keys("Enter")
    screen = pane.wait_for("“zoom” n/N")
    assert "zoomed pane" in screen.splitlines()[2], screen  # the first line that holds it, at the top
    pane.keys("n")
    pane.wait_for("zoom the focused pane")
    pane.keys("q", "z")
    pane.wait_for("zoomed, z restores")
    pane.keys("q")
    pane.wait_for("zoomed, z restores", absent=True)
    pane.keys("q")
    pane.wait_for("EXIT=0")
    pane.kill()


def test_prompts_edit_like_readline_and_take_a_bracketed_paste():
    pane = Pane(dossier(), width=100, height=30)
    pane.wait_for("Articles 1/5")
    pane.keys("2", "/")
    pane.type("tuk")
    pane.keys("Left", "r")
    pane.wait_for("/turk")
    pane.keys("C-a", "C-k")
    tmux("set-buffer", "-b", "e2e", "volker\nq")
    tmux("paste-buffer", "-p", "-d", "-b", "e2e", "-t", pane.name)
    screen = pane.wait_for("/volker q")
    assert "EXIT=" not in screen, screen
    pane.keys("C-w", "C-w")
    pane.type("ohchr")
    pane.keys("Enter")
    pane.wait_for("filter: ohchr")
    # / brings the last filter back selected: typing replaces it.
    pane.keys("/")
    pane.type("turk")
    pane.wait_for("/turk")
    pane.keys("Enter", "x")
    pane.wait_for("x does nothing here")
    pane.keys("C-l")
    pane.wait_for("filter: turk")
    pane.keys("q")
    pane.wait_for("EXIT=0")
    pane.kill()


def test_reopening_returns_to_where_the_user_left_and_fresh_starts_clean():
    # Issue 15: the view, the selection, the filter and the Back history are where the user left them;
    # --fresh starts at the beginning (and still keeps the place for next time).
    state = os.path.join(WORK, "xdg-state-session")
    shutil.rmtree(state, ignore_errors=True)
    first = Pane(dossier(), width=120, height=30, env={"XDG_STATE_HOME": state})
    first.wait_for("Articles 1/5")
    first.keys("3", "j", "Enter")
    for _ in range(6):
        first.keys("j")
    first.wait_for("▸  United Kingdom GBR")
    first.keys("Enter")
    first.wait_for("Actors 60/70 · detail")
    first.keys("q")
    first.wait_for("EXIT=0")
    first.kill()
    again = Pane(dossier(), width=120, height=30, env={"XDG_STATE_HOME": state})
    again.wait_for("Actors 60/70 · detail")
    again.keys("BSpace")  # the history came back too
    again.wait_for("Statements 2/24 · detail")
    again.wait_for("▸  United Kingdom GBR")
    again.keys("2", "/")
    again.type("turk")
    again.keys("Enter", "q")
    again.wait_for("EXIT=0")
    again.kill()
    fresh = Pane(dossier("--fresh"), width=120, height=30, env={"XDG_STATE_HOME": state})
    fresh.wait_for("Articles 1/5")
    fresh.keys("q")
    fresh.wait_for("EXIT=0")
    fresh.kill()
    kept = Pane(dossier(), width=120, height=30, env={"XDG_STATE_HOME": state})
    kept.wait_for("Articles 1/5")  # --fresh's own place (where it quit) is the one kept
    kept.keys("q")
    kept.wait_for("EXIT=0")
    kept.kill()
