#include "content_library.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pf_content_library functions;
static const pf_content_library *opened;
static char failure[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

// swift build puts the executable (or the test bundle) and the library in the same directory.
static void *open_beside_executable(void) {
    char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) return NULL;
    path[n] = 0;
    char *slash = strrchr(path, '/');
    if (!slash || (size_t)(slash + 1 - path) + sizeof PF_CONTENT_LIBRARY_FILE > sizeof path) return NULL;
    memcpy(slash + 1, PF_CONTENT_LIBRARY_FILE, sizeof PF_CONTENT_LIBRARY_FILE);
    return dlopen(path, RTLD_NOW | RTLD_LOCAL);
}

static void open_once(void) {
    void *handle = open_beside_executable();
    if (!handle) handle = dlopen(PF_CONTENT_LIBRARY_FILE, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        snprintf(failure, sizeof failure, "%s", why ? why : PF_CONTENT_LIBRARY_FILE ": cannot be opened");
        return;
    }
    // dlsym returns void *; POSIX guarantees it converts to a function pointer.
#define PF_BIND(field, symbol)                                                   \
    if (!(*(void **)&functions.field = dlsym(handle, #symbol))) {                \
        snprintf(failure, sizeof failure, "%s has no %s", PF_CONTENT_LIBRARY_FILE, #symbol); \
        dlclose(handle);                                                         \
        return;                                                                  \
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
    opened = &functions;
}

const pf_content_library *pf_content_library_open(char *error, size_t error_size) {
    pthread_once(&once, open_once);
    if (!opened && error_size > 0) snprintf(error, error_size, "%s", failure);
    return opened;
}
