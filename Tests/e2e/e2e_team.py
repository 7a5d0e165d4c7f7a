"""End-to-end tests: a team on one server (issue 31), through a real sshd and the stock ssh client.

sshd runs on a free loopback port with a config, host key and authorized_keys of its own in a
temporary folder, and is stopped by its pid when the run ends. The account is the one running the
tests; `dossier team add` writes its lines into that temporary authorized_keys."""
import atexit
import os
import signal
import socket
import subprocess
import time

from harness import *  # noqa: F401,F403 (the panes, tmux, the binary and the helpers)

SERVER = {}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def team_server():
    """sshd and a team folder with two analysts, ana (editor) and bo (reader), made once for the run."""
    if SERVER:
        return SERVER
    sshd = shutil.which("sshd") or "/usr/sbin/sshd"
    if not os.path.exists(sshd):
        raise AssertionError("sshd is not installed: scripts/install-deps installs openssh-server")
    folder = os.path.join(WORK, "team-ssh")
    os.makedirs(folder)
    for name in ["host", "ana", "bo"]:
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", os.path.join(folder, name)], check=True)
    team = os.path.join(folder, "team")
    keys = os.path.join(folder, "authorized_keys")
    with open(keys, "w") as handle:
        handle.write("# a line of the account's own, kept byte for byte\n")
    os.chmod(keys, 0o600)
    subprocess.run([BINARY, "team", "init", team, "--from-bundled"], check=True, capture_output=True)
    for name, role in [("ana", "editor"), ("bo", "reader")]:
        subprocess.run([BINARY, "team", "add", name, "--key", os.path.join(folder, name + ".pub"), "--role", role,
                        "--authorized-keys", keys, "--team", team], check=True, capture_output=True)
    port = free_port()
    config = os.path.join(folder, "sshd_config")
    with open(config, "w") as handle:
        handle.write("\n".join([
            "Port %d" % port, "ListenAddress 127.0.0.1", "HostKey %s" % os.path.join(folder, "host"),
            "AuthorizedKeysFile %s" % keys, "PidFile %s" % os.path.join(folder, "sshd.pid"),
            # The temporary folder is under /tmp, which everyone may write: StrictModes would refuse it.
            "StrictModes no", "UsePAM no", "PasswordAuthentication no", "KbdInteractiveAuthentication no",
            "PubkeyAuthentication yes", "PermitRootLogin prohibit-password", "PrintMotd no", "PrintLastLog no",
            # Up to 64 connections may be authenticating at once (sshd's default starts dropping some
            # at 10): the session count measured by team_sessions.py connects all at once.
            "MaxStartups 64", "LogLevel VERBOSE", ""]))
    os.makedirs("/run/sshd", exist_ok=True)  # privilege separation's empty folder
    log = open(os.path.join(folder, "sshd.log"), "w")
    server = subprocess.Popen([sshd, "-D", "-e", "-f", config], stdout=log, stderr=log)
    atexit.register(lambda: server.poll() is None and os.kill(server.pid, signal.SIGTERM))
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        raise AssertionError("sshd did not start; its log:\n" + open(os.path.join(folder, "sshd.log")).read())
    SERVER.update(folder=folder, team=team, keys=keys, port=port, pid=server.pid, user=os.environ.get("USER") or "root")
    return SERVER


def ssh_command(name, *words, terminal=True):
    server = team_server()
    options = ["-p", str(server["port"]), "-i", os.path.join(server["folder"], name), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
               "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"]
    return ["ssh", "-t" if terminal else "-T"] + options + ["%s@127.0.0.1" % server["user"]] + list(words)


