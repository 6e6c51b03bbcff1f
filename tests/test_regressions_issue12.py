"""Issue 12: crashes, silently wrong results for finite input, leaked RuntimeWarnings, unfriendly errors."""

import math
import re
import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import lrcore as lr  # noqa: E402
from lrcore import plots  # noqa: E402
from lrcore import widgets as W  # noqa: E402

x = np.linspace(-1.0, 1.0, 12)
y = 2.0 * x + 0.3 * np.sin(5 * x)


@pytest.fixture(autouse=True)
def _strict_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
    plt.close("all")


# --- crashes ------------------------------------------------------------------

def test_robust_is_a_lazy_submodule():
    code = "import lrcore as lr; assert callable(lr.robust.fit_mae); import sys; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(("call", "exc", "text"), [
    (lambda: W.ConditioningExplorer(feature_names=("a",)), ValueError, "feature_names"),
    (lambda: W.FeaturePicker(("nope",)), ValueError, "initial"),
    (lambda: W.GradientComparison(x, y, learning_rate=10**400), ValueError, "learning_rate"),
    (lambda: plots.loss_label(1), ValueError, "loss"),
    (lambda: plots.plot_loss_curve([1.0, 0.5], loss="MSE"), ValueError, "loss"),
    (lambda: plots.plot_learning_rate_scale(x, high=10**400), ValueError, "high"),
    (lambda: lr.make_line_data(x_range=(-1e308, 1e308)), ValueError, "x_range"),
    (lambda: lr.sigma_plus([0.0], (1, math.inf)), ValueError, "shape"),
], ids=["explorer names", "picker unknown", "huge rate", "label int", "curve MSE", "scale high", "wide range",
        "inf shape"])
def test_crashes_are_now_errors_naming_the_argument(call, exc, text):
    with pytest.raises(exc, match=rf"(?<!\w){text}(?!\w)"):
        call()


def test_feature_picker_takes_one_name_as_one_feature():
    app = W.FeaturePicker("grade")
    assert app.features.value == ("grade",) and "validation RMSE" in app.status


# --- silently wrong for finite input -----------------------------------------

def test_normal_equation_with_a_huge_column():
    assert lr.normal_equation([[0.0], [1e300]], [0.0, 1.0])[0] == pytest.approx(1e-300, rel=1e-12)


def test_loss_grid_with_a_huge_point():
    assert lr.loss_grid([0.0, 1e200], [0.0, 0.0], [0.0], [0.0])[0, 0] == 0.0
    # and a value that needs the scaling: MSE of w = 1e-100 on x = (0, 1e200) is (1e100)²/2
    assert lr.loss_grid([0.0, 1e200], [0.0, 0.0], [1e-100], [0.0])[0, 0] == pytest.approx(5e199, rel=1e-12)
    assert lr.loss_grid([0.0, 1e200], [0.0, 0.0], [1e-100], [0.0], loss="rmse")[0, 0] == pytest.approx(
        1e100 / math.sqrt(2), rel=1e-12)


def test_r2_rmse_mae_with_huge_values():
    assert lr.r2_score([0.0, 0.0, 1e300], [0.0, 0.0, 0.0]) == pytest.approx(-0.5, rel=1e-12)
    assert lr.rmse([0.0, 0.0], [0.0, 1e200]) == pytest.approx(1e200 / math.sqrt(2), rel=1e-12)
    assert lr.mae([0.0, 0.0], [1.7e308, 1.7e308]) == pytest.approx(1.7e308, rel=1e-12)
    assert lr.rmse([0.0, 0.0], [1e-200, 1e-200]) == pytest.approx(1e-200, rel=1e-12)  # no underflow to 0


def test_losses_scale_exactly_with_powers_of_two():
    rng = np.random.default_rng(0)
    t, p = rng.normal(size=7), rng.normal(size=7)
    for k in (-900, -520, 520, 900):
        c = 2.0**k
        assert lr.rmse(c * t, c * p) == math.ldexp(lr.rmse(t, p), k)
        assert lr.mae(c * t, c * p) == math.ldexp(lr.mae(t, p), k)
        assert lr.r2_score(c * t, c * p) == lr.r2_score(t, p)


