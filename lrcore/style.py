"""The course's colours and an explicit, reversible plotting style.

Colours are the Okabe–Ito palette, which stays distinguishable under the
common forms of colour blindness; every figure also tells lines apart by
marker or line style, never by colour alone. Nothing here changes matplotlib's
global state on import: ``course_style()`` is a context manager.
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib as mpl

#: Okabe–Ito colours by role.
COLORS = {
    "data": "#0072B2",        # blue
    "fit": "#D55E00",         # vermillion
    "residual": "#999999",    # grey
    "path": "#000000",        # black, with a white halo
    "start": "#009E73",       # bluish green
    "optimum": "#E69F00",     # orange
    "mse": "#0072B2",
    "rmse": "#D55E00",
    "mae": "#009E73",
    "monotone": "#56B4E9",    # sky blue
    "oscillating": "#E69F00",
    "diverging": "#D55E00",
    "test": "#CC79A7",        # reddish purple
}

#: Sequential colour map for loss surfaces (perceptually uniform, colour-blind safe).
SURFACE_CMAP = "cividis"

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
    "axes.prop_cycle": mpl.cycler(color=[COLORS[k] for k in ("data", "fit", "mae", "optimum", "test", "monotone")]),
}


@contextmanager
def course_style():
    """Apply the course's matplotlib settings inside a ``with`` block only."""
    with mpl.rc_context(_RC):
        yield


def use_course_style():
    """Apply the course's matplotlib settings for the rest of the session (an explicit call, never on import)."""
    mpl.rcParams.update(_RC)
