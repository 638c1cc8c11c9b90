#!/usr/bin/env python3
"""The project's one way to install PyTorch: a venv at .build/torch-venv holding a torch that imports on a
machine without CUDA, yamg_torch (editable, from python/) and its pinned dependencies.

    python3 python/torch_venv.py          # what `make python-deps` runs; prints the venv's python

`make test`'s Python tests, `bench/torch_peers.py` and the training module all run in it. Standard library
only: it runs before torch exists.

Why not `pip install torch`: PyPI's Linux x86_64 torch is the CUDA build, which will not import without some
gigabytes of nvidia-*/cuda-* packages. A CPU-only wheel (`torch-X+cpu`, whose dependencies name no CUDA) is
installed from pip's find-links folders when one has the pinned version; otherwise PyPI's wheel goes in without
its CUDA dependencies, and only where that does not import, and TORCH_PEERS_CUDA_DEPS=1 is set, with them.
On a GPU machine none of this is needed: `pip install ./python` brings the CUDA build, as it should.
"""

import json
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

PYTHON_DIR = Path(__file__).resolve().parent
ROOT = PYTHON_DIR.parent
VENV = ROOT / ".build" / "torch-venv"
VENV_PYTHON = VENV / "bin" / "python"
# Set to 1 to accept the CUDA wheel with its CUDA runtime packages (gigabytes) when no CPU-only wheel can be
# had; the CPU code it runs is the same.
CUDA_DEPS_ENV = "TORCH_PEERS_CUDA_DEPS"


class InstallError(Exception):
    pass


def pinned_requirements():
    """yamg_torch's dependencies with its test extra, as pinned in python/pyproject.toml."""
    project = tomllib.loads((PYTHON_DIR / "pyproject.toml").read_text())["project"]
    return project["dependencies"] + project["optional-dependencies"]["test"]


def torch_pin():
    pins = [r for r in pinned_requirements() if r.replace(" ", "").startswith("torch==")]
    return pins[0].split("==", 1)[1].strip()


def pip(*args):
    # pip's chatter goes to stderr so that stdout keeps only what the caller prints.
    cmd = [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", *args]
    print("+ " + " ".join(cmd[2:]), file=sys.stderr)
    if subprocess.run(cmd, stdout=sys.stderr).returncode != 0:
        raise InstallError(f"pip install {' '.join(args)} failed (its output is above)")


def probe(code, *args):
    return subprocess.run([str(VENV_PYTHON), "-c", code, *args], capture_output=True, text=True)


def missing(requirements):
    """The requirements the venv lacks or has in another version, asked of the venv's own pip metadata.
    A local version label (2.13.0+cpu) satisfies its public pin (==2.13.0), as PEP 440 says."""
    code = ("import sys, json\n"
            "from importlib.metadata import version, PackageNotFoundError\n"
            "from pip._vendor.packaging.requirements import Requirement\n"
            "out = []\n"
            "for req in json.loads(sys.argv[1]):\n"
            "    r = Requirement(req)\n"
            "    try:\n"
            "        if not r.specifier.contains(version(r.name), prereleases=True):\n"
            "            out.append(req)\n"
            "    except PackageNotFoundError:\n"
            "        out.append(req)\n"
            "print(json.dumps(out))\n")
    result = probe(code, json.dumps(requirements))
    if result.returncode != 0:
        raise InstallError(f"cannot ask {VENV_PYTHON} what it has: {result.stderr.strip()[-300:]}")
    return json.loads(result.stdout)


def find_links_folders():
    folders = os.environ.get("PIP_FIND_LINKS", "").split()
    config = subprocess.run([sys.executable, "-m", "pip", "config", "list"], capture_output=True, text=True).stdout
    for line in config.splitlines():
        key, _, value = line.partition("=")
        if key.endswith("find-links"):
            folders += value.strip("'\"").split()
    return [Path(f.removeprefix("file://")) for f in dict.fromkeys(folders)]


def local_cpu_wheel(version):
    """A CPU-only torch wheel of `version` in pip's find-links folders (this machine image ships one there).
    pip would prefer PyPI's CUDA wheel of the same version over a local `+cpu` one, so it goes in by path."""
    tag = f"cp{sys.version_info.major}{sys.version_info.minor}"
    for folder in find_links_folders():
        if folder.is_dir():
            wheels = sorted(folder.glob(f"torch-{version}+cpu-{tag}-{tag}-*x86_64.whl"))
            if wheels:
                return wheels[-1]
    return None


def install_torch(version):
    wheel = local_cpu_wheel(version)
    if wheel:
        pip(str(wheel))  # a +cpu wheel's dependencies name no CUDA package
    else:
        print(f"no CPU-only torch {version} wheel in pip's find-links; installing PyPI's without its CUDA "
              "dependencies", file=sys.stderr)
        pip("--no-deps", f"torch=={version}")
        # Its other dependencies, read from the wheel itself.
        code = ("from importlib.metadata import requires\n"
                "from pip._vendor.packaging.requirements import Requirement\n"
                "for req in requires('torch') or []:\n"
                "    r = Requirement(req)\n"
                "    cuda = r.name.startswith(('nvidia-', 'cuda-', 'triton'))\n"
                "    if not cuda and (r.marker is None or r.marker.evaluate({'extra': ''})):\n"
                "        print(req.split(';')[0])\n")
        deps = probe(code).stdout.split()
        if deps:
            pip(*deps)
    if probe("import torch").returncode == 0:
        return
    # PyPI's Linux x86_64 wheels link libtorch_cuda.so against the CUDA runtime, and `import torch` dlopens
    # it: without the nvidia/cuda packages it fails (libcudart not found).
    if os.environ.get(CUDA_DEPS_ENV) == "1":
        print(f"{CUDA_DEPS_ENV}=1: installing torch's CUDA dependencies (several GB)", file=sys.stderr)
        pip(f"torch=={version}")
        if probe("import torch").returncode == 0:
            return
    err = probe("import torch").stderr.strip().splitlines()
    hint = "" if wheel else (f"; set {CUDA_DEPS_ENV}=1 to install the CUDA runtime packages it needs (they work on "
                             "CPU too), or put a torch-*+cpu wheel in a find-links folder")
    raise InstallError(f"torch does not import in {VENV}: {err[-1] if err else '?'}{hint}")


def ensure():
    """Creates or completes the venv; quick (one probe) when it is complete. Returns the venv's python."""
    start = time.perf_counter()
    if not VENV_PYTHON.exists():
        print(f"creating {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    requirements = pinned_requirements()
    todo = missing(requirements + ["yamg-torch"])
    if not todo:
        return VENV_PYTHON
    version = torch_pin()
    if any(r.replace(" ", "").startswith("torch==") for r in todo):
        install_torch(version)
    # The package itself, editable, with the rest of its pins (torch is satisfied by now). No build isolation:
    # torch brought the setuptools it builds with.
    pip("--no-build-isolation", "-e", f"{PYTHON_DIR}[test]")
    left = missing(requirements + ["yamg-torch"])
    if left:
        raise InstallError(f"{VENV} still lacks {', '.join(left)} after installing")
    print(f"{VENV} ready in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return VENV_PYTHON


def main():
    try:
        print(ensure())
    except InstallError as e:
        print(f"python/torch_venv.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
