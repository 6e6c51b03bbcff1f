import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import lrcore as lr  # noqa: E402
from lrcore import plots  # noqa: E402
from lrcore.style import course_style  # noqa: E402

x, y = lr.make_line_data(n=25, seed=3)
run = lr.gradient_descent(x, y, 0.7 * lr.stability_limit(x), w0=[-1.0], b0=5.0, max_iter=40)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _labelled(ax):
    return bool(ax.get_xlabel()) and bool(ax.get_ylabel())


def test_plot_fit_draws_one_residual_per_point():
    drawn = plots.plot_fit(x, y, 2.0, 1.0, x_label="size (m²)", y_label="price (£)")
    assert len(drawn.residuals.get_segments()) == x.size
    seg = drawn.residuals.get_segments()[0]
    assert np.allclose(seg, [[x[0], y[0]], [x[0], 2 * x[0] + 1]])
    assert drawn.ax.get_xlabel() == "size (m²)" and drawn.ax.get_ylabel() == "price (£)"


def test_surface_path_lies_on_the_surface_and_is_drawn_last():
    drawn = plots.plot_loss_surface(x, y, path=run.path, losses=run.losses)
    xs, ys, zs = drawn.path_line.get_data_3d()
    finite = np.isfinite(xs)
    assert finite.sum() >= 2
    expected = np.array([lr.mse(y, w * x + b) for w, b in zip(xs[finite], ys[finite], strict=True)])
    assert np.allclose(zs[finite] - drawn.z_lift, np.minimum(expected, drawn.z_max))
    assert drawn.ax.computed_zorder is False
    assert drawn.path_line.get_zorder() > drawn.surface.get_zorder()
    assert "MSE" in drawn.ax.get_zlabel() and _labelled(drawn.ax)


@pytest.mark.parametrize("azim", [-160, -90, -30, 30, 90, 150])
def test_path_pixels_are_visible_from_every_side(azim):
    """Render with and without the path: the path must change pixels along its whole length."""
    with course_style():
        drawn = plots.plot_loss_surface(x, y, path=run.path, losses=run.losses, azim=azim, elev=25)
        fig = drawn.ax.figure
        fig.canvas.draw()
        with_path = np.asarray(fig.canvas.buffer_rgba()).copy()
        drawn.path_line.set_visible(False)
        drawn.start.set_visible(False)
        fig.canvas.draw()
        without = np.asarray(fig.canvas.buffer_rgba())
    changed = np.any(with_path != without, axis=2)
    # project each path point to pixels and check the path changed pixels near it
    xs, ys, zs = drawn.path_line.get_data_3d()
    from mpl_toolkits.mplot3d import proj3d

    px, py, _ = proj3d.proj_transform(xs, ys, zs, drawn.ax.get_proj())
    disp = drawn.ax.transData.transform(np.column_stack([px, py]))
    height = changed.shape[0]
    seen = 0
    for u, v in disp[np.isfinite(disp).all(axis=1)]:
        r, c = int(height - v), int(u)
        if changed[max(r - 3, 0): r + 4, max(c - 3, 0): c + 4].any():
            seen += 1
    assert seen == np.isfinite(disp).all(axis=1).sum()


def test_diverging_path_is_cut_at_the_plot_edge_without_warnings():
    wild = lr.gradient_descent(x, y, 3 * lr.stability_limit(x), max_iter=200)
    assert wild.diverged
    drawn = plots.plot_contour(x, y, path=wild.path)
    w, b = drawn.path_line.get_data()
    assert np.isnan(w).any() and np.isfinite(w[0])
    drawn.ax.figure.canvas.draw()


def test_contour_marks_the_least_squares_minimum():
    drawn = plots.plot_contour(x, y, path=run.path)
    w, b = lr.fit_closed_form(x, y)
    assert np.allclose(drawn.optimum.get_offsets()[0], [w[0], b])
    assert _labelled(drawn.ax)


def test_mae_surface_marks_the_mae_minimum_not_least_squares():
    drawn = plots.plot_contour(x, y, loss="mae")
    from lrcore.robust import fit_mae

    w, b = fit_mae(x, y)
    (wm, bm) = drawn.optimum.get_offsets()[0]
    width = drawn.bounds[1] - drawn.bounds[0]
    assert abs(wm - w[0]) < 0.02 * width


