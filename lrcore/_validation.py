"""Argument checks shared by every public function.

Each check raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right
kind, wrong content) with a message that names the argument and says what was
expected, so a learner reads what to fix instead of a numpy traceback.
"""

from __future__ import annotations

import numbers

import numpy as np


def _as_float_array(value, name):
    if value is None:
        raise TypeError(f"{name} must be an array of numbers, got None")
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be an array of numbers, got a string {value!r:.40}")
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists and other oddities
        raise TypeError(f"{name} must be an array of numbers ({exc})") from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must hold numbers, got values of type {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name} must hold real numbers, got complex values")
    return arr.astype(float, copy=False)


def _check_finite(arr, name):
    # Fast path: a NaN or ±inf anywhere makes the sum non-finite; a finite sum proves all entries finite.
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(arr.sum()):
            return
    bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
    if bad:  # otherwise the sum merely overflowed
        raise ValueError(f"{name} contains {bad} NaN or infinite value(s); remove or impute them first")


def check_features(X, name="X", *, min_samples=1):
    """Return ``X`` as a finite float array of shape (n, d); a 1-D ``x`` becomes (n, 1)."""
    arr = _as_float_array(X, name)
    if arr.ndim == 1:
        arr = arr[:, None]
    elif arr.ndim != 2:
        raise ValueError(f"{name} must be 1-D (one feature) or 2-D (n samples, d features), got {arr.ndim}-D shape {arr.shape}")
    if arr.shape[0] < min_samples:
        raise ValueError(f"{name} must have at least {min_samples} sample(s), got {arr.shape[0]}")
    if arr.shape[1] < 1:
        raise ValueError(f"{name} must have at least one feature column, got shape {arr.shape}")
    _check_finite(arr, name)
    return arr


def check_vector(v, name, *, length=None, min_length=1):
    """Return ``v`` as a finite 1-D float array, optionally of a given length."""
    arr = _as_float_array(v, name)
    if arr.ndim == 0:
        raise ValueError(f"{name} must be a 1-D array, got a single number")
    if arr.ndim == 2 and 1 in arr.shape:
        arr = arr.ravel()
    if arr.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {arr.shape}")
    if length is not None and arr.shape[0] != length:
        raise ValueError(f"{name} has {arr.shape[0]} entries but {length} were expected")
    if arr.shape[0] < min_length:
        raise ValueError(f"{name} must have at least {min_length} entr{'y' if min_length == 1 else 'ies'}, got {arr.shape[0]}")
    _check_finite(arr, name)
    return arr


def check_pair(y_true, y_pred, *, min_samples=1):
    """Check the (y_true, y_pred) pair every loss takes."""
    y_true = check_vector(y_true, "y_true", min_length=min_samples)
    y_pred = check_vector(y_pred, "y_pred", min_length=min_samples)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred must have the same length, got {y_true.shape[0]} and {y_pred.shape[0]}")
    return y_true, y_pred


def check_data(X, y, *, min_samples=1, names=("X", "y")):
    """Check features and targets together: ``X`` (n, d) and ``y`` (n,), reported under ``names``."""
    X = check_features(X, names[0], min_samples=min_samples)
    y = check_vector(y, names[1], min_length=min_samples)
    if y.shape[0] != X.shape[0]:
        raise ValueError(f"{names[0]} has {X.shape[0]} rows but {names[1]} has {y.shape[0]} entries; they must match")
    return X, y


def check_params(w, b, d, *, names=("w", "b")):
    """Check model parameters: ``w`` with d entries (a number when d == 1) and a scalar ``b``."""
    w_arr = np.atleast_1d(_as_float_array(w, names[0]))
    if w_arr.ndim != 1 or w_arr.shape[0] != d:
        raise ValueError(f"{names[0]} must have one weight per feature ({d}), got shape {np.shape(w)}")
    _check_finite(w_arr, names[0])
    return w_arr, check_scalar(b, names[1])


def check_bool(value, name):
    """Return ``value`` if it is True or False (not merely truthy)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r:.30}")
    return bool(value)


def is_constant(column):
    """True when a column's spread is rounding noise compared with its size (0.1, 0.1, 0.1 included)."""
    column = np.asarray(column, dtype=float)
    half_spread = column.max() / 2 - column.min() / 2  # halves: the spread itself may exceed the largest float
    return half_spread <= 4 * column.size * np.finfo(float).eps * max(np.abs(column).max(), np.finfo(float).tiny)


