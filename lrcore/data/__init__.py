"""Datasets the course ships, and the small data utilities every chapter uses.

Nothing here downloads: the King County sales and the NIST StRD problems are
files inside this package (see ``DATA.md`` beside this module for their sources
and licences).
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources

import numpy as np

from .._validation import (
    _as_float_array,
    check_choice,
    check_data,
    check_features,
    check_int,
    check_scalar,
    check_seed,
    check_vector,
    in_safe_range,
    is_constant,
    scale_down,
    with_ones,
)

__all__ = [
    "make_line_data",
    "load_houses",
    "load_nist",
    "nist_names",
    "train_test_split",
    "standardize",
    "add_intercept",
    "HOUSE_COLUMNS",
]

#: Numeric columns of the King County file that ``load_houses`` can return.
HOUSE_COLUMNS = (
    "price", "bedrooms", "bathrooms", "sqft_living", "sqft_lot", "floors",
    "waterfront", "view", "condition", "grade", "sqft_above", "sqft_basement",
    "yr_built", "yr_renovated", "zipcode", "lat", "long", "sqft_living15", "sqft_lot15",
)


def make_line_data(n=30, *, slope=2.0, intercept=1.0, noise=1.0, x_range=(0.0, 5.0), seed=0):
    """Points scattered around a straight line, for the first chapters.

    Parameters
    ----------
    n : int
        Number of points (at least 2).
    slope, intercept : float
        The true line y = slope * x + intercept.
    noise : float
        Standard deviation of the Gaussian noise added to y (0 gives a perfect fit).
    x_range : tuple of float
        x is drawn uniformly from this interval.
    seed : int or None
        Seed of the random generator (a non-negative integer), so the same call
        gives the same data; None draws fresh data each time.

    Returns
    -------
    x : ndarray of shape (n,)
    y : ndarray of shape (n,)
    """
    n = check_int(n, "n", minimum=2, maximum=MAX_POINTS)
    slope = check_scalar(slope, "slope")
    intercept = check_scalar(intercept, "intercept")
    noise = check_scalar(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be 0 or more, got {noise}")
    lo, hi = _check_range(x_range)
    rng = np.random.default_rng(check_seed(seed))
    x = np.sort(rng.uniform(lo, hi, n))
    with np.errstate(over="ignore", invalid="ignore"):
        y = slope * x + intercept + noise * rng.standard_normal(n)
    if not np.all(np.isfinite(y)):
        raise ValueError(f"slope·x + intercept + noise overflows for x in {x_range!r:.60} (slope = {slope:.3g}, "
                         f"intercept = {intercept:.3g}, noise = {noise:.3g}): use smaller values")
    return x, y


#: Most points ``make_line_data`` draws.
MAX_POINTS = 10**8


def _check_range(x_range):
    if isinstance(x_range, np.ndarray):
        x_range = x_range.tolist() if x_range.ndim == 1 else x_range
    if not isinstance(x_range, (tuple, list)) or len(x_range) != 2:
        raise TypeError(f"x_range must be a pair (low, high), got {x_range!r:.40}")
    lo, hi = (check_scalar(v, "x_range") for v in x_range)
    if not lo < hi:
        raise ValueError(f"x_range must be (low, high) with low < high, got {x_range}")
    if hi / 2 - lo / 2 > np.finfo(float).max / 2:  # halves: the width itself would overflow
        raise ValueError(f"x_range is too wide: high − low exceeds the largest floating-point number (about "
                         f"1.8e308), got {x_range!r:.60}")
    return lo, hi


@lru_cache(maxsize=1)
def _house_table():
    path = resources.files(__package__).joinpath("kc_house_data.csv")
    with path.open("r", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
        cols = [header.index(c) for c in HOUSE_COLUMNS]
        table = np.loadtxt(fh, delimiter=",", usecols=cols)
    table.setflags(write=False)
    return table


def load_houses(features=("bedrooms", "bathrooms", "floors"), target="price"):
    """King County (Seattle area) house sales, May 2014 to May 2015: 21,613 rows.

    Parameters
    ----------
    features : sequence of str
        Column names from ``HOUSE_COLUMNS`` (price in US dollars, areas in square feet).
    target : str
        The column to predict, ``"price"`` by default.

    Returns
    -------
    X : ndarray of shape (21613, len(features))
    y : ndarray of shape (21613,)
    """
    if isinstance(features, str):
        features = (features,)
    try:
        features = tuple(features)
    except TypeError:
        raise TypeError(f"features must be a sequence of column names, got {type(features).__name__}") from None
    if not features:
        raise ValueError("features must name at least one column")
    for f in features:
        check_choice(f, "features", HOUSE_COLUMNS)
    check_choice(target, "target", HOUSE_COLUMNS)
    table = _house_table()
    idx = [HOUSE_COLUMNS.index(f) for f in features]
    return table[:, idx].copy(), table[:, HOUSE_COLUMNS.index(target)].copy()


@lru_cache(maxsize=1)
def _nist_certified():
    path = resources.files(__package__).joinpath("nist_strd", "certified.json")
    return json.loads(path.read_text(encoding="utf-8"))


def nist_names():
    """Names of the 11 NIST StRD linear regression problems, easiest first."""
    return tuple(_nist_certified())


def load_nist(name):
    """One NIST StRD linear least-squares problem with its certified answer.

    Polynomial problems (Pontius, Filip, Wampler1-5) come with their powers
    already expanded into columns x, x**2, ..., x**degree.

    Parameters
    ----------
    name : str
        One of ``nist_names()`` (case-insensitive).

    Returns
    -------
    X : ndarray of shape (n, d)
    y : ndarray of shape (n,)
    certified : dict
        ``beta`` (intercept first when the model has one), ``sd_beta``,
        ``residual_sd``, ``r_squared`` as floats, ``intercept`` (bool), and
        ``model``, ``difficulty``, ``reference`` as text.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, one of {', '.join(nist_names())}; got {type(name).__name__}")
    table = {k.lower(): k for k in _nist_certified()}
    key = table.get(name.lower())
    if key is None:
        raise ValueError(f"name must be one of {', '.join(nist_names())}; got {name!r}")
    meta = _nist_certified()[key]
    path = resources.files(__package__).joinpath("nist_strd", meta["csv"])
    with path.open("r", encoding="utf-8") as fh:
        data = np.loadtxt(fh, delimiter=",", skiprows=1, ndmin=2)
    y, X = data[:, 0], data[:, 1:]
    if meta["degree"] and meta["degree"] > 1:
        X = X[:, :1] ** np.arange(1, meta["degree"] + 1)
    certified = {
        "beta": np.array(meta["beta"], dtype=float),
        "sd_beta": np.array(meta["sd_beta"], dtype=float),
        "residual_sd": float(meta["residual_sd"]),
        "r_squared": float(meta["r_squared"]),
        "intercept": bool(meta["intercept"]),
        "model": meta["model"],
        "difficulty": meta["difficulty"],
        "reference": meta["reference"],
    }
    return X, y, certified


