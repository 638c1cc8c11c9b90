#!/usr/bin/env bash
# Side by side: the same benchmarks from two yamg binaries, alternating, on this machine in one run.
#   bench/before_after.sh OLD_YAMG NEW_YAMG [REPEATS]
# Prints each RESULT line prefixed with the binary's label; compare the figures of one run, not across machines.
set -euo pipefail
old=$1 new=$2 repeats=${3:-3}
model=$(dirname "$0")/../models/default.safetensors
grep -m1 "model name" /proc/cpuinfo | sed 's/^/cpu: /'
echo "avx512: $(grep -c avx512f /proc/cpuinfo | head -1) cores with it; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
for i in $(seq "$repeats"); do
    for label in old new; do
        bin=$old; [ "$label" = new ] && bin=$new
        echo "$label generate: $("$bin" bench generate "$model" --steps 2000 | tail -1)"
        echo "$label train:    $("$bin" bench train --arch lstm --steps 10 | tail -1)"
        echo "$label perform:  $("$bin" bench perform "$model" --seconds 20 | tail -1)"
    done
done
