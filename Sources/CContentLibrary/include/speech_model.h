// Silero VAD v6.2 (16 kHz; MIT, LICENSE.silero-vad) run by OpenCV 4.6's dnn module behind a C interface, so
// Swift needs no C++ interop. The model (silero_vad_16k_opencv.onnx, made from silero-vad's ONNX file by
// scripts/models/silero_for_opencv.py) is compiled into the library: no file to find at run time.
// Every function catches OpenCV's exceptions and reports them as a negative code or NULL.
#ifndef PF_SPEECH_MODEL_H
#define PF_SPEECH_MODEL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pf_speech_model pf_speech_model;

/// Samples per call of pf_speech_model_process: 512 at 16 kHz (32 ms).
#define PF_SPEECH_MODEL_CHUNK 512
#define PF_SPEECH_MODEL_RATE 16000

/// A new model with a fresh state (parses the embedded ONNX graph: milliseconds). NULL on failure, with a
/// message in `error`. Not thread-safe: one per thread.
pf_speech_model *pf_speech_model_new(char *error, size_t error_size);
void pf_speech_model_free(pf_speech_model *model);

/// The probability (0...1) that the 32 ms chunk of `PF_SPEECH_MODEL_CHUNK` mono samples at 16 kHz (-1...1)
/// is speech, given the chunks before it (the model keeps their context and its recurrent state), into
/// `probability`. 0, or -1 on failure.
int pf_speech_model_process(pf_speech_model *model, const float *samples, float *probability);

#ifdef __cplusplus
}
#endif

#endif