def test_standardize_tiny_and_huge_columns():
    z, mean, scale = lr.standardize([1e-300, -1e-300])
    assert np.allclose(z, [1.0, -1.0]) and scale[0] == pytest.approx(1e-300)
    z, mean, _ = lr.standardize([[1.7e308, 1.0], [1.7e308, 3.0]])
    assert mean[0] == 1.7e308 and np.all(np.isfinite(z))


def test_condition_number_with_huge_entries():
    A = [[1.7e308, 1.7e308], [1.7e308, -1.7e308]]
    assert lr.condition_number(A) == pytest.approx(1.0)


def test_numerical_grad_rejects_a_step_lost_to_rounding():
    with pytest.raises(ValueError, match=r"(?<!\w)h(?!\w)"):
        lr.numerical_grad(lr.mse, x, y, [1.0], 0.0, h=1e-300)
    dw, db = lr.numerical_grad(lr.mse, x, y, [1.0], 0.0, h=1e-15)  # the smallest kept step still works
    assert np.all(np.isfinite(dw)) and math.isfinite(db)


def test_sigma_plus_rejects_a_fractional_shape():
    with pytest.raises(ValueError, match="shape"):
        lr.sigma_plus([1.0], (2.7, 1))
    assert lr.sigma_plus([2.0], (2.0, 1)).shape == (1, 2)  # a whole float is fine


# --- no RuntimeWarning escapes for values near 1e154 and beyond -----------------------

BIG = 1e200
EXTREME_CALLS = [
    ("sse", lambda: lr.sse([0.0, 0.0], [BIG, BIG])),
    ("mse", lambda: lr.mse([0.0, 0.0], [BIG, -BIG])),
    ("predict", lambda: lr.predict([[BIG], [1.0]], [BIG], 0.0)),
    ("residuals", lambda: lr.residuals([[1.7e308], [1.0]], [-1.7e308, 0.0], [1.0], 0.0)),
    ("mse_grad", lambda: lr.mse_grad([[BIG], [1.0]], [0.0, 1.0], [1.0], 0.0)),
    ("rmse_grad", lambda: lr.rmse_grad([[BIG], [1.0]], [0.0, 1.0], [1e-300], 0.0)),
    ("mae_grad", lambda: lr.mae_grad([[1.7e308], [1.7e308]], [0.0, 1.0], [1.0], 0.0)),
    ("numerical_grad", lambda: lr.numerical_grad(lr.mse, [[BIG], [1.0]], [0.0, 1.0], [1.0], 0.0)),
    ("loss_grid", lambda: lr.loss_grid([0.0, BIG], [0.0, BIG], [BIG, 1.0], [0.0, 1.0], loss="sse")),
    ("loss_grid mae", lambda: lr.loss_grid([0.0, 1.7e308], [0.0, 1.0], [10.0], [0.0], loss="mae")),
    ("standardize", lambda: lr.standardize([[1.7e308], [-1.7e308]])),
    ("standardize given", lambda: lr.standardize([1e300, 2e300], [-1e300], [1e-10])),
    ("make_line_data", lambda: lr.make_line_data(slope=1e300, x_range=(0.0, 1e10))),
    ("fit_closed_form", lambda: lr.fit_closed_form([[BIG], [2 * BIG], [3 * BIG]], [1.0, 2.0, 4.0])),
    ("fit_closed_form svd", lambda: lr.fit_closed_form([[1e-200], [2e-200], [0.0]], [BIG, 0.0, 1.0], method="svd")),
    ("normal_equation", lambda: lr.normal_equation([[BIG, 1.0], [1.0, BIG]], [1.0, 2.0])),
    ("pinv_svd", lambda: lr.pinv_svd([[1e-300, 0.0], [0.0, 1e-300]])),
    ("pinv_svd rcond", lambda: lr.pinv_svd([[1.0, 0.0], [0.0, 1e-300]], rcond=0.0)),
    ("sigma_plus", lambda: lr.sigma_plus([1.0, 1e-310], (2, 2), rcond=0.0)),
    ("sigma_plus rcond", lambda: lr.sigma_plus([1e10], (1, 1), rcond=1e300)),
    ("r2_score", lambda: lr.r2_score([0.0, 1e-300], [1e300, 0.0])),
    ("plot_fit", lambda: plots.plot_fit([0.0, 1.0], [0.0, 1.0], [1e300], 0.0)),
    ("plot_loss_curve", lambda: plots.plot_loss_curve([1e-300, 1e300])),
    ("bowl_over_weights", lambda: plots.bowl_over_weights([[1e-154, 0.0], [0.0, 0.0], [0.0, 2.0]], [0.0, 1.0, 2.0])),
    ("FitByHand", lambda: W.FitByHand([0.0, 1.0, 2.0], [0.0, 1e200, 0.0])),
]


