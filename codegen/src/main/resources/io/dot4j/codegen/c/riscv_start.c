/* Startup for RV32 under QEMU virt (-bios none): stack, trap vector, .data copy, .bss clear, semihosting call
   (the slli/ebreak/srai sequence, uncompressed and within one page). */
#include <stdint.h>

extern uint32_t __data_load[], __data_start[], __data_end[], __bss_start[], __bss_end[], __stack_top[];
extern int main(void);
extern void d4_exit(int ok);

__asm__(".section .text.start, \"ax\"\n"
        ".globl _start\n"
        "_start:\n"
        "    la sp, __stack_top\n"
        "    la t0, d4_trap\n"
        "    csrw mtvec, t0\n"
        "    call d4_reset\n"
        "1:  j 1b\n"
        ".text\n");

int d4_semihost(int op, void *arg) {
    register int a0 __asm__("a0") = op;
    register void *a1 __asm__("a1") = arg;
    __asm__ volatile(".option push\n.option norvc\n.balign 16\n"
                     "slli zero, zero, 0x1f\nebreak\nsrai zero, zero, 7\n.option pop"
                     : "+r"(a0) : "r"(a1) : "memory");
    return a0;
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

__attribute__((aligned(4))) void d4_trap(void) {
    d4_exit(0);
}
