#!/usr/bin/env python3
"""PyTorch beside yamg: training speed of the same networks, and a loss cross-check of a checkpoint.

    cd /work/main
    python3 bench/torch_peers.py train --arch lstm            # or --arch seed
    python3 bench/torch_peers.py train --arch seed --threads 2 --steps 30 --variants eager,script
    python3 bench/torch_peers.py crosscheck MODEL.safetensors CORPUS_DIR [--split val] [--batches 1]
    python3 bench/torch_peers.py fixture OUT_DIR        # a tiny checkpoint + val.npy (no yamg)

train: times Adam steps (lr 1e-3) on random tokens for each variant (eager, TorchScript,
torch.compile) and prints one `RESULT {...}` per variant. When .build/release/yamg has
`yamg bench train`, it runs first (alone on the cores) and the last line is a RESULT with the
ratio yamg / best PyTorch variant; otherwise the last line is the best PyTorch variant's RESULT.

crosscheck: the mean cross-entropy of a yamg `lstm` checkpoint on the first batches of a split,
computed by PyTorch and by `yamg eval`; prints `CROSSCHECK {...}` and exits 1 when they differ by
1e-4 or more (2 when yamg could not be run; `--yamg none` skips it).

The script brings its own packages: the venv python/torch_venv.py makes (`make python-deps`), at
.build/torch-venv, into which it re-executes itself. PyTorch there is a CPU-only build: the default
torch wheel on PyPI is the CUDA one, which will not import without some gigabytes of nvidia-*/cuda-*
packages (see python/torch_venv.py).
"""

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YAMG = ROOT / ".build" / "release" / "yamg"

VARIANTS = ("eager", "script", "compile", "compile_rnn")
LSTM_SHAPE = dict(vocab=388, embed=256, hidden=512, layers=2, batch=32, seq_len=128)
SEED_SHAPE = dict(vocab=4096, window=40, embed=32, batch=1024)  # filters 64, kernel 4, dense 128, 256


def fail(message):
    """Stop with exit status 2: the run could not be made (1 is crosscheck's 'losses differ')."""
    print(message, file=sys.stderr)
    sys.exit(2)


# ----------------------------------------------------------------------------------------------
# The venv (python/torch_venv.py: the project's one way to install torch) and the networks
# (yamg_torch.models, the trainer's own)

sys.path.insert(0, str(ROOT / "python"))
import torch_venv  # noqa: E402  (standard library only)


def ensure_venv():
    """Re-run this script inside the torch venv, creating and filling it first when needed."""
    if Path(sys.prefix).resolve() == torch_venv.VENV.resolve():
        return
    try:
        python = torch_venv.ensure()
    except torch_venv.InstallError as e:
        fail(str(e))
    os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


def build_models():
    from yamg_torch.models import LSTMModel, SeedModel
    return LSTMModel, SeedModel


# ----------------------------------------------------------------------------------------------
# train

def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def run_yamg_train(yamg, arch, threads):
    """yamg's own RESULT (a dict and the line as printed), or None when it has no such bench."""
    if not Path(yamg).exists():
        print(f"note: {yamg} not built; PyTorch only", file=sys.stderr)
        return None
    cmd = [str(yamg), "bench", "train", "--arch", arch, "--threads", str(threads)]
    print("+ " + " ".join(cmd), file=sys.stderr)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    lines = [l for l in proc.stdout.splitlines() if l.startswith("RESULT ")]
    if proc.returncode != 0 or not lines:
        why = (proc.stderr.strip().splitlines() or ["no RESULT line"])[0]
        print(f"note: `yamg bench train` unavailable or failed ({why}); PyTorch only",
              file=sys.stderr)
        return None
    sys.stderr.write(proc.stderr)
    return json.loads(lines[-1][len("RESULT "):]), lines[-1]


def make_batches(torch, arch, count, generator):
    """A few random batches, made before timing, cycled through so no step pays for the RNG."""
    if arch == "lstm":
        s = LSTM_SHAPE
        seqs = [torch.randint(0, s["vocab"], (s["batch"], s["seq_len"] + 1), generator=generator)
                for _ in range(count)]
        return [(q[:, :-1].contiguous(), q[:, 1:].contiguous()) for q in seqs]
    s = SEED_SHAPE
    return [(torch.randint(0, s["vocab"], (s["batch"], s["window"]), generator=generator),
             torch.randint(0, s["vocab"], (s["batch"],), generator=generator))
            for _ in range(count)]


