"""Timing helpers for the benchmarks: best-of-N wall time, ratios in one process."""

import time


def best_time(func, repeat=5, number=1):
    """Smallest wall time of ``number`` calls of ``func`` over ``repeat`` rounds, per call."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        best = min(best, (time.perf_counter() - start) / number)
    return best
