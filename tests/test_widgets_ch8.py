"""Chapter 8's apps driven headless: RidgeExplorer and DegreeExplorer."""

import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from helpers import minimum_star_on_screen  # noqa: E402

import lrcore as lr  # noqa: E402
from lrcore import widgets as W  # noqa: E402
from lrcore.widgets.degree_explorer import polynomial_features, tide_data  # noqa: E402


def _sweep(control, n=9):
    if type(control).__name__ == "FloatLogSlider":
        return [float(control.base ** e) for e in np.linspace(control.min, control.max, n)]
    return list(range(control.min, control.max + 1))


@pytest.mark.parametrize(("make", "attr"), [(W.RidgeExplorer, "alpha"), (W.DegreeExplorer, "degree")],
                         ids=["RidgeExplorer", "DegreeExplorer"])
def test_every_control_over_its_whole_range(make, attr):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        app = make()
        control = getattr(app, attr)
        seen = set()
        for value in _sweep(control):
            before = app.frames_drawn
            control.value = value
            assert app.png().startswith(b"\x89PNG") and app.frames_drawn == before + 1
            seen.add(app.status)
        assert len(seen) == len(_sweep(control)), "the status follows every move"


def test_ridge_explorer_matches_fit_ridge_and_the_eigenvalue_shift():
    app = W.RidgeExplorer()
    X, y = app.X, app.y
    Xc = X - X.mean(axis=0)
    lam = np.linalg.eigvalsh(Xc.T @ Xc)
    previous = np.inf
    for a in (app.n * 1e-3, app.n * 0.1, app.n * 10, app.n * 100):
        app.alpha.value = a
        a = app.alpha.value
        w, _ = lr.fit_ridge(X, y, a)
        assert np.allclose(app.w, w, rtol=1e-9)
        assert app.kappa == pytest.approx((lam[-1] + a) / (lam[0] + a), rel=1e-9)
        H = lr.hessian(Xc, fit_intercept=False) + 2 * a / app.n * np.eye(2)     # MSE Hessian of the ridge cost
        assert app.limit == pytest.approx(2 / np.linalg.eigvalsh(H)[-1], rel=1e-9)
        assert np.linalg.norm(app.w) < previous
        previous = np.linalg.norm(app.w)
        assert f"α = {a:.3g}" in app.status and "κ = " in app.status
    assert app.kappa < app.kappa_ols


def test_ridge_explorer_default_pair_is_chapter_6s_training_rows():
    from sklearn.linear_model import Ridge

    X, y = lr.load_houses(["sqft_living", "sqft_above"])
    X_tr, _, y_tr, _ = lr.train_test_split(X, y, test_size=0.2, seed=42)
    Z = lr.standardize(X_tr)[0]
    app = W.RidgeExplorer()
    ref = Ridge(alpha=app.alpha.value).fit(Z, y_tr / 1000)
    assert np.allclose(app.w, ref.coef_, rtol=1e-8)


def test_degree_explorer_errors_match_an_independent_polyfit():
    t_tr, h_tr, t_va, h_va, _ = tide_data()
    app = W.DegreeExplorer()
    for k in (1, 3, 6):
        coef = np.polynomial.polynomial.Polynomial.fit(t_tr, h_tr, k)
        assert app.train_mse[k - 1] == pytest.approx(np.mean((coef(t_tr) - h_tr) ** 2), rel=1e-6)
        assert app.val_mse[k - 1] == pytest.approx(np.mean((coef(t_va) - h_va) ** 2), rel=1e-6)
    assert np.all(np.diff(app.train_mse) <= 1e-12), "more degrees never fit the training points worse"
    assert app.val_mse[-1] > 5 * app.val_mse.min()
    app.degree.value = app.best_degree
    assert "lowest validation MSE" in app.status
    app.degree.value = app.degree.max
    assert app.status.startswith(f"degree {app.degree.max}") and "overfitting" in app.status
    app.degree.value = 1
    assert "underfitting" in app.status


def test_polynomial_features_are_standardised_powers():
    P, mean, scale = polynomial_features(np.array([0.0, 1.0, 2.0]), 2)
    assert np.allclose(P.mean(axis=0), 0) and np.allclose(P.std(axis=0), 1)
    assert np.allclose(P * scale + mean, [[0, 0], [1, 1], [2, 4]])


