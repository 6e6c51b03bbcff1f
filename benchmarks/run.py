"""Run every benchmark and write the results table into benchmarks/README.md.

Usage: make bench   (or: python benchmarks/run.py [name ...])
"""

import importlib
import os
import platform
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

BENCHES = ["bench_math", "bench_accuracy", "bench_widgets", "bench_browser", "bench_notebooks", "bench_install"]
START, END = "<!-- results:start -->", "<!-- results:end -->"


def main(names):
    rows = []
    for name in names or BENCHES:
        print(f"running {name} ...", flush=True)
        rows += importlib.import_module(name).main()
    cpu = f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    table = [f"Measured {date.today().isoformat()} on {cpu}.", "",
             "| what | time | baseline (same run) | ratio | target |", "|---|---|---|---|---|"]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    text = "\n".join(table)
    print(text)
    readme = HERE / "README.md"
    body = readme.read_text()
    if not names and START in body:
        head, rest = body.split(START, 1)
        tail = rest.split(END, 1)[1]
        readme.write_text(f"{head}{START}\n{text}\n{END}{tail}")


if __name__ == "__main__":
    main(sys.argv[1:])
