"""lrcore: the helper package of the interactive linear regression course.

The math (``losses``, ``descent``, ``closed_form``, ``data``, ``model``,
``stochastic``, ``ridge``, ``validation``, ``uncertainty``) is numpy (plus
scipy.special for t quantiles, loaded when first needed) and imported here. The figures (``lrcore.plots``), apps
(``lrcore.widgets``) and exercise checks (``lrcore.checks``) load matplotlib
and ipywidgets, so they are imported only when first used.
"""

from importlib import import_module

from .closed_form import (
    IllConditionedWarning,
    condition_number,
    fit_closed_form,
    normal_equation,
    pinv_svd,
    sigma_plus,
)
from .data import (
    add_intercept,
    load_houses,
    load_nist,
    make_line_data,
    nist_names,
    standardize,
    train_test_split,
)
from .descent import (
    STOP_REASONS,
    DescentResult,
    MomentumTheory,
    gradient_descent,
    hessian,
    learning_rate_regime,
    momentum_theory,
    stability_limit,
)
from .losses import (
    loss_grid,
    mae,
    mae_grad,
    mse,
    mse_grad,
    numerical_grad,
    predict,
    r2_score,
    residuals,
    rmse,
    rmse_grad,
    sse,
)
from .model import LinearRegression
from .ridge import RidgeConvergenceWarning, fit_ridge, ridge_path
from .stochastic import SCHEDULES, learning_rate_schedule, minibatch_gradients, sgd
from .uncertainty import ols_inference, prediction_interval
from .validation import choose_alpha_kfold, kfold_indices

__version__ = "0.1.0"

_LAZY_SUBMODULES = ("plots", "widgets", "checks", "style", "robust", "houses")


def __getattr__(name):
    if name == "show_figure":  # loads matplotlib and IPython only when first used
        return import_module(".figure_display", __name__).show_figure
    if name in _LAZY_SUBMODULES:
        return import_module(f".{name}", __name__)
    raise AttributeError(f"module 'lrcore' has no attribute {name!r}")


__all__ = [
    "add_intercept", "load_houses", "load_nist", "make_line_data", "nist_names", "standardize",
    "train_test_split",
    "predict", "residuals", "sse", "mse", "rmse", "mae", "r2_score", "mse_grad", "rmse_grad",
    "mae_grad", "numerical_grad", "loss_grid",
    "DescentResult", "STOP_REASONS", "gradient_descent", "hessian", "stability_limit", "learning_rate_regime",
    "normal_equation", "pinv_svd", "sigma_plus", "fit_closed_form", "condition_number",
    "IllConditionedWarning",
    "LinearRegression",
    "fit_ridge", "ridge_path", "RidgeConvergenceWarning", "kfold_indices", "choose_alpha_kfold", "ols_inference", "prediction_interval",
    "MomentumTheory", "momentum_theory", "sgd", "minibatch_gradients", "learning_rate_schedule", "SCHEDULES",
    "show_figure",
]
