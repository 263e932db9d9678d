// The face and speech functions (CFaceDetect over dlib, CSpeechModel over OpenCV's dnn module) are built into
// libPreflightContent.so and opened on first use: linked into the executable, dlib, OpenCV and the dozen
// shared objects they pull in cost every run, a probe too, 10-14 ms of loading, relocation and initialisers.
#ifndef PF_CONTENT_LIBRARY_H
#define PF_CONTENT_LIBRARY_H

#include "face_detect.h"
#include "speech_model.h"

#ifdef __cplusplus
extern "C" {
#endif

/// The shared object SwiftPM builds from the PreflightContent product, next to the executable.
#define PF_CONTENT_LIBRARY_FILE "libPreflightContent.so"

/// The library's functions, typed by the declarations in face_detect.h and speech_model.h.
typedef struct {
    __typeof__(pf_face_detector_new) *_Nonnull face_detector_new;
    __typeof__(pf_face_detector_free) *_Nonnull face_detector_free;
    __typeof__(pf_face_detector_clone) *_Nonnull face_detector_clone;
    __typeof__(pf_face_detect) *_Nonnull face_detect;
    __typeof__(pf_face_detector_matches_dlib) *_Nonnull face_detector_matches_dlib;
    __typeof__(pf_shape_model_load) *_Nonnull shape_model_load;
    __typeof__(pf_shape_model_free) *_Nonnull shape_model_free;
    __typeof__(pf_shape_landmarks) *_Nonnull shape_landmarks;
    __typeof__(pf_speech_model_new) *_Nonnull speech_model_new;
    __typeof__(pf_speech_model_free) *_Nonnull speech_model_free;
    __typeof__(pf_speech_model_process) *_Nonnull speech_model_process;
} pf_content_library;

/// Opens the library once per process (thread-safe): the directory of the running executable first, then the
/// dynamic linker's search path (LD_LIBRARY_PATH, ldconfig). NULL when it cannot be opened, with why in `error`.
/// The handle stays open until the process exits: the functions may be used until then.
const pf_content_library *_Nullable pf_content_library_open(char *_Nonnull error, size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
