#include "signal_kernels.h"

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <stdatomic.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define PF_HAVE_AVX2_VARIANT 1
#endif

/* ---- true-peak levels ---------------------------------------------------------------------------------- */

void pf_true_peak_levels_portable(const float *x, size_t positions, const float *h, int taps, int back, float *out) {
    size_t i = 0;
    /* Eight positions at a time with the taps outside: loops the compiler turns into SSE. */
    for (; i + 8 <= positions; i += 8) {
        float a1[8] = {0}, a2[8] = {0}, a3[8] = {0};
        for (int j = 0; j < taps; j++) {
            const float *v = x + i + j;
            float c1 = h[j], c2 = h[taps + j], c3 = h[2 * taps + j];
            for (int l = 0; l < 8; l++) { a1[l] += c1 * v[l]; a2[l] += c2 * v[l]; a3[l] += c3 * v[l]; }
        }
        for (int l = 0; l < 8; l++) {
            float level = fabsf(x[i + l + back]);
            if (fabsf(a1[l]) > level) level = fabsf(a1[l]);
            if (fabsf(a2[l]) > level) level = fabsf(a2[l]);
            if (fabsf(a3[l]) > level) level = fabsf(a3[l]);
            if (level > out[i + l]) out[i + l] = level;
        }
    }
    for (; i < positions; i++) {
        float level = fabsf(x[i + back]);
        for (int k = 0; k < 3; k++) {
            float acc = 0;
            for (int j = 0; j < taps; j++) acc += h[k * taps + j] * x[i + j];
            acc = fabsf(acc);
            if (acc > level) level = acc;
        }
        if (level > out[i]) out[i] = level;
    }
}

#ifdef PF_HAVE_AVX2_VARIANT
__attribute__((target("avx2,fma")))
static void true_peak_levels_avx2(const float *x, size_t positions, const float *h, int taps, int back, float *out) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    size_t i = 0;
    /* Twenty-four positions at a time: nine sums in flight instead of three, as a multiply-add waits four
       cycles for the one before it in its sum. Each lane still adds its taps in the same order, so the
       levels are those of the eight-wide loop below, bit for bit. */
    for (; i + 24 <= positions; i += 24) {
        __m256 a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        __m256 b1 = _mm256_setzero_ps(), b2 = _mm256_setzero_ps(), b3 = _mm256_setzero_ps();
        __m256 c1 = _mm256_setzero_ps(), c2 = _mm256_setzero_ps(), c3 = _mm256_setzero_ps();
        for (int j = 0; j < taps; j++) {
            __m256 h1 = _mm256_set1_ps(h[j]), h2 = _mm256_set1_ps(h[taps + j]), h3 = _mm256_set1_ps(h[2 * taps + j]);
            __m256 u = _mm256_loadu_ps(x + i + j), v = _mm256_loadu_ps(x + i + 8 + j), w = _mm256_loadu_ps(x + i + 16 + j);
            a1 = _mm256_fmadd_ps(h1, u, a1); a2 = _mm256_fmadd_ps(h2, u, a2); a3 = _mm256_fmadd_ps(h3, u, a3);
            b1 = _mm256_fmadd_ps(h1, v, b1); b2 = _mm256_fmadd_ps(h2, v, b2); b3 = _mm256_fmadd_ps(h3, v, b3);
            c1 = _mm256_fmadd_ps(h1, w, c1); c2 = _mm256_fmadd_ps(h2, w, c2); c3 = _mm256_fmadd_ps(h3, w, c3);
        }
        __m256 la = _mm256_andnot_ps(sign, _mm256_loadu_ps(x + i + back));
        __m256 lb = _mm256_andnot_ps(sign, _mm256_loadu_ps(x + i + 8 + back));
        __m256 lc = _mm256_andnot_ps(sign, _mm256_loadu_ps(x + i + 16 + back));
        la = _mm256_max_ps(la, _mm256_andnot_ps(sign, a1)); la = _mm256_max_ps(la, _mm256_andnot_ps(sign, a2)); la = _mm256_max_ps(la, _mm256_andnot_ps(sign, a3));
        lb = _mm256_max_ps(lb, _mm256_andnot_ps(sign, b1)); lb = _mm256_max_ps(lb, _mm256_andnot_ps(sign, b2)); lb = _mm256_max_ps(lb, _mm256_andnot_ps(sign, b3));
        lc = _mm256_max_ps(lc, _mm256_andnot_ps(sign, c1)); lc = _mm256_max_ps(lc, _mm256_andnot_ps(sign, c2)); lc = _mm256_max_ps(lc, _mm256_andnot_ps(sign, c3));
        _mm256_storeu_ps(out + i, _mm256_max_ps(_mm256_loadu_ps(out + i), la));
        _mm256_storeu_ps(out + i + 8, _mm256_max_ps(_mm256_loadu_ps(out + i + 8), lb));
        _mm256_storeu_ps(out + i + 16, _mm256_max_ps(_mm256_loadu_ps(out + i + 16), lc));
    }
    /* Eight positions at a time: each tap's coefficient times eight consecutive samples, three phases. */
    for (; i + 8 <= positions; i += 8) {
        __m256 a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        for (int j = 0; j < taps; j++) {
            __m256 v = _mm256_loadu_ps(x + i + j);
            a1 = _mm256_fmadd_ps(_mm256_set1_ps(h[j]), v, a1);
            a2 = _mm256_fmadd_ps(_mm256_set1_ps(h[taps + j]), v, a2);
            a3 = _mm256_fmadd_ps(_mm256_set1_ps(h[2 * taps + j]), v, a3);
        }
        __m256 level = _mm256_andnot_ps(sign, _mm256_loadu_ps(x + i + back));
        level = _mm256_max_ps(level, _mm256_andnot_ps(sign, a1));
        level = _mm256_max_ps(level, _mm256_andnot_ps(sign, a2));
        level = _mm256_max_ps(level, _mm256_andnot_ps(sign, a3));
        _mm256_storeu_ps(out + i, _mm256_max_ps(_mm256_loadu_ps(out + i), level));
    }
    /* The tail one position at a time, fused the same way and in the same order as the lanes above: a
       position's level does not depend on where a chunk ended (prepare computes the envelope in pass 1 and
       again, in other chunks, in its render). */
    for (; i < positions; i++) {
        float level = fabsf(x[i + back]);
        for (int k = 0; k < 3; k++) {
            float acc = 0;
            for (int j = 0; j < taps; j++) acc = fmaf(h[k * taps + j], x[i + j], acc);
            acc = fabsf(acc);
            if (acc > level) level = acc;
        }
        if (level > out[i]) out[i] = level;
    }
}
#endif

