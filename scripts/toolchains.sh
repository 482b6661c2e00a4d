#!/usr/bin/env bash
# Installs the chip toolchains the codegen tests need (Debian packages, ../shared/docs/CHIPS.md), when missing.
# As root it runs apt-get; otherwise it prints the one command to run and exits 1 (the tests would fail without them).
set -euo pipefail

# tool on PATH -> the Debian package that brings it
declare -A tools=(
  [arm-none-eabi-gcc]=gcc-arm-none-eabi
  [qemu-system-arm]=qemu-system-arm
  [riscv64-unknown-elf-gcc]=gcc-riscv64-unknown-elf
  [qemu-system-riscv32]=qemu-system-misc
  [iverilog]=iverilog
  [verilator]=verilator
  [yosys]=yosys
  [nextpnr-ice40]=nextpnr-ice40
  [icepack]=fpga-icestorm
  [gcc]=gcc
)
# libraries without a command of their own: a file they install -> the package
declare -A files=(
  [/usr/lib/arm-none-eabi/newlib/libc.a]=libnewlib-arm-none-eabi
  [/usr/lib/picolibc/arm-none-eabi/picolibc.specs]=picolibc-arm-none-eabi
  [/usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs]=picolibc-riscv64-unknown-elf
)

need=()
for t in "${!tools[@]}"; do command -v "$t" >/dev/null 2>&1 || need+=("${tools[$t]}"); done
for f in "${!files[@]}"; do [ -e "$f" ] || need+=("${files[$f]}"); done
[ ${#need[@]} -eq 0 ] && exit 0

mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
if [ "$(id -u)" -ne 0 ]; then
  echo "dot4j: the chip toolchains are missing; install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
echo "toolchains: installing ${need[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
