/* dot4j microcontroller harness: streams test images in over semihosting, runs dot4j_predict on each and writes the
   scores back to a host file. Paints the stack first and reports its peak use at the end. Built by dot4j for QEMU
   with -DD4_IMAGES="path" -DD4_SCORES="path". Output: per image DOT4J_NUM_CLASSES int32 scores and the class,
   then a trailer (0x34443444, images, peak stack bytes). */
#include <stddef.h>
#include <stdint.h>
#include "dot4j_model.h"

#define SYS_OPEN 0x01
#define SYS_CLOSE 0x02
#define SYS_WRITE 0x05
#define SYS_READ 0x06
#define SYS_FLEN 0x0C
#define SYS_EXIT 0x18
#define STACK_PAINT 0xA5A5A5A5u

extern int d4_semihost(int op, void *arg);
extern uint32_t __bss_end[], __stack_top[];

static uint8_t image[DOT4J_INPUT_SIZE];
static int32_t scores[DOT4J_NUM_CLASSES + 1];

void d4_exit(int ok) {
    d4_semihost(SYS_EXIT, (void *)(uintptr_t)(ok ? 0x20026u : 0x20023u));
    for (;;) {
    }
}

static int call3(int op, uintptr_t a, uintptr_t b, uintptr_t c) {
    volatile uintptr_t args[3];
    args[0] = a;
    args[1] = b;
    args[2] = c;
    return d4_semihost(op, (void *)args);
}

static int open_file(const char *name, int mode) {
    size_t n = 0;
    while (name[n] != 0) {
        n++;
    }
    return call3(SYS_OPEN, (uintptr_t)name, (uintptr_t)mode, n);
}

/* marks around each inference for the instruction-counting QEMU plugin */
__attribute__((noinline)) void d4_bench_begin(void) {
    __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void d4_bench_end(void) {
    __asm__ volatile("" ::: "memory");
}

int main(void) {
    volatile uint32_t *p = __bss_end;
    uint32_t *sp = (uint32_t *)__builtin_frame_address(0);
    int in, out, n, i;
    uint32_t trailer[3];
    while (p < sp - 64) {
        *p++ = STACK_PAINT;
    }
    in = open_file(D4_IMAGES, 1);
    out = open_file(D4_SCORES, 5);
    if (in < 0 || out < 0) {
        d4_exit(0);
    }
    {
        volatile uintptr_t arg = (uintptr_t)in;
        n = d4_semihost(SYS_FLEN, (void *)&arg) / DOT4J_INPUT_SIZE;
    }
    for (i = 0; i < n; i++) {
        if (call3(SYS_READ, (uintptr_t)in, (uintptr_t)image, DOT4J_INPUT_SIZE) != 0) {
            d4_exit(0);
        }
        d4_bench_begin();
        scores[DOT4J_NUM_CLASSES] = dot4j_predict(image, scores);
        d4_bench_end();
        if (call3(SYS_WRITE, (uintptr_t)out, (uintptr_t)scores, sizeof scores) != 0) {
            d4_exit(0);
        }
    }
    p = __bss_end;
    while (p < __stack_top && *p == STACK_PAINT) {
        p++;
    }
    trailer[0] = 0x34443444u;
    trailer[1] = (uint32_t)n;
    trailer[2] = (uint32_t)((uintptr_t)__stack_top - (uintptr_t)p);
    call3(SYS_WRITE, (uintptr_t)out, (uintptr_t)trailer, sizeof trailer);
    {
        volatile uintptr_t arg = (uintptr_t)out;
        d4_semihost(SYS_CLOSE, (void *)&arg);
        arg = (uintptr_t)in;
        d4_semihost(SYS_CLOSE, (void *)&arg);
    }
    d4_exit(1);
    return 0;
}