/* ---- K-weighting --------------------------------------------------------------------------------------- */

/* Oldest terms first: only the last multiply-add waits for the previous sample's state. */
#define K_WEIGHTING_BODY(MULADD)                                                                              \
    double b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];                                              \
    double a1 = a[0], a2 = a[1], a3 = a[2], a4 = a[3];                                                         \
    double v1 = v[0], v2 = v[1], v3 = v[2], v4 = v[3];                                                         \
    double sum = 0;                                                                                            \
    for (size_t n = 0; n < count; n++) {                                                                       \
        double older = (double)x[n * stride] - a4 * v4 - a3 * v3 - a2 * v2;                                    \
        double v0 = MULADD(-a1, v1, older);                                                                    \
        double y = b0 * v0 + b1 * v1 + b2 * v2 + b3 * v3 + b4 * v4;                                            \
        v4 = v3; v3 = v2; v2 = v1; v1 = v0;                                                                    \
        sum += y * y;                                                                                          \
        if (energy) energy[n] += (float)(y * y);                                                               \
    }                                                                                                          \
    /* Decaying state would turn subnormal in silence (~100x slower arithmetic); libebur128 flushes too. */    \
    v[0] = fabs(v1) < 1e-30 ? 0 : v1;                                                                          \
    v[1] = fabs(v2) < 1e-30 ? 0 : v2;                                                                          \
    v[2] = fabs(v3) < 1e-30 ? 0 : v3;                                                                          \
    v[3] = fabs(v4) < 1e-30 ? 0 : v4;                                                                          \
    return sum;

#define PLAIN_MULADD(m, x, c) ((c) + (m) * (x))

double pf_k_weighting_portable(const float *x, size_t count, size_t stride, const double *b, const double *a, double *v, float *energy) {
    K_WEIGHTING_BODY(PLAIN_MULADD)
}