def time_variant(torch, make_model, variant, batches, warmup, steps):
    import torch.nn.functional as F
    from torch._dynamo.utils import counters

    counters.clear()  # so that `graphs` counts this variant's compiled graphs alone
    torch.manual_seed(0)  # every variant starts from the same weights
    model = make_model().train()
    if variant == "script":
        model = torch.jit.script(model)
    elif variant == "compile":
        # Dynamo refuses nn.LSTM and then runs the whole forward eagerly, so for lstm this
        # compiles nothing (the RESULT says graphs: 0). compile_rnn makes Dynamo trace through
        # the LSTM (experimental in torch: it unrolls every time step, ~10 min to compile here).
        torch._dynamo.config.allow_rnn = False
        model = torch.compile(model)
    elif variant == "compile_rnn":
        torch._dynamo.config.allow_rnn = True
        model = torch.compile(model)
    elif variant != "eager":
        raise ValueError(f"unknown variant {variant}")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step(i):
        inputs, targets = batches[i % len(batches)]
        optimizer.zero_grad(set_to_none=True)
        logits = model(inputs)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
        loss.backward()
        optimizer.step()
        return loss.item()  # also makes sure the step has finished before the clock is read

    start = time.perf_counter()
    for i in range(warmup):  # TorchScript profiles, torch.compile compiles, in these
        loss = step(i)
    warmup_s = time.perf_counter() - start
    times = []
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    for i in range(steps):
        start = time.perf_counter()
        loss = step(warmup + i)
        times.append(time.perf_counter() - start)
    # CPU seconds per wall second while timing: near the thread count on an idle machine, lower
    # when other processes took the cores (a shared 2-core machine often has some).
    cpu_per_wall = (time.process_time() - cpu_start) / (time.perf_counter() - wall_start)
    if not math.isfinite(loss):
        raise RuntimeError(f"loss became {loss}")
    graphs = counters["stats"]["unique_graphs"] if variant.startswith("compile") else None
    return times, warmup_s, cpu_per_wall, graphs


def cmd_train(args):
    import torch

    # Before any parallel work, or torch refuses to change the inter-op pool.
    torch.set_num_interop_threads(1)
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()} "
          f"(interop {torch.get_num_interop_threads()})", file=sys.stderr)

    yamg = None if args.yamg == "none" else run_yamg_train(args.yamg, args.arch, args.threads)
    if yamg:
        print(yamg[1], flush=True)  # yamg's RESULT line unchanged

    LSTMModel, SeedModel = build_models()
    if args.arch == "lstm":
        s = LSTM_SHAPE
        make_model = lambda: LSTMModel(s["vocab"], s["embed"], s["hidden"], s["layers"])
        tokens_per_step = s["batch"] * s["seq_len"]
    else:
        s = SEED_SHAPE
        make_model = lambda: SeedModel(s["vocab"], s["window"], s["embed"])
        tokens_per_step = s["batch"]  # one target per window
    steps = args.steps or (20 if args.arch == "lstm" else 30)
    batches = make_batches(torch, args.arch, 4, torch.Generator().manual_seed(1))

    results = []
    for variant in args.variants.split(","):
        try:
            times, warmup_s, cpu_per_wall, graphs = time_variant(
                torch, make_model, variant, batches, args.warmup, steps)
        except Exception as e:  # torch.compile without a toolchain, TorchScript gaps, …
            msg = (str(e).strip().splitlines() or [""])[0][:300]
            print("SKIPPED " + json.dumps({"peer": "pytorch", "variant": variant, "arch": args.arch,
                                           "error": f"{type(e).__name__}: {msg}"}), flush=True)
            continue
        median, fastest = statistics.median(times), min(times)
        result = {"peer": "pytorch", "variant": variant, "arch": args.arch,
                  "tokens_per_s": round(tokens_per_step / median, 1),
                  "ms_per_step": round(median * 1e3, 2), "ms_per_step_min": round(fastest * 1e3, 2),
                  "threads": args.threads, "peak_rss_mb": peak_rss_mb(),
                  "steps": steps, "warmup_s": round(warmup_s, 2),
                  "cpu_per_wall": round(cpu_per_wall, 2), "torch": torch.__version__}
        if graphs is not None:
            result["graphs"] = graphs  # 0: torch.compile fell back to eager entirely
        results.append(result)
        print("RESULT " + json.dumps(result), flush=True)

    if not results:
        fail("no variant ran")
    best = max(results, key=lambda r: r["tokens_per_s"])
    if yamg and "tokens_per_s" in yamg[0]:
        print("RESULT " + json.dumps({
            "arch": args.arch, "yamg_tokens_per_s": yamg[0]["tokens_per_s"],
            "pytorch_best_tokens_per_s": best["tokens_per_s"],
            "pytorch_best_variant": best["variant"],
            "ratio": round(yamg[0]["tokens_per_s"] / best["tokens_per_s"], 3)}))
    else:
        if yamg:
            print("note: yamg's RESULT has no tokens_per_s; no ratio", file=sys.stderr)
        print("RESULT " + json.dumps({**best, "best": True}))


