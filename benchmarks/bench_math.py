"""Speed of the math core, as ratios against baselines timed in the same process.

1. One gradient-descent step on (n = 1,000,000, d = 10) against the two
   matrix-vector products it needs (X·w and Xᵀ·r). Target ≤ 1.3.
2. fit_closed_form(method="auto") on a well-conditioned (1,000,000 × 20)
   problem against np.linalg.lstsq. Target ≤ 0.3.
3. `import lrcore` in a fresh interpreter (target < 0.25 s), and whether it
   pulled in matplotlib or ipywidgets.
"""

import subprocess
import sys

import numpy as np
from _timing import best_time

import lrcore as lr


def descent_step_ratio(n=1_000_000, d=10, steps=40):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + 0.5 + rng.normal(size=n)
    eta = 0.5 * lr.stability_limit(X[:50_000])
    w = rng.normal(size=d)
    r = np.empty(n)

    def two_products():
        np.matmul(X, w, out=r)
        X.T @ r

    def run(k):
        return lambda: lr.gradient_descent(X, y, eta, max_iter=k, tol=None, grad_tol=None)

    # per step = (k+1 evaluations − 1 evaluation) / k, which removes the fixed
    # cost of checking the arguments and allocating the path; subject and
    # baseline are timed in alternating rounds so that both see the same machine
    per_step, base = float("inf"), float("inf")
    for _ in range(3):
        long_run, short_run = best_time(run(steps), repeat=1), best_time(run(1), repeat=1)
        per_step = min(per_step, (long_run - short_run) / (steps - 1))
        base = min(base, best_time(two_products, repeat=1, number=steps))
    return per_step, base


def closed_form_ratio(n=1_000_000, d=20, method="auto"):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + 2.0 + rng.normal(size=n)
    A = np.hstack([X, np.ones((n, 1))])
    ours = best_time(lambda: lr.fit_closed_form(X, y, method=method), repeat=5)
    # lstsq gets the design with its column of ones, as it needs it; building it is not timed
    ref = best_time(lambda: np.linalg.lstsq(A, y, rcond=None), repeat=3)
    w, b, info = lr.fit_closed_form(X, y, method=method, return_info=True)
    theta = np.linalg.lstsq(A, y, rcond=None)[0]
    err = np.max(np.abs(np.append(w, b) - theta) / np.abs(theta))
    return ours, ref, info["method"], err


def import_time(repeat=5):
    code = (
        "import time, sys; t = time.perf_counter(); import lrcore; "
        "print(time.perf_counter() - t, 'matplotlib' in sys.modules or 'ipywidgets' in sys.modules)"
    )
    times, heavy = [], False
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        times.append(float(out[0]))
        heavy |= out[1] == "True"
    return min(times), heavy


def main():
    rows = []
    step, base = descent_step_ratio()
    rows.append(("gradient-descent step, n=1e6, d=10", f"{step * 1e3:.1f} ms", f"X·w + Xᵀ·r: {base * 1e3:.1f} ms",
                 f"{step / base:.2f}", "≤ 1.3"))
    ours, ref, method, err = closed_form_ratio()
    rows.append((f"fit_closed_form(auto) 1e6×20 (took '{method}', max rel. diff to lstsq {err:.1e})",
                 f"{ours * 1e3:.0f} ms", f"np.linalg.lstsq: {ref * 1e3:.0f} ms", f"{ours / ref:.2f}", "≤ 0.3"))
    ours, ref, method, err = closed_form_ratio(method="normal")
    rows.append((f"fit_closed_form(normal) 1e6×20 (took '{method}', max rel. diff to lstsq {err:.1e})",
                 f"{ours * 1e3:.0f} ms", f"np.linalg.lstsq: {ref * 1e3:.0f} ms", f"{ours / ref:.2f}", "≤ 0.2"))
    t, heavy = import_time()
    rows.append(("import lrcore (fresh interpreter)", f"{t * 1e3:.0f} ms",
                 f"matplotlib/ipywidgets loaded: {'yes' if heavy else 'no'}", "–", "< 250 ms, no"))
    return rows


if __name__ == "__main__":
    for row in main():
        print(" | ".join(row))