#ifdef PF_HAVE_AVX2_VARIANT
/* A fused multiply-add halves the wait on the previous sample (4 cycles instead of a multiply then a subtract). */
__attribute__((target("avx2,fma")))
static double k_weighting_fma(const float *x, size_t count, size_t stride, const double *b, const double *a, double *v, float *energy) {
#define FUSED_MULADD(m, x, c) __builtin_fma((m), (x), (c))
    K_WEIGHTING_BODY(FUSED_MULADD)
#undef FUSED_MULADD
}

/* Eight samples per step. The recursion worked out eight steps ahead: v[n+k] = sum_i P[k][i] v[n-1-i] + sum_j<=k Q[k][j] x[n+j],
 * and y[n+k] likewise (R, S); P and R by running the filter from each unit state with no input, Q and S from its impulse
 * response. What waits on the previous step is then one tree of multiply-adds over the four state values per eight samples,
 * instead of one multiply-add per sample: about three times the speed. The sums are taken in another order than the
 * sample-by-sample form's, so results differ from it by rounding (parts in 1e12 of the energy). */
__attribute__((target("avx2,fma")))
static double k_weighting_blocks_avx2(const float *x, size_t count, size_t stride, const double *b, const double *a, double *v,
                                      float *energy) {
    double P[4][8], R[4][8], Q[8][8], S[8][8];   /* [state i or input j][output k] */
    for (int i = 0; i < 4; i++) {
        double w[4] = {0, 0, 0, 0};
        w[i] = 1;
        for (int k = 0; k < 8; k++) {
            double v0 = -a[0] * w[0] - a[1] * w[1] - a[2] * w[2] - a[3] * w[3];
            R[i][k] = b[0] * v0 + b[1] * w[0] + b[2] * w[1] + b[3] * w[2] + b[4] * w[3];
            P[i][k] = v0;
            w[3] = w[2]; w[2] = w[1]; w[1] = w[0]; w[0] = v0;
        }
    }
    double hv[8], hy[8];
    {
        double w[4] = {0, 0, 0, 0};
        for (int m = 0; m < 8; m++) {
            double v0 = (m == 0 ? 1.0 : 0.0) - a[0] * w[0] - a[1] * w[1] - a[2] * w[2] - a[3] * w[3];
            hy[m] = b[0] * v0 + b[1] * w[0] + b[2] * w[1] + b[3] * w[2] + b[4] * w[3];
            hv[m] = v0;
            w[3] = w[2]; w[2] = w[1]; w[1] = w[0]; w[0] = v0;
        }
    }
    for (int j = 0; j < 8; j++)
        for (int k = 0; k < 8; k++) { Q[j][k] = k >= j ? hv[k - j] : 0; S[j][k] = k >= j ? hy[k - j] : 0; }
    __m256d ph[4], rl[4], rh[4], qh[8], sl[8], sh[8];
    for (int i = 0; i < 4; i++) {
        ph[i] = _mm256_loadu_pd(&P[i][4]);
        rl[i] = _mm256_loadu_pd(&R[i][0]); rh[i] = _mm256_loadu_pd(&R[i][4]);
    }
    for (int j = 0; j < 8; j++) {
        qh[j] = _mm256_loadu_pd(&Q[j][4]);
        sl[j] = _mm256_loadu_pd(&S[j][0]); sh[j] = _mm256_loadu_pd(&S[j][4]);
    }
    /* The state as four broadcasts: v[n-1], v[n-2], v[n-3], v[n-4]. */
    __m256d s0 = _mm256_set1_pd(v[0]), s1 = _mm256_set1_pd(v[1]), s2 = _mm256_set1_pd(v[2]), s3 = _mm256_set1_pd(v[3]);
    __m256d sumLo = _mm256_setzero_pd(), sumHi = _mm256_setzero_pd();
    size_t n = 0;
    for (; n + 8 <= count; n += 8) {
        /* Only v[n+4..n+7] are needed (the next state); y of all eight. */
        __m256d vh = _mm256_setzero_pd(), yl = _mm256_setzero_pd(), yh = _mm256_setzero_pd();
        for (int j = 0; j < 8; j++) {
            __m256d xj = _mm256_set1_pd((double)x[(n + j) * stride]);
            if (j < 4) yl = _mm256_fmadd_pd(sl[j], xj, yl);
            vh = _mm256_fmadd_pd(qh[j], xj, vh); yh = _mm256_fmadd_pd(sh[j], xj, yh);
        }
        /* The state's part, as two short chains. */
        __m256d ta = _mm256_fmadd_pd(ph[0], s0, vh), tb = _mm256_mul_pd(ph[2], s2);
        ta = _mm256_fmadd_pd(ph[1], s1, ta); tb = _mm256_fmadd_pd(ph[3], s3, tb);
        vh = _mm256_add_pd(ta, tb);
        yl = _mm256_fmadd_pd(rl[0], s0, yl); yl = _mm256_fmadd_pd(rl[1], s1, yl);
        yl = _mm256_fmadd_pd(rl[2], s2, yl); yl = _mm256_fmadd_pd(rl[3], s3, yl);
        yh = _mm256_fmadd_pd(rh[0], s0, yh); yh = _mm256_fmadd_pd(rh[1], s1, yh);
        yh = _mm256_fmadd_pd(rh[2], s2, yh); yh = _mm256_fmadd_pd(rh[3], s3, yh);
        s0 = _mm256_permute4x64_pd(vh, 0xFF); s1 = _mm256_permute4x64_pd(vh, 0xAA);
        s2 = _mm256_permute4x64_pd(vh, 0x55); s3 = _mm256_permute4x64_pd(vh, 0x00);
        __m256d el = _mm256_mul_pd(yl, yl), eh = _mm256_mul_pd(yh, yh);
        sumLo = _mm256_add_pd(sumLo, el); sumHi = _mm256_add_pd(sumHi, eh);
        if (energy) {
            _mm_storeu_ps(energy + n, _mm_add_ps(_mm_loadu_ps(energy + n), _mm256_cvtpd_ps(el)));
            _mm_storeu_ps(energy + n + 4, _mm_add_ps(_mm_loadu_ps(energy + n + 4), _mm256_cvtpd_ps(eh)));
        }
    }
    double lanes[4];
    _mm256_storeu_pd(lanes, _mm256_add_pd(sumLo, sumHi));
    double sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    double state[4] = {_mm256_cvtsd_f64(s0), _mm256_cvtsd_f64(s1), _mm256_cvtsd_f64(s2), _mm256_cvtsd_f64(s3)};
    /* The last few samples one by one, from the state the steps left. */
    sum += k_weighting_fma(x + n * stride, count - n, stride, b, a, state, energy ? energy + n : NULL);
    v[0] = state[0]; v[1] = state[1]; v[2] = state[2]; v[3] = state[3];
    return sum;
}
#endif