# ----------------------------------------------------------------------------------------------
# crosscheck

def load_checkpoint(path):
    """(state dict of torch tensors, metadata dict) read by the safetensors reference reader."""
    from safetensors import safe_open

    with safe_open(str(path), framework="pt") as f:
        meta = f.metadata() or {}
        tensors = {name: f.get_tensor(name) for name in f.keys()}
    return tensors, meta


def eval_windows(tokens, seq_len, batch, batches):
    """The first `batches` batches of eval windows, as yamg builds them.

    Window k starts at s = k*T while s + T + 1 <= N (non-overlapping, each needs one more token
    for its last target); batches are consecutive groups of B windows, a partial last one dropped.
    """
    import numpy as np

    n = len(tokens)
    windows = (n - 1) // seq_len if n > seq_len else 0
    available = windows // batch
    if available < batches:
        fail(f"the split has {n} tokens: {windows} windows of {seq_len}, {available} full "
             f"batches of {batch}; asked for {batches}")
    for b in range(batches):
        starts = [(b * batch + i) * seq_len for i in range(batch)]
        x = np.stack([tokens[s:s + seq_len] for s in starts]).astype(np.int64)
        y = np.stack([tokens[s + 1:s + seq_len + 1] for s in starts]).astype(np.int64)
        yield x, y


