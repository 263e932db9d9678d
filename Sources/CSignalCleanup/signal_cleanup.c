#include "signal_cleanup.h"

#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 64

// A slot is free (0), being written (1) or holding a path the handler may remove (2).
static atomic_int state[SLOTS];
static char paths[SLOTS][PATH_MAX];
static atomic_int finish_first = 0;
static atomic_int interrupts = 0;
static atomic_int installed = 0;
static char notice[256];
// Writes in progress (pf_cleanup_hold) and the terminating signal they hold back.
static atomic_int held = 0;
static atomic_int pending_signal = 0;
static atomic_size_t notice_length = 0;

int pf_cleanup_register(const char *path) {
    size_t n = strlen(path);
    if (n >= PATH_MAX) return -1;
    for (int i = 0; i < SLOTS; i++) {
        int expected = 0;
        if (atomic_compare_exchange_strong(&state[i], &expected, 1)) {
            memcpy(paths[i], path, n + 1);
            atomic_store(&state[i], 2);
            return i;
        }
    }
    return -1;
}

void pf_cleanup_unregister(int slot) {
    if (slot >= 0 && slot < SLOTS) atomic_store(&state[slot], 0);
}

static void remove_all(void) {
    for (int i = 0; i < SLOTS; i++) {
        if (atomic_load(&state[i]) == 2) unlink(paths[i]);
    }
}

// Ends the process by `sig`, so a shell or parent sees how it ended (130 for SIGINT in a shell). Removes the
// files again: one may have been registered since the signal arrived.
static void die(int sig) {
    remove_all();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_signal(int sig) {
    if (sig == SIGINT && atomic_load(&finish_first)) {
        if (atomic_fetch_add(&interrupts, 1) == 0) {
            size_t n = atomic_load(&notice_length);
            if (n > 0) { ssize_t ignored = write(STDERR_FILENO, notice, n); (void)ignored; }
            return;
        }
    }
    remove_all();
    // A held write finishes first; the last pf_cleanup_release ends the process.
    atomic_store(&pending_signal, sig);
    if (atomic_load(&held) > 0) return;
    die(sig);
}

void pf_cleanup_hold(void) {
    atomic_fetch_add(&held, 1);
    if (atomic_load(&pending_signal)) {
        // The process is ending: start no new write; the last holder (or this release) ends it.
        pf_cleanup_release();
        for (;;) pause();
    }
}

void pf_cleanup_release(void) {
    if (atomic_fetch_sub(&held, 1) == 1) {
        int sig = atomic_load(&pending_signal);
        if (sig) die(sig);
    }
}

void pf_cleanup_install(int finish_on_first_interrupt, const char *message) {
    size_t n = message ? strlen(message) : 0;
    if (n >= sizeof notice) n = sizeof notice - 1;
    atomic_store(&notice_length, 0);
    if (n > 0) memcpy(notice, message, n);
    atomic_store(&notice_length, n);
    atomic_store(&finish_first, finish_on_first_interrupt ? 1 : 0);
    if (atomic_exchange(&installed, 1)) return;
    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    sigset_t set;
    sigemptyset(&set);
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(signals[i], &sa, NULL);
        sigaddset(&set, signals[i]);
    }
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int pf_cleanup_interrupts(void) { return atomic_load(&interrupts); }
