"""Exercise checks, issue 11: wrong answers are rejected and the taught mistakes named; equal answers in any
form pass; nothing a learner can type makes a check raise; chapter 6's check never reports a test number."""

import functools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.linalg import inv as imported_inv

import lrcore as lr
from lrcore import checks
from lrcore.houses import house_price_model

# ---------------------------------------------------------------------------------------------------------------
# Reference answers and a few wrong ones
# ---------------------------------------------------------------------------------------------------------------


def residual(x, y, w, b):
    return w * x + b - y


def mse_grad(x, y, w, b):
    r = residual(x, y, w, b)
    return np.mean(2 * x * r), np.mean(2 * r)


def rmse_grad(x, y, w, b):
    r = residual(x, y, w, b)
    value = np.sqrt(np.mean(r**2))
    return tuple(g / (2 * value) for g in mse_grad(x, y, w, b))


def step(w, b, x, y, eta):
    dw, db = lr.mse_grad(x, y, w, b)
    return w - eta * dw[0], b - eta * db


def solve(A, y):
    return np.linalg.solve(A.T @ A, A.T @ y)


def check_solve_normal(func):
    rng = np.random.default_rng(5)
    cases = [(lr.add_intercept(rng.normal(size=(n, d))), rng.normal(size=n)) for n, d in ((5, 1), (20, 3), (60, 6))]
    return checks.check_function(func, lambda A, y: lr.normal_equation(A, y), cases, name="solve_normal(A, y)",
                                 hint="Hint: np.linalg.solve(G, c).", no_inverse=True)


def failed_with(result, *phrases):
    return not result.passed and result.message.startswith("✘ ") and all(p in result.message for p in phrases)


# ---------------------------------------------------------------------------------------------------------------
# Item 7: wrong answers that used to pass, and inputs that used to raise
# ---------------------------------------------------------------------------------------------------------------


def test_predict_returning_a_column_is_rejected():
    result = checks.check_predict(lambda x, w, b: (w * x + b).reshape(-1, 1))
    assert failed_with(result, "right numbers in the wrong shape", "a column instead of a flat array")


def test_mse_returned_as_text_or_complex_is_rejected():
    as_text = checks.check_mse(lambda t, p: str(np.mean((p - t) ** 2)))
    as_complex = checks.check_mse(lambda t, p: complex(np.mean((p - t) ** 2)))
    assert failed_with(as_text, "the text", "return the number itself")
    assert failed_with(as_complex, "complex number", "real number")
    assert failed_with(checks.check_mae(lambda t, p: np.abs(p - t).mean() + 0j), "complex")


def test_check_value_reads_one_number_not_the_first_of_several():
    assert failed_with(checks.check_value([1, 99], 1, name="v"), "not one number")
    assert failed_with(checks.check_value(np.array([1.0, 1.0]), 1, name="v"), "not one number")
    assert failed_with(checks.check_value(True, 1, name="v"), "yes/no")
    assert failed_with(checks.check_value(1 + 0j, 1, name="v"), "complex")


def helper_that_inverts(G):
    return np.linalg.inv(G)


class SolverObject:  # no bytecode of its own to read: only watching np.linalg.inv during the call sees it
    def __call__(self, A, y):
        return ops["inverse"](A.T @ A) @ (A.T @ y)


ops = {"inverse": lambda G: np.linalg.inv(G)}


@pytest.mark.parametrize("answer", [
    lambda A, y: np.linalg.inv(A.T @ A) @ A.T @ y,
    lambda A, y: imported_inv(A.T @ A) @ (A.T @ y),              # from numpy.linalg import inv
    lambda A, y: helper_that_inverts(A.T @ A) @ (A.T @ y),        # through a helper the learner wrote
    lambda A, y: np.linalg.pinv(A) @ y,
    lambda A, y: lr.pinv_svd(A) @ y,
    lambda A, y: np.asarray(np.matrix(A.T @ A).I @ (A.T @ y)).ravel(),
    SolverObject(),
], ids=["inv", "imported inv", "helper", "pinv", "pinv_svd", "matrix.I", "watched"])
def test_an_inverse_is_rejected_where_the_exercise_forbids_it(answer):
    result = check_solve_normal(answer)
    assert failed_with(result, "forms an inverse", "np.linalg.solve", "watches np.linalg.inv")


