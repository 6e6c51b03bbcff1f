"""Every app driven headless: each control swept over its whole range, ends included."""

import base64
import re
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from helpers import minimum_star_on_screen  # noqa: E402

import lrcore as lr  # noqa: E402
from lrcore import widgets as W  # noqa: E402

x, y = lr.make_line_data(n=30, x_range=(-2.5, 2.5), seed=1)


def _values(control, n_random=4, seed=0):
    """Both ends, a few points between, and random values of a slider or toggle."""
    if type(control).__name__ in ("SelectMultiple", "FeatureChecklist"):
        opts = control.options
        return [(), opts[:1], opts[-1:], opts, ("sqft_living", "sqft_above", "sqft_basement"), opts[:3]]
    if hasattr(control, "options"):
        return list(control.options) + [control.options[0]]
    rng = np.random.default_rng(seed)
    lo, hi = control.min, control.max
    if type(control).__name__ == "FloatLogSlider":
        base = control.base
        exps = [lo, hi, *np.linspace(lo, hi, 5), *rng.uniform(lo, hi, n_random)]
        return [float(base**e) for e in exps]
    if type(control).__name__ == "IntSlider":
        return [lo, hi, *np.linspace(lo, hi, 5).astype(int).tolist(), *rng.integers(lo, hi + 1, n_random).tolist()]
    return [lo, hi, *np.linspace(lo, hi, 5).tolist(), *rng.uniform(lo, hi, n_random).tolist()]


APPS = {
    "FitByHand": (lambda: W.FitByHand(x, y), ["w", "b"]),
    "LearningRateExplorer": (lambda: W.LearningRateExplorer(x, y), ["learning_rate", "w0", "b0", "steps", "elev",
                                                                    "azim"]),
    "LossExplorer": (lambda: W.LossExplorer(x, y), ["outlier"]),
    "GradientComparison": (lambda: W.GradientComparison(x, y), ["learning_rate", "data"]),
    "ConditioningExplorer": (lambda: W.ConditioningExplorer(), ["scale", "step_size"]),
    "FeaturePicker": (lambda: W.FeaturePicker(), ["features"]),
    "RidgeExplorer": (lambda: W.RidgeExplorer(), ["alpha"]),
    "DegreeExplorer": (lambda: W.DegreeExplorer(), ["degree"]),
    "SGDExplorer": (lambda: W.SGDExplorer(x, y), ["learning_rate", "batch_size", "schedule", "epochs", "seed"]),
    "MomentumExplorer": (lambda: W.MomentumExplorer(), ["momentum", "step_size", "steps"]),
}


@pytest.mark.parametrize("name", list(APPS))
def test_every_control_over_its_whole_range(name):
    make, controls = APPS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        app = make()
        for attr in controls:
            control = getattr(app, attr)
            for value in _values(control):
                before = app.frames_drawn
                control.value = value
                if control.value != value and not hasattr(control, "options"):
                    assert control.min <= control.value <= control.max
                assert app.status and app.png().startswith(b"\x89PNG")
                if before != app.frames_drawn:
                    assert app.frames_drawn == before + 1, "one frame per change, no backlog"


def test_explorer_status_matches_the_regime_for_every_swept_rate():
    app = W.LearningRateExplorer(x, y)
    first = {"monotone": ("converged", "slow"), "oscillating": ("oscillating",), "diverging": ("diverged",)}
    for value in _values(app.learning_rate, n_random=20):
        app.learning_rate.value = value
        eta = app.learning_rate.value
        regime = lr.learning_rate_regime(x, eta)
        assert app.regime == regime
        assert app.status.split(":")[0].split(" ")[0] in first[regime], (eta, app.status)


@pytest.mark.parametrize(("fraction", "regime", "word"), [
    (0.9 * 0.5, "monotone", "converged"), (1.5 * 0.5, "oscillating", "oscillating"), (1.1, "diverging", "diverged"),
])
def test_explorer_at_the_lesson_rates(fraction, regime, word):
    app = W.LearningRateExplorer(x, y, steps=200)
    app.learning_rate.value = fraction * app.limits[1]
    assert app.regime == regime and app.status.startswith(word)
    if regime == "diverging":
        assert f"2/L = {app.limits[1]:.3g}" in app.status


