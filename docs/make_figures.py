"""Render every figure and every app (at three settings) to docs/figures/*.png.

Usage: .venv/bin/python docs/make_figures.py
These PNGs are for the README and for review; they are looked at, not tested (the README's
thumbnails, thumb_*.png, are checked here: shown at their natural size, no text below 10 px).
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import lrcore as lr  # noqa: E402
from lrcore import plots, widgets  # noqa: E402
from lrcore.figure_display import MIN_TEXT_PX, smallest_text_px  # noqa: E402
from lrcore.robust import fit_mae  # noqa: E402
from lrcore.style import COLORS, course_style  # noqa: E402

OUT = Path(__file__).resolve().parent / "figures"


def save(fig, name):
    fig.savefig(OUT / f"{name}.png", dpi=100)
    plt.close(fig)


def figures():
    x, y = lr.make_line_data(n=30, seed=0)
    xc, yc = lr.make_line_data(n=30, x_range=(-2.5, 2.5), seed=0)
    run = lr.gradient_descent(x, y, 0.7 * lr.stability_limit(x), w0=[-1.0], b0=6.0, max_iter=60)
    with course_style():
        save(plots.plot_fit(x, y, 1.2, 2.5).ax.figure, "fit_residuals")
        for azim in (-125, -35, 55, 145):
            save(plots.plot_loss_surface(x, y, path=run.path, losses=run.losses, azim=azim).ax.figure,
                 f"bowl_path_azim{azim}")
        save(plots.plot_contour(x, y, path=run.path).ax.figure, "contour_path")
        w, b = lr.fit_closed_form(x, y)
        save(plots.plot_loss_curve(run.losses, minimum=lr.mse(y, w[0] * x + b)).ax.figure, "loss_curve")
        save(plots.plot_gradient_field(xc, 2 * xc + 1).fig, "gradient_field_mse_rmse")
        save(plots.plot_loss_surfaces(x, y).fig, "surfaces_mse_mae_rmse")
        rng = np.random.default_rng(0)
        X = np.column_stack([rng.normal(0, 1, 200), rng.normal(0, 12, 200)])
        save(plots.plot_scaling_bowls(X, X @ [3.0, 0.5] + rng.normal(size=200),
                                      feature_names=("x₁ (sd 1)", "x₂ (sd 12)")).fig, "scaling_bowls")
        save(plots.plot_gradient_norms(xc, 2 * xc + 1).ax.figure, "gradient_norms")
        save(nist_digits(), "nist_digits")
        fig = plots.plot_learning_rate_scale(x, 0.06).ax.figure
        fig.set_size_inches(6, 1.4)
        save(fig, "learning_rate_scale")


def nist_digits():
    """Digits each closed-form method gets right on the 11 NIST StRD problems (log relative error)."""
    names = lr.nist_names()
    methods = ["normal", "qr", "svd", "auto"]
    digits = np.zeros((len(methods), len(names)))
    for j, name in enumerate(names):
        X, y, cert = lr.load_nist(name)
        for i, method in enumerate(methods):
            w, b = lr.fit_closed_form(X, y, method=method, fit_intercept=cert["intercept"])
            est = np.append(b, w) if cert["intercept"] else w
            err = np.abs(est - cert["beta"]) / np.abs(cert["beta"])
            digits[i, j] = np.clip(-np.log10(np.maximum(err.max(), 1e-15)), 0, 15)
    fig, ax = plt.subplots(figsize=(8.3, 3.8), layout="constrained")
    width = 0.2
    hatches = ["", "//", "..", "xx"]
    colors = [COLORS[k] for k in ("residual", "monotone", "optimum", "data")]
    for i, method in enumerate(methods):
        ax.bar(np.arange(len(names)) + (i - 1.5) * width, digits[i], width, label=method, color=colors[i],
               hatch=hatches[i], edgecolor="black", linewidth=0.4)
    ax.axhline(7, color=COLORS["fit"], ls="--", lw=1.2, label="target: 7 digits")
    ax.set_xticks(np.arange(len(names)), names, rotation=30, ha="right")
    ax.set_ylabel("correct digits (LRE)")
    ax.set_ylim(0, 15.5)
    ax.set_title("fit_closed_form on the NIST StRD problems: digits that agree with the certified values")
    ax.legend(ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.28), fontsize=8)
    return fig


#: README thumbnails: 340 px wide, shown at that size, text of at least 7.5 pt (10.4 px at 100 dpi).
THUMB_SIZE = (3.4, 2.5)
THUMB_RC = {"font.size": 8, "axes.titlesize": 8.5, "axes.labelsize": 8, "xtick.labelsize": 7.5,
            "ytick.labelsize": 7.5, "legend.fontsize": 7.5}


def thumb(draw, name):
    """Draw a README thumbnail with ``draw(ax)`` and check its text size before saving it."""
    with course_style(), matplotlib.rc_context(THUMB_RC):
        fig, ax = plt.subplots(figsize=THUMB_SIZE, layout="constrained")
        draw(ax)
        small = smallest_text_px(fig)
        assert small >= MIN_TEXT_PX, f"{name}: text of {small:.1f} px"
        save(fig, name)


def thumbnails():
    x, y = lr.make_line_data(n=30, seed=0)
    xc, _ = lr.make_line_data(n=30, x_range=(-2.5, 2.5), seed=0)

    def fit(ax):
        drawn = plots.plot_fit(x, y, 1.2, 2.5, ax=ax, x_label="hours studied", y_label="score")
        drawn.ax.legend(loc="upper left")
        ax.set_title("a line and its residuals")

    def outlier(ax):
        y_moved = y.copy()
        far = int(np.argmax(x))
        y_moved[far] += 6 * y.std()
        ends = np.array([x.min(), x.max()])
        (w1,), b1 = lr.fit_closed_form(x, y_moved)
        (w2,), b2 = fit_mae(x, y_moved)
        ax.scatter(x, y_moved, s=12, color=COLORS["data"])
        ax.scatter(x[far], y_moved[far], marker="D", s=40, color=COLORS["test"], edgecolor="black", zorder=3,
                   label="moved point")
        ax.plot(ends, w1 * ends + b1, color=COLORS["mse"], lw=2, label="MSE line")
        ax.plot(ends, w2 * ends + b2, color=COLORS["mae"], lw=2, ls="--", label="MAE line")
        ax.set(xlabel="x", ylabel="y", title="one outlier pulls the MSE line only")
        ax.legend(loc="upper left")

    def norms(ax):
        plots.plot_gradient_norms(xc, 2 * xc + 1, ax=ax)
        ax.set_title("perfect fit: ‖∇RMSE‖ never shrinks")

    def contour(ax):
        run = lr.gradient_descent(x, y, 0.7 * lr.stability_limit(x), w0=[-1.0], b0=6.0, max_iter=60)
        plots.plot_contour(x, y, path=run.path, ax=ax, resolution=80)
        ax.set_title("descent on the MSE bowl")

    def digits(ax):
        rng = np.random.default_rng(0)
        x1, noise = rng.uniform(0, 10, 100), rng.standard_normal(100)
        deltas = np.logspace(0, -8, 17)
        found = {"normal equations": [], "QR": []}
        for delta in deltas:
            A = lr.add_intercept(np.column_stack([x1, x1 + delta * noise]))
            target = A @ np.array([2.0, 3.0, 1.0])
            normal = np.linalg.solve(A.T @ A, A.T @ target)
            w, b = lr.fit_closed_form(A[:, :2], target, method="qr")
            for key, est in (("normal equations", normal), ("QR", np.append(w, b))):
                err = np.max(np.abs(est - [2.0, 3.0, 1.0]) / [2.0, 3.0, 1.0])
                found[key].append(np.clip(-np.log10(max(err, 1e-16)), 0, 16))
        ax.semilogx(deltas, found["normal equations"], "s--", color=COLORS["fit"], ms=3, label="normal equations")
        ax.semilogx(deltas, found["QR"], "o-", color=COLORS["monotone"], ms=3, label="QR")
        ax.invert_xaxis()
        ax.set(xlabel="δ (columns nearly equal →)", ylabel="correct digits", ylim=(0, 16.5),
               title="near-collinear columns: QR keeps more digits")
        ax.legend(loc="lower left")

    def houses(ax):
        model = lr.widgets.house_price_model(["sqft_living", "grade", "lat", "long", "bathrooms", "view"])
        shown = model["pred_val"] > 0
        ax.scatter(model["y_val"][shown] / 1e3, model["pred_val"][shown] / 1e3, s=2,
                   alpha=lr.style.CLOUD_ALPHA, color=COLORS["data"], rasterized=True)
        ax.plot([80, 8000], [80, 8000], color=COLORS["fit"], ls="--", lw=1.5, label="perfect prediction")
        ax.set(xscale="log", yscale="log", xlim=(80, 8000), ylim=(80, 8000), xlabel="actual (thousand USD)",
               ylabel="predicted (thousand USD)", title="house prices: validation sales")
        ax.legend(loc="upper left")

    def sgd(ax):
        xs, ys = lr.make_line_data(n=200, x_range=(-2.5, 2.5), seed=1)
        (w,), b = lr.fit_closed_form(xs, ys)
        best = lr.mse(ys, w * xs + b)
        one = lr.stability_limit(xs) / 2
        for m, colour, dash in ((4, COLORS["fit"], "-"), (32, COLORS["data"], "--")):
            r = lr.sgd(xs, ys, 0.5 * one, batch_size=m, epochs=10, random_state=0, w0=[-1.0], b0=6.0)
            steps = np.arange(r.losses.size) / -(-200 // m)
            ax.semilogy(steps, r.losses - best + 1e-12, color=colour, ls=dash, lw=1.2, label=f"batch size {m}")
        ax.set(xlabel="epoch", ylabel="MSE − least MSE", title="SGD: a noise floor ∝ η / batch size", ylim=(1e-5, 1e2))
        ax.legend(loc="upper right")

    def ridge(ax):
        names = ("sqft_living", "grade", "bathrooms", "view", "lat")
        X, price = lr.load_houses(names)
        Z = lr.standardize(X)[0]
        alphas = np.logspace(-1, 6, 50)
        path_w, _ = lr.ridge_path(Z, price / 1e3, alphas)
        for j, (name, dash) in enumerate(zip(names, ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1))), strict=True)):
            ax.semilogx(alphas, path_w[:, j], ls=dash, lw=1.5, label=name)
        ax.axhline(0, color="black", lw=0.6)
        ax.set(xlabel="α (log scale)", ylabel="weight (k USD per sd)", title="ridge shrinks every weight")
        ax.legend(loc="upper right", ncols=2, fontsize=7.5)

    for name, draw in (("ch1", fit), ("ch2", outlier), ("ch3", norms), ("ch4", contour), ("ch5", digits),
                       ("ch6", houses), ("ch7", sgd), ("ch8", ridge)):
        thumb(draw, f"thumb_{name}")


def apps():
    x, y = lr.make_line_data(n=30, seed=0)
    xc, yc = lr.make_line_data(n=30, x_range=(-2.5, 2.5), seed=0)
    xs, ys = lr.make_line_data(n=200, x_range=(-2.5, 2.5), seed=1)
    settings = {
        "fit_by_hand": (widgets.FitByHand(x, y), "w", [0.0, 1.0, 2.03]),
        "learning_rate_explorer": (widgets.LearningRateExplorer(x, y, steps=100), "learning_rate", None),
        "loss_explorer": (widgets.LossExplorer(x, y), "outlier", [0.0, 3.0, 6.0]),
        "gradient_comparison": (widgets.GradientComparison(xc, yc), "data", ["perfect fit", "noisy", "perfect fit"]),
        "conditioning_explorer": (widgets.ConditioningExplorer(), "scale", [1.0, 3.0, 10.0]),
        "feature_picker": (widgets.FeaturePicker(), "features",
                           [("bedrooms", "bathrooms", "floors"), ("sqft_living", "bedrooms", "bathrooms", "floors"),
                            ("sqft_living", "grade", "lat", "long", "view", "waterfront", "yr_built")]),
        "sgd_explorer": (widgets.SGDExplorer(xs, ys, units="points"), "batch_size", [4, 32, 200]),
        "momentum_explorer": (widgets.MomentumExplorer(step_size="η*", momentum=0.67), "momentum", [0.67, 0.9, 0.95]),
        "degree_explorer": (widgets.DegreeExplorer(), "degree", [1, 4, 12]),
        "ridge_explorer": (widgets.RidgeExplorer(), "alpha", [17.29, 1729.0, 172900.0]),
    }
    explorer = settings["learning_rate_explorer"][0]
    one = explorer.limits[0]
    settings["learning_rate_explorer"] = (explorer, "learning_rate", [0.9 * one, 1.5 * one, 2.3 * one])
    for name, (app, attr, values) in settings.items():
        for i, value in enumerate(values, start=1):
            getattr(app, attr).value = value
            app.save_png(OUT / f"app_{name}_{i}.png")
            print(f"{name} {i}: {app.status}")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    figures()
    thumbnails()
    apps()
