"""k-fold cross-validation, and the choice of the ridge penalty α by it.

The rows are shuffled once and cut into k folds of nearly equal size; each
fold in turn is the validation set of a model fitted on the other k − 1. The
folds are exactly those of scikit-learn's ``KFold(k, shuffle=True,
random_state=seed)``, so a result can be checked against it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import check_bool, check_data, check_int, check_seed, check_vector, in_safe_range
from .ridge import _svd_weights

__all__ = ["kfold_indices", "choose_alpha_kfold", "AlphaChoice"]


def kfold_indices(n, k=5, *, shuffle=True, random_state=None):
    """The (train, validation) row indices of k-fold cross-validation.

    The first n mod k folds hold ⌊n/k⌋ + 1 rows, the others ⌊n/k⌋. With
    ``shuffle`` the rows are permuted first by ``numpy.random.RandomState(random_state)``
    — the generator scikit-learn's ``KFold`` uses, so the folds are the same as
    ``KFold(k, shuffle=True, random_state=random_state).split(...)``.

    Parameters
    ----------
    n : int
        Number of rows, at least k.
    k : int
        Number of folds, at least 2.
    shuffle : bool
        Permute the rows before cutting the folds.
    random_state : int or None
        Seed of the permutation (a non-negative integer); None draws a fresh one.

    Returns
    -------
    list of k pairs (train_idx, val_idx) of sorted int arrays; every row is in exactly one val_idx.
    """
    k = check_int(k, "k", minimum=2)
    n = check_int(n, "n", minimum=k)
    shuffle = check_bool(shuffle, "shuffle")
    seed = check_seed(random_state, "random_state")
    order = np.arange(n)
    if shuffle:
        np.random.RandomState(seed).shuffle(order)
    sizes = np.full(k, n // k)
    sizes[: n % k] += 1
    folds, start = [], 0
    for size in sizes:
        val = np.sort(order[start:start + size])
        train = np.sort(np.concatenate([order[:start], order[start + size:]]))
        folds.append((train, val))
        start += size
    return folds


@dataclass(frozen=True)
class AlphaChoice:
    """What ``choose_alpha_kfold`` found.

    Attributes
    ----------
    alpha : float
        The α with the lowest mean validation MSE (the first of them on a tie).
    alphas : ndarray of shape (m,)
        The candidates, in the order given.
    mean_mse : ndarray of shape (m,)
        Mean over the folds of the validation MSE of each α.
    fold_mse : ndarray of shape (m, k)
        The validation MSE of each α on each fold.
    """

    alpha: float
    alphas: np.ndarray
    mean_mse: np.ndarray
    fold_mse: np.ndarray

    @property
    def best_index(self):
        """Index of ``alpha`` in ``alphas``."""
        return int(np.argmin(self.mean_mse))


def choose_alpha_kfold(X, y, alphas, k=5, *, random_state=0, shuffle=True, standardize=False):
    """Choose the ridge penalty α by k-fold cross-validation (lowest mean validation MSE).

    For each fold, ridge (``fit_ridge``'s convention: ‖y − Xw − b‖² + α‖w‖²,
    intercept not penalised) is fitted on the other folds for every α from one
    SVD of their centred X, and scored by the MSE on the fold. The same as
    scikit-learn's ``RidgeCV(alphas, cv=KFold(k, shuffle=True,
    random_state=random_state), scoring="neg_mean_squared_error")``.
    Ridge is not scale-invariant: standardise X when its columns have different
    units. Standardising all n rows first lets each validation fold's mean and
    sd into its training rows' scaling (a small leak, usually harmless); with
    ``standardize=True`` each fold's training rows are standardised on their own
    (``lrcore.standardize``: a constant column keeps scale 1) and the fold is
    scaled with their mean and sd, like scikit-learn's
    ``make_pipeline(StandardScaler(), Ridge())``.

    Parameters
    ----------
    X : array-like of shape (n, d) or (n,)
    y : array-like of shape (n,)
    alphas : array-like of shape (m,)
        Candidate penalties, each ≥ 0.
    k : int
        Number of folds, 2 to n.
    random_state : int or None
        Seed of the fold shuffle.
    shuffle : bool
    standardize : bool
        Standardise inside each fold (see above).

    Returns
    -------
    AlphaChoice
    """
    X, y = check_data(X, y, min_samples=2)
    alphas = check_vector(alphas, "alphas")
    if np.any(alphas < 0):
        raise ValueError(f"alphas must all be 0 or more, got {alphas.min():g}")
    k = check_int(k, "k", minimum=2, maximum=X.shape[0])
    standardize = check_bool(standardize, "standardize")
    if not in_safe_range(X, y):
        raise ValueError("X or y has values whose squares leave double precision's range: rescale them first")
    folds = kfold_indices(X.shape[0], k, shuffle=shuffle, random_state=random_state)
    fold_mse = np.empty((alphas.size, k))
    for j, (train, val) in enumerate(folds):
        Xc = X[train]  # a copy, centred in place
        x_bar, y_bar = Xc.mean(axis=0), float(y[train].mean())
        scale = _fold_scale(Xc) if standardize else None
        Xc -= x_bar
        if scale is not None:
            Xc /= scale
        yc = y[train] - y_bar
        U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
        del Xc
        Xv = X[val] - x_bar
        if scale is not None:
            Xv /= scale
        for i, a in enumerate(alphas):
            w = _svd_weights(U, s, Vt, yc, float(a))
            r = Xv @ w + y_bar - y[val]
            fold_mse[i, j] = float(r @ r) / r.size
    mean_mse = fold_mse.mean(axis=1)
    best = int(np.argmin(mean_mse))
    return AlphaChoice(alpha=float(alphas[best]), alphas=alphas.copy(), mean_mse=mean_mse, fold_mse=fold_mse)


def _fold_scale(X):
    """The column scales ``lrcore.standardize`` would use for these rows (a constant column keeps 1)."""
    from .data import standardize  # not at import time: lrcore.data is the larger module

    return standardize(X)[2]
