"""Accuracy of fit_closed_form(method="auto") on the 11 NIST StRD problems, with and without long double.

The refinement's residuals are computed in double-double (error-free transformations in numpy), so the
result does not depend on np.longdouble, which is 80-bit on x86-64 Linux and plain double on Windows and
macOS on ARM. Rows: the minimum LRE (correct digits, capped at 15) over the 11 problems

* as shipped (double-double residuals), with np.longdouble as this platform has it;
* as shipped, with np.longdouble replaced by float64 (a platform where long double is plain double);
* the same refinement with residuals in np.longdouble (the previous design) and in plain double,
  for comparison. Target: ≥ 7 in the first two rows.
"""

from unittest import mock

import numpy as np

import lrcore as lr
from lrcore import closed_form


def _lre(estimate, certified):
    err = np.abs(np.asarray(estimate) - certified)
    with np.errstate(divide="ignore"):
        return np.minimum(15.0, -np.log10(err / np.abs(certified)))


def min_lre(residuals="double-double"):
    """(minimum LRE, the problem where it is reached, {problem: LRE})."""
    original = closed_form._refine_augmented

    def refine(*args, **kwargs):
        return original(*args, **{**kwargs, "residuals": residuals})

    per_problem = {}
    with mock.patch.object(closed_form, "_refine_augmented", refine):
        for name in lr.nist_names():
            X, y, cert = lr.load_nist(name)
            w, b = lr.fit_closed_form(X, y, fit_intercept=cert["intercept"])
            per_problem[name] = float(_lre(np.append(b, w) if cert["intercept"] else w, cert["beta"]).min())
    worst = min(per_problem, key=per_problem.get)
    return per_problem[worst], worst, per_problem


def main():
    rows = []
    setups = [("as shipped (double-double residuals)", "double-double", False),
              ("as shipped, np.longdouble = float64 (Windows, macOS on ARM)", "double-double", True),
              ("residuals in np.longdouble (previous design), this platform", "longdouble", False),
              ("residuals in np.longdouble (previous design), long double = double", "longdouble", True),
              ("residuals in plain double", "double", False)]
    for label, residuals, plain_long_double in setups:
        if plain_long_double:
            with mock.patch.object(np, "longdouble", np.float64):
                value, worst, _ = min_lre(residuals)
        else:
            value, worst, _ = min_lre(residuals)
        target = "≥ 7" if residuals == "double-double" else "–"
        rows.append((f"NIST min LRE of auto, {label}", f"{value:.1f} digits ({worst})", "–", "–", target))
    return rows


if __name__ == "__main__":
    for row in main():
        print(" | ".join(row))
