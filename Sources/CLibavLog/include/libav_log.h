// libav reports the reason for most failures only through av_log. This callback keeps the last error-level
// message and a count of them per thread instead of printing them: every libav call for one file runs on
// one thread, so the message belongs to that file.
//
// In its own .c file (not a static function in CFFmpeg's header) so that there is exactly one callback and
// one thread-local state in the process, whichever modules include the declarations.
#ifndef PF_LIBAV_LOG_H
#define PF_LIBAV_LOG_H

#include <stddef.h>

/// Routes av_log through the capture (process-wide; call once, later calls change nothing).
void pf_install_log_capture(void);

/// Forgets this thread's last message and count, before the calls for a new file.
void pf_log_reset(void);

/// Error-level messages logged on this thread since the last reset.
int pf_log_errors(void);

/// Copies this thread's last error-level message (trailing newlines removed, cut to `size` - 1 bytes).
void pf_log_copy_last(char *buf, size_t size);

#endif
