// dlib's HOG frontal face detector and 68-point shape predictor behind a C interface, so Swift needs no
// C++ interop. Every function catches dlib's exceptions and reports them as a negative code.
#ifndef PF_FACES_H
#define PF_FACES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pf_face_detector pf_face_detector;
typedef struct pf_shape_model pf_shape_model;

/// A detection: box in pixels of the image given, and dlib's detection score (higher is surer).
typedef struct { int32_t left, top, right, bottom; double score; } pf_face_box;

/// A new detector (dlib's HOG cascade, deserialized from a compiled-in copy: ~8 ms). NULL on failure. One per thread.
pf_face_detector *pf_face_detector_new(void);
/// 1 when the compiled-in detector is byte for byte the one the installed dlib ships, 0 when not, -1 on failure
/// (decompresses dlib's copy: ~0.45 s).
int pf_face_detector_matches_dlib(void);
void pf_face_detector_free(pf_face_detector *detector);
/// A copy of `detector` for another thread (copies the trained filters: milliseconds, not the 0.45 s of a new one).
pf_face_detector *pf_face_detector_clone(const pf_face_detector *detector);

/// Detects faces in an 8-bit grey image. Writes at most `capacity` boxes; returns how many faces were
/// found (may exceed capacity), or -1 on failure. `upsample` doubles the image that many times first.
int pf_face_detect(pf_face_detector *detector, const uint8_t *gray, int width, int height, ptrdiff_t stride,
                   int upsample, double threshold, pf_face_box *boxes, int capacity);

/// Loads a shape predictor (.dat). NULL on failure, with a message in `error`.
pf_shape_model *pf_shape_model_load(const char *path, char *error, size_t error_size);
void pf_shape_model_free(pf_shape_model *model);

/// The 68 landmarks (x, y pairs into `points`, 136 values) of the face in `box`. 0, or -1 on failure.
int pf_shape_landmarks(const pf_shape_model *model, const uint8_t *gray, int width, int height, ptrdiff_t stride,
                       pf_face_box box, float *points);

#ifdef __cplusplus
}
#endif
#endif