def test_explorer_slider_reaches_past_two_over_L_and_marks_it():
    app = W.LearningRateExplorer(x, y)
    assert app.learning_rate.base ** app.learning_rate.max > app.limits[1]
    assert app.limits[1] == pytest.approx(lr.stability_limit(x))
    app.learning_rate.value = app.learning_rate.base ** app.learning_rate.max
    assert app.result.diverged and app.status.startswith("diverged at step")


def test_a_slider_move_changes_the_figure_and_the_result():
    app = W.LearningRateExplorer(x, y)
    png, path = app.png(), app.result.path.copy()
    app.learning_rate.value = 1.5 * app.limits[0]
    assert app.png() != png and not np.array_equal(app.result.path, path)
    xs, ys = app._contour.path_line.get_data()
    assert np.allclose(xs[np.isfinite(xs)], app.result.path[: np.isfinite(xs).sum(), 0])


def test_fit_by_hand_reports_the_four_metrics():
    app = W.FitByHand(x, y)
    app.w.value, app.b.value = 2.0, 1.0
    pred = 2.0 * x + 1.0
    assert app.metrics["MSE"] == pytest.approx(lr.mse(y, pred), rel=1e-12)
    assert app.metrics["MAE"] == pytest.approx(lr.mae(y, pred), rel=1e-12)
    assert f"RMSE = {lr.rmse(y, pred):.4g}" in app.status


def test_loss_explorer_lines_part_under_an_outlier():
    app = W.LossExplorer(x, y)
    mse_clean, mae_clean = app.mse_fit[0][0], app.mae_fit[0][0]
    app.outlier.value = 6.0
    mse_shift = abs(app.mse_fit[0][0] - mse_clean)
    mae_shift = abs(app.mae_fit[0][0] - mae_clean)
    assert mse_shift > 3 * max(mae_shift, 1e-3)
    assert abs(app.mse_fit[0][0] - app.mae_fit[0][0]) > abs(mse_clean - mae_clean)


def test_gradient_comparison_rmse_chatters_on_a_perfect_fit_only():
    app = W.GradientComparison(x, y)
    app.data.value = "perfect fit"
    assert app.rmse_chatters and app.final_distance["mse"] < 1e-8 < app.final_distance["rmse"]
    app.data.value = "noisy"
    assert not app.rmse_chatters


def test_conditioning_explorer_kappa_grows_with_scale():
    app = W.ConditioningExplorer()
    app.scale.value = 1.0
    k1, loss1 = app.kappa, app.result.losses[-1] - app.result.losses.min()
    far1 = app.status.split("weights are ")[1]
    app.scale.value = 10.0
    assert app.kappa > 50 * k1
    assert app.status.split("weights are ")[1] != far1 and app.result.grad_norms[-1] > 1e-3 > loss1
    assert "κ(H) = " in app.status


@pytest.mark.parametrize("name", list(APPS))
def test_display_bundle_carries_a_png_and_stable_text(name):
    app = APPS[name][0]()
    bundle, metadata = app._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert metadata == {}  # not on Colab
    text = bundle["text/plain"]
    assert text.startswith(name) and not re.search(r"0x[0-9a-f]+", text)
    assert APPS[name][0]()._repr_mimebundle_()[0]["text/plain"] == text  # same on every run


def test_on_colab_an_app_asks_for_the_custom_widget_manager(monkeypatch):
    """Colab's built-in widget manager knows only ipywidgets' own widgets; an app's display carries the metadata
    that makes Colab load its custom widget manager, which loads the anywidget controls."""
    import sys
    import types

    calls = []
    output = types.ModuleType("google.colab.output")
    output.enable_custom_widget_manager = lambda: calls.append("enabled")
    output._widgets = types.SimpleNamespace(_installed_url="https://colab.example/manager.min.js")
    monkeypatch.setitem(sys.modules, "google.colab.output", output)
    _, metadata = W.FitByHand(x, y)._repr_mimebundle_()
    spec = metadata["application/vnd.jupyter.widget-view+json"]["colab"]["custom_widget_manager"]
    assert spec["url"] == "https://colab.example/manager.min.js"