def test_solve_passes_and_a_variable_named_inv_is_no_inverse():
    def with_a_local_named_inv(A, y):
        inv = np.linalg.solve(A.T @ A, A.T @ y)  # a name, not an inverse
        return inv

    assert check_solve_normal(solve).passed
    assert check_solve_normal(with_a_local_named_inv).passed
    assert np.linalg.inv is imported_inv, "the check puts np.linalg.inv back"
    # without the keyword, an inverse is not the check's business
    rng = np.random.default_rng(0)
    A, y = lr.add_intercept(rng.normal(size=(8, 2))), rng.normal(size=8)
    assert checks.check_function(lambda A, y: np.linalg.inv(A.T @ A) @ A.T @ y, lr.normal_equation, [(A, y)],
                                 name="solve").passed


def test_zipcode_is_rejected_as_a_code_not_a_quantity():
    result = checks.check_beats_baseline(["sqft_living", "grade", "zipcode"])
    assert failed_with(result, "zipcode is a code, not a quantity")
    assert failed_with(checks.check_beats_baseline(["price"]), "what the model predicts")


HUGE = 10**400


@pytest.mark.parametrize("check", [checks.check_mse, checks.check_mae, checks.check_rmse, checks.check_predict,
                                   checks.check_residuals, checks.check_mse_grad, checks.check_rmse_grad,
                                   checks.check_step], ids=lambda c: c.__name__)
def test_a_huge_whole_number_never_raises(check):
    assert failed_with(check(HUGE), "expected a function")
    assert failed_with(check(lambda *args: HUGE), "too large")
    assert failed_with(check(lambda *args: (HUGE, 1.0)))


def test_huge_numbers_and_empty_arrays_in_typed_answers():
    assert failed_with(checks.check_value(HUGE, 1.0, name="v"), "too large")
    assert failed_with(checks.check_function(lambda x: HUGE, lambda x: x, [(1.0,)], name="f"), "too large")
    x, y = lr.make_line_data(seed=1)
    assert failed_with(checks.check_line(x, y, HUGE, 0.0), "too large")
    assert failed_with(checks.check_line(x, y, 2.0, -HUGE), "too large")
    empty = checks.check_choice(np.empty(0), "£²", options=("£", "£²", "no units"), explanation="")
    assert failed_with(empty, "choose one of", "empty array")


# ---------------------------------------------------------------------------------------------------------------
# Item 8: the mistakes the chapters teach, each with its own sentence
# ---------------------------------------------------------------------------------------------------------------


def test_sign_errors_are_named():
    assert failed_with(checks.check_residuals(lambda x, y, w, b: y - (w * x + b)), "signs are flipped", "ŷ − y")
    flipped = checks.check_mse_grad(lambda *a: tuple(-g for g in mse_grad(*a)))
    assert failed_with(flipped, "both partial derivatives have the wrong sign", "r = ŷ − y")
    only_w = checks.check_mse_grad(lambda *a: (-mse_grad(*a)[0], mse_grad(*a)[1]))
    assert failed_with(only_w, "your dJ/dw has the wrong sign")
    assert failed_with(checks.check_rmse_grad(lambda *a: tuple(-g for g in rmse_grad(*a))), "wrong sign")

    def uphill(w, b, x, y, eta):
        dw, db = lr.mse_grad(x, y, w, b)
        return w + eta * dw[0], b + eta * db

    assert failed_with(checks.check_step(uphill), "uphill", "θ − η·∇J")


def test_a_forgotten_one_over_n_is_named():
    assert failed_with(checks.check_mse(lambda t, p: np.sum((p - t) ** 2)), "that is the SSE", "divides it by n")
    sse_grad = checks.check_mse_grad(lambda *a: tuple(len(a[0]) * g for g in mse_grad(*a)))
    assert failed_with(sse_grad, "n times too big", "gradient of the SSE")
    only_b = checks.check_mse_grad(lambda *a: (mse_grad(*a)[0], len(a[0]) * mse_grad(*a)[1]))
    assert failed_with(only_b, "your dJ/db is n times too big")
    assert failed_with(checks.check_mae(lambda t, p: np.sum(np.abs(p - t))), "divides it by n")


