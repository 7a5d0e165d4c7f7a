#!/usr/bin/env python3
"""How many team sessions one machine holds (issue 31, docs/team.md): N analysts connect at once through
a real sshd (as in e2e_team), each in a tmux pane of its own, on a warm index; the time until every
one shows its first frame, and the memory of the server's side of each session (the `dossier team
session` process and the sshd processes serving it), as PSS, so pages shared between sessions (the
binary, the mapped index) are counted once across them.

Usage: team_sessions.py PATH-TO-DOSSIER [--sessions 1,5,10,20]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import *  # noqa: F401,F403
import e2e_team


def pss_kb(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid) as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def processes():
    """(pid, parent, command line) of every process."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            with open("/proc/%s/cmdline" % name, "rb") as handle:
                command = handle.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        found.append((int(name), parent, command))
    return found


def main():
    counts = [int(n) for n in (sys.argv[sys.argv.index("--sessions") + 1] if "--sessions" in sys.argv else "1,5,10,20").split(",")]
    server = e2e_team.team_server()
    tmux("new-session", "-d", "-s", "keepalive", "sleep 3600")
    # A first session writes the index; every measured one opens warm.
    warm = Pane(" ".join(shell_quote(word) for word in e2e_team.ssh_command("ana")), width=100, height=30)
    warm.wait_for("Articles 1/5", timeout=60)
    time.sleep(2)
    warm.kill()
    print("| sessions | all first frames | PSS per session (server side) | PSS of all sessions |")
    print("|---:|---:|---:|---:|")
    try:
        for count in counts:
            started = time.time()
            panes = [Pane(" ".join(shell_quote(word) for word in e2e_team.ssh_command("ana" if n % 2 == 0 else "bo")), width=100, height=30)
                     for n in range(count)]
            for pane in panes:
                pane.wait_for("Articles 1/5", timeout=120)
            elapsed = time.time() - started
            time.sleep(1)
            table = processes()
            sessions = [pid for pid, _, command in table if " team session " in command and "dossier" in command]
            # Each session's sshd processes: its ancestors up to the listening sshd (not counted).
            parents = {pid: parent for pid, parent, _ in table}
            commands = {pid: command for pid, _, command in table}
            counted = set()
            for pid in sessions:
                counted.add(pid)
                up = parents.get(pid)
                while up and up != server["pid"] and "sshd" in commands.get(up, ""):
                    counted.add(up)
                    up = parents.get(up)
            total = sum(pss_kb(pid) for pid in counted)
            print("| %d | %.1f s | %.1f MB | %.0f MB |" % (count, elapsed, total / 1024 / max(1, len(sessions)), total / 1024), flush=True)
            for pane in panes:
                pane.kill()
            time.sleep(2)
    finally:
        tmux("kill-server", check=False)
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
