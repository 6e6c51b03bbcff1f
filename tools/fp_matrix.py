"""Run the chapters under several floating-point set-ups of one machine.

Machines differ in CPU (Intel or AMD, with or without AVX-512), so numpy's SIMD
loops and OpenBLAS's kernels, and with them the last digits of sums and
products, differ from one learner's laptop to the next. Each set-up below
makes this machine compute like another one:

* ``native``: what this CPU does by default;
* ``haswell``: numpy's SIMD dispatch above the x86-64-v2 baseline off, OpenBLAS's Haswell kernels;
* ``prescott``: OpenBLAS's oldest generic kernels, one thread.

Usage (from the repository root, with the venv's Python)::

    python tools/fp_matrix.py nbval [SETUP ...]          # nbval on every chapter; exit 1 if any fails
    python tools/fp_matrix.py diff [SETUP ...] [--notebooks PATH ...]
        # execute copies of the chapters and print every code cell whose text output differs
        # from the saved one (also in cells that ignore their output: look, then decide)

``nbval`` is what CI runs; ``diff`` is the tool for finding printed rounding noise.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

# numpy 2.x names of the dispatch levels above the baseline (numpy 1.26 used AVX512F AVX2 FMA3 ...)
_SIMD_OFF = "X86_V3 X86_V4 AVX512_ICL AVX512_SPR"
SETUPS = {
    "native": {},
    "haswell": {"NPY_DISABLE_CPU_FEATURES": _SIMD_OFF, "OPENBLAS_CORETYPE": "Haswell"},
    "prescott": {"OPENBLAS_CORETYPE": "Prescott", "OPENBLAS_NUM_THREADS": "1"},
}


def environment(setup):
    """os.environ plus the set-up's variables (native keeps whatever this machine sets)."""
    return dict(os.environ, PYTHONHASHSEED="0", **SETUPS[setup])


def chapters():
    return sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def describe(setup):
    """The SIMD levels numpy uses and the OpenBLAS kernel, as numpy reports them under ``setup``."""
    code = ("import numpy as np, json\n"
            "from numpy._core._multiarray_umath import __cpu_dispatch__ as d, __cpu_features__ as f\n"
            "from threadpoolctl import threadpool_info\n"
            "blas = [i for i in threadpool_info() if i['user_api'] == 'blas'][:1]\n"
            "print(json.dumps({'simd dispatch': [k for k in d if f.get(k)],"
            " 'blas': [(i['architecture'], i['num_threads']) for i in blas]}))")
    out = subprocess.run([sys.executable, "-c", code], env=environment(setup), capture_output=True, text=True)
    return out.stdout.strip() or out.stderr.strip()[-200:]


def run_nbval(setups, notebooks):
    failed = []
    for setup in setups:
        print(f"== nbval under '{setup}': {describe(setup)}", flush=True)
        cmd = [sys.executable, "-m", "pytest", "-q", "--no-header", "-p", "no:cacheprovider",
               "-o", "addopts=", "--nbval", "--nbval-current-env",
               "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "-p", "no:randomly",
               *map(str, notebooks)]
        if subprocess.run(cmd, cwd=ROOT, env=environment(setup)).returncode:
            failed.append(setup)
    print("nbval failed under: " + ", ".join(failed) if failed else f"nbval passed under: {', '.join(setups)}")
    return 1 if failed else 0


def _texts(path):
    """{cell index: (ignores output, text outputs)} of a notebook's code cells, sanitised like nbval."""
    nb = json.loads(Path(path).read_text())
    out = {}
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        ignored = "NBVAL_IGNORE_OUTPUT" in "".join(cell["source"]) or \
            "nbval-ignore-output" in cell["metadata"].get("tags", [])
        parts = []
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            if o["output_type"] == "stream":
                parts.append("".join(o["text"]))
            elif "text/plain" in data and "application/vnd.jupyter.widget-view+json" not in data:
                parts.append("".join(data["text/plain"]))
            elif o["output_type"] == "error":
                parts.append(f"ERROR {o['ename']}: {o['evalue']}")
        out[i] = (ignored, re.sub(r"0x[0-9a-fA-F]+", "0xADDR", "".join(parts)))
    return out


def run_diff(setups, notebooks):
    from run_notebooks import execute_notebook

    differing = 0
    with tempfile.TemporaryDirectory() as tmp:
        for setup in setups:
            saved_env = dict(os.environ)
            os.environ.clear()
            os.environ.update(environment(setup))
            try:
                for path in notebooks:
                    copy = Path(tmp) / setup / path.name
                    copy.parent.mkdir(exist_ok=True)
                    shutil.copy(path, copy)
                    execute_notebook(copy)
                    saved, fresh = _texts(path), _texts(copy)
                    for i, (ignored, text) in saved.items():
                        if fresh.get(i, (None, text))[1] != text:
                            differing += not ignored
                            print(f"--- {path.name} cell {i} under '{setup}'" + (" (output ignored)" if ignored else ""))
                            diff = difflib.unified_diff(text.splitlines(), fresh[i][1].splitlines(), lineterm="", n=0)
                            print("\n".join(line for line in diff if not line.startswith(("---", "+++", "@@"))))
            finally:
                os.environ.clear()
                os.environ.update(saved_env)
    print(f"{differing} checked cell(s) differ from the saved outputs")
    return 1 if differing else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("nbval", "diff"))
    parser.add_argument("setups", nargs="*", help=f"any of {', '.join(SETUPS)} (default: all)")
    parser.add_argument("--notebooks", nargs="*", type=Path, default=None)
    args = parser.parse_args(argv)
    setups = args.setups or list(SETUPS)
    unknown = set(setups) - set(SETUPS)
    if unknown:
        parser.error(f"unknown set-up(s) {sorted(unknown)}; choose from {list(SETUPS)}")
    notebooks = [p.resolve() for p in args.notebooks] if args.notebooks else chapters()
    return (run_nbval if args.mode == "nbval" else run_diff)(setups, notebooks)


if __name__ == "__main__":
    sys.exit(main())
