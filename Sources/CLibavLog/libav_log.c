#include "libav_log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libavutil/log.h>

struct pf_log_state { char last_error[256]; int error_count; };

static _Thread_local struct pf_log_state state;

static void pf_log_capture(void *avcl, int level, const char *fmt, va_list vl) {
    (void)avcl;
    if (level > AV_LOG_ERROR || fmt == NULL) return;
    state.error_count++;
    vsnprintf(state.last_error, sizeof state.last_error, fmt, vl);
    size_t n = strlen(state.last_error);
    while (n > 0 && (state.last_error[n - 1] == '\n' || state.last_error[n - 1] == '\r')) state.last_error[--n] = 0;
}

void pf_install_log_capture(void) { av_log_set_callback(pf_log_capture); }

void pf_log_reset(void) {
    state.last_error[0] = 0;
    state.error_count = 0;
}

int pf_log_errors(void) { return state.error_count; }

void pf_log_copy_last(char *buf, size_t size) {
    if (size == 0) return;
    snprintf(buf, size, "%s", state.last_error);
}