/* ---- the limiter's gain curve ------------------------------------------------------------------------- */

/* van Herk / Gil-Werman: in blocks of `width` from x[0], the running maximum forwards (prefix) and backwards
 * (suffix); the window [k, k + width - 1] spans at most two blocks, so its maximum is max(suffix[k], prefix[k +
 * width - 1]). Then need[k] = min(1, t / that) for k < total - width + 1. Levels are never negative. */
void pf_limiter_need_portable(const float *x, size_t total, int width, float t, float *prefix, float *suffix, float *need) {
    for (size_t start = 0; start < total; start += (size_t)width) {
        size_t end = start + (size_t)width < total ? start + (size_t)width : total;
        float m = 0;
        for (size_t i = start; i < end; i++) { m = x[i] > m ? x[i] : m; prefix[i] = m; }
        m = 0;
        for (size_t i = end; i-- > start;) { m = x[i] > m ? x[i] : m; suffix[i] = m; }
    }
    size_t keep = (size_t)width - 1, n = total >= keep ? total - keep : 0;
    for (size_t k = 0; k < n; k++) {
        float w = suffix[k] > prefix[keep + k] ? suffix[k] : prefix[keep + k];
        float q = t / w;
        need[k] = q > 1 ? 1 : q;
    }
}

/* Release towards 1 and average, over n positions: depth = max(1 - need, alpha * depth), r = 1 - depth, and the
 * mean of the last `width` r. history[0..width) holds the previous r values (oldest first) and is updated;
 * r_scratch has room for width + n doubles. Gains are written from position `first` on; returns how many. */
