"""Property-based fuzzing of every public function and app (DESIGN.md, "Tests"; issue 12).

Odd arguments (wrong types, None, strings, nested and ragged lists, 0-d, 3-d and
empty arrays, NaN/inf, ±1e±300, float32/int/bool/complex, mismatched lengths,
pandas Series and DataFrames) go to each public function, mixed with valid
ones so that the checks deep inside are reached too. Each call must either
return, with a finite result when every input was finite, or raise ValueError
or TypeError whose message names an argument; never another exception, never
a warning other than the documented ``IllConditionedWarning``, and never change
an input in place.

Deterministic and bounded: ``derandomize=True`` and few examples for the slow
targets (figures and apps), so the whole file runs in well under a minute.
"""

from __future__ import annotations

import copy
import math
import re
import warnings
from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import lrcore as lr  # noqa: E402
from lrcore import checks, houses, plots, robust  # noqa: E402
from lrcore import widgets as W  # noqa: E402
from lrcore.closed_form import IllConditionedWarning  # noqa: E402

try:
    import pandas as pd
except ImportError:  # pandas is not a dependency of the course: the pandas cases are skipped without it
    pd = None


def fuzz_settings(examples):
    return settings(derandomize=True, max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# --- values -----------------------------------------------------------------

NAN, INF = float("nan"), float("inf")
#: Finite magnitudes that break naive formulas: squares overflow beyond ~1e154 and underflow below ~1e-154.
EXTREMES = [0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -3.0, 1e10, 1e154, -1e154, 1e-154, 1e300, -1e300, 1e-300, -1e-300,
            1.7e308, -1.7e308, 5e-324]
finite_numbers = st.one_of(st.sampled_from(EXTREMES), st.floats(-10, 10, allow_nan=False, allow_infinity=False))
ordinary_numbers = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@st.composite
def float_arrays(draw, shape, elements=finite_numbers):
    size = int(np.prod(shape))
    return np.array(draw(st.lists(elements, min_size=size, max_size=size)), dtype=float).reshape(shape)


def odd_values():
    """Anything a learner might pass by mistake."""
    scalars = st.sampled_from([None, "", "abc", "1.5", b"12", True, False, 0, -1, 7, 10**400, -(10**400), NAN, INF,
                               -INF, 0.0, 1e300, -1e300, 1e-300, 5e-324, 1.7e308, 2.7, 1 + 2j, np.float32(3.5),
                               np.int64(3), np.bool_(True), Ellipsis])
    containers = st.sampled_from([[], [[]], [1, [2, 3]], ["a", "b"], [[1.0, 2.0], [3.0]], [None, 1.0], {"a": 1},
                                  {1.0, 2.0}, (1.0,), (1.0, 2.0, 3.0), [[[1.0]]], object()])
    arrays = st.sampled_from([np.float64(2.0), np.array(3.0), np.array([]), np.empty((0, 2)), np.empty((3, 0)),
                              np.ones((2, 2, 2)), np.array([1, 2, 3], dtype=np.int64),
                              np.array([True, False, True]), np.array([1.0, 2.0, 3.0], dtype=np.float32),
                              np.array([1 + 1j, 2.0, 3.0]), np.array(["a", "b", "c"]),
                              np.array([1.0, None, 3.0], dtype=object), np.array([1.0, NAN, 3.0]),
                              np.array([INF, 1.0, 2.0]), np.full(3, 1e300), np.full((3, 2), -1e300),
                              np.full(4, 1e-300), np.arange(12.0).reshape(3, 4), np.arange(5.0)])
    options = [scalars, containers, arrays, st.builds(lambda: (lambda *a, **k: None))]
    if pd is not None:
        options.append(st.sampled_from([pd.Series([1.0, 2.0, 3.0]), pd.Series(["a", "b", "c"]),
                                        pd.Series([1.0, NAN, 3.0]), pd.DataFrame({"a": [1.0, 2.0], "b": [3.0, 4.0]}),
                                        pd.DataFrame({"a": ["x", "y"]}), pd.Series([], dtype=float)]))
    return st.one_of(*options)


@st.composite
def as_container(draw, arr):
    """The same numbers as a list, a float32/int array, or a pandas object (when pandas is present)."""
    kind = draw(st.sampled_from(["array", "array", "list", "float32", "pandas"]))
    if kind == "list":
        return arr.tolist()
    if kind == "float32" and np.all(np.abs(arr) < 1e30):
        return arr.astype(np.float32)
    if kind == "pandas" and pd is not None:
        return pd.Series(arr) if arr.ndim == 1 else pd.DataFrame(arr)
    return arr


# --- the contract -----------------------------------------------------------

def _snapshot(value):
    try:
        return copy.deepcopy(value)
    except Exception:  # objects that cannot be copied are not data
        return value


def _same(a, b):
    if pd is not None and isinstance(a, (pd.Series, pd.DataFrame)):
        return type(a) is type(b) and a.equals(b)
    if isinstance(a, np.ndarray):
        return (isinstance(b, np.ndarray) and a.shape == b.shape and a.dtype == b.dtype
                and (a.dtype == object or np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")))
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(u, v) for u, v in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, (int, float, complex, str, bytes, np.generic, dict, set)):
        return type(a) is type(b) and bool(a == b)
    return True  # other objects (callables, object()) hold no data to change


def _all_finite(value, depth=0):
    """True when every number inside ``value`` (numbers, arrays, sequences, dicts) is finite."""
    if depth > 4 or value is None or isinstance(value, (str, bytes, bool, np.bool_)):
        return True
    if isinstance(value, (int, np.integer)):
        return True
    if isinstance(value, (float, np.floating)):
        return math.isfinite(value)
    if isinstance(value, complex):
        return math.isfinite(value.real) and math.isfinite(value.imag)
    if pd is not None and isinstance(value, (pd.Series, pd.DataFrame)):
        value = value.to_numpy()
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc":
            return bool(np.all(np.isfinite(value)))
        if value.dtype == object:
            return all(_all_finite(v, depth + 1) for v in value.ravel().tolist())
        return True
    if isinstance(value, (list, tuple, set)):
        return all(_all_finite(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(_all_finite(v, depth + 1) for v in value.values())
    if isinstance(value, SimpleNamespace):
        return all(_all_finite(v, depth + 1) for v in vars(value).values()
                   if isinstance(v, (float, np.floating, np.ndarray, tuple)))
    return True


def _names(message, candidates):
    return [c for c in candidates if re.search(rf"(?<!\w){re.escape(c)}(?!\w)", message)]


def run_call(fn, kwargs, *, finite_ok=lambda result: True):
    """Call ``fn(**kwargs)`` and check the contract; returns the result (or None after an expected error).

    An error must name an argument of the call (the perturbed one, or the one it clashes with, or the
    extreme data). ``finite_ok(result)`` says whether a result may hold inf or NaN.
    """
    before = {k: _snapshot(v) for k, v in kwargs.items()}
    result = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            warnings.filterwarnings("ignore", category=IllConditionedWarning)  # documented: says what it did
            try:
                result = fn(**kwargs)
            except (ValueError, TypeError) as exc:
                message = str(exc)
                assert type(exc) in (ValueError, TypeError), f"{fn.__name__}: {type(exc).__name__}: {message}"
                wanted = list(kwargs)
                assert _names(message, wanted), f"{fn.__name__}: {message!r} names none of {wanted}"
                return None
        if _all_finite(list(kwargs.values())) and not finite_ok(result):
            assert _all_finite(result), f"{fn.__name__}: non-finite result {result!r:.200} for finite input"
        return result
    finally:
        plt.close("all")
        for key, value in kwargs.items():
            assert _same(value, before[key]), f"{fn.__name__} changed its argument {key} in place"


@st.composite
def perturb(draw, base, max_changes=2):
    """``base`` with up to ``max_changes`` arguments replaced by odd values; returns (kwargs, perturbed names)."""
    names = sorted(base)
    chosen = draw(st.lists(st.sampled_from(names), max_size=max_changes, unique=True)) if names else []
    out = dict(base)
    for name in chosen:
        out[name] = draw(odd_values())
    return out, tuple(chosen)


@st.composite
def data(draw, d_max=3, n_min=1, n_max=6, elements=finite_numbers):
    n = draw(st.integers(n_min, n_max))
    d = draw(st.integers(1, d_max))
    X = draw(float_arrays((n, d), elements))
    if d == 1 and draw(st.booleans()):
        X = X[:, 0]
    y = draw(float_arrays((n,), elements))
    w = draw(float_arrays((d,), elements))
    b = draw(elements)
    return X, y, w, b


def call_from(fn, build, examples, *, finite_ok=lambda result: True, max_changes=2):
    """A hypothesis test: kwargs from ``build`` (a strategy of (base kwargs)), perturbed, checked."""

    @fuzz_settings(examples)
    @given(st.data())
    def test(case):
        base = case.draw(build)
        kwargs, _ = case.draw(perturb(base, max_changes))
        run_call(fn, kwargs, finite_ok=finite_ok)

    return test


# --- losses -----------------------------------------------------------------

@st.composite
def loss_pairs(draw):
    n = draw(st.integers(1, 6))
    y_true = draw(float_arrays((n,)))
    y_pred = draw(float_arrays((draw(st.sampled_from([n, n, n, n + 1])),)))
    return {"y_true": draw(as_container(y_true)), "y_pred": draw(as_container(y_pred))}


@st.composite
def model_args(draw, with_y=True):
    X, y, w, b = draw(data())
    out = {"X": draw(as_container(X)), "w": w, "b": b}
    if with_y:
        out["y"] = draw(as_container(y))
    return out


LOSS_TARGETS = [lr.sse, lr.mse, lr.rmse, lr.mae, lr.r2_score]
GRAD_TARGETS = [lr.mse_grad, lr.rmse_grad, lr.mae_grad]


@pytest.mark.parametrize("fn", LOSS_TARGETS, ids=lambda f: f.__name__)
def test_fuzz_losses(fn):
    call_from(fn, loss_pairs(), 150)()


@pytest.mark.parametrize("fn", GRAD_TARGETS, ids=lambda f: f.__name__)
def test_fuzz_gradients(fn):
    call_from(fn, model_args(), 120)()


def test_fuzz_predict_and_residuals():
    call_from(lr.predict, model_args(with_y=False), 100)()
    call_from(lr.residuals, model_args(), 100)()


@st.composite
def numerical_grad_args(draw):
    args = draw(model_args())
    args["loss"] = draw(st.sampled_from([lr.mse, lr.rmse, lr.mae, lr.sse, "mse", "mae"]))
    args["h"] = draw(st.sampled_from([1e-6, 1e-3, 1e-8, 1e-15, 0.5]))
    return args


def test_fuzz_numerical_grad():
    call_from(lr.numerical_grad, numerical_grad_args(), 120)()


@st.composite
def grid_args(draw):
    X, y, _, _ = draw(data(d_max=1, n_min=1))
    return {"x": X, "y": y, "w_values": draw(float_arrays((draw(st.integers(1, 4)),))),
            "b_values": draw(float_arrays((draw(st.integers(1, 4)),))),
            "loss": draw(st.sampled_from(["mse", "sse", "rmse", "mae", "half_mse"]))}


def test_fuzz_loss_grid():
    call_from(lr.loss_grid, grid_args(), 150)()


# --- data -------------------------------------------------------------------

@st.composite
def line_args(draw):
    lo = draw(finite_numbers)
    hi = draw(st.sampled_from([lo + 1.0, lo + 5.0, 1.7e308, 1e300, 10.0]))
    return {"n": draw(st.integers(2, 8)), "slope": draw(finite_numbers), "intercept": draw(finite_numbers),
            "noise": abs(draw(finite_numbers)), "x_range": (lo, hi), "seed": draw(st.sampled_from([0, 1, 2**40]))}


def test_fuzz_make_line_data():
    call_from(lr.make_line_data, line_args(), 100)()


@st.composite
def split_args(draw):
    X, y, _, _ = draw(data(n_min=2))
    return {"X": draw(as_container(X)), "y": draw(as_container(y)), "test_size": draw(st.sampled_from([0.25, 0.5])),
            "seed": 0}


def test_fuzz_train_test_split():
    call_from(lr.train_test_split, split_args(), 100)()


@st.composite
def standardize_args(draw):
    X, _, _, _ = draw(data())
    X = np.asarray(X)
    d = 1 if X.ndim == 1 else X.shape[1]
    given_stats = draw(st.booleans())
    return {"X": draw(as_container(X)),
            "mean": draw(float_arrays((d,))) if given_stats else None,
            "scale": np.abs(draw(float_arrays((d,)))) + 0.5 if given_stats else None}


def test_fuzz_standardize_and_add_intercept():
    call_from(lr.standardize, standardize_args(), 120)()
    call_from(lr.add_intercept, model_args(with_y=False).map(lambda a: {"X": a["X"]}), 60)()


def test_fuzz_dataset_loaders():
    houses_args = st.fixed_dictionaries({"features": st.sampled_from([("bedrooms",), ["grade", "floors"], "grade"]),
                                         "target": st.just("price")})
    call_from(lr.load_houses, houses_args, 30)()
    call_from(lr.load_nist, st.fixed_dictionaries({"name": st.sampled_from(["Norris", "longley", "Filip"])}), 20)()


# --- descent ----------------------------------------------------------------

@st.composite
def descent_args(draw):
    args = draw(model_args())
    w0 = args.pop("w")
    b0 = args.pop("b")
    return {**args, "learning_rate": draw(st.sampled_from([1e-3, 0.1, 1.0, 1e10])), "w0": w0, "b0": b0,
            "loss": draw(st.sampled_from(["mse", "rmse", "mae"])), "max_iter": draw(st.integers(1, 30)),
            "tol": 1e-10, "grad_tol": 1e-8, "patience": None, "validation": None, "fit_intercept": True}


def _descent_finite(result):
    return result is None or result.diverged  # a diverged run may end on inf (documented)


def _no_huge_counts(value):
    """Odd values minus huge step counts, which only make the run long (max_iter ≤ MAX_STEPS is tested below)."""
    return not (isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**6)


def test_fuzz_gradient_descent():
    @fuzz_settings(150)
    @given(st.data())
    def test(case):
        base = case.draw(descent_args())
        kwargs, changed = case.draw(perturb(base))
        if not _no_huge_counts(kwargs["max_iter"]) or not _no_huge_counts(kwargs["patience"]):
            kwargs["max_iter"], changed = 5, tuple(c for c in changed if c != "max_iter")
        run_call(lr.gradient_descent, kwargs, finite_ok=_descent_finite)

    test()


def test_gradient_descent_with_an_astronomical_max_iter():
    with pytest.raises((ValueError, TypeError), match="max_iter"):
        lr.gradient_descent([0.0, 1.0], [0.0, 1.0], 0.1, max_iter=10**400)


@st.composite
def hessian_args(draw):
    return {"X": draw(model_args(with_y=False))["X"], "fit_intercept": draw(st.booleans())}


def _stability_finite(result):
    return True  # inf is documented: a zero Hessian puts no limit on the learning rate


def test_fuzz_hessian_stability_regime():
    call_from(lr.hessian, hessian_args(), 80)()
    call_from(lr.stability_limit, hessian_args(), 80, finite_ok=_stability_finite)()
    regime = hessian_args().map(lambda a: {**a, "learning_rate": 0.1})
    call_from(lr.learning_rate_regime, regime, 80)()


# --- closed form ------------------------------------------------------------

@st.composite
def closed_form_args(draw):
    args = draw(model_args())
    return {"X": args["X"], "y": args["y"], "method": draw(st.sampled_from(["auto", "normal", "qr", "svd"])),
            "fit_intercept": draw(st.booleans()), "return_info": draw(st.booleans())}


def _info_may_hold_inf(result):
    return isinstance(result, tuple) and len(result) == 3  # info["condition_number"] is inf when rank-deficient


def test_fuzz_fit_closed_form():
    call_from(lr.fit_closed_form, closed_form_args(), 150, finite_ok=_info_may_hold_inf)()


def test_fuzz_normal_equation_pinv_condition():
    matrices = model_args().map(lambda a: {"A": a["X"], "y": a["y"]})
    call_from(lr.normal_equation, matrices, 120)()
    call_from(lr.pinv_svd, matrices.map(lambda a: {"A": a["A"], "rcond": None}), 100)()
    call_from(lr.condition_number, matrices.map(lambda a: {"A": a["A"]}), 100, finite_ok=_stability_finite)()


@st.composite
def sigma_args(draw):
    m, n = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    s = np.sort(np.abs(draw(float_arrays((min(m, n),)))))[::-1]
    return {"singular_values": s, "shape": (m, n), "rcond": draw(st.sampled_from([None, 0.0, 1e-3]))}


def test_fuzz_sigma_plus():
    call_from(lr.sigma_plus, sigma_args(), 120)()


@st.composite
def ordinary_data(draw):
    X, y, _, _ = draw(data(elements=ordinary_numbers))
    return {"X": draw(as_container(X)), "y": draw(as_container(y))}


def test_fuzz_fit_mae():
    """Argument checking on ordinary magnitudes (extreme ones: test_fit_mae_with_extreme_magnitudes)."""
    call_from(robust.fit_mae, ordinary_data(), 80)()


@pytest.mark.parametrize("X, y", [([0.0, 0.0, 0.0], [0.0, 0.0, 1.7e308]), ([0.0, 0.0, 0.0], [0.0, 0.0, 1e-300]),
                                  ([0.0, 1.7e308], [0.0, 0.0])], ids=["huge y", "tiny y", "huge X"])
def test_fit_mae_with_extreme_magnitudes(X, y):
    run_call(robust.fit_mae, {"X": np.array(X), "y": np.array(y)})


# --- figures ----------------------------------------------------------------

@st.composite
def line_data(draw, n_min=2, elements=finite_numbers):
    n = draw(st.integers(n_min, 6))
    return draw(float_arrays((n,), elements)), draw(float_arrays((n,), elements))


@st.composite
def one_feature_args(draw):
    x, y = draw(line_data())
    return {"x": x, "y": y}


FIGURE_EXAMPLES = 25


@pytest.mark.parametrize("fn", [plots.loss_bounds, plots.plot_contour, plots.plot_gradient_norms],
                         ids=lambda f: f.__name__)
def test_fuzz_one_feature_figures(fn):
    call_from(fn, one_feature_args(), FIGURE_EXAMPLES)()


@pytest.mark.parametrize("fn", [plots.plot_loss_surface, plots.plot_gradient_field, plots.plot_loss_surfaces],
                         ids=lambda f: f.__name__)
def test_fuzz_slow_one_feature_figures(fn):
    call_from(fn, one_feature_args(), 12)()


@st.composite
def fit_args(draw):
    x, y = draw(line_data())
    return {"x": x, "y": y, "w": draw(finite_numbers), "b": draw(finite_numbers), "residuals": True,
            "x_test": None, "y_test": None}


def test_fuzz_plot_fit():
    call_from(plots.plot_fit, fit_args(), FIGURE_EXAMPLES, max_changes=1)()


@st.composite
def curve_args(draw):
    values = draw(st.lists(st.one_of(finite_numbers, st.sampled_from([INF, NAN])), min_size=1, max_size=6))
    return {"losses": np.array(values), "log": draw(st.sampled_from([None, True, False])), "loss": "mse",
            "minimum": None, "units": None, "label": None, "color": None}


def test_fuzz_plot_loss_curve_and_labels():
    call_from(plots.plot_loss_curve, curve_args(), FIGURE_EXAMPLES)()
    labels = st.fixed_dictionaries({"loss": st.sampled_from(["mse", "rmse", "half_mse"]),
                                    "units": st.sampled_from([None, "£"])})
    call_from(plots.loss_label, labels, 40)()


@st.composite
def two_feature_args(draw):
    n = draw(st.integers(3, 6))
    X = draw(float_arrays((n, 2)))
    return {"X": X, "y": draw(float_arrays((n,)))}


def test_fuzz_weight_bowls():
    call_from(plots.bowl_over_weights, two_feature_args(), FIGURE_EXAMPLES)()
    call_from(plots.plot_scaling_bowls, two_feature_args(), 12)()


def test_fuzz_learning_rate_scale():
    scale = model_args(with_y=False).map(lambda a: {"X": a["X"], "learning_rate": 0.1, "low": None, "high": None})
    call_from(plots.plot_learning_rate_scale, scale, FIGURE_EXAMPLES)()


xs, ys = lr.make_line_data(n=12, x_range=(-2.5, 2.5), seed=1)
X2 = np.column_stack([xs, np.cos(xs)])


def test_fuzz_figure_updaters():
    """The updaters of drawn figures, and draw_weight_bowl, with odd paths, losses, rates and targets."""
    def make():
        return {"surface": plots.plot_loss_surface(xs, ys), "contour": plots.plot_contour(xs, ys),
                "scale": plots.plot_learning_rate_scale(xs), "bowl": plots.bowl_over_weights(X2, ys)}

    @fuzz_settings(30)
    @given(st.data())
    def test(case):
        drawn = make()
        run = lr.gradient_descent(xs, ys, case.draw(st.sampled_from([0.01, 0.3, 5.0])), max_iter=20)
        path = run.path.copy()
        path[case.draw(st.integers(0, len(path) - 1)), 0] = case.draw(finite_numbers)
        for fn, base in (
            (plots.set_surface_path, {"drawn": drawn["surface"], "path": path, "losses": run.losses}),
            (plots.set_contour_path, {"drawn": drawn["contour"], "path": path}),
            (plots.set_learning_rate_marker, {"drawn": drawn["scale"], "learning_rate": 0.05}),
            (plots.draw_weight_bowl, {"bowl": drawn["bowl"], "ax": plt.figure().add_subplot(), "title": "t",
                                      "feature_names": ("a", "b")}),
        ):
            kwargs, changed = case.draw(perturb(base, 1))
            run_call(fn, kwargs)
            drawn = make() if changed else drawn

    test()


# --- apps -------------------------------------------------------------------

APP_EXAMPLES = 6


def _app_ok(app):
    return app is None or (isinstance(app.status, str) and app.status and app.png())


def _app_test(cls, build, examples=APP_EXAMPLES):
    @fuzz_settings(examples)
    @given(st.data())
    def test(case):
        base = case.draw(build)
        kwargs, _ = case.draw(perturb(base, 1))
        app = run_call(cls, kwargs)
        assert _app_ok(app)

    return test


@st.composite
def app_line_data(draw):
    x, y = draw(line_data(n_min=3))
    return {"x": x, "y": y}


@pytest.mark.parametrize("cls", [W.FitByHand, W.LossExplorer, W.GradientComparison], ids=lambda c: c.__name__)
def test_fuzz_line_apps(cls):
    _app_test(cls, app_line_data())()


def test_fuzz_learning_rate_explorer():
    build = app_line_data().map(lambda a: {**a, "learning_rate": None, "steps": 20})
    _app_test(W.LearningRateExplorer, build, 4)()


def test_fuzz_conditioning_explorer_and_feature_picker():
    _app_test(W.ConditioningExplorer, two_feature_args().map(lambda a: {**a, "steps": 20}))()
    picks = st.fixed_dictionaries({"initial": st.sampled_from([("grade",), "grade", ("bedrooms", "floors"), ()])})
    _app_test(W.FeaturePicker, picks, 4)()


def test_fuzz_house_price_model():
    build = st.fixed_dictionaries({"features": st.sampled_from(["grade", ("bedrooms", "sqft_living")]),
                                   "test_size": st.just(0.2), "validation_size": st.just(0.25), "seed": st.just(42)})
    call_from(houses.house_price_model, build, 15, max_changes=1)()


# --- exercise checks ----------------------------------------------------------
# A check never raises at the learner: whatever the learner passes, it returns a CheckResult.

def _learner_functions():
    return st.one_of(odd_values(), st.sampled_from([
        lambda *a: None, lambda *a: ..., lambda *a: 1 / 0, lambda *a: "text", lambda *a: [1, [2, 3]],
        lambda *a: np.full(3, NAN), lambda *a: (np.array([1.0]), 2.0), lambda *a: a[0], lambda *a: 1e308,
        lambda *a: np.ones((2, 2, 2)), lambda *a: (None, None), lambda *a: 10**400, lambda *a: {"w": 1},
    ]))


def _never_raises(fn, kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = fn(**kwargs)
    plt.close("all")
    assert isinstance(result, checks.CheckResult) and isinstance(result.message, str), fn.__name__


LEARNER_CHECKS = [checks.check_predict, checks.check_residuals, checks.check_mse, checks.check_mae,
                  checks.check_rmse, checks.check_mse_grad, checks.check_rmse_grad]


@pytest.mark.parametrize("fn", LEARNER_CHECKS, ids=lambda f: f.__name__)
def test_fuzz_checks_of_learner_functions(fn):
    @fuzz_settings(40)
    @given(_learner_functions())
    def test(func):
        _never_raises(fn, {"func": func})

    test()


def test_fuzz_checks_of_learner_answers():
    @fuzz_settings(60)
    @given(odd_values(), st.one_of(odd_values(), finite_numbers))
    def test(answer, other):
        _never_raises(checks.check_value, {"answer": answer, "expected": 2.5, "name": "x"})
        _never_raises(checks.check_choice, {"answer": answer, "correct": "a", "options": ("a", "b"),
                                            "explanation": "because"})
        _never_raises(checks.check_line, {"x": xs, "y": ys, "w": answer, "b": other})

    test()


def test_fuzz_check_beats_baseline():
    @fuzz_settings(15)
    @given(st.one_of(odd_values(), st.sampled_from(["grade", ("grade", "sqft_living"), ["nope"], ("price",)])))
    def test(features):
        _never_raises(checks.check_beats_baseline, {"features": features})

    test()
