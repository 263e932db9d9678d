#ifndef PREFLIGHT_CFFMPEG_SHIM_H
#define PREFLIGHT_CFFMPEG_SHIM_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
#include <libavutil/dict.h>
#include <libavutil/opt.h>
#include <libavutil/tx.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>

/* Macros Swift cannot import (function-like or built from FFERRTAG/shifts). */
static inline int pf_averror(int errnum) { return AVERROR(errnum); }
static inline int pf_averror_eof(void) { return AVERROR_EOF; }
static inline int pf_averror_invaliddata(void) { return AVERROR_INVALIDDATA; }
static inline int pf_averror_exit(void) { return AVERROR_EXIT; }
static inline int pf_averror_eagain(void) { return AVERROR(EAGAIN); }
static inline int pf_averror_decoder_not_found(void) { return AVERROR_DECODER_NOT_FOUND; }
static inline int pf_averror_encoder_not_found(void) { return AVERROR_ENCODER_NOT_FOUND; }
static inline int pf_averror_demuxer_not_found(void) { return AVERROR_DEMUXER_NOT_FOUND; }
static inline int pf_averror_patchwelcome(void) { return AVERROR_PATCHWELCOME; }
static inline int64_t pf_nopts_value(void) { return AV_NOPTS_VALUE; }
static inline AVRational pf_time_base_q(void) { return AV_TIME_BASE_Q; }
static inline int pf_codec_flag_qscale(void) { return AV_CODEC_FLAG_QSCALE; }
static inline int pf_time_base(void) { return AV_TIME_BASE; }
static inline int pf_disposition_attached_pic(void) { return AV_DISPOSITION_ATTACHED_PIC; }
static inline int pf_disposition_default(void) { return AV_DISPOSITION_DEFAULT; }
static inline int pf_pkt_flag_key(void) { return AV_PKT_FLAG_KEY; }
static inline int pf_pkt_flag_corrupt(void) { return AV_PKT_FLAG_CORRUPT; }
static inline int pf_pkt_flag_discard(void) { return AV_PKT_FLAG_DISCARD; }
static inline int pf_pix_fmt_flag_alpha(void) { return AV_PIX_FMT_FLAG_ALPHA; }
static inline int pf_pix_fmt_flag_rgb(void) { return AV_PIX_FMT_FLAG_RGB; }
static inline int pf_ef_explode(void) { return AV_EF_EXPLODE; }
static inline int pf_ef_crccheck(void) { return AV_EF_CRCCHECK; }

/* The display-matrix side data of a stream (9 int32), or NULL. */
static inline const int32_t *pf_stream_display_matrix(const AVStream *st) {
    size_t size = 0;
    const uint8_t *data = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
    return (data && size >= 9 * sizeof(int32_t)) ? (const int32_t *)data : NULL;
}

static inline int pf_stream_has_side_data(const AVStream *st, enum AVPacketSideDataType type) {
    size_t size = 0;
    return av_stream_get_side_data(st, type, &size) != NULL;
}

#endif
