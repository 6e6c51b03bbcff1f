"""Chapter 7's checks: right answers pass, stubs get a friendly ✘, each known mistake gets its own sentence."""

import numpy as np
import pytest

import lrcore as lr
from lrcore.checks import check_minibatch_gradient, check_momentum_step


def right_batch(X, y, w, b, rows):
    Xb = np.asarray(X)[rows]
    Xb = Xb if Xb.ndim == 2 else Xb[:, None]
    return lr.mse_grad(Xb, np.asarray(y)[rows], w, b)


def right_step(theta, theta_prev, grad, eta, beta):
    return theta - eta * grad + beta * (theta - theta_prev)


def stub(*args):
    ...  # the untouched exercise cell


def test_right_answers_pass():
    assert check_minibatch_gradient(right_batch).passed
    assert check_momentum_step(right_step).passed
    # the same through lrcore's own mini-batch machinery: one batch holding the given rows
    X, y = lr.make_line_data(n=20, seed=1)
    rows = np.array([3, 7, 11, 19])
    case = (X[:, None], y, np.array([0.5]), 0.2, rows)
    dw, db, _ = lr.minibatch_gradients(X[rows], y[rows], [0.5], 0.2, 4, shuffle=False)
    assert np.allclose(right_batch(*case)[0], dw[0]) and right_batch(*case)[1] == pytest.approx(db[0])
    assert check_minibatch_gradient(right_batch, [case]).passed


@pytest.mark.parametrize("check", [check_minibatch_gradient, check_momentum_step])
@pytest.mark.parametrize("answer", [stub, None, Ellipsis, "grad", 3.0, lambda *a: 1 / 0, lambda *a: (v for v in a)])
def test_stubs_and_odd_answers_get_a_friendly_verdict(check, answer):
    result = check(answer)
    assert not result.passed and repr(result).startswith("✘") and len(repr(result)) < 600


def forgot_return(*args):
    _ = len(args)  # some code, but no return


@pytest.mark.parametrize("check", [check_minibatch_gradient, check_momentum_step])
def test_the_stub_is_told_the_placeholder_is_there_without_the_answer(check):
    message = repr(check(stub))
    assert "placeholder ... is still there" in message and "Hint:" in message
    # the stub's saved output is what a learner sees first: no formula that gives the solution away
    for giveaway in ("X[rows], y[rows]", "Xbᵀr", "len(rows)", "θ − eta·grad", "beta·(θ − θ_prev)"):
        assert giveaway not in message


@pytest.mark.parametrize("check", [check_minibatch_gradient, check_momentum_step])
def test_code_without_a_return_is_told_to_return_something(check):
    message = repr(check(forgot_return))
    assert "forget to return" in message and "Hint:" in message and "eta·grad" not in message
    assert "X[rows], y[rows]" not in message


def _batch_with(scale=None, rows_all=False, factor=1.0):
    def f(X, y, w, b, rows):
        X, y = np.asarray(X), np.asarray(y)
        X = X if X.ndim == 2 else X[:, None]
        rows = np.arange(len(y)) if rows_all else rows
        r = X[rows] @ w + b - y[rows]
        m = len(rows) if scale is None else scale(len(y), len(rows))
        return factor * (2 / m) * X[rows].T @ r, factor * 2 * r.sum() / m
    return f


@pytest.mark.parametrize(("answer", "sentence"), [
    (_batch_with(scale=lambda n, m: n), "divided by n"),
    (_batch_with(rows_all=True), "whole data set"),
    (_batch_with(factor=0.5), "½·MSE"),
    (_batch_with(factor=-1.0), "sign is flipped"),
    (_batch_with(scale=lambda n, m: 1), "forgot to divide by m"),
])
def test_known_batch_mistakes_get_their_sentence(answer, sentence):
    result = check_minibatch_gradient(answer)
    assert not result.passed and sentence in repr(result), repr(result)


@pytest.mark.parametrize(("answer", "sentence"), [
    (lambda t, p, g, eta, beta: t - eta * g - beta * (t - p), "points backwards"),
    (lambda t, p, g, eta, beta: t - eta * g, "left out the momentum term"),
    (lambda t, p, g, eta, beta: t + eta * g + beta * (t - p), "uphill"),
    (lambda t, p, g, eta, beta: t - g + beta * (t - p), "forgot η"),
    (lambda t, p, g, eta, beta: -eta * g + beta * (t - p), "returned the change"),
    (lambda t, p, g, eta, beta: t - eta * (1 - beta) * g + beta * (t - p), "(1 − β)"),
])
def test_known_momentum_mistakes_get_their_sentence(answer, sentence):
    result = check_momentum_step(answer)
    assert not result.passed and sentence in repr(result), repr(result)


def test_an_unnamed_wrong_answer_gets_the_hint():
    result = check_momentum_step(lambda t, p, g, eta, beta: t - eta * g + 0.5 * (t - p))
    assert not result.passed and "Hint: new θ" in repr(result)
    result = check_minibatch_gradient(lambda X, y, w, b, rows: (np.zeros(np.shape(w)), 0.0))
    assert not result.passed and "Hint:" in repr(result)


def test_the_momentum_reference_is_lrcores_heavy_ball():
    """Two steps of lr.gradient_descent with momentum equal two calls of the right momentum_step."""
    X, y = lr.make_line_data(n=25, seed=4)
    eta, beta = 0.1, 0.6
    run = lr.gradient_descent(X, y, eta, momentum=beta, max_iter=2, tol=None, grad_tol=None)
    p0, p1 = run.path[0], run.path[1]
    g1 = np.r_[lr.mse_grad(X, y, p1[:1], p1[1])[0], lr.mse_grad(X, y, p1[:1], p1[1])[1]]
    assert np.allclose(right_step(p1, p0, g1, eta, beta), run.path[2])
    assert check_momentum_step(right_step, [(p1, p0, g1, eta, beta)]).passed


# Nothing a learner can type makes these checks raise (the strategies of the shared property test).
from hypothesis import given  # noqa: E402
from test_checks_mistakes import LEARNER  # noqa: E402


@pytest.mark.parametrize("check", [check_minibatch_gradient, check_momentum_step])
@given(answer=LEARNER)
def test_no_learner_input_makes_a_chapter_7_check_raise(check, answer):
    result = check(answer)
    assert isinstance(result, lr.checks.CheckResult)
    assert repr(result) == result.message and result.message.startswith("✘ ")