def test_loss_curve_switches_to_log_when_the_range_is_wide():
    assert plots.plot_loss_curve(10.0 ** -np.arange(6.0)).log is True
    assert not plots.plot_loss_curve([3.0, 2.5, 2.2]).log
    drawn = plots.plot_loss_curve(run.losses, units="£", minimum=0.5)
    assert drawn.ax.get_ylabel() == "MSE (£²)"


def test_units_in_labels():
    assert plots.loss_label("rmse", "$") == "RMSE ($)"
    assert plots.loss_label("mse", "$") == "MSE ($²)"


@pytest.mark.parametrize("x_range", [(-2, 2), (0, 100)])
def test_gradient_field_arrows_point_along_minus_the_gradient(x_range):
    xs, ys = lr.make_line_data(n=40, x_range=x_range, noise=1.0, seed=1)
    drawn = plots.plot_gradient_field(xs, ys)
    for name, q in drawn.quivers.items():
        grad = lr.mse_grad if name == "mse" else lr.rmse_grad
        for (w, b), u, v in zip(q.get_offsets(), q.U, q.V, strict=True):
            gw, gb = grad(xs, ys, [w], b)
            norm = np.hypot(gw[0], gb)
            if norm < 1e-9:
                continue
            # same direction in the (w, b) plane: the cross product vanishes, the dot product is positive
            assert u * -gb - v * -gw[0] == pytest.approx(0.0, abs=1e-9 * norm)
            assert u * -gw[0] + v * -gb > 0
    assert len(drawn.axes) == 2


def test_surfaces_side_by_side():
    drawn = plots.plot_loss_surfaces(x, y)
    assert [ax.get_zlabel().split()[0] for ax in drawn.axes] == ["MSE", "MAE", "RMSE"]


def test_scaling_bowls_show_the_condition_numbers():
    rng = np.random.default_rng(0)
    X = np.column_stack([rng.normal(0, 1, 100), rng.normal(0, 10, 100)])
    yy = X @ [1.0, 0.3] + rng.normal(size=100)
    drawn = plots.plot_scaling_bowls(X, yy)
    assert "κ(H) = " in drawn.raw.ax.get_title()
    k_raw = float(drawn.raw.ax.get_title().split("= ")[-1].replace(",", ""))
    k_scaled = float(drawn.scaled.ax.get_title().split("= ")[-1].replace(",", ""))
    assert k_raw > 50 and k_scaled < 3


def test_gradient_norm_slopes():
    xs = np.linspace(-1, 1, 30)
    drawn = plots.plot_gradient_norms(xs, 3 * xs - 1)
    d, n = drawn.distances, drawn.norms
    slope_mse = np.polyfit(np.log(d[:20]), np.log(n["mse"][:20]), 1)[0]
    slope_rmse = np.polyfit(np.log(d[:20]), np.log(n["rmse"][:20]), 1)[0]
    assert slope_mse == pytest.approx(1.0, abs=0.01) and abs(slope_rmse) < 0.01


def test_learning_rate_scale_marks_both_thresholds():
    drawn = plots.plot_learning_rate_scale(x, 0.01)
    one, two = drawn.limits
    assert two == pytest.approx(lr.stability_limit(x)) and one == pytest.approx(two / 2)
    texts = " ".join(t.get_text() for t in drawn.ax.texts)
    assert "1/L" in texts and "2/L" in texts and "diverging" in texts


def test_plots_leave_global_state_alone():
    before = dict(matplotlib.rcParams)
    plots.plot_fit(x, y, 1, 1)
    with course_style():
        plots.plot_contour(x, y)
    assert dict(matplotlib.rcParams) == before


def test_start_and_minimum_have_a_legend():
    # the palette itself (contrast, colour-vision deficiencies) is checked in tests/test_colors.py
    for drawn in (plots.plot_contour(x, y), plots.plot_loss_surface(x, y)):
        labels = [t.get_text() for t in drawn.ax.get_legend().get_texts()]
        assert labels == ["start", "descent path", "minimum"]
    plt.close("all")


def test_bad_figure_input_names_the_argument():
    with pytest.raises(ValueError, match="x must be a single feature"):
        plots.plot_contour(np.ones((5, 2)), np.ones(5))
    with pytest.raises(ValueError, match="losses"):
        plots.plot_loss_curve([])
