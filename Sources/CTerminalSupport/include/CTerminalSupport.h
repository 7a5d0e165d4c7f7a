#ifndef DOSSIER_CTERMINALSUPPORT_H
#define DOSSIER_CTERMINALSUPPORT_H

#include <stddef.h>

/* Signal handling for the explorer, in C because a handler may only touch a volatile sig_atomic_t
   and call async-signal-safe functions, which Swift cannot promise.

   dossier_install_handlers: remembers the terminal's modes (tcgetattr on tty_fd, before curses
   changes them) and a reset sequence; SIGINT, SIGTERM, SIGHUP and SIGQUIT then only record which
   arrived (without SA_RESTART, so a blocked read returns), and the main loop restores the terminal and
   exits. SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT and SIGTRAP restore the terminal with tcsetattr and
   write, then re-raise with the default action. SIGTSTP and SIGWINCH are only noted, for the loop to
   act on between frames. Install before newterm: ncurses leaves signals alone that already have a
   handler, so its own SIGTSTP and SIGWINCH handling stays out. */
void dossier_install_handlers(int tty_fd, const char *reset_sequence, size_t reset_length);

/* The first terminating signal received since installation, or 0. */
int dossier_pending_signal(void);

/* 1 once after SIGTSTP (Ctrl-Z) arrived, then 0 until the next; the same for SIGWINCH. */
int dossier_take_suspend(void);
int dossier_take_resize(void);

/* Stops the process as SIGTSTP's default action does (call after endwin); returns once continued. */
void dossier_stop_until_continued(void);

/* The terminal's size from TIOCGWINSZ; -1 when it cannot be had. */
int dossier_window_size(int fd, int *rows, int *columns);

/* Turns XON/XOFF flow control off, so Ctrl-S cannot freeze the display, and sets NOFLSH, so Ctrl-C,
   Ctrl-\ and Ctrl-Z do not flush typed-ahead input from under a read that ncurses has begun. */
int dossier_disable_flow_control(int fd);

/* 1 when the terminal on fd has hung up or is gone (poll reports POLLHUP, POLLERR or POLLNVAL). */
int dossier_terminal_gone(int fd);

/* Restores the default disposition of the terminating signals (after curses has ended). */
void dossier_reset_handlers(void);

/* 1 when input is waiting on fd to be read (a key typed ahead), without waiting for it. Async-signal-safe
   and thread-safe: the explorer asks it in the middle of a long search. */
int dossier_input_waiting(int fd);

/* Flushes standard output: 0 when everything printed was written, else the error (errno, or -1 when
   an earlier write failed and its error is no longer known). */
int dossier_finish_standard_output(void);

#endif