def test_team_a_command_without_a_terminal_runs_only_what_reads():
    server = team_server()
    found = subprocess.run(ssh_command("bo", "search", "Bachelet", terminal=False), capture_output=True, text=True, timeout=60)
    assert found.returncode == 0 and "Bachelet" in found.stdout, (found.returncode, found.stdout[-500:], found.stderr)
    shell = subprocess.run(ssh_command("bo", "ls", "/", terminal=False), capture_output=True, text=True, timeout=60)
    assert shell.returncode != 0 and "allowed here: list, show, search" in shell.stderr and "bin" not in shell.stdout, (shell.stdout, shell.stderr)
    nothing = subprocess.run(ssh_command("bo", terminal=False), capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert nothing.returncode != 0 and "no terminal" in nothing.stderr, nothing.stderr
    # `restrict`: no forwarding of any kind.
    forward = subprocess.run(ssh_command("bo", "-W", "127.0.0.1:%d" % server["port"], terminal=False), capture_output=True, text=True,
                             timeout=60, stdin=subprocess.DEVNULL)
    assert forward.returncode != 0 and "SSH-2.0" not in forward.stdout, (forward.stdout, forward.stderr)
    with open(os.path.join(server["team"], "team.log")) as handle:
        log = handle.read()
    assert "command bo from 127.0.0.1: search Bachelet" in log and "refused bo from 127.0.0.1: ls /" in log, log


def test_team_two_analysts_at_once_share_notes_and_a_reader_cannot_edit():
    server = team_server()
    ana = Pane(" ".join(shell_quote(word) for word in ssh_command("ana")), width=120, height=32)
    bo = Pane(" ".join(shell_quote(word) for word in ssh_command("bo")), width=90, height=26)
    try:
        ana.wait_for("Articles 1/5", timeout=20)
        bo.wait_for("Articles 1/5", timeout=20)
        # Each sees the explorer at their own size.
        assert len(ana.screen().splitlines()[0]) > 90 and max(len(line) for line in bo.screen().splitlines()) <= 90
        # A note written by one appears to the other, signed with the writer's name.
        ana.keys("3", "j", "a")
        ana.wait_for("Note on Joint letter")
        ana.type("the team reads this")
        ana.keys("Enter")
        ana.wait_for("saved to")
        bo.keys("6")
        screen = bo.wait_for("the team reads this", timeout=10)
        assert "ana" in screen, screen
        # A reader's editing keys say so, and nothing is written to the corpus.
        before = open(os.path.join(server["team"], "corpus", "excerpts.json"), "rb").read()
        bo.keys("Escape", "1", "Tab", "]", "v", "Enter")
        bo.wait_for("read-only for readers")
        assert open(os.path.join(server["team"], "corpus", "excerpts.json"), "rb").read() == before
        # Ctrl-Z does nothing in a session: there is no shell to come back to.
        bo.keys("C-z")
        time.sleep(0.5)
        bo.keys("2")
        bo.wait_for("Actors 1/")
        # Closing one client ends its session, its place saved; the other goes on.
        ana.kill()
        session = os.path.join(server["team"], "analysts", "ana", "session.json")
        deadline = time.time() + 10
        while time.time() < deadline and not os.path.exists(session):
            time.sleep(0.1)
        assert os.path.exists(session), "ana's place was not saved"
        bo.keys("3")
        bo.wait_for("Statements 1/")
        with open(os.path.join(server["team"], "team.log")) as handle:
            log = handle.read()
        assert "start ana (editor) from 127.0.0.1, terminal 120x32" in log and "start bo (reader)" in log, log
        deadline = time.time() + 10
        while time.time() < deadline and "end ana from 127.0.0.1" not in open(os.path.join(server["team"], "team.log")).read():
            time.sleep(0.1)
        assert "end ana from 127.0.0.1" in open(os.path.join(server["team"], "team.log")).read()
        with open(os.path.join(server["team"], "notes.jsonl")) as handle:
            assert '"author":"ana"' in handle.read()
    finally:
        ana.kill()
        bo.kill()


def test_team_check_finds_a_bad_mode_and_a_key_given_twice():
    server = team_server()
    keys = server["keys"]
    clean = subprocess.run([BINARY, "team", "check", "--authorized-keys", keys, "--team", server["team"]], capture_output=True, text=True)
    # The file is in a temporary folder under /tmp, which anyone may write (sshd runs here with
    # StrictModes off for that reason): that is said, and nothing about the key lines.
    assert keys + ":" not in clean.stdout and keys + ": the key file" not in clean.stdout, clean.stdout + clean.stderr
    original = open(keys).read()
    try:
        os.chmod(keys, 0o666)
        with open(keys, "a") as handle:
            handle.write(open(os.path.join(server["folder"], "ana.pub")).read())
        found = subprocess.run([BINARY, "team", "check", "--authorized-keys", keys, "--team", server["team"]], capture_output=True, text=True)
        assert found.returncode == 1, found.stdout
        assert "can be written by others (mode 666)" in found.stdout and ":4: the key of line 2 again" in found.stdout, found.stdout
    finally:
        with open(keys, "w") as handle:
            handle.write(original)
        os.chmod(keys, 0o600)
    assert open(keys).read().startswith("# a line of the account's own, kept byte for byte\n")
