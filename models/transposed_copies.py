#!/usr/bin/env python3
"""Stage 3 of the default model's training (models/README.md): transposed copies of a corpus's training files.

    python3 models/transposed_copies.py CORPUS FILTER OUT [--yamg .build/release/yamg] [--shifts=-2,-1,1,2,3]

For every file of CORPUS's training split whose path contains FILTER (e.g. `bach`), writes one MIDI file per
shift to OUT/t<shift>/, transposed by that many semitones, through `yamg encode` and `yamg decode` (the note
tokens move; times, velocities and the pedal-resolved note lengths stay). Validation files are never copied, so
the copies add weight to a style without leaking what the model is measured on. Standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

NOTE = re.compile(r"(NOTE_ON|NOTE_OFF)_(\d+)$")


def copies(yamg: str, path: str, out: str, shifts: list[int]) -> int:
    tokens = subprocess.run([yamg, "encode", path], capture_output=True, text=True, check=True).stdout.split()
    name = os.path.splitext(os.path.basename(path))[0]
    for shift in shifts:
        moved = []
        for token in tokens:
            match = NOTE.match(token)
            if match:
                pitch = int(match.group(2)) + shift
                if not 0 <= pitch <= 127:
                    raise ValueError(f"{path}: pitch {pitch} is out of range after a shift of {shift}")
                token = f"{match.group(1)}_{pitch}"
            moved.append(token)
        folder = os.path.join(out, f"t{shift:+d}")
        os.makedirs(folder, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as text:
            text.write("\n".join(moved) + "\n")
        try:
            subprocess.run([yamg, "decode", text.name, "-o", os.path.join(folder, f"{name}{shift:+d}.mid")],
                           capture_output=True, text=True, check=True)
        finally:
            os.remove(text.name)
    return len(shifts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="a corpus folder made by yamg preprocess")
    parser.add_argument("filter", help="copy only training files whose path contains this")
    parser.add_argument("out", help="the folder of the copies")
    parser.add_argument("--yamg", default=".build/release/yamg")
    parser.add_argument("--shifts", default="-2,-1,1,2,3", help="semitones, comma-separated")
    args = parser.parse_args()
    shifts = [int(s) for s in args.shifts.split(",")]
    with open(os.path.join(args.corpus, "corpus.json")) as f:
        corpus = json.load(f)
    # Paths in corpus.json are as given to preprocess: relative ones are relative to where it ran (here).
    paths = [f["path"] for f in corpus["files"] if f["split"] == "train" and args.filter in f["path"]]
    if not paths:
        print(f"transposed_copies: no training file of {args.corpus} contains '{args.filter}'", file=sys.stderr)
        return 1
    with ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        written = sum(pool.map(lambda p: copies(args.yamg, p, args.out, shifts), paths))
    print(f"{written} copies of {len(paths)} files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
