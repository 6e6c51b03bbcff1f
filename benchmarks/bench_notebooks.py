"""Wall time and kernel peak memory of each chapter, executed in a fresh kernel (a copy; the repo's file is untouched).

Targets: chapters 1–4 ≤ 10 s, chapter 5 ≤ 30 s (it measures costs), chapter 6 ≤ 15 s, the whole
suite < 60 s; every kernel's peak resident memory (VmHWM) ≤ 250 MB, since a class of 100 on one
JupyterHub node pays it 100 times. Reported, not asserted: both depend on the machine.
"""

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from run_notebooks import execute_notebook  # noqa: E402

TARGETS = {"05": 30, "06": 15, "07": 15, "08": 15}


def main():
    rows, memory, total = [], [], 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
            copy = Path(tmp) / path.name
            shutil.copy(path, copy)
            report = {}
            seconds, errors = execute_notebook(copy, report=report)
            total += seconds
            target = TARGETS.get(path.name[:2], 10)
            rows.append((f"execute {path.name}" + (f" ({len(errors)} errors)" if errors else ""),
                         f"{seconds:.1f} s", "–", "–", f"≤ {target} s"))
            peak = report.get("peak_mb")
            memory.append((f"kernel peak memory {path.name}", f"{peak:.0f} MB" if peak else "n/a", "–", "–", "≤ 250 MB"))
    rows.append(("execute all chapters", f"{total:.1f} s", "–", "–", "< 60 s"))
    return rows + memory


if __name__ == "__main__":
    for row in main():
        print(" | ".join(row))