@pytest.mark.parametrize("call", [c[1] for c in EXTREME_CALLS], ids=[c[0] for c in EXTREME_CALLS])
def test_no_runtime_warning_for_extreme_finite_input(call):
    try:
        result = call()
    except (ValueError, TypeError) as exc:  # refused, with a message naming the data
        assert re.search(r"(?<!\w)(X|x|y|A|w|b|h|y_true|y_pred|x_range|slope|mean|scale|rcond|singular_values|"
                         r"losses|w_values|b_values)(?!\w)", str(exc)), str(exc)
    else:
        values = result if isinstance(result, tuple) else (result,)
        for v in values:
            if isinstance(v, (float, np.ndarray)):
                assert np.all(np.isfinite(v))


def test_gradients_with_huge_features_match_the_scaled_problem():
    X = np.array([[1.0], [2.0], [4.0]])
    yv = np.array([1.0, 0.0, 2.0])
    dw, db = lr.rmse_grad(X * 2.0**700, yv * 2.0**700, [0.5], 0.25 * 2.0**700)
    dw0, db0 = lr.rmse_grad(X, yv, [0.5], 0.25)
    assert dw[0] == pytest.approx(dw0[0] * 2.0**700, rel=1e-13) and db == pytest.approx(db0, rel=1e-13)


# --- unfriendly errors -------------------------------------------------------

def test_make_line_data_seed_is_named():
    with pytest.raises(TypeError, match=r"(?<!\w)seed(?!\w)"):
        lr.make_line_data(seed=1.5)
    with pytest.raises(ValueError, match=r"(?<!\w)seed(?!\w)"):
        lr.train_test_split(x, y, seed=-1)


def test_house_price_model_takes_one_name_as_one_feature():
    model = lr.houses.house_price_model("grade")
    assert model["features"] == ("grade",) and model["rmse_val"] > 0
    with pytest.raises(TypeError, match="features"):
        lr.houses.house_price_model(5)
    with pytest.raises(ValueError, match="validation_size"):
        lr.houses.house_price_model("grade", validation_size=1.5)


def test_conditioning_explorer_blames_constant_data_not_a_learning_rate():
    with pytest.raises(ValueError) as info:
        W.ConditioningExplorer(np.zeros((5, 2)), np.zeros(5))
    message = str(info.value)
    assert "constant" in message and "learning_rate" not in message and re.search(r"(?<!\w)X(?!\w)", message)


# --- layering -----------------------------------------------------------------

def test_house_price_model_lives_below_the_apps():
    code = ("import sys, lrcore.houses, lrcore.checks\n"
            "assert 'matplotlib' not in sys.modules and 'ipywidgets' not in sys.modules\n"
            "from lrcore.checks import check_beats_baseline\n"
            "assert check_beats_baseline(['bedrooms', 'bathrooms', 'floors', 'grade']).passed\n"
            "assert 'lrcore.widgets' not in sys.modules and 'matplotlib' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)
    assert W.house_price_model is lr.houses.house_price_model  # still importable from the apps
