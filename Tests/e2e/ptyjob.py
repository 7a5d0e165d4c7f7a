"""The `dossier` binary as the foreground job of a pseudo-terminal, for the lifecycle tests and the
keystroke fuzzer: keys and raw bytes in, everything it writes out, resizes, and its process state."""
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import tempfile
import time

ENV = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
ENV.pop("NO_COLOR", None)


# A job-control shell in miniature: it leads the pty's session and runs the explorer as the foreground
# job in a process group of its own. Without it the explorer's process group would be orphaned, and the
# kernel discards Ctrl-Z (and any SIGTSTP) for an orphaned group instead of stopping it. It writes the
# job's pid to the descriptor DOSSIER_PID_FD names and exits as the job does (128 + the signal that killed it).
SHELL = r"""
import os, signal, sys
signal.signal(signal.SIGTTOU, signal.SIG_IGN)
pid = os.fork()
if pid == 0:
    os.setpgid(0, 0)
    os.tcsetpgrp(0, os.getpgrp())
    signal.signal(signal.SIGTTOU, signal.SIG_DFL)
    os.execv(sys.argv[1], sys.argv[1:])
try:
    os.setpgid(pid, pid)
except OSError:
    pass
pid_fd = int(os.environ["DOSSIER_PID_FD"])
os.write(pid_fd, b"%d\n" % pid)
os.close(pid_fd)
while True:
    _, status = os.waitpid(pid, os.WUNTRACED)
    if os.WIFSTOPPED(status):
        continue
    os._exit(128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))
"""


class PtyProcess:
    """The explorer as the foreground job of a pty whose session a miniature shell leads."""

    def __init__(self, binary, args, rows=24, columns=80, cwd=None):
        self.master, slave = pty.openpty()
        self.set_size(rows, columns, fd=slave)
        # A session (where the user left the corpus) and notes of its own: no run starts where another
        # left off.
        state_home = tempfile.mkdtemp(prefix="dossier-pty-state-")
        reader, writer = os.pipe()

        def in_child():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.shell = subprocess.Popen([sys.executable, "-c", SHELL, binary] + args, stdin=slave, stdout=slave, stderr=slave,
                                      env=dict(ENV, DOSSIER_PID_FD=str(writer), XDG_STATE_HOME=state_home, XDG_DATA_HOME=state_home, XDG_CACHE_HOME=state_home),
                                      preexec_fn=in_child, pass_fds=(writer,), cwd=cwd)
        os.close(slave)
        os.close(writer)
        with os.fdopen(reader) as pid:
            self.pid = int(pid.readline())
        self.output = bytearray()

    def set_size(self, rows, columns, fd=None):
        # On the master, TIOCSWINSZ also sends SIGWINCH to the foreground process group.
        fcntl.ioctl(self.master if fd is None else fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def send(self, data):
        os.write(self.master, data)

    def drain(self, seconds=0.0):
        deadline = time.time() + seconds
        while True:
            remaining = max(0.0, deadline - time.time())
            ready, _, _ = select.select([self.master], [], [], remaining)
            if not ready:
                return
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output += chunk

    def wait_for(self, text, seconds=10.0):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if text.encode() in self.output:
                return
            self.drain(0.05)
        raise AssertionError("never saw %r; last output: %r" % (text, bytes(self.output[-400:])))

    def state(self):
        try:
            with open("/proc/%d/stat" % self.pid) as handle:
                return handle.read().split(")")[-1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return "gone"

    def waiting_in(self):
        try:
            with open("/proc/%d/wchan" % self.pid) as handle:
                return handle.read()
        except OSError:
            return "?"

    def wait_stopped(self, seconds=5.0):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.state() == "T" or self.shell.poll() is not None:
                return self.state() == "T"
            self.drain(0.01)
        return False

    def finish(self, seconds=5.0):
        deadline = time.time() + seconds
        while time.time() < deadline and self.shell.poll() is None:
            self.drain(0.05)
        if self.shell.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            self.shell.wait()
        self.drain(0.1)
        os.close(self.master)
        return self.shell.returncode

    def modes(self):
        return termios.tcgetattr(self.master)