/* Positions [from, n) one at a time (the portable variant, and the vector variant's last few). */
static size_t release_positions(const float *need, size_t from, size_t n, double alpha, size_t w, double *depth_io,
                                double *sum_io, double *r_scratch, size_t first, float *gains, size_t written) {
    double depth = *depth_io, sum = *sum_io, average = 1.0 / (double)w;
    for (size_t k = from; k < n; k++) {
        double floor_ = 1.0 - (double)need[k], decayed = depth * alpha;
        depth = floor_ > decayed ? floor_ : decayed;
        double r = 1.0 - depth;
        r_scratch[w + k] = r;
        sum += r - r_scratch[k];
        if (k >= first) { double g = sum * average; gains[written++] = (float)(g < 1 ? g : 1); }
    }
    *depth_io = depth;
    *sum_io = sum;
    return written;
}

/* After a call: the last `w` r values become the history; a depth that decayed to nothing becomes 0, so it never
 * turns subnormal (~100x slower arithmetic) in long quiet stretches. */
static void release_finish(size_t n, size_t w, const double *r_scratch, double *history, double *depth) {
    for (size_t i = 0; i < w; i++) history[i] = r_scratch[n + i];
    if (*depth < 1e-30) *depth = 0;
}

size_t pf_limiter_release_portable(const float *need, size_t n, double alpha, int width, double *depth_io, double *sum_io,
                                   double *history, double *r_scratch, size_t first, float *gains) {
    size_t w = (size_t)width;
    for (size_t i = 0; i < w; i++) r_scratch[i] = history[i];
    size_t written = release_positions(need, 0, n, alpha, w, depth_io, sum_io, r_scratch, first, gains, 0);
    release_finish(n, w, r_scratch, history, depth_io);
    return written;
}

#ifdef PF_HAVE_AVX2_VARIANT
/* The running maxima eight at a time: a prefix (or suffix) maximum inside the vector in three shuffles, then
 * the carry from the previous vector; the only wait between vectors is that carry. */
__attribute__((target("avx2,fma")))
static void limiter_need_avx2(const float *x, size_t total, int width, float t, float *prefix, float *suffix, float *need) {
    const __m256i up1 = _mm256_setr_epi32(0, 0, 1, 2, 3, 4, 5, 6), up2 = _mm256_setr_epi32(0, 1, 0, 1, 2, 3, 4, 5),
                  up4 = _mm256_setr_epi32(0, 1, 2, 3, 0, 1, 2, 3), last = _mm256_set1_epi32(7);
    const __m256i down1 = _mm256_setr_epi32(1, 2, 3, 4, 5, 6, 7, 7), down2 = _mm256_setr_epi32(2, 3, 4, 5, 6, 7, 6, 7),
                  down4 = _mm256_setr_epi32(4, 5, 6, 7, 4, 5, 6, 7), lane0 = _mm256_set1_epi32(0);
    for (size_t start = 0; start < total; start += (size_t)width) {
        size_t end = start + (size_t)width < total ? start + (size_t)width : total;
        /* Forwards: a lane that takes itself instead of a zero is harmless, the maximum is idempotent. */
        __m256 carry = _mm256_setzero_ps();
        size_t i = start;
        for (; i + 8 <= end; i += 8) {
            __m256 v = _mm256_loadu_ps(x + i);
            v = _mm256_max_ps(v, _mm256_permutevar8x32_ps(v, up1));
            v = _mm256_max_ps(v, _mm256_permutevar8x32_ps(v, up2));
            v = _mm256_max_ps(v, _mm256_permutevar8x32_ps(v, up4));
            v = _mm256_max_ps(v, carry);
            _mm256_storeu_ps(prefix + i, v);
            carry = _mm256_permutevar8x32_ps(v, last);
        }
        float m = _mm256_cvtss_f32(carry);
        for (; i < end; i++) { m = x[i] > m ? x[i] : m; prefix[i] = m; }
        /* Backwards from the block's end. */
        carry = _mm256_setzero_ps();
        size_t j = end;
        while (j - start >= 8) {
            __m256 v = _mm256_loadu_ps(x + j - 8);
            v = _mm256_max_ps(v, _mm256_permutevar8x32_ps(v, down1));
            v = _mm256_max_ps(v, _mm256_permutevar8x32_ps(v, down2));
            v = _mm256_max_ps(v, _mm256_permutevar8x32_ps(v, down4));
            v = _mm256_max_ps(v, carry);
            _mm256_storeu_ps(suffix + j - 8, v);
            carry = _mm256_permutevar8x32_ps(v, lane0);
            j -= 8;
        }
        m = _mm256_cvtss_f32(carry);
        while (j > start) { j--; m = x[j] > m ? x[j] : m; suffix[j] = m; }
    }
    size_t keep = (size_t)width - 1, n = total >= keep ? total - keep : 0, k = 0;
    const __m256 one = _mm256_set1_ps(1), tv = _mm256_set1_ps(t);
    for (; k + 8 <= n; k += 8) {
        __m256 w = _mm256_max_ps(_mm256_loadu_ps(suffix + k), _mm256_loadu_ps(prefix + keep + k));
        _mm256_storeu_ps(need + k, _mm256_min_ps(_mm256_div_ps(tv, w), one));
    }
    for (; k < n; k++) {
        float w = suffix[k] > prefix[keep + k] ? suffix[k] : prefix[keep + k];
        float q = t / w;
        need[k] = q > 1 ? 1 : q;
    }
}