def test_the_half_mse_convention_is_named():
    half = checks.check_mse_grad(lambda *a: tuple(g / 2 for g in mse_grad(*a)))
    assert failed_with(half, "half the size", "that is the gradient of ½·MSE; this chapter's J is MSE")
    assert failed_with(checks.check_mse(lambda t, p: np.mean((p - t) ** 2) / 2), "½·MSE")

    def half_step(w, b, x, y, eta):
        dw, db = lr.mse_grad(x, y, w, b)
        return w - eta * dw[0] / 2, b - eta * db / 2

    assert failed_with(checks.check_step(half_step), "that is the gradient of ½·MSE; this chapter's J is MSE")


def test_swapped_partial_derivatives_are_named():
    assert failed_with(checks.check_mse_grad(lambda *a: mse_grad(*a)[::-1]), "(dJ/db, dJ/dw): swap them")
    assert failed_with(checks.check_rmse_grad(lambda *a: rmse_grad(*a)[::-1]), "swap them")

    def swapped_step(w, b, x, y, eta):
        dw, db = lr.mse_grad(x, y, w, b)
        return w - eta * db, b - eta * dw[0]

    assert failed_with(checks.check_step(swapped_step), "swapped the partial derivatives")


def w_first(w, b, x, y, eta):
    w = w - eta * lr.mse_grad(x, y, w, b)[0][0]
    return w, b - eta * lr.mse_grad(x, y, w, b)[1]          # db with the NEW w


def b_first(w, b, x, y, eta):
    b = b - eta * lr.mse_grad(x, y, w, b)[1]
    return w - eta * lr.mse_grad(x, y, w, b)[0][0], b


def test_a_sequential_update_is_named():
    x, y = lr.make_line_data(seed=0)
    chapter_cases = [(0.0, 0.0, x, y, 0.1), (3.0, -1.0, x, y, 0.05),
                     (-1.5, 2.0, *lr.make_line_data(n=12, seed=5), 0.02)]
    for wrong in (w_first, b_first):
        for cases in (None, chapter_cases):
            assert failed_with(checks.check_step(wrong, cases), "the same old (w, b)", "simultaneous update")
    assert checks.check_step(step).passed and checks.check_step(step, chapter_cases).passed


def test_check_step_is_one_step_of_gradient_descent():
    def one_step_of_lrcore(w, b, x, y, eta):
        path = lr.gradient_descent(x, y, eta, w0=[w], b0=b, max_iter=1, tol=None, grad_tol=None).path
        return path[1, 0], path[1, 1]

    x, y = lr.make_line_data(seed=0)
    cases = [(0.0, 0.0, x, y, 0.1), (3.0, -1.0, x, y, 0.05), (-1.5, 2.0, *lr.make_line_data(n=12, seed=5), 0.02)]
    assert checks.check_step(one_step_of_lrcore, cases).passed
    assert checks.check_step(one_step_of_lrcore).passed


def test_the_seeds_beta1_for_xi_bug_is_named():
    def seed_grad(x, y, w, b):  # ∂/∂w = 2·w·Σ(w·xᵢ + b − yᵢ)/n, with a sum
        r = w * x + b - y
        return 2 * w * np.sum(r) / len(x), 2 * np.sum(r) / len(x)

    assert failed_with(checks.check_mse_grad(seed_grad), "multiplies each residual by w where xᵢ belongs")
    no_mean = checks.check_mse_grad(lambda x, y, w, b: (2 * w * np.sum(w * x + b - y), 2 * np.sum(w * x + b - y)))
    assert failed_with(no_mean, "where xᵢ belongs", "n times too big")


def test_rmse_gradients_of_mae_and_root_sse_are_named():
    def mae_grad(x, y, w, b):
        r = w * x + b - y
        return np.mean(x * r / np.abs(r)), np.mean(r / np.abs(r))   # 1/|rᵢ| per residual

    def root_sse_grad(x, y, w, b):
        r = w * x + b - y
        return np.sum(x * r) / np.sqrt(np.sum(r**2)), np.sum(r) / np.sqrt(np.sum(r**2))

    def notes_grad(x, y, w, b):
        r = w * x + b - y
        return 0.5 * np.sum(w / np.abs(r)), 0.5 * np.sum(1 / np.abs(r))

    assert failed_with(checks.check_rmse_grad(mae_grad), "that is the gradient of MAE", "2·RMSE")
    assert failed_with(checks.check_rmse_grad(root_sse_grad), "gradient of √SSE", "√(SSE/n)")
    assert failed_with(checks.check_rmse_grad(notes_grad), "½·Σ 1/|rᵢ|", "never changes sign")
    assert failed_with(checks.check_rmse_grad(mse_grad), "still the MSE gradient", "2·RMSE")
    assert failed_with(checks.check_rmse(lambda t, p: np.sqrt(np.sum((p - t) ** 2))), "√SSE")