def train_test_split(X, y, *, test_size=0.25, seed=0):
    """Shuffle the rows and hold out a share of them for testing.

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    test_size : float
        Share of rows in the test set, strictly between 0 and 1. Both sets get
        at least one row.
    seed : int or None
        Seed of the shuffle (a non-negative integer).

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray
        ``X`` keeps its dimensionality (a 1-D x stays 1-D).
    """
    Xc, yc = check_data(X, y, min_samples=2)
    one_d = np.ndim(X) == 1
    test_size = check_scalar(test_size, "test_size", low=0.0, high=1.0)
    n = Xc.shape[0]
    n_test = min(max(int(round(test_size * n)), 1), n - 1)
    order = np.random.default_rng(check_seed(seed)).permutation(n)
    test, train = order[:n_test], order[n_test:]
    if one_d:
        Xc = Xc[:, 0]
    return Xc[train], Xc[test], yc[train], yc[test]


def standardize(X, mean=None, scale=None):
    """Centre each column on 0 and scale it to unit standard deviation.

    Pass the training set's ``mean`` and ``scale`` to transform a test set the
    same way. A constant column keeps scale 1 (it is centred, not divided by 0).

    Returns
    -------
    X_scaled : ndarray of the same shape as ``X``
    mean, scale : ndarray of shape (d,)
    """
    Xc = check_features(X, "X")
    one_d = np.ndim(X) == 1
    d = Xc.shape[1]
    if mean is None:
        mean = _column_stat(Xc, np.mean)
    else:
        mean = _check_stat(mean, "mean", d)
    if scale is None:
        scale = _column_stat(Xc, np.std)
        constant = np.array([is_constant(Xc[:, j]) for j in range(d)])
        scale = np.where(constant, 1.0, scale)
    else:
        scale = _check_stat(scale, "scale", d)
        if np.any(scale <= 0):
            raise ValueError("scale must be positive in every column")
    with np.errstate(over="ignore", invalid="ignore"):
        out = (Xc - mean) / scale
    if not np.all(np.isfinite(out)):
        raise ValueError("(X − mean) / scale exceeds the largest floating-point number: X is too far from mean "
                         "for this scale; check that mean and scale came from data like X")
    return (out[:, 0] if one_d else out), mean, scale


def _check_stat(value, name, d):
    """A given mean or scale: one finite number per column of X (a single number when X has one column)."""
    arr = _as_float_array(value, name)
    return check_vector(arr[None] if arr.ndim == 0 else arr, name, length=d)


def _column_stat(X, stat):
    """``stat`` (np.mean or np.std) of each column, computed on the column scaled by a power of 2 when its
    values are so large or small that the sum or the squares would overflow or underflow."""
    out = np.empty(X.shape[1])
    for j in range(X.shape[1]):
        col = X[:, j]
        if in_safe_range(col):
            out[j] = stat(col)
        else:
            scaled, e = scale_down(col)
            out[j] = np.ldexp(stat(scaled), e)  # mean and std are at most max|col|: no overflow
    return out


def add_intercept(X):
    """Append a column of ones: X̃ = [X, 1], so that X̃ @ [w, b] = X @ w + b."""
    return with_ones(check_features(X, "X"))
