// Files to remove when the process is ended by a signal, and interrupts a long run may finish first.
// Kept in C because a signal handler may only call async-signal-safe functions: the table is fixed
// storage with atomic flags, so the handler neither allocates nor locks.
#ifndef PF_SIGNAL_CLEANUP_H
#define PF_SIGNAL_CLEANUP_H

/// Adds `path` to the files removed on SIGINT, SIGTERM and SIGHUP. Returns its slot, or -1 when the path
/// is too long or the table is full (the caller still removes the file on its own paths).
int pf_cleanup_register(const char *path);

/// Forgets a slot from pf_cleanup_register (call after the file was renamed or removed). -1 is ignored.
void pf_cleanup_unregister(int slot);

/// Installs the handlers once (later calls only change the mode). With `finish_on_first_interrupt`, the
/// first SIGINT only counts and prints `message` on stderr; the second, or SIGTERM/SIGHUP, removes the
/// registered files and ends the process by the same signal. Without it, any of them does that at once.
/// Also unblocks the signals, which a parent may hand over blocked.
void pf_cleanup_install(int finish_on_first_interrupt, const char *message);

/// Holds back termination by those signals until the matching pf_cleanup_release, so a record being written
/// (a results line) is written whole; a signal that arrives meanwhile ends the process at the release. Once a
/// signal is pending, a new hold never returns (the process is ending).
void pf_cleanup_hold(void);

/// Ends a pf_cleanup_hold; the last one ends the process if a terminating signal arrived meanwhile.
void pf_cleanup_release(void);

/// How many SIGINTs arrived while finish_on_first_interrupt was on.
int pf_cleanup_interrupts(void);

#endif
