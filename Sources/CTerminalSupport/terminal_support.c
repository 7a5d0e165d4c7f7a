#include "CTerminalSupport.h"
#include "CMappingGuard.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t pending_signal = 0;
static volatile sig_atomic_t pending_suspend = 0;
static volatile sig_atomic_t pending_resize = 0;
static int saved_fd = -1;
static struct termios saved_modes;
static int have_saved_modes = 0;
static char reset_bytes[256];
static size_t reset_count = 0;

static const int terminating[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static const int crashing[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};

static void on_terminating(int signo) {
    if (pending_signal == 0) pending_signal = signo;
}

/* Ctrl-Z and a window size change are only noted: the loop acts on them between frames, never in the
   middle of drawing (ncurses' own SIGTSTP handler ran endwin, doupdate and resizeterm inside the
   handler, corrupting the heap when it interrupted a frame). */
static void on_suspend(int signo) {
    (void)signo;
    pending_suspend = 1;
}

static void on_resize(int signo) {
    (void)signo;
    pending_resize = 1;
}

static void on_crash(int signo) {
    /* Only async-signal-safe calls here: no endwin, no stdio, no malloc. The reset goes to standard
       output, where curses wrote (the tty descriptor kept for reading keys is read-only). */
    if (have_saved_modes) tcsetattr(saved_fd, TCSANOW, &saved_modes);
    if (reset_count > 0) {
        ssize_t ignored = write(STDOUT_FILENO, reset_bytes, reset_count);
        (void)ignored;
    }
    signal(signo, SIG_DFL);
    raise(signo);
}

/* SIGBUS is first the mapping guard's: the corpus index cut short under the explorer is recovered
   from (the rest of its mapping reads as zeros, and the explorer reads the corpus's files again). */
static void on_bus(int signo, siginfo_t *info, void *context) {
    (void)context;
    if (dossier_mapping_fault(info->si_addr)) return;
    on_crash(signo);
}

void dossier_install_handlers(int tty_fd, const char *reset_sequence, size_t reset_length) {
    saved_fd = tty_fd;
    have_saved_modes = tcgetattr(tty_fd, &saved_modes) == 0;
    reset_count = reset_length < sizeof(reset_bytes) ? reset_length : sizeof(reset_bytes);
    if (reset_sequence != NULL) memcpy(reset_bytes, reset_sequence, reset_count);

    struct sigaction action;
    memset(&action, 0, sizeof(action));
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_terminating;
    action.sa_flags = 0; /* no SA_RESTART: a blocked read returns so the loop sees the signal */
    for (size_t i = 0; i < sizeof(terminating) / sizeof(terminating[0]); i++) sigaction(terminating[i], &action, NULL);

    action.sa_handler = on_suspend;
    sigaction(SIGTSTP, &action, NULL);
    action.sa_handler = on_resize;
    sigaction(SIGWINCH, &action, NULL);

    action.sa_handler = on_crash;
    action.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < sizeof(crashing) / sizeof(crashing[0]); i++) {
        if (crashing[i] != SIGBUS) sigaction(crashing[i], &action, NULL);
    }
    /* Not reset on delivery: a guarded mapping's fault returns and may come again. */
    action.sa_handler = NULL;
    action.sa_sigaction = on_bus;
    action.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &action, NULL);
}

int dossier_take_suspend(void) {
    int value = pending_suspend;
    pending_suspend = 0;
    return value;
}

int dossier_take_resize(void) {
    int value = pending_resize;
    pending_resize = 0;
    return value;
}

void dossier_stop_until_continued(void) {
    /* The default action of SIGTSTP stops the process; raise it with the default in place, then put
       the note-only handler back once `fg` has continued us. */
    struct sigaction stop, noting;
    memset(&stop, 0, sizeof(stop));
    sigemptyset(&stop.sa_mask);
    stop.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &stop, &noting);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    raise(SIGTSTP);
    sigaction(SIGTSTP, &noting, NULL);
}

int dossier_window_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

int dossier_disable_flow_control(int fd) {
    struct termios modes;
    if (tcgetattr(fd, &modes) != 0) return -1;
    modes.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    /* NOFLSH: Ctrl-C, Ctrl-\ and Ctrl-Z must not throw away keys already typed. The flush could empty
       the input between ncurses' poll saying a key was there and its read, and that read then blocked
       (ncurses retries it after the signal) until the next key: Ctrl-Z and Ctrl-C went unanswered. */
    modes.c_lflag |= NOFLSH;
    return tcsetattr(fd, TCSANOW, &modes);
}

int dossier_pending_signal(void) {
    return pending_signal;
}

int dossier_terminal_gone(int fd) {
    struct pollfd entry;
    entry.fd = fd;
    entry.events = POLLIN;
    entry.revents = 0;
    if (poll(&entry, 1, 0) < 0) return 0;
    return (entry.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

void dossier_reset_handlers(void) {
    /* Every handler goes with the terminal session it belonged to: a crash after it must not write a
       reset sequence to a terminal that is no longer ours to reset. */
    for (size_t i = 0; i < sizeof(terminating) / sizeof(terminating[0]); i++) signal(terminating[i], SIG_DFL);
    for (size_t i = 0; i < sizeof(crashing) / sizeof(crashing[0]); i++) signal(crashing[i], SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    signal(SIGWINCH, SIG_DFL);
    have_saved_modes = 0;
    reset_count = 0;
    pending_suspend = 0;
    pending_resize = 0;
}

int dossier_finish_standard_output(void) {
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) return errno != 0 ? errno : -1;
    return 0;
}

int dossier_input_waiting(int fd) {
    struct pollfd entry;
    entry.fd = fd;
    entry.events = POLLIN;
    entry.revents = 0;
    return poll(&entry, 1, 0) > 0 && (entry.revents & POLLIN) != 0;
}