/* Four positions at a time in double: the release's maximum as a scan inside the vector (each lane also
 * gets alpha^j times the lanes before it), then alpha^(j+1) times the previous depth; the moving sum as a
 * prefix sum of (new r - r leaving the window). Two short waits per four positions instead of four per one. */
__attribute__((target("avx2,fma")))
static size_t limiter_release_avx2(const float *need, size_t n, double alpha, int width, double *depth_io, double *sum_io,
                                   double *history, double *r_scratch, size_t first, float *gains) {
    size_t w = (size_t)width;
    if (w < 4) return pf_limiter_release_portable(need, n, alpha, width, depth_io, sum_io, history, r_scratch, first, gains);
    double average = 1.0 / (double)w;
    for (size_t i = 0; i < w; i++) r_scratch[i] = history[i];
    const __m256d a1 = _mm256_set1_pd(alpha), a2 = _mm256_set1_pd(alpha * alpha);
    const __m256d powers = _mm256_setr_pd(alpha, alpha * alpha, alpha * alpha * alpha, alpha * alpha * alpha * alpha);
    const __m256d one = _mm256_set1_pd(1), zero = _mm256_setzero_pd(), avg = _mm256_set1_pd(average);
    __m256d depth = _mm256_set1_pd(*depth_io), sum = _mm256_set1_pd(*sum_io);
    size_t k = 0, written = 0;
    for (; k + 4 <= n; k += 4) {
        __m256d f = _mm256_sub_pd(one, _mm256_cvtps_pd(_mm_loadu_ps(need + k)));
        /* lane j: max over i <= j of alpha^(j-i) f_i (a lane that takes itself is harmless: alpha < 1). */
        f = _mm256_max_pd(f, _mm256_mul_pd(a1, _mm256_permute4x64_pd(f, 0x90)));   /* 0,0,1,2 */
        f = _mm256_max_pd(f, _mm256_mul_pd(a2, _mm256_permute4x64_pd(f, 0x44)));   /* 0,1,0,1 */
        __m256d d = _mm256_max_pd(f, _mm256_mul_pd(powers, depth));
        depth = _mm256_permute4x64_pd(d, 0xFF);
        __m256d r = _mm256_sub_pd(one, d);
        _mm256_storeu_pd(r_scratch + w + k, r);
        __m256d diff = _mm256_sub_pd(r, _mm256_loadu_pd(r_scratch + k));
        /* Inclusive prefix sum of diff; these lanes must take zero. */
        diff = _mm256_add_pd(diff, _mm256_blend_pd(_mm256_permute4x64_pd(diff, 0x90), zero, 0x1));
        diff = _mm256_add_pd(diff, _mm256_blend_pd(_mm256_permute4x64_pd(diff, 0x44), zero, 0x3));
        __m256d s = _mm256_add_pd(diff, sum);
        sum = _mm256_permute4x64_pd(s, 0xFF);
        __m128 g = _mm256_cvtpd_ps(_mm256_min_pd(_mm256_mul_pd(s, avg), one));
        if (k >= first) {
            _mm_storeu_ps(gains + written, g);
            written += 4;
        } else {
            float lanes[4];
            _mm_storeu_ps(lanes, g);
            for (size_t l = 0; l < 4; l++) if (k + l >= first) gains[written++] = lanes[l];
        }
    }
    *depth_io = _mm256_cvtsd_f64(depth);
    *sum_io = _mm256_cvtsd_f64(sum);
    written = release_positions(need, k, n, alpha, w, depth_io, sum_io, r_scratch, first, gains, written);
    release_finish(n, w, r_scratch, history, depth_io);
    return written;
}
#endif