@pytest.mark.parametrize("spelling", ["£²", "£^2", "£**2", "GBP^2", "pounds squared", " £ ² ", "£2"])
def test_units_spelled_any_way_are_the_same_answer(spelling):
    result = checks.check_choice(spelling, "£²", options=("£", "£²", "no units"), explanation="£ × £ = £².")
    assert result.passed and "£ × £ = £²" in result.message
    assert not checks.check_choice("GBP", "£²", options=("£", "£²", "no units"), explanation="").passed


def test_choices_ignore_case_but_not_ambiguity():
    assert checks.check_choice("mae", "MAE", options=("MSE", "MAE", "RMSE"), explanation="").passed
    assert checks.check_choice(" c ", "C", options=("A", "B", "C", "D"), explanation="").passed
    assert failed_with(checks.check_choice("a", "A", options=("a", "A"), explanation=""), "is not it")


# ---------------------------------------------------------------------------------------------------------------
# Item 9 (part): chapter 6's check scores on validation rows and reports no test number
# ---------------------------------------------------------------------------------------------------------------


def test_beats_baseline_reports_validation_numbers_only():
    features = ["sqft_living", "grade"]
    result = checks.check_beats_baseline(features)
    model, base = house_price_model(features), house_price_model(("bedrooms", "bathrooms", "floors"))
    assert result.passed and f"${model['rmse_val']:,.0f}" in result.message and f"${base['rmse_val']:,.0f}"
    for number in (model["rmse_test"], base["rmse_test"]):
        assert f"{number:,.0f}" not in result.message
    assert "test RMSE" not in result.message
    assert not checks.check_beats_baseline(["bedrooms", "bathrooms", "floors"]).passed
    assert checks.check_beats_baseline(["grade", "sqft_living", "grade"]).passed, "a repeated name counts once"


# ---------------------------------------------------------------------------------------------------------------
# Equal answers in any form pass
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", [list, tuple, np.float32, lambda a: np.asarray(a, dtype=object)],
                         ids=["list", "tuple", "float32", "object array"])
def test_an_equal_answer_in_any_form_passes(form):
    assert checks.check_predict(lambda x, w, b: form(w * x + b)).passed
    assert checks.check_residuals(lambda *a: form(residual(*a))).passed
    assert checks.check_mse_grad(lambda *a: form(np.array(mse_grad(*a)))).passed
    assert checks.check_rmse_grad(lambda *a: form(np.array(rmse_grad(*a)))).passed
    assert checks.check_step(lambda *a: form(np.array(step(*a)))).passed


@pytest.mark.parametrize("form", [float, np.float32, lambda v: [v], lambda v: (v,), np.array, lambda v: str(v),
                                  lambda v: f"  {v}  "], ids=["float", "float32", "list", "tuple", "array",
                                                              "text", "text with spaces"])
def test_a_number_in_any_form_passes(form):
    assert checks.check_value(form(2.5), 2.5, name="v", rtol=1e-6).passed
    x, y = lr.make_line_data(seed=1)
    w, b = lr.fit_closed_form(x, y)
    assert checks.check_line(x, y, form(float(w[0])), form(float(b))).passed
    if form not in (float, np.float32) and not isinstance(form(1.0), str):
        return
    assert checks.check_mse(lambda t, p: np.float32(np.mean((p - t) ** 2))).passed


def test_the_text_forms_a_learner_types():
    assert checks.check_value("$200,240", 200240.0, name="RMSE ($)", rtol=1e-6).passed
    assert checks.check_value("−0.5", -0.5, name="v").passed
    assert failed_with(checks.check_value("about 3", 3.0, name="v"), "the text")


def test_a_function_that_changes_its_inputs_does_not_spoil_the_check():
    def scribbles(x, w, b):
        out = w * x + b
        x[:] = 0.0                                        # a learner's in-place edit
        return out

    assert checks.check_predict(scribbles).passed


