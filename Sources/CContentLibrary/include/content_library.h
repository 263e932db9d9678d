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
/// The same sources built for CPUs with AVX2 and FMA (the PreflightContentAVX2 product): dlib's HOG features
/// and filters, compiled from its headers into the library, run in 256-bit vectors (~30 % less CPU a
/// detection; boxes identical, scores within ~1e-5). Opened instead when the CPU has both and the file is there.
#define PF_CONTENT_LIBRARY_AVX2_FILE "libPreflightContentAVX2.so"

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

/// Opens the library once per process (thread-safe): the AVX2 build when the CPU has AVX2 and FMA
/// (`pf_kernels_use_avx2`) and it can be opened, otherwise the baseline one; each looked for in the directory
/// of the running executable first, then on the dynamic linker's search path (LD_LIBRARY_PATH, ldconfig). NULL when neither opens, with why in
/// `error`. The handle stays open until the process exits: the functions may be used until then.
const pf_content_library *_Nullable pf_content_library_open(char *_Nonnull error, size_t error_size);

/// The file `pf_content_library_open` opened (one of the two names above; opens it if not yet done); NULL when
/// it failed.
const char *_Nullable pf_content_library_opened_file(void);

/// Opens `file` (looked for as `pf_content_library_open` does) apart from the library the process uses, for
/// comparing the two builds, and fills `functions`: 0, or -1 with why in `error`. The library stays open until
/// the process exits.
int pf_content_library_load(const char *_Nonnull file, pf_content_library *_Nonnull functions, char *_Nonnull error,
                            size_t error_size);

#ifdef __cplusplus
}
#endif

#endif
