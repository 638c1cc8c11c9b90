#!/usr/bin/env bash
# Builds a libFuzzer harness, seeds its corpus and fuzzes for FUZZ_SECONDS (default 600). Exits non-zero on any
# crash, failed check, timeout, leak or OOM.
#   FUZZ_TARGET=MIDIFuzz (default): the MIDIFile reader and writer, seeded with the shared test files
#   FUZZ_TARGET=ControlsFuzz: the control room's JSON of controls (PATCH /api/controls), seeded with a few bodies
#   FUZZ_SECONDS=20 bash Fuzz/run.sh          # smoke run
# Extra arguments go to libFuzzer before the corpus folder (e.g. -seed=1).
set -euo pipefail

cd "$(dirname "$0")/.."                       # the repository root; paths below are relative to it
FUZZ_SECONDS=${FUZZ_SECONDS:-600}
FUZZ_TARGET=${FUZZ_TARGET:-MIDIFuzz}
scratch=.build-fuzz                           # git-ignored, and kept apart from the normal .build
case "$FUZZ_TARGET" in MIDIFuzz|ControlsFuzz) ;; *) echo "run.sh: FUZZ_TARGET must be MIDIFuzz or ControlsFuzz" >&2; exit 2;; esac
data=../shared/data

# The sanitizer runtimes ship with the Swift toolchain, not with the system clang: fail early and clearly.
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
if ! compgen -G "$toolchain/lib/clang/*/lib/linux/libclang_rt.fuzzer-$(uname -m).a" >/dev/null; then
    echo "run.sh: no libFuzzer runtime under $toolchain/lib/clang (need a swift.org toolchain)" >&2
    exit 2
fi

# --disable-dead-strip: so that --gc-sections can never drop the coverage counters.
# SwiftPM passes the two sanitizers as separate -sanitize= flags in a per-run random order, and swiftc
# keeps only the last one: the trailing -Xswiftc flag makes every build get both coverage and ASan.
start=$SECONDS
swift build -c release --package-path Fuzz --scratch-path "$scratch" --product "$FUZZ_TARGET" --disable-dead-strip \
    --sanitize fuzzer --sanitize address -Xswiftc -sanitize=fuzzer,address 2>&1 \
    | { grep -v 'ld.gold: warning: Cannot export local symbol' || true; }   # harmless, thousands of them
echo "build: $((SECONDS - start)) s"
# Refuse to fuzz with an uninstrumented object: such a run passes while testing nothing.
while read -r object; do
    symbols=$(nm "${object//\"/}")
    if ! grep -q 'asan.module_ctor' <<<"$symbols" || ! grep -q 'sancov.module_ctor' <<<"$symbols"; then
        echo "run.sh: $object lacks ASan or coverage instrumentation" >&2
        exit 2
    fi
done <"$scratch/release/$FUZZ_TARGET.product/Objects.LinkFileList"

corpus=$scratch/corpus-$FUZZ_TARGET
mkdir -p "$corpus" "$scratch/artifacts"
if [[ $FUZZ_TARGET == MIDIFuzz ]]; then
    # Seeds: every edge case, plus a few small real pieces; libFuzzer truncates the larger ones to -max_len.
    cp -f "$data"/edge/*.mid "$data"/edge/derived/* "$corpus/"   # -f: the sources are read-only
    for dir in bach pop909; do
        find "$data/piano/$dir" -name '*.mid' -printf '%s %p\n' | sort -n | sed -n 1,4p | cut -d' ' -f2- \
            | xargs cp -f -t "$corpus/"
    done
    max_len=65536
else
    # Seeds: bodies a page or a script sends, good and bad.
    n=0
    for body in '{"temperature": 0.8}' '{"top-k": 40, "top-p": "0.9"}' '{"speed": 2, "pause": 0}' '{"temperature": 0}' \
                '{"tempo": 1}' '[1, 2]' '{"top-k": 2.5}' '{"speed": "fast"}' '{"temperature": null, "speed": [1]}' '{}'; do
        n=$((n + 1)); printf '%s' "$body" > "$corpus/seed-$n.json"
    done
    max_len=4096
fi

# SWIFT_BACKTRACE=enable=no: on a crash the Swift backtracer would otherwise hold the pipe for minutes.
log=$scratch/fuzz-$FUZZ_TARGET.log
status=0
SWIFT_BACKTRACE=enable=no "$scratch/release/$FUZZ_TARGET" \
    -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -max_total_time="$FUZZ_SECONDS" \
    -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$scratch/artifacts/" \
    "$@" "$corpus" 2>&1 | tee "$log" || status=$?

echo "---"
grep -E '^#[0-9]+[[:space:]]+DONE|^stat::' "$log" || true
if (( status != 0 )); then
    grep -oE 'Test unit written to \S+' "$log" | sed 's/^Test unit written to /artifact: /' \
        || echo "artifact: none written"
    echo "run.sh: libFuzzer failed (exit $status); log in $log" >&2
fi
exit "$status"
