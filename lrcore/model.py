"""A linear regression estimator with scikit-learn's conventions.

``LinearRegression`` speaks scikit-learn's estimator protocol (``get_params`` /
``set_params``, ``__sklearn_tags__``, ``__sklearn_is_fitted__``, trailing-underscore
attributes set by ``fit``), so ``clone``, pipelines, cross-validation, grid
search and ``check_estimator`` work with it. It does not inherit from
``sklearn.base.BaseEstimator``: ``import lrcore`` never imports scikit-learn.
The scikit-learn pieces it needs (its tags, ``NotFittedError``,
``DataConversionWarning``) are imported inside the methods that use them.
"""

from __future__ import annotations

import inspect
import sys
import warnings

import numpy as np

from ._validation import check_bool, check_choice, check_data, check_features, check_scalar, is_constant
from .closed_form import METHODS, fit_closed_form
from .descent import _check_sample_weight, _stability_limit, _weight_shares, gradient_descent
from .losses import mse_grad, r2_score

__all__ = ["LinearRegression", "ConvergenceWarning", "NotFittedError", "DataConversionWarning"]


class ConvergenceWarning(UserWarning):
    """Gradient descent stopped at max_iter before meeting its tolerance (scikit-learn's name)."""


class NotFittedError(ValueError, AttributeError):
    """``predict`` or ``score`` was called before ``fit``.

    Raised only when scikit-learn is not installed; otherwise scikit-learn's
    ``sklearn.exceptions.NotFittedError`` is raised. Both subclass
    ``ValueError`` and ``AttributeError``, so catching either works everywhere.
    """


class DataConversionWarning(UserWarning):
    """The data were converted to the expected shape (scikit-learn's class is used when installed)."""


def _sklearn_class(name, fallback):
    """scikit-learn's exception or warning class ``name`` when scikit-learn is installed, else ``fallback``."""
    try:
        from sklearn import exceptions
    except ImportError:
        return fallback
    return getattr(exceptions, name, fallback)


# --- input checks that scikit-learn's conventions add to lrcore's -----------

def _is_sparse(value):
    """True for a scipy.sparse matrix or array (scipy is not imported to find out)."""
    sparse = sys.modules.get("scipy.sparse")
    return sparse is not None and bool(sparse.issparse(value))


