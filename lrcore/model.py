"""A linear regression estimator with scikit-learn's conventions."""

from __future__ import annotations

import warnings

import numpy as np

from ._validation import check_bool, check_choice, check_data, check_features, check_scalar
from .closed_form import METHODS, fit_closed_form
from .descent import gradient_descent, stability_limit
from .losses import mse_grad, r2_score

__all__ = ["LinearRegression", "ConvergenceWarning"]


class ConvergenceWarning(UserWarning):
    """Gradient descent stopped at max_iter before meeting its tolerance (scikit-learn's name)."""


class LinearRegression:
    """Ordinary least squares, fitted in closed form or by gradient descent.

    Parameters
    ----------
    solver : {"closed_form", "gd"}
        How ``fit`` finds the parameters.
    method : {"auto", "normal", "qr", "svd"}
        Closed-form method (see ``fit_closed_form``).
    learning_rate : float or None
        Step size for ``solver="gd"``; None picks 1/L, the largest step that
        does not overshoot (from the data's Hessian).
    max_iter : int
        Most descent steps.
    tol : float
        Descent stops when ‖∇MSE‖ ≤ tol·‖∇MSE at the start‖ (a relative
        gradient rule, so it does not depend on the units of y).
    fit_intercept : bool

    Attributes
    ----------
    coef_ : ndarray of shape (d,)
    intercept_ : float
    n_features_in_ : int
    history_ : DescentResult or None
        The descent run (path, losses, stop reason) when ``solver="gd"``.
    fit_info_ : dict or None
        What the closed form did (method, rank, κ) when ``solver="closed_form"``.

    Examples
    --------
    >>> from lrcore import LinearRegression, make_line_data
    >>> x, y = make_line_data(noise=0.0)
    >>> model = LinearRegression().fit(x, y)
    >>> round(model.coef_[0], 6), round(model.intercept_, 6)
    (2.0, 1.0)
    """

    def __init__(self, *, solver="closed_form", method="auto", learning_rate=None, max_iter=10_000,
                 tol=1e-10, fit_intercept=True):
        self.solver = solver
        self.method = method
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept

    def get_params(self, deep=True):
        """Constructor parameters, as scikit-learn's ``get_params``."""
        return {k: getattr(self, k) for k in
                ("solver", "method", "learning_rate", "max_iter", "tol", "fit_intercept")}

    def set_params(self, **params):
        """Set constructor parameters, as scikit-learn's ``set_params``."""
        valid = self.get_params()
        for key, value in params.items():
            if key not in valid:
                raise ValueError(f"{key!r} is not a parameter of LinearRegression; valid: {', '.join(valid)}")
            setattr(self, key, value)
        return self

    def __repr__(self):
        defaults = LinearRegression().get_params()
        changed = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items() if v != defaults[k])
        return f"LinearRegression({changed})"

    def fit(self, X, y):
        """Fit the model to X (n, d) and y (n,); returns self."""
        X, y = check_data(X, y)
        solver = check_choice(self.solver, "solver", ("closed_form", "gd"))
        check_bool(self.fit_intercept, "fit_intercept")
        self.history_, self.fit_info_ = None, None
        if solver == "closed_form":
            check_choice(self.method, "method", METHODS)
            w, b, self.fit_info_ = fit_closed_form(X, y, self.method, self.fit_intercept, return_info=True)
        else:
            lr = self.learning_rate
            if lr is None:
                lr = stability_limit(X, fit_intercept=self.fit_intercept) / 2
            tol = check_scalar(self.tol, "tol", positive=True)
            gw, gb = mse_grad(X, y, np.zeros(X.shape[1]), 0.0)
            start_norm = np.hypot(np.linalg.norm(gw), gb if self.fit_intercept else 0.0)
            self.history_ = gradient_descent(
                X, y, lr, max_iter=self.max_iter, tol=None, grad_tol=tol * start_norm,
                fit_intercept=self.fit_intercept,
            )
            if self.history_.diverged:
                raise ValueError(f"learning_rate = {lr:.3g} makes gradient descent diverge "
                                 f"({self.history_.message}); use a smaller one or learning_rate=None (1/L)")
            if self.history_.stop_reason == "max_iter":
                warnings.warn(f"gradient descent did not converge in max_iter = {self.max_iter} steps; "
                              "raise max_iter or standardise the features", ConvergenceWarning, stacklevel=2)
            w, b = self.history_.w, self.history_.b
        self.coef_, self.intercept_ = np.asarray(w, dtype=float), float(b)
        self.n_features_in_ = X.shape[1]
        return self

    def _check_fitted(self):
        if not hasattr(self, "coef_"):
            raise ValueError("this LinearRegression is not fitted yet: call fit(X, y) first")

    def predict(self, X):
        """Predictions X·coef_ + intercept_ for X (n, d)."""
        self._check_fitted()
        X = check_features(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} feature(s) but the model was fitted with {self.n_features_in_}")
        return X @ self.coef_ + self.intercept_

    def score(self, X, y):
        """R² of the predictions on (X, y)."""
        X, y = check_data(X, y, min_samples=2)
        return r2_score(y, self.predict(X))
