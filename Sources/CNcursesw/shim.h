#ifndef DOSSIER_CNCURSESW_SHIM_H
#define DOSSIER_CNCURSESW_SHIM_H

/* The wide-character API is only declared with this define, and SwiftPM drops pkg-config's -D flags,
   so it has to be here, before <curses.h>. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <wchar.h>

/* Swift cannot import C macros that expand to expressions, nor use these globals under Swift 6's
   concurrency checking; small functions stand in for them. */
static inline WINDOW *dossier_stdscr(void) { return stdscr; }
static inline int dossier_lines(void) { return LINES; }
static inline int dossier_cols(void) { return COLS; }
static inline attr_t dossier_a_normal(void) { return A_NORMAL; }
static inline attr_t dossier_a_bold(void) { return A_BOLD; }
static inline attr_t dossier_a_reverse(void) { return A_REVERSE; }
static inline attr_t dossier_a_underline(void) { return A_UNDERLINE; }
static inline attr_t dossier_a_dim(void) { return A_DIM; }
static inline int dossier_color_pair(int pair) { return (int)COLOR_PAIR(pair); }

/* Frees the terminfo entry loaded by setupterm. */
static inline void dossier_free_terminfo(void) { del_curterm(cur_term); }

/* Looks up a terminfo string capability for the terminal set up by setupterm; NULL when absent. */
static inline const char *dossier_tigetstr(const char *name) {
    char *value = tigetstr((char *)name);
    if (value == NULL || value == (char *)-1) return NULL;
    return value;
}

/* stdout as a FILE* for newterm, which Swift 6 will not read as a global. */
static inline FILE *dossier_stdout(void) { return stdout; }
static inline int dossier_colors(void) { return COLORS; }
static inline WINDOW *dossier_curscr(void) { return curscr; }

/* Sets the attributes and colour pair for the text written next. */
static inline int dossier_set_style(attr_t attributes, short pair) {
    return wattr_set(stdscr, attributes, pair, NULL);
}

/* Writes n wide characters at row y, column x. */
static inline int dossier_put_wide(int y, int x, const wchar_t *text, int n) {
    return mvwaddnwstr(stdscr, y, x, text, n);
}

/* The mouse: presses, releases, clicks and double clicks of the left button, and the wheel (buttons
   4 and 5), which ncurses turns on in the terminal (xterm's protocol) and reports as KEY_MOUSE. */
static inline int dossier_mouse_on(void) {
    mmask_t wanted = BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
    return mousemask(wanted, NULL) != 0 ? 0 : -1;
}
static inline void dossier_mouse_off(void) { mousemask(0, NULL); }

/* The mouse event behind a KEY_MOUSE: 1 wheel up, 2 wheel down, 3 click, 4 double click, 0 anything
   else (a press or release on its own), with its cell. */
static inline int dossier_mouse_event(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON4_PRESSED) return 1;
    if (event.bstate & BUTTON5_PRESSED) return 2;
    if (event.bstate & BUTTON1_DOUBLE_CLICKED) return 4;
    if (event.bstate & BUTTON1_CLICKED) return 3;
    return 0;
}

#endif
