"""Execute chapter notebooks in a fresh kernel and save them with their outputs.

Usage: .venv/bin/python tools/run_notebooks.py [notebooks/01_core_idea.ipynb ...]

Why not ``jupyter nbconvert --execute``: on this kind of machine nbclient
sometimes never wakes up for the last reply of a cell that displays widgets
(jupyter/nbclient#312, jupyter/nbconvert#2003) and, with no timeout, waits
forever. This runner talks to the kernel with jupyter_client directly, polls
the channels in 50 ms slices, and gives every cell a deadline, so it cannot
hang. The saved notebook is what a clean Restart & Run All gives: execution
counts 1, 2, 3, ... and every output, figures as PNG.
"""

from __future__ import annotations

import argparse
import os
import queue
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[1]
CELL_TIMEOUT = 300.0
SLICE = 0.05


def _outputs_from(msgs):
    outputs = []
    for msg in msgs:
        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "clear_output":
            outputs.clear()
        elif kind == "stream" and outputs and outputs[-1].get("output_type") == "stream" \
                and outputs[-1]["name"] == content["name"]:
            outputs[-1]["text"] += content["text"]
        elif kind in ("stream", "display_data", "execute_result", "error"):
            out = nbformat.v4.output_from_msg(msg)
            if kind in ("display_data", "execute_result"):
                out.metadata = {}
            outputs.append(out)
    return outputs


def run_cell(kc, code, timeout=CELL_TIMEOUT):
    """Execute ``code``; return (execution_count, [iopub messages]) or raise TimeoutError."""
    msg_id = kc.execute(code, store_history=True, allow_stdin=False)
    deadline = time.monotonic() + timeout
    msgs, idle, reply = [], False, None
    while not (idle and reply is not None):
        if time.monotonic() > deadline:
            raise TimeoutError(f"cell did not finish in {timeout:.0f} s:\n{code[:200]}")
        try:
            msg = kc.get_iopub_msg(timeout=SLICE)
            if msg["parent_header"].get("msg_id") == msg_id:
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                elif msg["msg_type"] not in ("status", "execute_input", "comm_open", "comm_msg", "comm_close"):
                    msgs.append(msg)
        except queue.Empty:
            pass
        if reply is None:
            try:
                candidate = kc.get_shell_msg(timeout=SLICE)
                if candidate["parent_header"].get("msg_id") == msg_id:
                    reply = candidate
            except queue.Empty:
                pass
    return reply["content"].get("execution_count"), msgs


def kernel_peak_mb(km):
    """Peak resident memory (VmHWM) of the kernel process in MB, or None where /proc cannot tell."""
    pid = getattr(getattr(km, "provisioner", None), "pid", None)
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def execute_notebook(path, *, timeout=CELL_TIMEOUT, report=None):
    """Run every code cell of ``path`` in a fresh kernel started in its folder; write the result back.

    Returns (seconds, errors). A dict passed as ``report`` receives ``peak_mb``, the kernel's peak
    resident memory.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ, PYTHONHASHSEED="0")
    env.pop("MPLBACKEND", None)
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(path.parent), env=env)
    errors = []
    start = time.monotonic()
    try:
        count = 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if not cell.source.strip():
                cell.outputs, cell.execution_count = [], None
                continue
            count += 1
            _, msgs = run_cell(kc, cell.source, timeout)
            cell.outputs = _outputs_from(msgs)
            cell.execution_count = count
            for out in cell.outputs:
                if out.output_type == "execute_result":
                    out.execution_count = count
                if out.output_type == "error" and "raises-exception" not in cell.metadata.get("tags", []):
                    errors.append(f"{path.name} cell {count}: {out.ename}: {out.evalue}")
        if report is not None:
            report["peak_mb"] = kernel_peak_mb(km)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    elapsed = time.monotonic() - start
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed, errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--timeout", type=float, default=CELL_TIMEOUT, help="seconds per cell")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    failed = False
    for path in paths:
        report = {}
        elapsed, errors = execute_notebook(path, timeout=args.timeout, report=report)
        peak = f", kernel peak {report['peak_mb']:.0f} MB" if report.get("peak_mb") else ""
        print(f"{path.name}: executed in {elapsed:.1f} s{peak}" + (f", {len(errors)} error(s)" if errors else ""))
        for e in errors:
            print("  " + e)
        failed |= bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
