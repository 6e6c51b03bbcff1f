"""The course's colours and an explicit, reversible plotting style.

The colours start from the Okabe–Ito palette, darkened where needed so that
every line and mark has at least 3:1 contrast against the white background
(WCAG 2 non-text contrast) and every pair of colours that one figure uses to
tell things apart stays at least ΔE00 = 10 apart under simulated
deuteranopia, protanopia and tritanopia (Machado 2009, severity 1). The pairs
each figure relies on are declared once in ``FIGURE_PAIRS``;
``tests/test_colors.py`` checks them. Colour is never the only cue: lines
also differ by marker or dash, bands by hatch and a direct label.

Nothing here changes matplotlib's global state on import: ``course_style()``
is a context manager.
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
from matplotlib.colors import ListedColormap

#: Colours by role (lines and marks: contrast ≥ 3:1 on white).
COLORS = {
    "data": "#0072B2",        # blue
    "fit": "#B25300",         # dark orange
    "residual": "#707070",    # grey
    "path": "#000000",        # black, with a white halo
    "start": "#009E73",       # bluish green
    "optimum": "#C88700",     # dark yellow (the star of the minimum, always with a black edge)
    "mse": "#0072B2",
    "rmse": "#B25300",
    "mae": "#009E73",
    "monotone": "#3392FF",    # light blue
    "oscillating": "#C88700",
    "diverging": "#B25300",
    "test": "#883A49",        # wine
}

#: Darker variants of the roles whose colour is too light for text (text needs ≥ 4.5:1 on white).
TEXT_COLORS = {
    "start": "#008561",
    "test": "#883A49",
    "optimum": "#8A5D00",
    "monotone": "#006FEF",
}

#: Opacity of the learning-rate bands (``plots.plot_learning_rate_scale``): the bands differ in
#: lightness as well as hue, so they stay apart under every colour-vision deficiency.
BAND_ALPHA = {"monotone": 0.25, "oscillating": 0.35, "diverging": 0.6}

#: Opacity of the dots of a scatter cloud (thousands of points): one dot alone still has 3:1 contrast on white
#: in ``COLORS["data"]``; crowded regions look solid.
CLOUD_ALPHA = 0.7

#: Face of the start marker on loss surfaces and contour maps: a hollow (white) circle with a black
#: edge, which no colour of the surface map can hide.
START_FACE = "#FFFFFF"

#: Sequential colour map for loss surfaces (perceptually uniform, colour-blind safe).
SURFACE_CMAP = "cividis"

#: Where ``CONTOUR_CMAP`` stops on cividis: the lightest contour line keeps 3:1 contrast on white.
CONTOUR_TOP = 0.55

#: Colour map for contour lines on white: cividis cut at ``CONTOUR_TOP`` (a new object, not registered).
CONTOUR_CMAP = ListedColormap(mpl.colormaps[SURFACE_CMAP](np.linspace(0.0, CONTOUR_TOP, 256)),
                              name="cividis_contour")

#: The colours each figure tells apart, by role (``"surface"``: every colour of ``SURFACE_CMAP``
#: as drawn, at 75% opacity on white). Every pair within one entry must stay apart under each
#: colour-vision deficiency; ``tests/test_colors.py`` checks them.
FIGURE_PAIRS = {
    "plots.plot_fit, chapter 1 residual signs and test residuals": ("data", "fit", "residual", "test", "start"),
    "plots.plot_loss_surface: start, path, minimum on the surface": ("path", "start_face", "optimum", "surface"),
    "plots.plot_contour: start, path, minimum": ("path", "start_face", "optimum", "contour"),
    "plots.plot_learning_rate_scale bands": ("band:monotone", "band:oscillating", "band:diverging"),
    "chapter 2 centre star": ("data", "fit", "residual", "optimum"),
    "chapter 2 / LossExplorer: data, the moved point, MSE and MAE lines": ("data", "test", "mae"),
    "chapter 2 / LossExplorer: MSE vs MAE lines": ("test", "mse", "mae"),
    "chapter 4 tangents": ("mse", "start", "test", "optimum"),
    "chapter 4 learning rates": ("residual", "mse", "oscillating", "diverging"),
    "chapter 4 learning rates, contour panels": ("path", "start_face", "optimum", "contour"),
    "chapter 4 early stopping tide": ("data", "test", "start", "fit", "residual"),
    "chapter 4 random starts": ("fit", "data", "test", "monotone", "start_face", "optimum", "path", "contour"),
    "chapter 5 methods and reference lines": ("fit", "monotone", "test", "residual"),
    "chapter 5 singular values of three data sets": ("mae", "path", "optimum", "residual"),
    "chapter 7 SGD settings": ("data", "fit", "start", "path"),
    "chapter 7 / MomentumExplorer": ("residual", "data", "fit", "optimum", "path"),
    "RidgeExplorer and chapter 8": ("residual", "optimum", "fit", "data", "mae", "test"),
    "the course's colour cycle": ("data", "fit", "mae", "optimum", "test"),
}

_RC = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "font.size": 10,
    "axes.prop_cycle": mpl.cycler(color=[COLORS[k] for k in ("data", "fit", "mae", "optimum", "test")]),
}


@contextmanager
def course_style():
    """Apply the course's matplotlib settings inside a ``with`` block only."""
    with mpl.rc_context(_RC):
        yield


def use_course_style():
    """Apply the course's matplotlib settings for the rest of the session (an explicit call, never on import)."""
    mpl.rcParams.update(_RC)
