#!/usr/bin/env python3
"""End-to-end tests of the real `dossier` binary in tmux: keys go in with send-keys, the screen comes
back with capture-pane, and the bytes the program writes are caught with pipe-pane.

Usage: explorer_e2e.py PATH-TO-DOSSIER [--report FILE] [--only NAME[,NAME…]]
Prints one line per test and 'e2e: N passed, N failed'; exits 1 if any failed. --report writes the
measured figures (bytes on the wire, exit latencies) as JSON for docs/performance.md. --only runs the
tests whose names contain one of the NAMEs (`--only index_cut,who_signed`); none matching is an error.
"""
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import *  # noqa: F401,F403

import e2e_editing
import e2e_loading
import e2e_moving
import e2e_notes
import e2e_output
import e2e_reading
import e2e_team
import e2e_terminal

AREAS = [e2e_moving, e2e_terminal, e2e_reading, e2e_output, e2e_loading, e2e_notes, e2e_editing, e2e_team]
# Every test of every area, by name (the order the suite always ran in).
TESTS = sorted((value for area in AREAS for name, value in vars(area).items() if name.startswith("test_")), key=lambda test: test.__name__)


def main():
    if shutil.which("tmux") is None:
        print("e2e: tmux is not installed")
        return 1
    chosen = [test for test in TESTS if ONLY is None or any(name in test.__name__ for name in ONLY)]
    if not chosen:
        print("e2e: no test's name contains any of %s" % ", ".join(ONLY))
        shutil.rmtree(WORK, ignore_errors=True)
        return 2
    # Keep the server alive between tests: tmux exits when its last session ends.
    tmux("new-session", "-d", "-s", "keepalive", "sleep 3600")
    passed = failed = 0
    try:
        for test in chosen:
            started = time.time()
            try:
                test()
                passed += 1
                print("ok   %s (%.1fs)" % (test.__name__, time.time() - started), flush=True)
            except Exception as error:  # report and go on with the next test
                failed += 1
                print("FAIL %s: %s" % (test.__name__, error), flush=True)
    finally:
        tmux("kill-server", check=False)
        shutil.rmtree(WORK, ignore_errors=True)
    if REPORT:
        with open(REPORT, "w") as handle:
            json.dump(FIGURES, handle, indent=2)
    print("figures: %s" % json.dumps(FIGURES))
    print("e2e: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
