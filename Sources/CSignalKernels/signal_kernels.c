#include "signal_kernels.h"

#include <math.h>
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
    if (i < positions) pf_true_peak_levels_portable(x + i, positions - i, h, taps, back, out + i);
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

double pf_k_weighting(const float *x, size_t count, size_t stride, const double *b, const double *a, double *v, float *energy) {
#ifdef PF_HAVE_AVX2_VARIANT
    if (pf_kernels_use_avx2()) return k_weighting_fma(x, count, stride, b, a, v, energy);
#endif
    return pf_k_weighting_portable(x, count, stride, b, a, v, energy);
}
