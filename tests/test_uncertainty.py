"""Standard errors, confidence and prediction intervals (lrcore.uncertainty) against statsmodels and theory.

statsmodels is a test-only referee and is not installed in the course's own environment (it pulls pandas):
its tests skip without it, unless LRCORE_REQUIRE_STATSMODELS=1 is set (CI), in which case they fail.
"""

import os
import subprocess
import sys

import numpy as np
import pytest
from helpers import house_training_rows

import lrcore as lr


def _statsmodels():
    if os.environ.get("LRCORE_REQUIRE_STATSMODELS") == "1":
        import statsmodels.api as sm  # a missing statsmodels fails here
        return sm
    return pytest.importorskip("statsmodels.api")


def _rel(a, b):
    return float(np.max(np.abs(np.asarray(a) - b) / np.abs(b)))


@pytest.mark.parametrize("cov_type", ["classical", "HC0", "HC1", "HC2", "HC3"])
@pytest.mark.parametrize("target", ["price", "log price"])
def test_matches_statsmodels_ols_on_the_house_data(cov_type, target):
    sm = _statsmodels()
    X, y = house_training_rows()
    if target == "log price":
        y = np.log(y)
    inf = lr.ols_inference(X, y, cov_type=cov_type)
    kind = "nonrobust" if cov_type == "classical" else cov_type
    ref = sm.OLS(y, sm.add_constant(X, prepend=False)).fit(cov_type=kind, use_t=True)
    assert _rel(np.append(inf.w, inf.b), ref.params) < 1e-6
    assert _rel(np.append(inf.se_w, inf.se_b), ref.bse) < 1e-6
    assert _rel(np.vstack([inf.ci_w, inf.ci_b]), ref.conf_int(alpha=0.05)) < 1e-6
    assert inf.dof == ref.df_resid and inf.sigma2 == pytest.approx(ref.scale, rel=1e-9)
    assert _rel(inf.cov, ref.cov_params()) < 1e-6


def test_statsmodels_default_robust_intervals_use_the_normal_quantile():
    """Documented difference: statsmodels' default for HC types is the normal quantile; ours is t(n − p)."""
    sm = _statsmodels()
    X, y = (a[:400] for a in house_training_rows())
    inf = lr.ols_inference(X[:, :5], y, cov_type="HC1", level=0.9)
    ref = sm.OLS(y, sm.add_constant(X[:, :5], prepend=False)).fit(cov_type="HC1")
    assert _rel(np.append(inf.se_w, inf.se_b), ref.bse) < 1e-6
    from scipy.stats import norm
    half = (ref.conf_int(alpha=0.1)[:, 1] - ref.conf_int(alpha=0.1)[:, 0]) / 2
    assert np.allclose(half, norm.ppf(0.95) * ref.bse, rtol=1e-9)
    assert inf.t > norm.ppf(0.95)


@pytest.mark.parametrize("level", [0.8, 0.95, 0.99])
def test_prediction_interval_matches_statsmodels(level):
    sm = _statsmodels()
    X, y = (a[:3000] for a in house_training_rows())
    X, X_new = X[:, :13], house_training_rows()[0][5000:5020, :13]
    got = lr.prediction_interval(X, y, X_new, level=level)
    fit = sm.OLS(y, sm.add_constant(X, prepend=False)).fit()
    frame = fit.get_prediction(sm.add_constant(X_new, prepend=False, has_constant="add")).summary_frame(alpha=1 - level)
    assert _rel(got.prediction, frame["mean"].to_numpy()) < 1e-6
    assert _rel(got.se_mean, frame["mean_se"].to_numpy()) < 1e-6
    for ours, theirs in ((got.mean_lower, "mean_ci_lower"), (got.mean_upper, "mean_ci_upper"),
                         (got.lower, "obs_ci_lower"), (got.upper, "obs_ci_upper")):
        assert _rel(ours, frame[theirs].to_numpy()) < 1e-6


@pytest.mark.parametrize("name", ["Norris", "Pontius", "Filip", "Longley", "Wampler3", "Wampler4", "Wampler5"])
def test_certified_standard_errors_of_the_nist_problems(name):
    """NIST StRD certifies the coefficients and their standard errors (intercept first); Filip and the Wamplers are
    the ill-conditioned ones (Wampler1 and 2 fit exactly, so their certified errors are 0 and are left out)."""
    X, y, cert = lr.load_nist(name)
    inf = lr.ols_inference(X, y)
    assert _rel(np.append(inf.b, inf.w), np.array(cert["beta"])) < 1e-6
    assert _rel(np.append(inf.se_b, inf.se_w), np.array(cert["sd_beta"])) < 1e-6
    assert np.sqrt(inf.sigma2) == pytest.approx(cert["residual_sd"], rel=1e-6)