def test_given_data_work_too():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 2))
    app = W.RidgeExplorer(X, X @ [1.0, -2.0] + rng.normal(size=100), alpha=5.0, units=None)
    assert app.alpha.value == pytest.approx(5.0, rel=0.05) and "α = " in app.status
    x = np.linspace(0, 1, 12)
    app2 = W.DegreeExplorer(x, x ** 2, x[:-1] + 0.03, (x[:-1] + 0.03) ** 2, max_degree=5, degree=2, truth=None)
    assert app2.val_mse[1] < 1e-20 and app2.png()
    assert app2.noise_variance is None


def test_degree_explorer_draws_the_tides_noise_variance():
    app = W.DegreeExplorer()
    assert app.noise_variance == 0.16
    assert "noise variance 0.16 m²" in _legend_texts(app)
    x = np.linspace(0, 1, 12)
    app2 = W.DegreeExplorer(x, x, x, x, max_degree=3, noise_variance=0.5, units=None)
    assert "noise variance 0.5" in _legend_texts(app2)


def _legend_texts(app):
    return [t.get_text() for ax in app.figure.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


BAD = [
    ("ridge X without y", lambda: W.RidgeExplorer(np.ones((5, 2))), TypeError, "together"),
    ("ridge 3 features", lambda: W.RidgeExplorer(np.ones((5, 3)), np.ones(5)), ValueError, "2 features"),
    ("ridge collinear", lambda: W.RidgeExplorer(np.column_stack([np.arange(5.0), 2 * np.arange(5.0)]), np.arange(5.0)),
     ValueError, "collinear"),
    ("ridge alpha 0", lambda: W.RidgeExplorer(alpha=0.0), ValueError, "alpha"),
    ("ridge alpha text", lambda: W.RidgeExplorer(alpha="1"), TypeError, "alpha"),
    ("ridge names", lambda: W.RidgeExplorer(feature_names=("a",)), ValueError, "feature_names"),
    ("degree partial data", lambda: W.DegreeExplorer(np.arange(5.0), np.arange(5.0)), TypeError, "together"),
    ("degree max too big", lambda: W.DegreeExplorer(max_degree=15), ValueError, "max_degree"),
    ("degree 0", lambda: W.DegreeExplorer(degree=0), ValueError, "degree"),
    ("degree noise negative", lambda: W.DegreeExplorer(noise_variance=-1.0), ValueError, "noise_variance"),
    ("degree noise text", lambda: W.DegreeExplorer(noise_variance="0.16"), TypeError, "noise_variance"),
    ("degree truth", lambda: W.DegreeExplorer(*tide_data()[:4], truth=3), TypeError, "truth"),
    ("degree constant x", lambda: W.DegreeExplorer(np.ones(5), np.arange(5.0), np.ones(3), np.ones(3), max_degree=2, degree=1),
     ValueError, "x_train must take"),
]


@pytest.mark.parametrize(("label", "call", "exc", "text"), BAD, ids=[c[0] for c in BAD])
def test_bad_input_names_the_argument(label, call, exc, text):
    with pytest.raises(exc, match=text):
        call()


@pytest.mark.parametrize(("make", "attr", "values"), [(W.RidgeExplorer, "alpha", [20.0, 200.0, 2e3, 2e4, 2e5]),
                                                      (W.DegreeExplorer, "degree", [2, 5, 8, 11, 12])],
                         ids=["RidgeExplorer", "DegreeExplorer"])
def test_rapid_moves_inside_an_event_loop_end_on_the_last_value(make, attr, values):
    """In the kernel (a running event loop) a burst of moves draws few frames, and the last frame shows the last move."""
    import asyncio

    app = make()
    control = getattr(app, attr)

    async def burst():
        before = app.frames_drawn
        for v in values * 4:
            control.value = v
        await asyncio.sleep(0.5)
        return app.frames_drawn - before

    drawn = asyncio.run(burst())
    assert 1 <= drawn < len(values) * 4
    last = app.png()
    twin = make()
    getattr(twin, attr).value = control.value
    assert app.status == twin.status and last == twin.png()


def test_the_least_squares_star_stays_visible_when_ridge_reaches_it():
    """At the smallest α the ridge minimum sits on ★: the star is drawn after the dot, and its colour is on screen."""
    app = W.RidgeExplorer()
    app.alpha.value = app.alpha.base ** app.alpha.min
    order = app._dynamic
    assert order.index(app._star) > order.index(app._dot)
    app.png()
    assert minimum_star_on_screen(app, app._ax, app.w_ols), "no star-coloured pixel at least squares' minimum"
