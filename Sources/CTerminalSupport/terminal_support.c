#include "CTerminalSupport.h"

#include <poll.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t pending_signal = 0;
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

static void on_crash(int signo) {
    /* Only async-signal-safe calls here: no endwin, no stdio, no malloc. */
    if (have_saved_modes) tcsetattr(saved_fd, TCSANOW, &saved_modes);
    if (reset_count > 0 && saved_fd >= 0) {
        ssize_t ignored = write(saved_fd, reset_bytes, reset_count);
        (void)ignored;
    }
    signal(signo, SIG_DFL);
    raise(signo);
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

    action.sa_handler = on_crash;
    action.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < sizeof(crashing) / sizeof(crashing[0]); i++) sigaction(crashing[i], &action, NULL);
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
    for (size_t i = 0; i < sizeof(terminating) / sizeof(terminating[0]); i++) signal(terminating[i], SIG_DFL);
}