def _object_to_float(arr, name):
    """A float copy of an object array that holds numbers; TypeError naming ``name`` otherwise."""
    if any(isinstance(v, (str, bytes)) for v in arr.flat):
        raise TypeError(f"{name} must hold numbers, got text in an array of Python objects")
    try:
        return arr.astype(float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must hold numbers only ({exc})") from None


def _as_real_array(value, name):
    """First look at ``X`` or ``y``: refuse sparse and complex data, convert numbers held as objects.

    Anything else odd (None, strings, ragged lists, NaN, wrong shapes) is
    passed on unchanged for lrcore's own checks to name.
    """
    if _is_sparse(value):
        raise TypeError(f"{name} is a scipy sparse matrix: sparse input is not supported by LinearRegression; "
                        f"pass a dense array instead ({name}.toarray())")
    if value is None or isinstance(value, (str, bytes)):
        return value
    try:
        arr = np.asarray(value)
    except Exception:  # ragged lists: check_features says what is wrong
        return value
    if arr.dtype.kind == "c":
        raise ValueError(f"Complex data not supported: {name} must hold real numbers, got complex values")
    if arr.dtype == object:
        arr = _object_to_float(arr, name)
    return arr


def _check_X(X):
    """``X`` as given to fit, predict or score, before lrcore's ``check_features``."""
    X = _as_real_array(X, "X")
    if isinstance(X, np.ndarray) and X.ndim == 2 and X.shape[1] == 0:
        raise ValueError(f"X has 0 feature(s) (shape={X.shape}) while a minimum of 1 is required.")
    return X


def _check_y(y, estimator_name):
    """``y`` as given to fit or score: required, and a column vector (n, 1) is raveled with a warning."""
    if y is None:
        raise ValueError(f"{estimator_name} requires y to be passed, but the target y is None")
    y = _as_real_array(y, "y")
    if isinstance(y, np.ndarray) and y.ndim == 2 and y.shape[1] == 1:
        warnings.warn(
            "A column-vector y was passed when a 1d array was expected. Please change the shape of y to "
            "(n_samples,), for example using ravel(). y of shape (n, 1) was raveled to (n,).",
            _sklearn_class("DataConversionWarning", DataConversionWarning), stacklevel=3,
        )
        y = y.ravel()
    return y


def _weighted_r2(y, y_pred, weights):
    """R² with sample weights, as scikit-learn's ``r2_score(..., sample_weight=...)``."""
    p = _weight_shares(weights)
    ss_res = float(p @ (y - y_pred) ** 2)
    ss_tot = float(p @ (y - p @ y) ** 2)
    if ss_tot == 0.0 or is_constant(y[weights > 0]):
        return 1.0 if ss_res == 0.0 else 0.0
    return 1.0 - ss_res / ss_tot


def _weighted_closed_form(X, y, weights, method, fit_intercept):
    """Weighted least squares in closed form: rows scaled by √wᵢ, intercept from weighted means.

    Centring by the weighted means first and solving without intercept gives
    the minimiser of Σ wᵢ rᵢ² with b left out of the minimum norm (as
    scikit-learn does); rows with weight 0 are dropped. ``info["rank"]`` is
    the rank of the weighted design [X, 1]; its ``condition_number`` is that of
    the centred, weighted X.
    """
    keep = weights > 0
    X, y, weights = X[keep], y[keep], weights[keep]
    root = np.sqrt(weights / weights.max())
    x_mean, y_mean = np.zeros(X.shape[1]), 0.0
    if fit_intercept:
        p = _weight_shares(weights)
        x_mean, y_mean = p @ X, float(p @ y)
    w, _, info = fit_closed_form((X - x_mean) * root[:, None], (y - y_mean) * root, method, False,
                                 return_info=True)
    info = dict(info, rank=info["rank"] + int(fit_intercept), weighted=True)
    return w, y_mean - float(x_mean @ w), info


class LinearRegression:
    """Ordinary (or weighted) least squares, fitted in closed form or by gradient descent.

    A scikit-learn estimator: it works with ``clone``, pipelines,
    ``cross_val_score``, ``GridSearchCV`` and passes ``check_estimator``
    except where the course's conventions differ (see Notes).

    Parameters
    ----------
    solver : {"closed_form", "gd"}
        How ``fit`` finds the parameters.
    method : {"auto", "normal", "qr", "svd"}
        Closed-form method (see ``fit_closed_form``).
    learning_rate : float or None
        Step size for ``solver="gd"``; None picks 1/L, the largest step that
        does not overshoot (L from the Hessian of the, possibly weighted, MSE).
    max_iter : int
        Most descent steps.
    tol : float
        Descent stops when ‖∇MSE‖ ≤ tol·‖∇MSE at the start‖ (a relative
        gradient rule, so it does not depend on the units of y).
    fit_intercept : bool
        Fit b (True) or keep b = 0.

    Attributes
    ----------
    coef_ : ndarray of shape (d,)
        The weights w.
    intercept_ : float
        The intercept b.
    n_features_in_ : int
        Number of features seen by ``fit``.
    n_iter_ : int or None
        Descent steps taken for ``solver="gd"``; None for the closed form,
        which does not iterate (scikit-learn's convention, as ``Ridge`` with
        its direct solvers).
    history_ : DescentResult or None
        The descent run (path, losses, stop reason) when ``solver="gd"``.
    fit_info_ : dict or None
        What the closed form did (method, rank, κ) when
        ``solver="closed_form"``; with sample weights, ``weighted`` is True,
        ``rank`` is that of the weighted [X, 1] and ``condition_number`` that
        of the centred, weighted X.

    Notes
    -----
    Where the course's conventions differ from scikit-learn's:

    * A 1-D ``X`` is read as one feature (n samples), as everywhere in
      lrcore; scikit-learn would refuse it. A model fitted on d > 1 features
      refuses a 1-D ``X`` with a hint to reshape it.
    * Sparse matrices are refused with a TypeError that says so.

    Examples
    --------
    >>> from lrcore import LinearRegression, make_line_data
    >>> x, y = make_line_data(noise=0.0)
    >>> model = LinearRegression().fit(x, y)
    >>> round(model.coef_[0], 6), round(model.intercept_, 6)
    (2.0, 1.0)
    """

    _estimator_type = "regressor"  # scikit-learn < 1.6 reads this; newer versions read the tags

    def __init__(self, *, solver="closed_form", method="auto", learning_rate=None, max_iter=10_000,
                 tol=1e-10, fit_intercept=True):
        self.solver = solver
        self.method = method
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept

    # --- scikit-learn's estimator protocol ----------------------------------

    @classmethod
    def _param_names(cls):
        """The constructor's keyword parameters, in order."""
        params = inspect.signature(cls.__init__).parameters.values()
        return [p.name for p in params if p.name != "self" and p.kind is not p.VAR_KEYWORD]

    def get_params(self, deep=True):
        """Constructor parameters, as scikit-learn's ``get_params``.

        Parameters
        ----------
        deep : bool
            Ignored (no parameter is itself an estimator); kept for scikit-learn.

        Returns
        -------
        dict
        """
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        """Set constructor parameters, as scikit-learn's ``set_params``; returns self.

        Values are checked by ``fit``, not here (scikit-learn's convention).
        """
        valid = self._param_names()
        for key, value in params.items():
            if key not in valid:
                raise ValueError(f"{key!r} is not a parameter of {type(self).__name__}; valid: {', '.join(valid)}")
            setattr(self, key, value)
        return self

    def __repr__(self):
        defaults = type(self)().get_params()
        changed = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items() if _differs(v, defaults.get(k)))
        return f"{type(self).__name__}({changed})"

    def __sklearn_tags__(self):
        """scikit-learn's tags: a single-output regressor on dense, finite, real 2-D data.

        ``one_d_array`` stays False although a 1-D ``X`` is accepted as one
        feature: in scikit-learn that tag means "only 1-D input" (text-like
        data) and would make its checks feed nothing else.
        """
        from sklearn.utils import InputTags, RegressorTags, Tags, TargetTags

        return Tags(
            estimator_type="regressor",
            target_tags=TargetTags(required=True, single_output=True, multi_output=False),
            regressor_tags=RegressorTags(),
            input_tags=InputTags(two_d_array=True, sparse=False, allow_nan=False),
        )

    def __sklearn_is_fitted__(self):
        """True once ``fit`` has run (scikit-learn's ``check_is_fitted`` asks this)."""
        return hasattr(self, "coef_")

    # --- fit ------------------------------------------------------------------

    def fit(self, X, y, sample_weight=None):
        """Fit the model; returns self.

        Parameters
        ----------
        X : array-like of shape (n, d) or (n,)
            Features; a 1-D ``X`` is one feature (the course's convention).
        y : array-like of shape (n,)
            Targets; shape (n, 1) is raveled with a ``DataConversionWarning``.
        sample_weight : array-like of shape (n,), optional
            Weights wᵢ ≥ 0, finite, not all 0: ``fit`` minimises
            Σ wᵢ rᵢ² / Σ wᵢ. An integer weight k acts as k copies of the
            row and 0 as dropping it.

        Returns
        -------
        LinearRegression
        """
        X, y = check_data(_check_X(X), _check_y(y, type(self).__name__))
        solver = check_choice(self.solver, "solver", ("closed_form", "gd"))
        fit_intercept = check_bool(self.fit_intercept, "fit_intercept")
        weights = _check_sample_weight(sample_weight, X.shape[0])
        history, info, n_iter = None, None, None
        if solver == "closed_form":
            w, b, info = self._fit_closed_form(X, y, weights, fit_intercept)
        else:
            history = self._fit_descent(X, y, weights, fit_intercept)
            w, b, n_iter = history.w, history.b, history.n_iter
        self.coef_, self.intercept_ = np.asarray(w, dtype=float), float(b)
        self.n_features_in_, self.n_iter_ = X.shape[1], n_iter
        self.history_, self.fit_info_ = history, info
        return self

    def _fit_closed_form(self, X, y, weights, fit_intercept):
        method = check_choice(self.method, "method", METHODS)
        if weights is None:
            return fit_closed_form(X, y, method, fit_intercept, return_info=True)
        return _weighted_closed_form(X, y, weights, method, fit_intercept)

    def _fit_descent(self, X, y, weights, fit_intercept):
        shares = None if weights is None else _weight_shares(weights)
        lr = self.learning_rate
        if lr is None:
            lr = _stability_limit(X, fit_intercept, shares) / 2
        tol = check_scalar(self.tol, "tol", positive=True)
        history = gradient_descent(
            X, y, lr, max_iter=self.max_iter, tol=None,
            grad_tol=tol * _start_gradient_norm(X, y, shares, fit_intercept),
            fit_intercept=fit_intercept, sample_weight=weights,
        )
        if history.diverged:
            raise ValueError(f"learning_rate = {history.learning_rate:.3g} makes gradient descent diverge "
                             f"({history.message}); use a smaller one or learning_rate=None (1/L)")
        if history.stop_reason == "max_iter":
            warnings.warn(f"gradient descent did not converge in max_iter = {history.n_iter} steps; "
                          "raise max_iter or standardise the features", ConvergenceWarning, stacklevel=3)
        return history

    # --- predict and score ---------------------------------------------------------

    def _check_fitted(self):
        if not self.__sklearn_is_fitted__():
            error = _sklearn_class("NotFittedError", NotFittedError)
            raise error(f"this {type(self).__name__} is not fitted yet: call fit(X, y) first")

    def _check_features_for_predict(self, X):
        """``X`` with the number of features seen by ``fit``; a message that says how to fix it otherwise."""
        X = _check_X(X)
        one_d = isinstance(X, np.ndarray) and X.ndim == 1
        X = check_features(X)
        if X.shape[1] != self.n_features_in_:
            message = (f"X has {X.shape[1]} features, but {type(self).__name__} is expecting "
                       f"{self.n_features_in_} features as input (the number it was fitted with)")
            if one_d:
                message += (". A 1-D X is read as one feature (n samples). Reshape your data either using "
                            "X.reshape(1, -1) if it contains a single sample, or pass a 2-D array (n, d)")
            raise ValueError(message)
        return X

    def predict(self, X):
        """Predictions X·coef_ + intercept_.

        Parameters
        ----------
        X : array-like of shape (n, d), or (n,) when the model has one feature

        Returns
        -------
        ndarray of shape (n,)
        """
        self._check_fitted()
        return self._check_features_for_predict(X) @ self.coef_ + self.intercept_

    def score(self, X, y, sample_weight=None):
        """R² of the predictions on (X, y), weighted by ``sample_weight`` if given.

        Parameters
        ----------
        X : array-like of shape (n, d) or (n,)
        y : array-like of shape (n,)
        sample_weight : array-like of shape (n,), optional
            Weights as in ``fit``; R² = 1 − Σ wᵢrᵢ² / Σ wᵢ(yᵢ − ȳ_w)² with
            ȳ_w the weighted mean (scikit-learn's ``r2_score``).

        Returns
        -------
        float
        """
        self._check_fitted()
        X, y = check_data(_check_X(X), _check_y(y, type(self).__name__), min_samples=2)
        weights = _check_sample_weight(sample_weight, X.shape[0])
        y_pred = self.predict(X)
        return r2_score(y, y_pred) if weights is None else _weighted_r2(y, y_pred, weights)


def _differs(value, default):
    """True unless ``value`` is or equals ``default`` (arrays and odd objects count as different)."""
    if value is default:
        return False
    try:
        return bool(value != default)
    except Exception:  # an array compared element by element, or a comparison that raises
        return True


def _start_gradient_norm(X, y, shares, fit_intercept):
    """‖∇MSE‖ at w = 0, b = 0 (weighted by ``shares`` when given): the scale of the relative stopping rule."""
    if shares is None:
        gw, gb = mse_grad(X, y, np.zeros(X.shape[1]), 0.0)
    else:
        py = shares * y
        gw, gb = -2.0 * (X.T @ py), -2.0 * float(py.sum())
    return float(np.hypot(np.linalg.norm(gw), gb if fit_intercept else 0.0))
