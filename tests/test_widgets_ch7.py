"""Chapter 7's apps driven headless: SGDExplorer and MomentumExplorer."""


import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from helpers import minimum_star_on_screen  # noqa: E402

import lrcore as lr  # noqa: E402
from lrcore import widgets as W  # noqa: E402

x, y = lr.make_line_data(n=30, x_range=(-2.5, 2.5), seed=1)


# The whole-range sweep and the display bundle of both apps are tested with every other app in test_widgets.py.

def test_sgd_explorer_runs_lrcore_sgd_and_shows_its_path():
    app = W.SGDExplorer(x, y, batch_size=4, epochs=10, seed=3)
    start = (app.result.path[0, 0], app.result.path[0, 1])
    ref = lr.sgd(x, y, app.learning_rate.value, batch_size=4, epochs=10, random_state=3, w0=[start[0]], b0=start[1])
    assert np.array_equal(app.result.path, ref.path)
    xs, ys = app._contour.path_line.get_data()
    assert np.allclose(xs[np.isfinite(xs)], ref.path[: np.isfinite(xs).sum(), 0])
    png = app.png()
    app.seed.value = 4
    assert app.png() != png and not np.array_equal(app.result.path, ref.path)


def test_sgd_explorer_floor_grows_with_eta_shrinks_with_batch_and_decays_with_a_schedule():
    app = W.SGDExplorer(x, y, epochs=40)
    one = app.limits[0]

    def floor(eta, batch, seeds=range(4)):
        app.learning_rate.value, app.batch_size.value = eta, batch
        values = []
        for s in seeds:
            app.seed.value = s
            values.append(app.floor)
        return np.mean(values)

    base = floor(0.25 * one, 4)
    assert app.settled and "noise floor" in app.status and app.status.startswith("noisy")
    assert floor(1.0 * one, 4) > 2 * base
    assert floor(0.25 * one, 16) < base / 2 and app.settled
    app.learning_rate.value, app.epochs.value = 0.01 * one, 3
    assert not app.settled and app.status.startswith("still descending")
    app.epochs.value = 40
    app.learning_rate.value, app.batch_size.value, app.seed.value = 0.4 * one, 4, 0
    constant_last = app.result.losses[-1]
    app.schedule.value = "inverse"
    assert app.status.startswith("decaying") and app.result.losses[-1] < constant_last
    app.batch_size.value = 30
    assert app.status.startswith("no noise")
    app.schedule.value, app.batch_size.value = "constant", 1
    app.learning_rate.value = app.learning_rate.base ** app.learning_rate.max
    assert app.result.diverged and app.status.startswith("diverged") and np.isnan(app.floor)


def test_momentum_explorer_matches_theory_and_beats_plain_descent():
    app = W.MomentumExplorer()
    th = app.theory
    assert th.kappa == pytest.approx(100, rel=0.05)       # chapter 4's bowl with x₂ scaled by 10
    assert app.status.startswith("plain descent")
    app.step_size.value = "η*"
    app.momentum.value = round(th.momentum, 2)
    assert app.rate == pytest.approx(th.rate, abs=0.01)
    e = np.linalg.norm(app.result.path[:, :2] - app.optimum, axis=1)
    e_plain = np.linalg.norm(app.plain.path[:, :2] - app.optimum, axis=1)
    assert e[-1] < 1e-4 * e_plain[-1]
    m = 40
    measured = (e[-1] / e[-1 - m]) ** (1 / m)
    assert measured == pytest.approx(app.rate, rel=0.1)
    assert app.status.startswith("the best β for this η")
    app.momentum.value = 0.95
    assert app.status.startswith("overshoots") and app.rate == pytest.approx(np.sqrt(0.95), rel=1e-6)
    app.momentum.value = 0.1                               # η* is above 2/L: without enough β it diverges
    assert app.status.startswith("diverged") and app.result.diverged
    app.step_size.value = "1/L"
    best, rate = app.best_momentum(1 / th.L)
    assert rate == pytest.approx(1 - 1 / np.sqrt(th.kappa), rel=1e-9)
    app.momentum.value = 0.5
    assert app.status.startswith("faster than β = 0")


def test_bad_app_input():
    with pytest.raises(ValueError, match="x must be a single feature"):
        W.SGDExplorer(np.ones((5, 2)), np.ones(5))
    with pytest.raises(ValueError, match="batch_size"):
        W.SGDExplorer(x, y, batch_size=3)
    with pytest.raises(ValueError, match="schedule"):
        W.SGDExplorer(x, y, schedule="cosine")
    with pytest.raises(ValueError, match="epochs"):
        W.SGDExplorer(x, y, epochs=0)
    with pytest.raises(TypeError, match="learning_rate"):
        W.SGDExplorer(x, y, learning_rate="big")
    with pytest.raises(ValueError, match="exactly 2 features"):
        W.MomentumExplorer(np.ones((5, 3)), np.ones(5))
    with pytest.raises(ValueError, match="momentum"):
        W.MomentumExplorer(momentum=1.0)
    with pytest.raises(ValueError, match="step_size"):
        W.MomentumExplorer(step_size="2/L")
    with pytest.raises(TypeError, match="together"):
        W.MomentumExplorer(np.ones((5, 2)))
    t = np.linspace(0, 1, 20)
    with pytest.raises(ValueError, match="collinear"):
        W.MomentumExplorer(np.column_stack([t, 2 * t]), t)


# --- fuzzing (the shared helpers of test_fuzz.py): odd arguments give an app or an error naming one --------------

from test_fuzz import _app_test, app_line_data, two_feature_args  # noqa: E402


def test_fuzz_sgd_explorer():
    build = app_line_data().map(lambda a: {**a, "learning_rate": None, "batch_size": 1, "epochs": 3})
    _app_test(W.SGDExplorer, build, 5)()


def test_fuzz_momentum_explorer():
    _app_test(W.MomentumExplorer, two_feature_args().map(lambda a: {**a, "steps": 20}), 5)()


def _star_visible(app, ax, star):
    return minimum_star_on_screen(app, ax, star.get_offsets()[0])


def test_the_minimum_star_stays_visible_over_the_paths():
    sgd_app = W.SGDExplorer(x, y, batch_size=1)         # the noisiest cloud of steps around the minimum
    sgd_app.png()
    order = sgd_app._dynamic
    assert order.index(sgd_app._contour.optimum) > order.index(sgd_app._contour.path_line)
    assert order.index(sgd_app._surface.optimum) > order.index(sgd_app._surface.path_line)
    assert _star_visible(sgd_app, sgd_app._contour.ax, sgd_app._contour.optimum)
    mom = W.MomentumExplorer(step_size="η*", momentum=0.67)  # converges onto the star
    mom.png()
    assert mom._dynamic.index(mom._star) > mom._dynamic.index(mom._path_line)
    assert _star_visible(mom, mom._map_ax, mom._star)