def with_ones(X):
    """[X, 1]: the design matrix with a column of ones appended (no checks; X is already valid)."""
    return np.hstack([X, np.ones((X.shape[0], 1))])


def check_scalar(value, name, *, positive=False, low=None, high=None):
    """Return a finite float; ``positive`` requires > 0, ``low``/``high`` an open interval."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.ndarray)):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    if isinstance(value, np.ndarray):
        if value.size != 1 or not np.issubdtype(value.dtype, np.number):
            raise TypeError(f"{name} must be a single real number, got an array of shape {value.shape}")
        value = value.item()
    try:
        value = float(value)
    except OverflowError:
        raise ValueError(f"{name} is too large to be a floating-point number") from None
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be greater than 0, got {value}")
    if low is not None and high is not None and not (low < value < high):
        raise ValueError(f"{name} must lie strictly between {low} and {high}, got {value}")
    return value


def check_int(value, name, *, minimum=1, maximum=None):
    """Return an int that is at least ``minimum`` (and at most ``maximum`` when given)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    value = int(value)
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum:,}, got {value:,}")
    return value


def check_seed(value, name="seed"):
    """Return a seed for ``np.random.default_rng``: None or a non-negative integer."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a non-negative integer (or None), got {type(value).__name__} {value!r:.30}")
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer (or None), got {value}")
    return int(value)


def check_text(value, name, *, optional=False):
    """Return ``value`` if it is a string (or None when ``optional``)."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        expected = "a string or None" if optional else "a string"
        raise TypeError(f"{name} must be {expected}, got {type(value).__name__}")
    return value


def check_choice(value, name, choices):
    """Return ``value`` if it is one of ``choices`` (strings)."""
    if not isinstance(value, str) or value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}, got {value!r}")
    return value


# --- magnitudes ------------------------------------------------------------
# Squares of numbers beyond about 1e154 overflow and those below about 1e-154 underflow. Functions
# that square their data compute as written when the data lie well inside that range (so ordinary
# results do not change by a single bit) and otherwise on copies scaled by a power of 2, which is exact.

#: Data whose largest magnitude lies in [2**-SAFE_EXPONENT, 2**SAFE_EXPONENT] (or is 0) can be squared,
#: multiplied and summed as written.
SAFE_EXPONENT = 200


def exponent(arr):
    """e with max|arr| = m·2**e, 0.5 ≤ m < 1 (0 for an all-zero or empty array)."""
    arr = np.asarray(arr, dtype=float)
    top = float(np.max(np.abs(arr))) if arr.size else 0.0
    return int(np.frexp(top)[1]) if top > 0 else 0


_HIGH, _LOW = 2.0 ** SAFE_EXPONENT, 2.0 ** -(SAFE_EXPONENT + 1)


def _columns_in_range(arr):
    """Every column of a 2-D array is 0 or has its largest magnitude within [_LOW, _HIGH).

    Fast on big arrays: two whole-array reductions for the upper bound; for the lower bound a
    column is cleared as soon as one of its first rows reaches _LOW, and only the columns not
    cleared that way (all-small or all-zero first rows) are scanned in full.
    """
    if arr.size == 0:
        return True
    if max(float(arr.max()), -float(arr.min())) >= _HIGH:
        return False
    head = np.abs(arr[:64])
    for j in np.flatnonzero(~(head >= _LOW).any(axis=0)):
        peak = float(np.max(np.abs(arr[:, j])))
        if 0 < peak < _LOW:
            return False
    return True


def in_safe_range(*arrays):
    """True when every array's (every column's, for a 2-D array) largest magnitude is 0 or within 2**±SAFE_EXPONENT."""
    for arr in arrays:
        arr = np.asarray(arr, dtype=float)
        if arr.ndim == 2:
            if not _columns_in_range(arr):
                return False
        elif arr.size:
            peak = max(float(arr.max()), -float(arr.min()))
            if peak >= _HIGH or 0 < peak < _LOW:
                return False
    return True


def scale_down(arr):
    """(arr·2**-e, e) with the largest magnitude of the scaled copy in [0.5, 1) (exact: a power of 2)."""
    e = exponent(arr)
    return np.ldexp(np.asarray(arr, dtype=float), -e), e


def too_large(name, arr, what):
    """The ValueError for data whose magnitude makes ``what`` overflow."""
    top = float(np.max(np.abs(arr))) if np.size(arr) else 0.0
    return ValueError(f"{name} has values too large (max |{name}| = {top:.3g}) for {what}: "
                      "the result exceeds the largest floating-point number; rescale it")
