/* Startup for the Cortex-M QEMU boards: vector table, .data copy, .bss clear, semihosting call (bkpt 0xAB). */
#include <stdint.h>

extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[], __stack_top[];
extern int main(void);
extern void d4_exit(int ok);

int d4_semihost(int op, void *arg) {
    register int r0 __asm__("r0") = op;
    register void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void d4_reset(void) {
    uint32_t *s = __data_load, *d = __data_start;
    while (d < __data_end) {
        *d++ = *s++;
    }
    for (d = __bss_start; d < __bss_end; d++) {
        *d = 0;
    }
    main();
    d4_exit(1);
}

void d4_fault(void) {
    d4_exit(0);
}

__attribute__((section(".vectors"), used)) const uintptr_t d4_vectors[16] = {
    (uintptr_t)__stack_top, (uintptr_t)d4_reset, (uintptr_t)d4_fault, (uintptr_t)d4_fault,
    (uintptr_t)d4_fault, (uintptr_t)d4_fault, (uintptr_t)d4_fault, 0, 0, 0, 0,
    (uintptr_t)d4_fault, (uintptr_t)d4_fault, 0, (uintptr_t)d4_fault, (uintptr_t)d4_fault};
