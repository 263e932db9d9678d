#include "content_library.h"
#include "signal_kernels.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pf_content_library functions;
static const char *opened_file;   // set once `functions` holds a library's
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

// swift build puts the executable (or the test bundle) and the library in the same directory.
static void *open_beside_executable(const char *file) {
    char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) return NULL;
    path[n] = 0;
    char *slash = strrchr(path, '/');
    size_t length = strlen(file) + 1;
    if (!slash || (size_t)(slash + 1 - path) + length > sizeof path) return NULL;
    memcpy(slash + 1, file, length);
    return dlopen(path, RTLD_NOW | RTLD_LOCAL);
}

int pf_content_library_load(const char *file, pf_content_library *out, char *error, size_t error_size) {
    void *handle = open_beside_executable(file);
    if (!handle) handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        if (error_size > 0) snprintf(error, error_size, "%s", why ? why : "cannot be opened");
        return -1;
    }
    pf_content_library f;
    // dlsym returns void *; POSIX guarantees it converts to a function pointer.
#define PF_BIND(field, symbol)                                                   \
    if (!(*(void **)&f.field = dlsym(handle, #symbol))) {                        \
        if (error_size > 0) snprintf(error, error_size, "%s has no %s", file, #symbol); \
        dlclose(handle);                                                         \
        return -1;                                                               \
    }
    PF_BIND(face_detector_new, pf_face_detector_new)
    PF_BIND(face_detector_free, pf_face_detector_free)
    PF_BIND(face_detector_clone, pf_face_detector_clone)
    PF_BIND(face_detect, pf_face_detect)
    PF_BIND(face_detector_matches_dlib, pf_face_detector_matches_dlib)
    PF_BIND(shape_model_load, pf_shape_model_load)
    PF_BIND(shape_model_free, pf_shape_model_free)
    PF_BIND(shape_landmarks, pf_shape_landmarks)
    PF_BIND(speech_model_new, pf_speech_model_new)
    PF_BIND(speech_model_free, pf_speech_model_free)
    PF_BIND(speech_model_process, pf_speech_model_process)
#undef PF_BIND
    *out = f;
    return 0;
}

static void open_once(void) {
    // The AVX2 build when this CPU runs it; a missing or broken one falls back to the baseline build.
    // (The same test as prepare's AVX2 kernels: one answer per process.)
    if (pf_kernels_use_avx2() && pf_content_library_load(PF_CONTENT_LIBRARY_AVX2_FILE, &functions, failure, sizeof failure) == 0) {
        opened_file = PF_CONTENT_LIBRARY_AVX2_FILE;
    } else if (pf_content_library_load(PF_CONTENT_LIBRARY_FILE, &functions, failure, sizeof failure) == 0) {
        opened_file = PF_CONTENT_LIBRARY_FILE;
    }
}

const pf_content_library *pf_content_library_open(char *error, size_t error_size) {
    pthread_once(&once, open_once);
    if (!opened_file && error_size > 0) snprintf(error, error_size, "%s", failure);
    return opened_file ? &functions : NULL;
}

const char *pf_content_library_opened_file(void) {
    pthread_once(&once, open_once);
    return opened_file;
}