def test_one_feature_against_the_textbook_formulas():
    """Simple regression: SE(w) = σ̂/√Σ(x − x̄)², SE(b) = σ̂·√(1/n + x̄²/Σ(x − x̄)²)."""
    x, y = lr.make_line_data(n=40, noise=0.5, seed=3)
    inf = lr.ols_inference(x, y)
    n, sxx = x.size, np.sum((x - x.mean()) ** 2)
    sigma = np.sqrt(np.sum(inf.residuals ** 2) / (n - 2))
    assert inf.se_w[0] == pytest.approx(sigma / np.sqrt(sxx), rel=1e-10)
    assert inf.se_b == pytest.approx(sigma * np.sqrt(1 / n + x.mean() ** 2 / sxx), rel=1e-10)
    from scipy.stats import t
    assert inf.t == pytest.approx(t.ppf(0.975, n - 2), rel=1e-12)
    assert np.allclose(inf.ci_w[0], inf.w[0] + np.array([-1, 1]) * inf.t * inf.se_w[0], rtol=1e-12)
    assert inf.leverage.sum() == pytest.approx(2.0, rel=1e-10)      # trace of the hat matrix = p


def test_coverage_of_the_intervals_under_the_gaussian_model():
    """Simulate the model: about 95 % of the 95 % intervals cover the true slope, and of the prediction intervals
    the new y (binomial bounds that a correct method passes with probability above 0.999)."""
    rng = np.random.default_rng(7)
    x = rng.uniform(0, 5, 30)
    covered = inside = 0
    trials = 2000
    for _ in range(trials):
        y = 2.0 * x + 1.0 + rng.normal(0, 1.5, 30)
        inf = lr.ols_inference(x, y)
        covered += inf.ci_w[0, 0] <= 2.0 <= inf.ci_w[0, 1]
        x0 = rng.uniform(0, 5, 1)
        y0 = 2.0 * x0[0] + 1.0 + rng.normal(0, 1.5)
        pi = lr.prediction_interval(x, y, x0)
        inside += pi.lower[0] <= y0 <= pi.upper[0]
    sd = np.sqrt(0.95 * 0.05 / trials)
    assert abs(covered / trials - 0.95) < 3.5 * sd and abs(inside / trials - 0.95) < 3.5 * sd


def test_import_lrcore_loads_no_scipy_stats():
    code = "import sys, lrcore; assert 'scipy.stats' not in sys.modules and 'scipy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


BAD = [
    ("level 1", lambda: lr.ols_inference([[1.0], [2.0], [4.0]], [1.0, 2.0, 3.0], level=1.0), ValueError, "level"),
    ("level text", lambda: lr.ols_inference([[1.0], [2.0], [4.0]], [1.0, 2.0, 3.0], level="95%"), TypeError, "level"),
    ("cov_type", lambda: lr.ols_inference([[1.0], [2.0], [4.0]], [1.0, 2.0, 3.0], cov_type="HC4"), ValueError,
     "cov_type"),
    ("too few rows", lambda: lr.ols_inference([[1.0], [2.0]], [1.0, 2.0]), ValueError, "more rows"),
    ("collinear", lambda: lr.ols_inference([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0], [4.0, 8.0]], [1.0, 2.0, 3.0, 5.0]),
     ValueError, "rank"),
    ("leverage 1 HC3", lambda: lr.ols_inference([[0.0], [0.0], [0.0], [1.0]], [1.0, 2.0, 3.0, 5.0], cov_type="HC3"),
     ValueError, "leverage"),
    ("X_new columns", lambda: lr.prediction_interval(np.ones((5, 2)) + np.eye(5, 2), np.arange(5.0), np.ones((2, 3))),
     ValueError, "X_new"),
    ("X_new NaN", lambda: lr.prediction_interval([1.0, 2.0, 4.0], [1.0, 2.0, 3.0], [np.nan]), ValueError, "X_new"),
    ("y NaN", lambda: lr.ols_inference([1.0, 2.0, 4.0], [1.0, np.nan, 3.0]), ValueError, "y"),
]


@pytest.mark.parametrize(("label", "call", "exc", "text"), BAD, ids=[c[0] for c in BAD])
def test_bad_input_names_the_argument(label, call, exc, text):
    with pytest.raises(exc, match=text):
        call()
