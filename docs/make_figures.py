"""Render every figure and every app (at three settings) to docs/figures/*.png.

Usage: .venv/bin/python docs/make_figures.py
These PNGs are for the README and for review; they are looked at, not tested.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import lrcore as lr  # noqa: E402
from lrcore import plots, widgets  # noqa: E402
from lrcore.style import course_style  # noqa: E402

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
    fig, ax = plt.subplots(figsize=(9, 3.8), layout="constrained")
    width = 0.2
    hatches = ["", "//", "..", "xx"]
    colors = ["#999999", "#56B4E9", "#E69F00", "#0072B2"]
    for i, method in enumerate(methods):
        ax.bar(np.arange(len(names)) + (i - 1.5) * width, digits[i], width, label=method, color=colors[i],
               hatch=hatches[i], edgecolor="black", linewidth=0.4)
    ax.axhline(7, color="#D55E00", ls="--", lw=1.2, label="target: 7 digits")
    ax.set_xticks(np.arange(len(names)), names, rotation=30, ha="right")
    ax.set_ylabel("correct digits (LRE)")
    ax.set_ylim(0, 15.5)
    ax.set_title("fit_closed_form on the NIST StRD problems: digits that agree with the certified values")
    ax.legend(ncol=5, loc="upper center", bbox_to_anchor=(0.5, -0.28), fontsize=8)
    return fig


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
    apps()
