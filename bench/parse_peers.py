#!/usr/bin/env python3
"""Parse speed of `yamg bench parse` beside symusic and pretty_midi, on the same files.

    cd /work/main && python3 bench/parse_peers.py ../shared/data/piano

Every parser gets the files as bytes already in memory and turns them into notes; the figure is
the fastest of N passes (median beside it), as in `yamg bench parse`. Each peer prints a
`RESULT {...}` line like yamg's; the last line of the run is a `RESULT {...}` with the ratios.

The script brings its own Python packages: a venv at .build/bench-venv (from PyPI only), into
which it re-executes itself, so the system Python stays untouched.
"""

import argparse
import gc
import io
import json
import os
import subprocess
import sys
import time
import warnings
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".build" / "bench-venv"
VENV_PYTHON = VENV / "bin" / "python"
PACKAGES = ["symusic", "pretty_midi"]  # numpy and mido come with them
EXTENSIONS = {".mid", ".midi", ".kar", ".rmi", ".smf"}  # as MIDIFileFinder.extensions

# Pin every math library to one thread before anything imports it: yamg parses on one thread,
# and on a 2-core machine a helper thread would only add noise.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"


def ensure_venv():
    """Re-run this script inside the bench venv, creating and filling it first when needed."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not VENV_PYTHON.exists():
        print(f"creating {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    probe = subprocess.run([str(VENV_PYTHON), "-c", "import symusic, pretty_midi"],
                           capture_output=True)
    if probe.returncode != 0:
        print(f"installing {' '.join(PACKAGES)} into {VENV}", file=sys.stderr)
        # pip's chatter goes to stderr so that stdout keeps only the benchmark's lines.
        subprocess.run([str(VENV_PYTHON), "-m", "pip", "install", "--quiet", *PACKAGES],
                       check=True, stdout=sys.stderr)
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])


def midi_files(paths):
    """The same list MIDIFileFinder.files(under:) gives yamg: a file as is, folders recursively."""
    found = []
    for path in map(Path, paths):
        if path.is_file():
            found.append(str(path))
        elif path.is_dir():
            found += [str(p) for p in path.rglob("*") if p.suffix.lower() in EXTENSIONS and p.is_file()]
    return sorted(found)


def time_passes(name, contents, repeat, count_notes):
    """Parse every file `repeat` times; return a result shaped like yamg's RESULT, and the failures."""
    passes, notes, failed = [], 0, 0
    for _ in range(repeat):
        gc.collect()  # so one pass's garbage is not charged to the next
        notes = failed = 0
        start = time.perf_counter()
        for data in contents:
            try:
                notes += count_notes(data)
            except Exception:  # a file the parser rejects counts as failed, as in yamg
                failed += 1
        passes.append(time.perf_counter() - start)
    passes.sort()
    best, median = passes[0], passes[len(passes) // 2]  # the median as yamg takes it
    size = sum(map(len, contents))
    return {"parser": name, "files": len(contents), "notes": notes, "bytes": size,
            "seconds": round(best, 6), "seconds_median": round(median, 6),
            "notes_per_s": round(notes / best), "mb_per_s": round(size / 1e6 / best, 2),
            "repeat": repeat}, failed


def run_yamg(yamg, paths, repeat):
    if not Path(yamg).exists():
        print(f"{yamg} missing; building it", file=sys.stderr)
        subprocess.run(["swift", "build", "-c", "release", "--product", "yamg"], cwd=ROOT,
                       check=True, stdout=sys.stderr)
    out = subprocess.run([yamg, "bench", "parse", *paths, "--repeat", str(repeat)],
                         capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    result = json.loads([l for l in lines if l.startswith("RESULT ")][-1][len("RESULT "):])
    # yamg tells of rejected files only in a note: "(N files could not be read)"
    failed = [int(l[1:].split()[0]) for l in lines if l.endswith("files could not be read)")]
    return {"parser": "yamg", **result}, failed[0] if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", help="folders (or files) of MIDI files")
    parser.add_argument("--yamg", default=str(ROOT / ".build" / "release" / "yamg"),
                        help="yamg executable (built with swift build -c release if missing)")
    parser.add_argument("--repeat", type=int, default=5, help="passes for yamg")
    parser.add_argument("--symusic-repeat", type=int, default=5, help="passes for symusic")
    parser.add_argument("--pretty-repeat", type=int, default=2,
                        help="passes for pretty_midi (some 300 times slower than yamg)")
    args = parser.parse_args()
    if min(args.repeat, args.symusic_repeat, args.pretty_repeat) < 1:
        parser.error("every repeat must be at least 1")

    warnings.simplefilter("ignore")  # pretty_midi warns per file about tempo events on other tracks

    files = midi_files(args.paths)
    if not files:
        parser.error(f"no MIDI files under {', '.join(args.paths)}")
    contents = [Path(f).read_bytes() for f in files]
    import pretty_midi  # only now: they are in the venv, and no pass should pay for the imports
    import symusic

    def symusic_notes(data):
        return sum(len(track.notes) for track in symusic.Score.from_midi(data).tracks)

    def pretty_midi_notes(data):
        return sum(len(inst.notes) for inst in pretty_midi.PrettyMIDI(io.BytesIO(data)).instruments)

    print("versions: " + ", ".join(f"{p} {version(p)}" for p in ("symusic", "pretty_midi", "mido")),
          file=sys.stderr)

    results = [run_yamg(args.yamg, args.paths, args.repeat),
               time_passes("symusic", contents, args.symusic_repeat, symusic_notes),
               time_passes("pretty_midi", contents, args.pretty_repeat, pretty_midi_notes)]
    for r, failed in results:
        print("RESULT " + json.dumps(r), flush=True)
        if failed:
            print(f"({failed} files could not be read by {r['parser']})")
    results = [r for r, _ in results]

    yamg = results[0]["notes_per_s"]
    print(f"\n{'parser':<12} {'files':>6} {'notes':>9} {'MB':>6} {'best s':>9} {'median s':>9} "
          f"{'notes/s':>11} {'MB/s':>7} {'yamg/x':>7}")
    for r in results:
        print(f"{r['parser']:<12} {r['files']:>6} {r['notes']:>9} {r['bytes'] / 1e6:>6.2f} "
              f"{r['seconds']:>9.4f} {r['seconds_median']:>9.4f} {r['notes_per_s']:>11} "
              f"{r['mb_per_s']:>7.1f} {yamg / r['notes_per_s']:>7.2f}")
    print("RESULT " + json.dumps({
        "yamg_notes_per_s": yamg,
        "symusic_notes_per_s": results[1]["notes_per_s"],
        "pretty_midi_notes_per_s": results[2]["notes_per_s"],
        "yamg_vs_symusic": round(yamg / results[1]["notes_per_s"], 3),
        "yamg_vs_pretty_midi": round(yamg / results[2]["notes_per_s"], 2),
    }))


if __name__ == "__main__":
    ensure_venv()
    main()
