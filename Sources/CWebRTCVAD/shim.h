// The WebRTC voice activity detector exported as plain C by Debian's libwebrtc-audio-processing 0.3.
// The package ships no header for it, so the prototypes are declared here (0.3's signatures: Create takes
// no argument and returns the handle).
#ifndef PF_WEBRTC_VAD_H
#define PF_WEBRTC_VAD_H

#include <stddef.h>
#include <stdint.h>

typedef struct WebRtcVadInst VadInst;

VadInst *WebRtcVad_Create(void);
void WebRtcVad_Free(VadInst *handle);
/// 0 on success, -1 on error.
int WebRtcVad_Init(VadInst *handle);
/// Aggressiveness 0 (least) to 3 (most). 0 on success, -1 on error.
int WebRtcVad_set_mode(VadInst *handle, int mode);
/// 1 voice, 0 no voice, -1 error. `frame_length` samples: 10, 20 or 30 ms at 8, 16, 32 or 48 kHz.
int WebRtcVad_Process(VadInst *handle, int fs, const int16_t *audio_frame, size_t frame_length);
/// 0 when the rate and length are valid, -1 otherwise.
int WebRtcVad_ValidRateAndFrameLength(int rate, size_t frame_length);

#endif
