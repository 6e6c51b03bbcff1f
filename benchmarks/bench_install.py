"""Size and time of `make lab`'s install: the course alone (`.[lab]`) against the full test set-up.

Each install goes into a fresh temporary venv with pip's cache off, so the time includes downloads
from the package index (it varies with the network; the size does not).
"""

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _size_mb(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def install(extras):
    """(seconds, MB) of `pip install -e ".[extras]"` into a new venv."""
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-cache-dir"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True, capture_output=True)
        size0 = _size_mb(venv)
        start = time.perf_counter()
        subprocess.run([*pip, "-e", f".[{extras}]"], cwd=ROOT, check=True, capture_output=True)
        seconds = time.perf_counter() - start
        size = _size_mb(venv) - size0
        shutil.rmtree(venv)
    return seconds, size


def main():
    lab_s, lab_mb = install("lab")
    full_s, full_mb = install("lab,test,e2e,book")
    return [("make lab: pip install -e .[lab] (new venv, no cache)", f"{lab_s:.0f} s, {lab_mb:.0f} MB",
             f"make test's .[lab,test,e2e,book]: {full_s:.0f} s, {full_mb:.0f} MB", f"{lab_mb / full_mb:.2f} (size)", "–")]


if __name__ == "__main__":
    for row in main():
        print(" | ".join(row))