def test_feature_picker_scores_match_a_direct_fit_and_scikit_learn():
    from sklearn import linear_model
    app = W.FeaturePicker()
    app.features.value = ("sqft_living", "grade")
    X, y = lr.load_houses(("sqft_living", "grade"))
    X_tr, X_te, y_tr, y_te = lr.train_test_split(X, y, test_size=0.2, seed=42)
    ref = linear_model.LinearRegression().fit(X_tr, y_tr)
    assert np.allclose(app.model["coef"], ref.coef_, rtol=1e-6)
    assert app.model["intercept"] == pytest.approx(ref.intercept_, rel=1e-6)
    assert app.model["rmse_test"] == pytest.approx(lr.rmse(y_te, ref.predict(X_te)), rel=1e-9)
    assert "beats the baseline" in app.status
    app.features.value = ("sqft_living", "sqft_above", "sqft_basement")
    assert "collinear" in app.status


def test_check_beats_baseline():
    assert lr.checks.check_beats_baseline(["sqft_living", "grade"]).passed
    assert not lr.checks.check_beats_baseline(["floors"]).passed
    assert not lr.checks.check_beats_baseline("price").passed
    assert not lr.checks.check_beats_baseline(None).passed


def test_bad_app_input():
    with pytest.raises(ValueError, match="x must be a single feature"):
        W.LearningRateExplorer(np.ones((5, 2)), np.ones(5))
    with pytest.raises(ValueError, match="exactly 2 features"):
        W.ConditioningExplorer(np.ones((5, 3)), np.ones(5))


def test_rapid_moves_inside_an_event_loop_join_one_frame():
    """In the kernel (a running event loop) a burst of slider moves is drawn once, with the last value."""
    import asyncio

    app = W.LearningRateExplorer(x, y)
    one = app.limits[0]

    async def burst():
        before = app.frames_drawn
        for k in range(30):
            app.azim.value = -150 + 5 * k  # full redraws, the expensive kind
            app.learning_rate.value = (0.5 + 0.03 * k) * one
        assert app.frames_drawn == before  # nothing drawn yet: the moves are queued as one frame
        assert app.status.startswith(("converged", "slow", "oscillating", "diverged"))  # results are current
        await asyncio.sleep(0.2)
        return app.frames_drawn - before

    assert asyncio.run(burst()) == 1
    assert app._surface.ax.azim == -150 + 5 * 29


def test_png_draws_a_pending_frame_first():
    import asyncio

    app = W.FitByHand(x, y)

    async def move_and_read():
        png = app.png()
        app.w.value = 1.5
        return png, app.png()

    before, after = asyncio.run(move_and_read())
    assert before != after and app._pending is None


def test_feature_picker_never_shows_the_test_set():
    """Choosing features uses validation rows only: the picture plots validation sales, not test sales."""
    from lrcore.houses import house_price_model

    app = W.FeaturePicker(("bedrooms", "sqft_living"))
    m = house_price_model(("bedrooms", "sqft_living"))
    points = app.figure.axes[0].collections[0].get_offsets()
    assert len(points) == len(m["y_val"]) != len(m["y_test"])
    assert np.allclose(np.sort(points[:, 0]), np.sort(m["y_val"] / 1e3))
    assert "test" not in app.figure.axes[0].get_title() and "test" not in app.status


def test_the_first_move_is_drawn_at_once_and_a_burst_after_it_joins_one_frame():
    """Leading edge: a single move is drawn on the next turn of the event loop, not after a fixed wait; moves
    arriving right after a frame (while the kernel would still be busy drawing) join one more frame, the last."""
    import asyncio

    app = W.LearningRateExplorer(x, y)
    one = app.limits[0]

    async def moves():
        app.png()
        start = app.frames_drawn
        app.learning_rate.value = 0.5 * one
        for _ in range(3):
            await asyncio.sleep(0)
        first = app.frames_drawn - start
        for k in range(20):
            app.learning_rate.value = (0.6 + 0.02 * k) * one
        await asyncio.sleep(0.3)
        return first, app.frames_drawn - start

    first, total = asyncio.run(moves())
    assert first == 1
    assert total == 2
    assert app.learning_rate.value == pytest.approx(0.98 * one)
    assert app.status.startswith("converged") or app.status.startswith("slow")