def cmd_crosscheck(args):
    import numpy as np
    import torch
    import torch.nn.functional as F

    tensors, meta = load_checkpoint(args.model)
    arch = meta.get("arch")
    if arch != "lstm":
        fail(f"{args.model}: arch {arch!r}; only 'lstm' checkpoints can be cross-checked")
    hyper = json.loads(meta.get("hyper", "{}"))
    need = [k for k in ("embedding.weight", "lstm.weight_hh_l0") if k not in tensors]
    need += [f"hyper.{k}" for k in ("seq_len", "batch") if k not in hyper]
    if need:
        fail(f"{args.model}: no {', '.join(need)}")
    # Sizes come from the tensors (they are what the weights mean); hyper only gives T and B.
    vocab, embed = tensors["embedding.weight"].shape
    hidden = tensors["lstm.weight_hh_l0"].shape[1]
    layers = sum(1 for k in tensors if k.startswith("lstm.weight_ih_l"))
    for key, value in (("embed", embed), ("hidden", hidden), ("layers", layers)):
        if key in hyper and hyper[key] != value:
            print(f"warning: hyper {key}={hyper[key]} but the tensors say {value}", file=sys.stderr)
    for name, t in tensors.items():
        if t.dtype != torch.float32:
            print(f"warning: {name} is {t.dtype}, not F32", file=sys.stderr)
    seq_len, batch = int(hyper["seq_len"]), int(hyper["batch"])

    LSTMModel, _ = build_models()
    model = LSTMModel(vocab, embed, hidden, layers)
    model.load_state_dict(tensors, strict=True)  # any missing or extra tensor is an error
    model.eval()

    path = Path(args.corpus) / f"{args.split}.npy"
    tokens = np.load(path, mmap_mode="r")
    if tokens.dtype not in (np.uint16, np.uint32) or tokens.ndim != 1:
        fail(f"{path}: {tokens.dtype} {tokens.shape}, expected 1-D uint16 or uint32")
    if len(tokens) and int(tokens.max()) >= vocab:
        fail(f"{path}: token id {int(tokens.max())} outside the model's vocabulary of {vocab}")
    print(f"model V={vocab} E={embed} H={hidden} layers={layers}; T={seq_len} B={batch}; "
          f"{path.name}: {len(tokens)} tokens", file=sys.stderr)

    # float32 is what yamg computes in; float64 is printed beside it to show how much of any
    # difference is rounding alone.
    batches = [(torch.from_numpy(x), torch.from_numpy(y))
               for x, y in eval_windows(tokens, seq_len, batch, args.batches)]
    losses = {}
    with torch.no_grad():
        for dtype in (torch.float32, torch.float64):  # float32 first: the weights as loaded
            model.to(dtype)
            # Equal-sized batches: the mean of batch means is the mean over all positions.
            losses[dtype] = statistics.fmean(
                F.cross_entropy(model(x).reshape(-1, vocab), y.reshape(-1)).item()
                for x, y in batches)
    torch_loss, torch_loss64 = losses[torch.float32], losses[torch.float64]
    print(f"torch loss: {torch_loss:.7f} (float64: {torch_loss64:.7f}; "
          f"ln V = {math.log(vocab):.4f})")

    if args.yamg == "none":
        print("CROSSCHECK " + json.dumps({"torch_loss": torch_loss, "torch_loss_f64": torch_loss64,
                                          "yamg_loss": None, "abs_diff": None, "ok": None}))
        return 0
    cmd = [str(args.yamg), "eval", str(args.model), str(args.corpus), "--split", args.split,
           "--max-batches", str(args.batches), "--json"]
    print("+ " + " ".join(cmd), file=sys.stderr)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    yamg_loss = None
    for line in reversed(proc.stdout.splitlines()):  # the JSON object, maybe after other lines
        line = line.strip().removeprefix("RESULT ").strip()
        if line.startswith("{"):
            try:
                yamg_loss = float(json.loads(line)["loss"])
                break
            except (ValueError, KeyError, TypeError):
                pass
    if proc.returncode != 0 or yamg_loss is None:
        sys.stderr.write(proc.stderr)
        print(f"yamg eval failed (exit {proc.returncode}) or printed no JSON with a loss; "
              f"use --yamg none for the PyTorch side alone", file=sys.stderr)
        return 2
    diff = abs(torch_loss - yamg_loss)
    ok = diff < 1e-4
    print(f"yamg loss:  {yamg_loss:.7f}")
    print("CROSSCHECK " + json.dumps({"torch_loss": torch_loss, "yamg_loss": yamg_loss,
                                      "abs_diff": diff, "ok": ok, "torch_loss_f64": torch_loss64}))
    return 0 if ok else 1


# ----------------------------------------------------------------------------------------------
# fixture: a small checkpoint and split, to test the PyTorch side of crosscheck without yamg.
# Only the tensors, arch and hyper are written: yamg eval wants a whole yamg model file
# (format_version, encoding, vocabulary), so cross-check against yamg with a `yamg train` model.

def cmd_fixture(args):
    import numpy as np
    import torch
    from safetensors.torch import save_file

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(args.seed)
    LSTMModel, _ = build_models()
    model = LSTMModel(args.vocab, args.embed, args.hidden, args.layers)
    with torch.no_grad():  # wider than the default init, so the logits are far from uniform
        for p in model.parameters():
            p.mul_(args.scale)
    hyper = {"embed": args.embed, "hidden": args.hidden, "layers": args.layers,
             "seq_len": args.seq_len, "batch": args.batch}
    tensors = {k: v.contiguous() for k, v in model.state_dict().items()}
    save_file(tensors, str(out / "model.safetensors"),
              metadata={"arch": "lstm", "hyper": json.dumps(hyper)})
    # Tokens with some structure (a noisy walk), not uniform noise.
    rng = np.random.default_rng(args.seed)
    walk = np.cumsum(rng.integers(-3, 4, size=args.tokens)) % args.vocab
    np.save(out / "val.npy", walk.astype(np.uint16 if args.vocab <= 65536 else np.uint32))
    print(f"wrote {out / 'model.safetensors'} ({len(tensors)} tensors, hyper {hyper}) and "
          f"{out / 'val.npy'} ({args.tokens} tokens)")


