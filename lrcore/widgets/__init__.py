"""The course's interactive apps, one class each, drivable without a browser.

Every app draws on its own matplotlib ``Figure`` (never pyplot, so nothing is
shown twice and no global figure list grows) and shows it as a PNG in a
``Picture`` whose text alternative follows the app's state. It exposes its
controls as attributes, ``.status`` (one line of text; in the page also a polite
live region that speaks once the status has rested for half a second), ``.figure``, ``.widget`` (the box to display) and, where it runs
descent, ``.result``. Setting a control's ``.value`` in plain Python updates
all of them before the assignment returns.

Controls (``_controls.py``, drawn by ``_controls.js`` through anywidget) keep
ipywidgets' Python interface but are plain, accessible HTML: a named range
input whose value a screen reader hears as the readout (η itself, not its
exponent), named toggle groups with ``aria-pressed``.

Speed: an app draws its static background (surfaces, contours, axes) once,
keeps it as a pixel buffer, and on a slider move restores it and draws only the
artists that changed (blitting), sent as a 256-colour palette PNG (about a
third of the bytes of a true-colour one). A dragged slider sends its position
at most every 40 ms and the exact one on release; a key press sends at once.
The first move is drawn at once, and moves that arrive while a frame is being
drawn join the next one, so a drag or a held-down arrow key never queues a
backlog of stale frames; results and status follow every move, and the last
frame shows the last move. A slider never sends back a value that code set.

Displaying an app shows the live widget where a kernel runs and carries a PNG
of its current frame for readers without one (GitHub, nbviewer, print).
"""

from __future__ import annotations

from ..houses import house_price_model  # re-exported: the model moved below the apps
from .conditioning import ConditioningExplorer
from .degree_explorer import DegreeExplorer
from .feature_picker import PICKER_FEATURES, FeaturePicker
from .fit_by_hand import FitByHand
from .gradient_comparison import GradientComparison
from .learning_rate import LearningRateExplorer
from .loss_explorer import LossExplorer
from .momentum_explorer import MomentumExplorer
from .ridge_explorer import RidgeExplorer
from .sgd_explorer import SGDExplorer

__all__ = ["FitByHand", "LearningRateExplorer", "LossExplorer", "GradientComparison", "ConditioningExplorer",
           "FeaturePicker", "PICKER_FEATURES", "house_price_model",
           "RidgeExplorer", "DegreeExplorer"]
__all__ += ["SGDExplorer", "MomentumExplorer"]