/* ---- dispatch ------------------------------------------------------------------------------------------ */

int pf_kernels_use_avx2(void) {
#ifdef PF_HAVE_AVX2_VARIANT
    static _Atomic int known = -1;
    int answer = atomic_load_explicit(&known, memory_order_relaxed);
    if (answer < 0) {
        /* Threads that get here at once all store the same answer. */
        __builtin_cpu_init();
        answer = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        atomic_store_explicit(&known, answer, memory_order_relaxed);
    }
    return answer;
#else
    return 0;
#endif
}

void pf_true_peak_levels(const float *x, size_t positions, const float *h, int taps, int back, float *out) {
#ifdef PF_HAVE_AVX2_VARIANT
    if (pf_kernels_use_avx2()) { true_peak_levels_avx2(x, positions, h, taps, back, out); return; }
#endif
    pf_true_peak_levels_portable(x, positions, h, taps, back, out);
}

/* The largest |x| of n floats, as their bits with the sign cleared (ordered as the magnitudes; a NaN compares
 * above everything, so it is never skipped): an integer maximum the compiler vectorises. */
static float largest_magnitude(const float *x, size_t n) {
    uint32_t m = 0;
    for (size_t j = 0; j < n; j++) {
        uint32_t v;
        memcpy(&v, x + j, sizeof v);
        v &= 0x7fffffffu;
        m = v > m ? v : m;
    }
    float f;
    memcpy(&f, &m, sizeof f);
    return f;
}

void pf_true_peak_levels_reaching(const float *x, size_t positions, const float *h, int taps, int back, float threshold,
                                  float *out) {
    /* |interpolated| <= sum_j |h_kj| * max |x| over the window; the sample itself is phase 0 (bound 1). A thousandth
       to spare covers the rounding of the multiply-adds. */
    float bound = 1;
    for (int k = 0; k < 3; k++) {
        float s = 0;
        for (int j = 0; j < taps; j++) s += fabsf(h[k * taps + j]);
        bound = s > bound ? s : bound;
    }
    const float limit = threshold / (bound * 1.001f);
    /* Groups of `group` positions; a group's windows lie in its own block of `group` samples and the next (taps <=
       group + 1), so each block's largest magnitude is found once. */
    const size_t group = 24, samples = positions + (size_t)taps - 1;
    if (taps > 25) { pf_true_peak_levels(x, positions, h, taps, back, out); return; }
    size_t from = 0;                        /* start of the positions still to interpolate */
    float here = largest_magnitude(x, samples < group ? samples : group);
    for (size_t i = 0; i < positions; i += group) {
        size_t n = positions - i < group ? positions - i : group, next = i + group;
        float after = next < samples ? largest_magnitude(x + next, samples - next < group ? samples - next : group) : 0;
        if ((here > after ? here : after) < limit) {
            if (i > from) pf_true_peak_levels(x + from, i - from, h, taps, back, out + from);
            from = i + n;
        }
        here = after;
    }
    if (positions > from) pf_true_peak_levels(x + from, positions - from, h, taps, back, out + from);
}

double pf_k_weighting(const float *x, size_t count, size_t stride, const double *b, const double *a, double *v, float *energy) {
#ifdef PF_HAVE_AVX2_VARIANT
    if (pf_kernels_use_avx2()) return k_weighting_blocks_avx2(x, count, stride, b, a, v, energy);
#endif
    return pf_k_weighting_portable(x, count, stride, b, a, v, energy);
}

void pf_limiter_need(const float *x, size_t total, int width, float t, float *prefix, float *suffix, float *need) {
#ifdef PF_HAVE_AVX2_VARIANT
    if (pf_kernels_use_avx2()) { limiter_need_avx2(x, total, width, t, prefix, suffix, need); return; }
#endif
    pf_limiter_need_portable(x, total, width, t, prefix, suffix, need);
}

size_t pf_limiter_release(const float *need, size_t n, double alpha, int width, double *depth, double *sum, double *history,
                          double *r_scratch, size_t first, float *gains) {
#ifdef PF_HAVE_AVX2_VARIANT
    if (pf_kernels_use_avx2()) return limiter_release_avx2(need, n, alpha, width, depth, sum, history, r_scratch, first, gains);
#endif
    return pf_limiter_release_portable(need, n, alpha, width, depth, sum, history, r_scratch, first, gains);
}