# ----------------------------------------------------------------------------------------------

# ----------------------------------------------------------------------------------------------
# generate

def cmd_generate(args):
    """Batch-1 generation steps, as `yamg bench generate` times them: feed one token, get the next
    token's logits (the LSTM carries its state; the seed network sees a sliding window of 40)."""
    import statistics
    import torch
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    LSTMModel, SeedModel = build_models()
    vocab = 388 if args.arch == "lstm" else 4096

    if args.arch == "lstm":
        class Step(torch.nn.Module):
            def __init__(self, m):
                super().__init__()
                self.m = m

            def forward(self, token, h, c):
                out, (h, c) = self.m.lstm(self.m.embedding(token), (h, c))
                return self.m.head(out[:, -1]), h, c
        model = Step(LSTMModel(vocab, 256, 512, 2)).eval()

        class Cell(torch.nn.Module):
            # The fastest way we know to step an LSTM in PyTorch: [W_ih | W_hh] packed per layer, one
            # matrix-vector product per layer (what yamg does), scripted; state as flat tensors.
            def __init__(self, m):
                super().__init__()
                self.emb = m.m.embedding.weight.detach()
                self.w0 = torch.cat([m.m.lstm.weight_ih_l0, m.m.lstm.weight_hh_l0], 1).detach()
                self.b0 = (m.m.lstm.bias_ih_l0 + m.m.lstm.bias_hh_l0).detach()
                self.w1 = torch.cat([m.m.lstm.weight_ih_l1, m.m.lstm.weight_hh_l1], 1).detach()
                self.b1 = (m.m.lstm.bias_ih_l1 + m.m.lstm.bias_hh_l1).detach()
                self.hw = m.m.head.weight.detach()
                self.hb = m.m.head.bias.detach()

            def forward(self, token: int, h: torch.Tensor, c: torch.Tensor):
                x = self.emb[token]
                g = torch.addmv(self.b0, self.w0, torch.cat([x, h[0]]))
                i, f, gg, o = g.chunk(4)
                c0 = torch.sigmoid(f) * c[0] + torch.sigmoid(i) * torch.tanh(gg)
                h0 = torch.sigmoid(o) * torch.tanh(c0)
                g = torch.addmv(self.b1, self.w1, torch.cat([h0, h[1]]))
                i, f, gg, o = g.chunk(4)
                c1 = torch.sigmoid(f) * c[1] + torch.sigmoid(i) * torch.tanh(gg)
                h1 = torch.sigmoid(o) * torch.tanh(c1)
                return torch.addmv(self.hb, self.hw, h1), torch.stack([h0, h1]), torch.stack([c0, c1])
        cell = Cell(model).eval()
    else:
        class Step(torch.nn.Module):
            def __init__(self, m):
                super().__init__()
                self.m = m

            def forward(self, window):
                return self.m(window)
        model = Step(SeedModel(vocab, 40, 32)).eval()

    lines = []
    if args.yamg != "none" and Path(args.yamg).exists():
        out = subprocess.run([args.yamg, "bench", "generate", "--arch", args.arch, "--threads", str(args.threads)],
                             capture_output=True, text=True).stdout.strip().splitlines()
        if out:
            print(out[-1], flush=True)
            lines.append(json.loads(out[-1][len("RESULT "):]))
    best = None
    variants = ("eager", "script", "cell", "cell_script") if args.arch == "lstm" else ("eager", "script")
    for variant in variants:
        base = cell if variant.startswith("cell") else model
        try:
            step = torch.jit.script(base) if variant.endswith("script") else base
        except Exception as error:  # TorchScript cannot compile every module in every torch release
            print(f"{variant}: skipped, TorchScript failed: {type(error).__name__}: {str(error).splitlines()[0]}",
                  file=sys.stderr, flush=True)
            continue
        times = []
        with torch.inference_mode():
            token = torch.zeros(1, 1, dtype=torch.long)
            h = torch.zeros(2, 1, 512)
            c = torch.zeros(2, 1, 512)
            window = torch.zeros(1, 40, dtype=torch.long)
            for i in range(args.steps + 50):
                t0 = time.perf_counter()
                if variant.startswith("cell"):
                    if i == 0:
                        h, c = torch.zeros(2, 512), torch.zeros(2, 512)
                    logits, h, c = step(int(token), h, c)
                    logits = logits.unsqueeze(0)
                elif args.arch == "lstm":
                    logits, h, c = step(token, h, c)
                else:
                    logits = step(window)
                nxt = int(logits[0].argmax())
                if i >= 50:
                    times.append((time.perf_counter() - t0) * 1e6)
                token = torch.tensor([[nxt % vocab]])
                window = torch.cat([window[:, 1:], token], dim=1)
        times.sort()
        result = {"peer": "pytorch", "variant": variant, "arch": args.arch,
                  "us_per_token_p50": round(times[len(times) // 2], 1),
                  "us_per_token_p99": round(times[min(len(times) - 1, len(times) * 99 // 100)], 1),
                  "tokens_per_s": round(1e6 / statistics.mean(times)), "threads": args.threads}
        print("RESULT " + json.dumps(result), flush=True)
        if best is None or result["us_per_token_p50"] < best["us_per_token_p50"]:
            best = result
    if lines:
        ours = lines[0]
        print("RESULT " + json.dumps({"arch": args.arch, "yamg_us_per_token_p50": ours["us_per_token_p50"],
                                      "pytorch_best_us_per_token_p50": best["us_per_token_p50"],
                                      "pytorch_best_variant": best["variant"],
                                      "speedup": round(best["us_per_token_p50"] / ours["us_per_token_p50"], 2)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("train", help="time training steps of PyTorch (and yamg) on random tokens")
    p.add_argument("--arch", choices=["lstm", "seed"], default="lstm")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=0, help="timed steps (default 20 lstm, 30 seed)")
    p.add_argument("--warmup", type=int, default=3, help="untimed steps first")
    p.add_argument("--variants", default="eager,script,compile",
                   help="comma-separated: eager, script (TorchScript), compile (torch.compile), "
                        "compile_rnn (torch.compile tracing into nn.LSTM too)")
    p.add_argument("--yamg", default=str(YAMG), help="yamg executable, or none")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("generate", help="time batch-1 generation steps of PyTorch (and yamg)")
    p.add_argument("--arch", choices=["lstm", "seed"], default="lstm")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--yamg", default=str(YAMG), help="yamg executable, or none")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("crosscheck", help="loss of a yamg lstm checkpoint, by PyTorch and yamg")
    p.add_argument("model", help="yamg checkpoint (.safetensors)")
    p.add_argument("corpus", help="corpus folder with {split}.npy")
    p.add_argument("--split", default="val")
    p.add_argument("--batches", type=int, default=1)
    p.add_argument("--yamg", default=str(YAMG), help="yamg executable, or none to skip it")
    p.set_defaults(func=cmd_crosscheck)

    p = sub.add_parser("fixture", help="write a small random lstm checkpoint and val.npy")
    p.add_argument("out", help="folder to write model.safetensors and val.npy into")
    p.add_argument("--vocab", type=int, default=388)
    p.add_argument("--embed", type=int, default=16)
    p.add_argument("--hidden", type=int, default=32)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--seq-len", type=int, default=16)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--tokens", type=int, default=1000)
    p.add_argument("--scale", type=float, default=4.0, help="factor on the default init")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_fixture)

    args = parser.parse_args()
    if getattr(args, "threads", 1) < 1 or getattr(args, "batches", 1) < 1:
        parser.error("--threads and --batches must be at least 1")
    unknown = set(getattr(args, "variants", "eager").split(",")) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variant(s) {', '.join(sorted(unknown))}; "
                     f"known: {', '.join(VARIANTS)}")

    # torch.compile leaves kernels and precompiled headers in /tmp/torchinductor_$USER; keep
    # them in a folder that goes away with the run (so compile time is also measured cold).
    # Its headers' folder follows Python's temp dir, not TORCHINDUCTOR_CACHE_DIR.
    with tempfile.TemporaryDirectory(prefix="torch-peers-") as cache:
        tempfile.tempdir = cache
        os.environ.setdefault("TORCHINDUCTOR_CACHE_DIR", os.path.join(cache, "inductor"))
        return args.func(args) or 0


if __name__ == "__main__":
    ensure_venv()
    sys.exit(main())
