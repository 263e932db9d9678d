#ifndef PREFLIGHT_SIGNAL_KERNELS_H
#define PREFLIGHT_SIGNAL_KERNELS_H

#include <stddef.h>

/* prepare's per-sample inner loops, in C so they can use AVX2 and FMA where the CPU has them (chosen once at
 * run time) while Swift compiles for baseline x86-64. Each has a portable variant that gives the same result
 * up to rounding; the `_portable` names are exported so tests can compare the two. */

/* 1 when the AVX2+FMA variants run on this CPU. */
int pf_kernels_use_avx2(void);

/* 4x-oversampled true-peak level of `positions` consecutive positions: for position i, the highest of
 * |x[i + back]| and the three interpolated points |sum_j h[k * taps + j] * x[i + j]| (k = 0, 1, 2), maxed into
 * out[i]. `x` points at the first position's window start; `h` holds 3 x `taps` coefficients. */
void pf_true_peak_levels(const float *x, size_t positions, const float *h, int taps, int back, float *out);
void pf_true_peak_levels_portable(const float *x, size_t positions, const float *h, int taps, int back, float *out);
/* As pf_true_peak_levels, but a run of 24 positions whose samples are all so small that no level can reach
 * `threshold` (the largest |x| in their windows times the largest sum of |h| over a phase stays under it) is not
 * interpolated: out keeps its values there. A limiter whose need is 1 under its threshold needs no more. */
void pf_true_peak_levels_reaching(const float *x, size_t positions, const float *h, int taps, int back, float threshold,
                                  float *out);

/* BS.1770's K-weighting as one 4th-order direct-form filter (b[0..4], a[1..4] given as a[0..3]) over `count`
 * samples taken every `stride` floats from x; `v` (4 doubles) is the filter state, updated. Returns the sum of
 * the squared outputs; with `energy` non-null, also adds each squared output to energy[n]. */
double pf_k_weighting(const float *x, size_t count, size_t stride, const double *b, const double *a, double *v, float *energy);
double pf_k_weighting_portable(const float *x, size_t count, size_t stride, const double *b, const double *a, double *v, float *energy);

/* The true-peak limiter's needed gain: in blocks of `width` from x[0], running maxima forwards into `prefix` and
 * backwards into `suffix` (van Herk / Gil-Werman, `total` levels each), then for each of the total - width + 1
 * windows [k, k + width - 1], need[k] = min(1, t / (the window's highest level)). */
void pf_limiter_need(const float *x, size_t total, int width, float t, float *prefix, float *suffix, float *need);
void pf_limiter_need_portable(const float *x, size_t total, int width, float t, float *prefix, float *suffix, float *need);

/* The limiter's release and averaging over `n` needed gains: depth = max(1 - need, alpha * depth) (*depth is the
 * state), r = 1 - depth, gain = min(1, mean of the last `width` r) with the running sum in *sum. `history` holds the
 * last `width` r values (oldest first) and is updated; `r_scratch` has room for width + n doubles. Gains of positions
 * `first` onwards go to `gains`; returns how many were written. */
size_t pf_limiter_release(const float *need, size_t n, double alpha, int width, double *depth, double *sum, double *history,
                          double *r_scratch, size_t first, float *gains);
size_t pf_limiter_release_portable(const float *need, size_t n, double alpha, int width, double *depth, double *sum,
                                   double *history, double *r_scratch, size_t first, float *gains);

#endif
