"""Fuzzing chapter 8's public functions: odd shapes, magnitudes and types give a finite result or a ValueError /
TypeError naming an argument; no warning escapes and no input is changed in place."""

import copy
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lrcore as lr

EXTREMES = [0.0, 1.0, -1.0, 2.5, -3.0, 1e10, 1e154, -1e154, 1e-154, 1e300, -1e300, 1e-300, 5e-324]
numbers = st.one_of(st.sampled_from(EXTREMES), st.floats(-10, 10, allow_nan=False, allow_infinity=False))
ODD = [None, "abc", True, [], np.ones((2, 2, 2)), np.array([1.0, np.nan]), np.array([np.inf, 1.0]), 1 + 2j,
       np.array(["a", "b"]), [[1.0, 2.0], [3.0]]]


def fuzz(examples):
    return settings(derandomize=True, max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def problems(draw):
    n = draw(st.integers(1, 12))
    d = draw(st.integers(1, 4))
    X = np.array(draw(st.lists(numbers, min_size=n * d, max_size=n * d))).reshape(n, d)
    y = np.array(draw(st.lists(numbers, min_size=n, max_size=n)))
    if draw(st.booleans()):
        X = X[:, 0]
    if draw(st.integers(0, 9)) == 0:
        which = draw(st.integers(0, 1))
        odd = draw(st.sampled_from(ODD))
        X, y = (odd, y) if which == 0 else (X, odd)
    return X, y


def _call(f, *args, **kwargs):
    """f(...) with inputs copied back and compared, warnings as errors; the result, or None after a named error."""
    before = copy.deepcopy(args)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            out = f(*args, **kwargs)
        except (ValueError, TypeError) as exc:
            assert any(name in str(exc) for name in ("X", "y", "alpha", "A", "k", "n", "level", "x", "rank",
                                                     "leverage")), str(exc)
            out = None
    for a, b in zip(args, before, strict=True):
        if isinstance(a, np.ndarray) and a.dtype.kind in "fiub":
            assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), "input changed in place"
    return out


def _finite(*parts):
    for p in parts:
        assert np.all(np.isfinite(np.asarray(p, dtype=float)))


@fuzz(150)
@given(problems(), st.sampled_from([0.0, 1e-300, 0.5, 10.0, 1e300]), st.sampled_from(["auto", "normal", "svd", "qr"]))
def test_fit_ridge(problem, alpha, method):
    X, y = problem
    out = _call(lr.fit_ridge, X, y, alpha, method=method)
    if out is not None:
        _finite(*out)


@fuzz(80)
@given(problems())
def test_ridge_path_and_kfold(problem):
    X, y = problem
    out = _call(lr.ridge_path, X, y, [0.0, 1.0, 100.0])
    if out is not None:
        _finite(*out)
    choice = _call(lr.choose_alpha_kfold, X, y, [0.1, 1.0, 10.0], k=2, random_state=0)
    if choice is not None:
        _finite(choice.mean_mse, choice.alpha)


@fuzz(120)
@given(problems(), st.sampled_from(["classical", "HC0", "HC1", "HC2", "HC3"]))
def test_ols_inference_and_prediction_interval(problem, cov_type):
    X, y = problem
    out = _call(lr.ols_inference, X, y, cov_type=cov_type)
    if out is not None:
        _finite(out.w, out.b, out.se_w, out.se_b, out.ci_w, out.ci_b)
    X_arr = np.asarray(X) if isinstance(X, np.ndarray) else None
    if X_arr is not None and X_arr.ndim in (1, 2) and X_arr.size:
        pi = _call(lr.prediction_interval, X, y, X_arr[:2])
        if pi is not None:
            _finite(pi.prediction, pi.lower, pi.upper)


@pytest.mark.parametrize("n", [2, 3, 10])
def test_kfold_partitions(n):
    for k in range(2, n + 1):
        folds = lr.kfold_indices(n, k, random_state=1)
        assert sorted(np.concatenate([v for _, v in folds]).tolist()) == list(range(n))
