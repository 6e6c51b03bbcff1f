"""Every bad call raises ValueError or TypeError whose message names the argument."""

import re

import numpy as np
import pytest

import lrcore as lr

x = np.linspace(0, 1, 10)
y = 2 * x + 1
X2 = np.column_stack([x, x**2])
nan_x = x.copy()
nan_x[3] = np.nan
inf_y = y.copy()
inf_y[0] = np.inf

CASES = [
    # (label, call, expected exception, text the message must contain)
    ("mse NaN y_true", lambda: lr.mse(nan_x, y), ValueError, "y_true"),
    ("mse inf y_pred", lambda: lr.mse(y, inf_y), ValueError, "y_pred"),
    ("mse lengths", lambda: lr.mse(y, y[:5]), ValueError, "y_true and y_pred"),
    ("mse empty", lambda: lr.mse([], []), ValueError, "y_true"),
    ("mse string", lambda: lr.mse("abc", y), TypeError, "y_true"),
    ("mse None", lambda: lr.mse(None, y), TypeError, "y_true"),
    ("mse 2-D", lambda: lr.mse(np.ones((3, 3)), np.ones((3, 3))), ValueError, "y_true"),
    ("sse strings in list", lambda: lr.sse(["a", "b"], [1, 2]), TypeError, "y_true"),
    ("rmse scalar", lambda: lr.rmse(1.0, 1.0), ValueError, "y_true"),
    ("mae ragged", lambda: lr.mae([1, [2, 3]], [1, 2]), TypeError, "y_true"),
    ("r2 one sample", lambda: lr.r2_score([1.0], [1.0]), ValueError, "y_true"),
    ("r2 complex", lambda: lr.r2_score([1j, 2j], [1, 2]), TypeError, "y_true"),
    ("predict 3-D", lambda: lr.predict(np.ones((2, 2, 2)), [1, 1], 0), ValueError, "X"),
    ("predict w length", lambda: lr.predict(X2, [1.0], 0.0), ValueError, "w"),
    ("predict w None", lambda: lr.predict(X2, None, 0.0), TypeError, "w"),
    ("predict b string", lambda: lr.predict(x, [1.0], "0"), TypeError, "b"),
    ("predict b NaN", lambda: lr.predict(x, [1.0], np.nan), ValueError, "b"),
    ("residuals lengths", lambda: lr.residuals(x, y[:3], [1.0], 0.0), ValueError, "X has 10 rows but y has 3"),
    ("mse_grad NaN X", lambda: lr.mse_grad(nan_x, y, [1.0], 0.0), ValueError, "X"),
    ("mse_grad inf w", lambda: lr.mse_grad(x, y, [np.inf], 0.0), ValueError, "w"),
    ("rmse_grad empty X", lambda: lr.rmse_grad(np.empty((0, 1)), [], [1.0], 0.0), ValueError, "X"),
    ("mae_grad string y", lambda: lr.mae_grad(x, "y", [1.0], 0.0), TypeError, "y"),
    ("numerical_grad loss name", lambda: lr.numerical_grad("huber", x, y, [1.0], 0.0), ValueError, "loss"),
    ("numerical_grad loss type", lambda: lr.numerical_grad(3, x, y, [1.0], 0.0), TypeError, "loss"),
    ("numerical_grad h 0", lambda: lr.numerical_grad(lr.mse, x, y, [1.0], 0.0, h=0), ValueError, "h"),
    ("loss_grid 2 features", lambda: lr.loss_grid(X2, y, [0, 1], [0, 1]), ValueError, "x"),
    ("loss_grid loss", lambda: lr.loss_grid(x, y, [0, 1], [0, 1], loss="log"), ValueError, "loss"),
    ("loss_grid NaN axis", lambda: lr.loss_grid(x, y, [0, np.nan], [0, 1]), ValueError, "w_values"),
    ("gd learning rate 0", lambda: lr.gradient_descent(x, y, 0), ValueError, "learning_rate"),
    ("gd learning rate negative", lambda: lr.gradient_descent(x, y, -0.1), ValueError, "learning_rate"),
    ("gd learning rate NaN", lambda: lr.gradient_descent(x, y, np.nan), ValueError, "learning_rate"),
    ("gd learning rate string", lambda: lr.gradient_descent(x, y, "0.1"), TypeError, "learning_rate"),
    ("gd learning rate None", lambda: lr.gradient_descent(x, y, None), TypeError, "learning_rate"),
    ("gd max_iter 0", lambda: lr.gradient_descent(x, y, 0.1, max_iter=0), ValueError, "max_iter"),
    ("gd max_iter float", lambda: lr.gradient_descent(x, y, 0.1, max_iter=10.5), TypeError, "max_iter"),
    ("gd unknown loss", lambda: lr.gradient_descent(x, y, 0.1, loss="huber"), ValueError, "loss"),
    ("gd tol negative", lambda: lr.gradient_descent(x, y, 0.1, tol=-1), ValueError, "tol"),
    ("gd grad_tol NaN", lambda: lr.gradient_descent(x, y, 0.1, grad_tol=np.nan), ValueError, "grad_tol"),
    ("gd patience 0", lambda: lr.gradient_descent(x, y, 0.1, patience=0), ValueError, "patience"),
    ("gd w0 length", lambda: lr.gradient_descent(X2, y, 0.1, w0=[1.0]), ValueError, "w0"),
    ("gd b0 string", lambda: lr.gradient_descent(x, y, 0.1, b0="1"), TypeError, "b0"),
    ("gd validation NaN", lambda: lr.gradient_descent(x, y, 0.1, validation=(nan_x, y)), ValueError, "X_val"),
    ("gd huge learning rate", lambda: lr.gradient_descent(x, y, 10**400), ValueError, "learning_rate"),
    ("gd fit_intercept string", lambda: lr.gradient_descent(x, y, 0.1, fit_intercept="no"), TypeError,
     "fit_intercept"),
    ("hessian fit_intercept", lambda: lr.hessian(x, fit_intercept=1), TypeError, "fit_intercept"),
    ("split ragged", lambda: lr.train_test_split([[1, 2], [3]], [1, 2]), TypeError, "X"),
    ("standardize ragged", lambda: lr.standardize([[1, 2], [3]]), TypeError, "X"),
    ("line data x_range triple", lambda: lr.make_line_data(x_range=(0, 1, 2)), TypeError, "x_range"),
    ("line data x_range number", lambda: lr.make_line_data(x_range=5), TypeError, "x_range"),
    ("sigma_plus shape", lambda: lr.sigma_plus([1.0], 3), ValueError, "shape"),
    ("model fit_intercept", lambda: lr.LinearRegression(solver="gd", fit_intercept="no").fit(x, y), TypeError,
     "fit_intercept"),
    ("model score lengths", lambda: lr.LinearRegression().fit(x, y).score(x, y[:4]), ValueError, "y"),
    ("gd validation shape", lambda: lr.gradient_descent(X2, y, 0.1, validation=(x, y)), ValueError, "validation"),
    ("gd validation type", lambda: lr.gradient_descent(x, y, 0.1, validation=x), TypeError, "validation"),
    ("gd lengths", lambda: lr.gradient_descent(x, y[:4], 0.1), ValueError, "y"),
    ("regime lr 0", lambda: lr.learning_rate_regime(x, 0.0), ValueError, "learning_rate"),
    ("stability NaN", lambda: lr.stability_limit(nan_x), ValueError, "X"),
    ("hessian 3-D", lambda: lr.hessian(np.ones((2, 2, 2))), ValueError, "X"),
    ("closed form method", lambda: lr.fit_closed_form(x, y, method="cholesky"), ValueError, "method"),
    ("closed form intercept flag", lambda: lr.fit_closed_form(x, y, fit_intercept="yes"), TypeError, "fit_intercept"),
    ("closed form inf y", lambda: lr.fit_closed_form(x, inf_y), ValueError, "y"),
    ("normal_equation lengths", lambda: lr.normal_equation(X2, y[:2]), ValueError, "y"),
    ("pinv rcond negative", lambda: lr.pinv_svd(X2, rcond=-1e-3), ValueError, "rcond"),
    ("pinv rcond string", lambda: lr.pinv_svd(X2, rcond="1e-3"), TypeError, "rcond"),
    ("pinv NaN", lambda: lr.pinv_svd(nan_x), ValueError, "A"),
    ("sigma_plus unsorted", lambda: lr.sigma_plus([1.0, 2.0], (2, 2)), ValueError, "singular_values"),
    ("sigma_plus count", lambda: lr.sigma_plus([1.0], (2, 2)), ValueError, "singular_values"),
    ("condition_number string", lambda: lr.condition_number("A"), TypeError, "A"),
    ("split one sample", lambda: lr.train_test_split([1.0], [1.0]), ValueError, "X"),
    ("split share 1", lambda: lr.train_test_split(x, y, test_size=1.0), ValueError, "test_size"),
    ("split share 0", lambda: lr.train_test_split(x, y, test_size=0), ValueError, "test_size"),
    ("split share negative", lambda: lr.train_test_split(x, y, test_size=-0.2), ValueError, "test_size"),
    ("standardize scale 0", lambda: lr.standardize(X2, [0, 0], [1, 0]), ValueError, "scale"),
    ("standardize mean length", lambda: lr.standardize(X2, [0], [1, 1]), ValueError, "mean"),
    ("add_intercept None", lambda: lr.add_intercept(None), TypeError, "X"),
    ("houses unknown feature", lambda: lr.load_houses(("rooms",)), ValueError, "features"),
    ("houses no features", lambda: lr.load_houses(()), ValueError, "features"),
    ("houses unknown target", lambda: lr.load_houses(target="value"), ValueError, "target"),
    ("nist not a string", lambda: lr.load_nist(3), TypeError, "name"),
    ("line data n 1", lambda: lr.make_line_data(n=1), ValueError, "n"),
    ("line data noise negative", lambda: lr.make_line_data(noise=-1), ValueError, "noise"),
    ("model solver", lambda: lr.LinearRegression(solver="sgd").fit(x, y), ValueError, "solver"),
    ("model method", lambda: lr.LinearRegression(method="lu").fit(x, y), ValueError, "method"),
    ("model NaN X", lambda: lr.LinearRegression().fit(nan_x, y), ValueError, "X"),
    # issue 12
    ("line data seed float", lambda: lr.make_line_data(seed=1.5), TypeError, "seed"),
    ("line data x_range too wide", lambda: lr.make_line_data(x_range=(-1e308, 1e308)), ValueError, "x_range"),
    ("line data n huge", lambda: lr.make_line_data(n=10**12), ValueError, "n"),
    ("split seed negative", lambda: lr.train_test_split(x, y, seed=-3), ValueError, "seed"),
    ("sigma_plus shape fraction", lambda: lr.sigma_plus([1.0], (2.7, 1)), ValueError, "shape"),
    ("sigma_plus shape inf", lambda: lr.sigma_plus([0.0], (1, np.inf)), ValueError, "shape"),
    ("sigma_plus shape string", lambda: lr.sigma_plus([1.0], ("2", 1)), TypeError, "shape"),
    ("numerical_grad h tiny", lambda: lr.numerical_grad(lr.mse, x, y, [1.0], 0.0, h=1e-300), ValueError, "h"),
    ("numerical_grad h huge", lambda: lr.numerical_grad(lr.mse, x, y, [1.0], 0.0, h=1e308), ValueError, "h"),
    ("mae beyond the float range", lambda: lr.mae([-1.7e308], [1.7e308]), ValueError, "y_true"),
    ("loss_grid data name", lambda: lr.loss_grid("x", y, [0, 1], [0, 1]), TypeError, "x"),
    ("standardize mean 2-D", lambda: lr.standardize(X2, np.zeros((2, 2)), [1, 1]), ValueError, "mean"),
]


def test_the_table_is_large():
    assert len(CASES) >= 40


@pytest.mark.parametrize(("label", "call", "exc", "text"), CASES, ids=[c[0] for c in CASES])
def test_bad_call_names_the_argument(label, call, exc, text):
    with pytest.raises(exc) as info:
        call()
    message = str(info.value)
    # the name must stand as a word (so "y" is not found inside "array")
    assert re.search(rf"(?<!\w){re.escape(text)}(?!\w)", message), f"{label}: message {message!r} does not name {text!r}"
    assert type(info.value) in (ValueError, TypeError)
