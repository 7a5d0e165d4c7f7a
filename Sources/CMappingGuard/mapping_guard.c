#define _GNU_SOURCE
#include "CMappingGuard.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* A few mappings at a time (an explorer holds one index; a reload opens another before the first
   goes). Written under the lock, read by the handler without it: a slot's end is cleared before its
   start, so the handler never sees a half-made range. */
#define GUARDED_SLOTS 16
static volatile uintptr_t guarded_start[GUARDED_SLOTS];
static volatile uintptr_t guarded_end[GUARDED_SLOTS];
/* The mapped file, and its size and modification time when mapped; -1 once a change was counted. */
static int guarded_file[GUARDED_SLOTS];
static off_t guarded_size[GUARDED_SLOTS];
static struct timespec guarded_modified[GUARDED_SLOTS];
static pthread_mutex_t guard_lock = PTHREAD_MUTEX_INITIALIZER;
static volatile sig_atomic_t recovering = 0;
static long damage = 0;  /* changed with atomic builtins: from handlers and threads */
static uintptr_t page_size = 4096;
static int handler_installed = 0;

static const char cut_short[] = "dossier: the corpus index was cut short while in use (by another program, or by hand); "
                                "run the command again: it reads the corpus and writes a new index\n";

int dossier_mapping_fault(void *address) {
    uintptr_t at = (uintptr_t)address;
    for (int i = 0; i < GUARDED_SLOTS; i++) {
        uintptr_t start = guarded_start[i], end = guarded_end[i];
        if (start == 0 || end == 0 || at < start || at >= end) continue;
        if (!recovering) {
            /* Only async-signal-safe calls: say why, and end as a file changed while read (66). */
            ssize_t ignored = write(STDERR_FILENO, cut_short, sizeof(cut_short) - 1);
            (void)ignored;
            _exit(66);
        }
        /* The rest of the mapping becomes zeros (a page's worth at least): the read is retried and
           gives zeros, which the index reader treats as damage, and the explorer reads the corpus's
           files again. mmap is a plain system call here. */
        uintptr_t from = at & ~(page_size - 1);
        void *zeros = mmap((void *)from, end - from, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (zeros == MAP_FAILED) return 0;
        __atomic_add_fetch(&damage, 1, __ATOMIC_SEQ_CST);
        return 1;
    }
    return 0;
}

/* What handled SIGBUS before (the Swift runtime's backtracer, or the default). */
static struct sigaction previous_bus;

static void on_bus(int signo, siginfo_t *info, void *context) {
    (void)signo;
    (void)context;
    if (dossier_mapping_fault(info->si_addr)) return;
    /* Not ours: what handled it before does, when the faulting read is retried. */
    sigaction(SIGBUS, &previous_bus, NULL);
}

int dossier_guard_mapping(const void *base, size_t size, int descriptor) {
    if (base == NULL || size == 0) return 0;
    int guarded = 0;
    pthread_mutex_lock(&guard_lock);
    if (!handler_installed) {
        long size_of_page = sysconf(_SC_PAGESIZE);
        if (size_of_page > 0) page_size = (uintptr_t)size_of_page;
        /* Before whatever handles SIGBUS now, which still handles every other fault. (The
           terminal's handler, installed later, asks dossier_mapping_fault itself.) */
        struct sigaction action;
        memset(&action, 0, sizeof(action));
        sigemptyset(&action.sa_mask);
        action.sa_sigaction = on_bus;
        action.sa_flags = SA_SIGINFO;
        sigaction(SIGBUS, &action, &previous_bus);
        handler_installed = 1;
    }
    for (int i = 0; i < GUARDED_SLOTS; i++) {
        if (guarded_start[i] != 0) continue;
        struct stat status;
        int file = descriptor >= 0 ? fcntl(descriptor, F_DUPFD_CLOEXEC, 0) : -1;
        if (file >= 0 && fstat(file, &status) == 0) {
            guarded_size[i] = status.st_size;
            guarded_modified[i] = status.st_mtim;
        } else if (file >= 0) {
            close(file);
            file = -1;
        }
        guarded_file[i] = file;
        guarded_start[i] = (uintptr_t)base;
        guarded_end[i] = (uintptr_t)base + size;
        guarded = 1;
        break;
    }
    pthread_mutex_unlock(&guard_lock);
    return guarded;
}

void dossier_unguard_mapping(const void *base) {
    pthread_mutex_lock(&guard_lock);
    for (int i = 0; i < GUARDED_SLOTS; i++) {
        if (guarded_start[i] != (uintptr_t)base) continue;
        guarded_end[i] = 0;
        guarded_start[i] = 0;
        if (guarded_file[i] >= 0) close(guarded_file[i]);
        guarded_file[i] = -1;
    }
    pthread_mutex_unlock(&guard_lock);
}

void dossier_mapping_set_recovering(int value) { recovering = value ? 1 : 0; }

int dossier_mapping_recovering(void) { return recovering; }

long dossier_mapping_damage_count(void) { return __atomic_load_n(&damage, __ATOMIC_SEQ_CST); }

void dossier_mapping_note_damage(void) { __atomic_add_fetch(&damage, 1, __ATOMIC_SEQ_CST); }

void dossier_mappings_check_files(void) {
    pthread_mutex_lock(&guard_lock);
    for (int i = 0; i < GUARDED_SLOTS; i++) {
        if (guarded_start[i] == 0 || guarded_file[i] < 0) continue;
        struct stat status;
        if (fstat(guarded_file[i], &status) != 0) continue;
        if (status.st_size == guarded_size[i] && status.st_mtim.tv_sec == guarded_modified[i].tv_sec
            && status.st_mtim.tv_nsec == guarded_modified[i].tv_nsec) continue;
        /* Counted once: the explorer reads the corpus again, and lets this mapping go. */
        close(guarded_file[i]);
        guarded_file[i] = -1;
        __atomic_add_fetch(&damage, 1, __ATOMIC_SEQ_CST);
    }
    pthread_mutex_unlock(&guard_lock);
}
