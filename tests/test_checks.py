"""Exercise checks: right answers pass, wrong ones get a hint, nothing raises at the learner."""

import numpy as np
import pytest

import lrcore as lr
from lrcore import checks

RIGHT = {
    checks.check_predict: lambda x, w, b: w * x + b,
    checks.check_residuals: lambda x, y, w, b: w * x + b - y,
    checks.check_mse: lambda t, p: np.mean((p - t) ** 2),
    checks.check_mae: lambda t, p: np.mean(np.abs(p - t)),
    checks.check_rmse: lambda t, p: np.sqrt(np.mean((p - t) ** 2)),
    checks.check_mse_grad: lambda x, y, w, b: (np.mean(2 * x * (w * x + b - y)), np.mean(2 * (w * x + b - y))),
    checks.check_rmse_grad: lambda x, y, w, b: tuple(
        g / (2 * np.sqrt(np.mean((w * x + b - y) ** 2)))
        for g in (np.mean(2 * x * (w * x + b - y)), np.mean(2 * (w * x + b - y)))),
    checks.check_step: lambda w, b, x, y, eta: (w - eta * np.mean(2 * x * (w * x + b - y)),
                                                b - eta * np.mean(2 * (w * x + b - y))),
}

WRONG = {
    checks.check_predict: (lambda x, w, b: w * x, "ŷ = w·x + b"),
    checks.check_residuals: (lambda x, y, w, b: y - (w * x + b), "flipped"),
    checks.check_mse: (lambda t, p: np.sum((p - t) ** 2) / (len(t) - 1), "n − 1"),
    checks.check_mae: (lambda t, p: np.mean(p - t), "absolute"),
    checks.check_rmse: (lambda t, p: np.mean((p - t) ** 2), "square root"),
    # the published mistake: w where xᵢ belongs
    checks.check_mse_grad: (lambda x, y, w, b: (np.mean(2 * w * (w * x + b - y)), np.mean(2 * (w * x + b - y))),
                            "where xᵢ belongs"),
    # the other published mistake: 1/|ε| instead of 1/(2·RMSE)
    checks.check_rmse_grad: (lambda x, y, w, b: (0.5 * np.sum(x / np.abs(w * x + b - y)),
                                                 0.5 * np.sum(1 / np.abs(w * x + b - y))), "2·RMSE"),
    # a sequential update: db computed with the new w
    checks.check_step: (lambda w, b, x, y, eta: (w := w - eta * np.mean(2 * x * (w * x + b - y)),
                                                 b - eta * np.mean(2 * (w * x + b - y))), "simultaneous update"),
}

ODD_ANSWERS = [None, ..., 3, "mse", lambda *a: None, lambda *a: ..., lambda *a: 1 / 0, lambda *a: "text",
               lambda *a: np.ones((2, 2, 2)), lambda *a: (1,), lambda *a: [np.nan, np.nan]]


@pytest.mark.parametrize("check", list(RIGHT), ids=lambda c: c.__name__)
def test_right_answers_pass(check):
    result = check(RIGHT[check])
    assert result.passed and result.message.startswith("✔")


@pytest.mark.parametrize("check", list(WRONG), ids=lambda c: c.__name__)
def test_wrong_answers_fail_with_a_hint(check):
    func, hint = WRONG[check]
    result = check(func)
    assert not result.passed and result.message.startswith("✘") and hint in result.message


@pytest.mark.parametrize("check", list(RIGHT), ids=lambda c: c.__name__)
@pytest.mark.parametrize("answer", ODD_ANSWERS, ids=range(len(ODD_ANSWERS)))
def test_checks_never_raise(check, answer):
    result = check(answer)
    assert not result.passed and repr(result) == result.message and "Traceback" not in result.message


def test_check_line():
    x, y = lr.make_line_data(seed=1)
    w, b = lr.fit_closed_form(x, y)
    assert checks.check_line(x, y, w[0], b).passed
    assert not checks.check_line(x, y, 0.0, 0.0).passed
    assert not checks.check_line(x, y, "two", None).passed
    assert not checks.check_line(x, y, float("inf"), 1.0).passed
    # a perfect fit: the exact line and a slider's near miss both pass, and nothing divides by zero
    xs, ys = lr.make_line_data(noise=0.0)
    assert checks.check_line(xs, ys, 2.0, 1.0).passed
    assert checks.check_line(xs, ys, 2.0001, 1.0).passed
    assert not checks.check_line(xs, ys, 1.0, 1.0).passed


def test_check_choice_and_value():
    assert checks.check_choice("b", "b", options=("a", "b"), explanation="why").passed
    right = checks.check_choice("b", "b", options=("a", "b"), explanation="why")
    assert "why" in right.message
    wrong = checks.check_choice("a", "b", options=("a", "b"), explanation="because b")
    assert not wrong.passed and "because b" not in wrong.message       # a wrong choice must not get the answer
    hinted = checks.check_choice("a", "b", options=("a", "b"), explanation="because b", hint="think of units")
    assert "think of units" in hinted.message and "because b" not in hinted.message
    assert "choose one of" in checks.check_choice("c", "b", options=("a", "b"), explanation="").message
    assert checks.check_value(0.5001, 0.5, name="η").passed
    assert not checks.check_value("x", 0.5, name="η").passed