def test_a_chapter_calling_a_check_wrongly_still_hears_of_it():
    with pytest.raises(TypeError):
        checks.check_value(1.0, 1.0)                      # name= forgotten: the chapter's bug, not the learner's


# ---------------------------------------------------------------------------------------------------------------
# Nothing a learner can type makes a check raise
# ---------------------------------------------------------------------------------------------------------------

SCALARS = st.one_of(
    st.none(), st.just(...), st.booleans(), st.text(max_size=12), st.sampled_from(["2.5", "£²", "nan", "1e999"]),
    st.integers(min_value=-(10**400), max_value=10**400), st.floats(allow_nan=True, allow_infinity=True),
    st.floats(width=32), st.complex_numbers(allow_nan=True, allow_infinity=True), st.fractions(),
)
ARRAYS = st.one_of(
    hnp.arrays(st.sampled_from([np.float64, np.float32, np.int64, np.complex128, np.bool_, "<U3"]),
               hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)),
    st.lists(SCALARS, max_size=4).map(lambda items: np.array(items + [None], dtype=object)[:-1]),
)
VALUES = st.recursive(SCALARS | ARRAYS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.tuples(inner, inner), st.dictionaries(st.text(max_size=3), inner, max_size=2)),
    max_leaves=8)


def returning(value):
    return lambda *args, **kwargs: value


def raising(error):
    def learner(*args, **kwargs):
        raise error("learner's bug")
    return learner


def generator_function(*args):
    yield 1.0


def mutating(*args):
    for a in args:
        if isinstance(a, np.ndarray):
            a[...] = np.nan
    return args


FUNCTIONS = st.one_of(
    VALUES.map(returning),
    st.sampled_from([ValueError, TypeError, ZeroDivisionError, RuntimeWarning, IndexError, OverflowError,
                     RecursionError, KeyError, np.linalg.LinAlgError]).map(raising),
    st.sampled_from([generator_function, mutating, print, len, np.linalg.inv, functools.partial(max, 1)]),
)
LEARNER = st.one_of(VALUES, FUNCTIONS)

X_LINE, Y_LINE = lr.make_line_data(seed=1)
CHECKERS = {
    "check_function": lambda a: checks.check_function(a, lambda x, y: x * y, [(np.arange(3.0), 2.0), (1.5, -2.0)],
                                                      name="f", no_inverse=True),
    "check_predict": checks.check_predict,
    "check_residuals": checks.check_residuals,
    "check_line": lambda a: checks.check_line(X_LINE, Y_LINE, a, 100.0),   # b = 100: no w can pass
    "check_line_b": lambda a: checks.check_line(X_LINE, Y_LINE, -50.0, a),
    "check_mse": checks.check_mse,
    "check_mae": checks.check_mae,
    "check_rmse": checks.check_rmse,
    "check_mse_grad": checks.check_mse_grad,
    "check_rmse_grad": checks.check_rmse_grad,
    "check_step": checks.check_step,
    "check_choice": lambda a: checks.check_choice(a, "£²", options=("£", "£²", "no units"), explanation="why"),
    "check_value": lambda a: checks.check_value(a, 0.123456789, name="v", rtol=1e-6),
    "check_beats_baseline": checks.check_beats_baseline,
    "check_minibatch_gradient": checks.check_minibatch_gradient,
    "check_momentum_step": checks.check_momentum_step,
    "check_one_hot": lambda a: checks.check_one_hot(a, np.array([98001.0, 98003.0, 98002.0, 98001.0])),
    "check_log_effect": lambda a: checks.check_log_effect(a, 0.3),
    "check_ridge": checks.check_ridge,
    "check_standard_errors": lambda a: checks.check_standard_errors(a, X_LINE, Y_LINE),
}


def test_every_public_checker_is_in_the_property_test():
    public = {name for name in checks.__all__ if name.startswith("check_")}
    assert public <= {name.removesuffix("_b") for name in CHECKERS}


@pytest.mark.parametrize("name", list(CHECKERS))
@given(answer=LEARNER)
def test_no_learner_input_makes_a_check_raise(name, answer):
    result = CHECKERS[name](answer)
    assert isinstance(result, checks.CheckResult)
    assert repr(result) == result.message and result.message.startswith("✘ ")
    assert not result.passed and not bool(result)
    assert np.linalg.inv is imported_inv
