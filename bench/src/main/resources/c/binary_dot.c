/*
 * The C reference binary kernel of the bench suite: C = popcount(W & X) for a binary dense layer of K bits, N weight
 * rows and a batch of B inputs (PERF_NOTES' shape by default: K = 4096, N = 1024, B = 64), the machine's ceiling beside
 * dot4j's Java kernels. Built at bench time with gcc -O3 -march=native, so it uses what this CPU has:
 *   - AVX-512 VPOPCNTDQ: one vector popcount per 8 words;
 *   - AVX2: the nibble-table popcount (vpshufb on each nibble, byte sums by vpsadbw against zero);
 *   - otherwise the compiler's __builtin_popcountll.
 * Every form runs a register tile of 2 inputs x 4 weight rows (8 accumulators) and is checked against a plain loop
 * before timing. Prints one line: "c-reference <form> K N B <G binary MAC/s> best of <rounds>".
 *
 * usage: binary_dot [rounds] [K] [N] [B]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__AVX2__) || defined(__AVX512F__)
#include <immintrin.h>
#endif

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static uint64_t next(uint64_t *s) { /* splitmix64: fixed inputs on every machine */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

#if defined(__AVX512VPOPCNTDQ__) && defined(__AVX512F__)
#define FORM "avx512-vpopcntdq"
typedef __m512i vec;
#define LANES 8
#define LOAD(p) _mm512_loadu_si512((const void *)(p))
#define ZERO() _mm512_setzero_si512()
#define COUNT_ADD(acc, a, b) acc = _mm512_add_epi64(acc, _mm512_popcnt_epi64(_mm512_and_si512(a, b)))
static uint64_t total(vec v) { return (uint64_t)_mm512_reduce_add_epi64(v); }
#elif defined(__AVX2__)
#define FORM "avx2-nibble-table"
typedef __m256i vec;
#define LANES 4
#define LOAD(p) _mm256_loadu_si256((const __m256i *)(p))
#define ZERO() _mm256_setzero_si256()
static inline __m256i popcnt256(__m256i v) {
    const __m256i table = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
                                           0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
    const __m256i low = _mm256_set1_epi8(0x0f);
    __m256i lo = _mm256_shuffle_epi8(table, _mm256_and_si256(v, low));
    __m256i hi = _mm256_shuffle_epi8(table, _mm256_and_si256(_mm256_srli_epi16(v, 4), low));
    return _mm256_sad_epu8(_mm256_add_epi8(lo, hi), _mm256_setzero_si256());
}
#define COUNT_ADD(acc, a, b) acc = _mm256_add_epi64(acc, popcnt256(_mm256_and_si256(a, b)))
static uint64_t total(vec v) {
    uint64_t t[4];
    _mm256_storeu_si256((__m256i *)t, v);
    return t[0] + t[1] + t[2] + t[3];
}
#else
#define FORM "builtin-popcountll"
typedef uint64_t vec;
#define LANES 1
#define LOAD(p) (*(p))
#define ZERO() 0
#define COUNT_ADD(acc, a, b) acc += (uint64_t)__builtin_popcountll((a) & (b))
static uint64_t total(vec v) { return v; }
#endif

/* rows n..n+3 of w times inputs b..b+1 of x, `words` 64-bit words each */
static void tile(const uint64_t *w, const uint64_t *x, int words, int n, int b, int nrows, uint32_t *out) {
    const uint64_t *w0 = w + (size_t)n * words, *w1 = w0 + words, *w2 = w1 + words, *w3 = w2 + words;
    const uint64_t *x0 = x + (size_t)b * words, *x1 = x0 + words;
    vec a00 = ZERO(), a01 = ZERO(), a02 = ZERO(), a03 = ZERO(), a10 = ZERO(), a11 = ZERO(), a12 = ZERO(), a13 = ZERO();
    for (int i = 0; i < words; i += LANES) {
        vec p = LOAD(x0 + i), q = LOAD(x1 + i);
        vec r0 = LOAD(w0 + i), r1 = LOAD(w1 + i), r2 = LOAD(w2 + i), r3 = LOAD(w3 + i);
        COUNT_ADD(a00, p, r0);
        COUNT_ADD(a01, p, r1);
        COUNT_ADD(a02, p, r2);
        COUNT_ADD(a03, p, r3);
        COUNT_ADD(a10, q, r0);
        COUNT_ADD(a11, q, r1);
        COUNT_ADD(a12, q, r2);
        COUNT_ADD(a13, q, r3);
    }
    uint32_t *o0 = out + (size_t)b * nrows + n, *o1 = o0 + nrows;
    o0[0] = (uint32_t)total(a00);
    o0[1] = (uint32_t)total(a01);
    o0[2] = (uint32_t)total(a02);
    o0[3] = (uint32_t)total(a03);
    o1[0] = (uint32_t)total(a10);
    o1[1] = (uint32_t)total(a11);
    o1[2] = (uint32_t)total(a12);
    o1[3] = (uint32_t)total(a13);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 7;
    int k = argc > 2 ? atoi(argv[2]) : 4096, n = argc > 3 ? atoi(argv[3]) : 1024, b = argc > 4 ? atoi(argv[4]) : 64;
    int words = k / 64;
    if (rounds < 1 || k < 64 || k % 512 != 0 || n < 4 || n % 4 != 0 || b < 2 || b % 2 != 0) {
        fprintf(stderr, "binary_dot: expected rounds >= 1, K a multiple of 512, N a multiple of 4, B even\n");
        return 2;
    }
    uint64_t *w = malloc(sizeof(uint64_t) * (size_t)n * words), *x = malloc(sizeof(uint64_t) * (size_t)b * words);
    uint32_t *out = malloc(sizeof(uint32_t) * (size_t)b * n);
    if (!w || !x || !out) {
        fprintf(stderr, "binary_dot: out of memory\n");
        return 2;
    }
    uint64_t s = 1;
    for (size_t i = 0; i < (size_t)n * words; i++) w[i] = next(&s);
    for (size_t i = 0; i < (size_t)b * words; i++) x[i] = next(&s);
    double best = 1e30;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        for (int j = 0; j < b; j += 2) {
            for (int i = 0; i < n; i += 4) {
                tile(w, x, words, i, j, n, out);
            }
        }
        double t = now() - t0;
        best = t < best ? t : best;
    }
    for (int j = 0; j < b; j++) { /* the plain loop, after timing (the result must not be optimized away) */
        for (int i = 0; i < n; i++) {
            uint32_t c = 0;
            for (int q = 0; q < words; q++) c += (uint32_t)__builtin_popcountll(w[(size_t)i * words + q] & x[(size_t)j * words + q]);
            if (c != out[(size_t)j * n + i]) {
                fprintf(stderr, "binary_dot: %s gives %u at input %d row %d, the plain loop %u\n", FORM, out[(size_t)j * n + i], j, i, c);
                return 1;
            }
        }
    }
    printf("c-reference %s %d %d %d %.1f best of %d\n", FORM, k, n, b, (double)b * n * k / best * 1e-9, rounds);
    return 0;
}
