"""Chapter 8's exercise checks: the right answer passes, the stub gets a friendly ✘, known mistakes their sentence."""

import numpy as np
import pytest

import lrcore as lr
from lrcore.checks import ridge as ch8

CODES = np.array([98003.0, 98001.0, 98002.0, 98003.0, 98001.0])


def _one_hot(codes, drop="first"):
    levels = np.unique(codes)
    full = (codes[:, None] == levels[None, :]).astype(float)
    return {"first": full[:, 1:], "none": full, "last": full[:, :-1]}[drop]


@pytest.mark.parametrize("stub", [None, ..., "D", [1, 2]])
def test_one_hot_stub_is_friendly(stub):
    result = lr.checks.check_one_hot(stub, CODES)
    assert not result and result.message.startswith("✘")


def test_one_hot_right_and_known_mistakes():
    assert lr.checks.check_one_hot(_one_hot(CODES), CODES)
    assert lr.checks.check_one_hot(_one_hot(CODES).astype(bool), CODES)       # booleans are 0/1 too
    assert "kept all 3 levels" in lr.checks.check_one_hot(_one_hot(CODES, "none"), CODES).message
    assert "dropped the last level" in lr.checks.check_one_hot(_one_hot(CODES, "last"), CODES).message
    assert "transposed" in lr.checks.check_one_hot(_one_hot(CODES).T, CODES).message
    wrong = _one_hot(CODES)
    wrong[0, 0] = 1.0 - wrong[0, 0]
    assert "some entries are wrong" in lr.checks.check_one_hot(wrong, CODES).message


def test_log_effect():
    c = 0.35
    assert lr.checks.check_log_effect((np.exp(c) - 1) * 100, c)
    assert lr.checks.check_log_effect(f"{(np.exp(c) - 1) * 100:.6f}", c)
    assert "small-c approximation" in lr.checks.check_log_effect(35.0, c).message
    assert "factor" in lr.checks.check_log_effect(np.exp(c), c).message
    assert "fraction" in lr.checks.check_log_effect(np.exp(c) - 1, c).message
    assert "log10" in lr.checks.check_log_effect((10 ** c - 1) * 100, c).message
    for stub in (None, ..., "about 40", [1.0, 2.0]):
        result = lr.checks.check_log_effect(stub, c)
        assert not result and result.message.startswith("✘")
    assert "Hint" in lr.checks.check_log_effect(12.0, c).message


def test_ridge_reference_is_fit_ridge_and_mistakes_get_their_sentence():
    for X, y, alpha in ch8._ridge_cases():
        w, b = ch8._ridge(X, y, alpha)
        w_ref, b_ref = lr.fit_ridge(X, y, alpha)
        assert np.allclose(w, w_ref, rtol=1e-10) and b == pytest.approx(b_ref, rel=1e-10)
    assert lr.checks.check_ridge(lambda X, y, a: lr.fit_ridge(X, y, a))
    sentences = {ch8._ridge_intercept_penalised: "penalised the intercept", ch8._ridge_no_intercept: "centre X",
                 ch8._ridge_alpha_over_n: "n times stronger", ch8._ridge_alpha_times_n: "n times weaker",
                 ch8._ols: "α never entered"}
    for wrong, sentence in sentences.items():
        result = lr.checks.check_ridge(wrong)
        assert not result and sentence in result.message, result.message


def test_ridge_stub_is_friendly():
    def stub(X, y, alpha):
        return ..., ...
    for answer in (stub, None, lambda X, y, a: 1 / 0):
        result = lr.checks.check_ridge(answer)
        assert not result and result.message.startswith("✘")


def test_standard_errors():
    x, y = lr.make_line_data(n=25, noise=0.7, seed=2)
    X = np.column_stack([x, np.sin(x)])
    inf = lr.ols_inference(X, y)
    se = np.append(inf.se_w, inf.se_b)
    # an independent computation: the textbook inverse on this small, well-conditioned problem
    A = lr.add_intercept(X)
    r = A @ np.linalg.lstsq(A, y, rcond=None)[0] - y
    sigma2 = r @ r / (25 - 3)
    assert np.allclose(se, np.sqrt(sigma2 * np.diag(np.linalg.inv(A.T @ A))), rtol=1e-9)
    assert lr.checks.check_standard_errors(se, X, y)
    assert lr.checks.check_standard_errors(list(se), X, y)
    assert "square root" in lr.checks.check_standard_errors(se ** 2, X, y).message
    assert "n − p" in lr.checks.check_standard_errors(se * np.sqrt(22 / 25), X, y).message
    assert "left out σ̂²" in lr.checks.check_standard_errors(se / np.sqrt(sigma2), X, y).message
    assert "wrong order" in lr.checks.check_standard_errors(np.roll(se, 1), X, y).message
    for stub in (None, ..., "se", se[:2]):
        result = lr.checks.check_standard_errors(stub, X, y)
        assert not result and result.message.startswith("✘")


# Every learner input the shared property test tries (tests/test_checks_mistakes.py) gets a ✘, never an exception.
try:
    from hypothesis import given
    from test_checks_mistakes import LEARNER
except ImportError:  # pragma: no cover - the shared strategy moved
    LEARNER = None

_X_SE, _Y_SE = lr.make_line_data(n=12, seed=4)
CH8_CHECKERS = {
    "check_one_hot": lambda a: lr.checks.check_one_hot(a, np.array([98001.0, 98003.0, 98002.0, 98001.0])),
    "check_log_effect": lambda a: lr.checks.check_log_effect(a, 0.3),
    "check_ridge": lr.checks.check_ridge,
    "check_standard_errors": lambda a: lr.checks.check_standard_errors(a, _X_SE, _Y_SE),
}


@pytest.mark.skipif(LEARNER is None, reason="tests/test_checks_mistakes.py's LEARNER strategy not found")
@pytest.mark.parametrize("name", list(CH8_CHECKERS))
def test_no_learner_input_makes_a_chapter_8_check_raise(name):
    @given(answer=LEARNER)
    def run(answer):
        result = CH8_CHECKERS[name](answer)
        assert isinstance(result, lr.checks.CheckResult)
        assert result.message.startswith(("✘ ", "✔ ")) and repr(result) == result.message
    run()