def test_frames_are_small_palette_pngs():
    """What crosses the wire per frame: a palette PNG of at most 60 KB for the biggest app."""
    import io

    from PIL import Image

    app = W.LearningRateExplorer(x, y)
    for fraction in (0.3, 1.5, 2.5):
        app.learning_rate.value = fraction * app.limits[0]
        png = app.png()
        assert len(png) <= 60_000, len(png)
        image = Image.open(io.BytesIO(png))
        assert image.mode == "P" and image.size == app.figure.canvas.get_width_height()


def test_feature_picker_checkboxes_and_value_stay_in_step():
    """The picker is a grid of checkboxes (each reachable with Tab, ticked with Space), not a multi-select."""
    app = W.FeaturePicker(("bedrooms",))
    boxes = app.features.boxes
    assert all(type(b).__name__ == "Checkbox" for b in boxes.values())
    before = app.frames_drawn
    boxes["grade"].value = True  # what a click or Space does
    assert app.features.value == ("bedrooms", "grade") and app.frames_drawn == before + 1
    assert "2 feature(s)" in app.status
    app.features.value = ("sqft_living",)
    assert [n for n, b in boxes.items() if b.value] == ["sqft_living"]
    with pytest.raises(ValueError, match="features must name columns"):
        app.features.value = ("price",)
    assert app.features.value == ("sqft_living",)


@pytest.mark.parametrize("make", [lambda: W.LearningRateExplorer(x, y), lambda: W.GradientComparison(x, y)],
                         ids=["LearningRateExplorer", "GradientComparison"])
def test_the_minimum_star_stays_visible_over_a_converged_path(make):
    """Blitting draws the dynamic artists over the background: the star must be one of them, after the path."""
    app = make()
    app.png()
    order = app._dynamic
    stars = [a for a in order if a is app._contour.optimum]
    assert stars, "the contour's minimum is not redrawn after the path"
    paths = [a for a in order if a is app._contour.path_line]
    assert order.index(stars[0]) > order.index(paths[0])
    # and in pixels: the star's colour is on screen at the minimum after convergence
    app.learning_rate.value = 0.5 * app.learning_rate.base ** app.learning_rate.max
    app.png()
    assert minimum_star_on_screen(app, app._contour.ax, app._contour.optimum.get_offsets()[0]), \
        "no star-coloured pixel at the minimum"


def test_every_app_class_is_listed():
    assert set(APPS) == {name for name in W.__all__ if name.endswith(("Explorer", "Picker", "Hand", "Comparison"))}


@pytest.mark.parametrize("name", list(APPS))
def test_every_app_text_is_at_least_10_px_at_full_size(name):
    """Shown unshrunk (the browser layout test checks that at 1366 and 1024 px), a text of s points at the apps'
    90 dpi is s·90/72 px: no text of any app below 10 px, and no app wider than the projector's output area."""
    from matplotlib.text import Text

    from lrcore.widgets._app import MAX_FIGURE_WIDTH

    app = APPS[name][0]()
    app.png()
    fig = app.figure
    assert fig.canvas.get_width_height()[0] <= round(MAX_FIGURE_WIDTH * fig.dpi)
    small = {t.get_text()[:30]: round(t.get_fontsize() * fig.dpi / 72, 1) for t in fig.findobj(Text)
             if t.get_visible() and t.get_text().strip() and t.get_fontsize() * fig.dpi / 72 < 10}
    assert small == {}, small


@pytest.mark.parametrize("name", list(APPS))
def test_every_app_picture_has_the_same_pixel_size_under_every_matplotlib(name):
    """The saved chapters record each picture's width and height. Matplotlib 3.10 truncates the figure's size
    in pixels, 3.11 first adds 1e-8: a size like 5.6 in · 90 dpi = 503.99999999999994 gave 503 rows in one and
    504 in the other (chapter 4 failed nbval at the dependency floors). Both rules must give the PNG's size."""
    app = APPS[name][0]()
    png = app.png()
    size = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))
    width, height = app.figure.bbox.size
    assert size == (int(width), int(height)) == (int(width + 1e-8), int(height + 1e-8))
    assert size[0] == app._image.width
