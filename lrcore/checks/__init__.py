"""Exercise checks: run the learner's answer on reference cases and say what is wrong.

A check never raises at the learner: whatever the answer is or does (None,
text, a huge whole number, a function that raises or returns a generator, an
array of the wrong shape), the check returns one friendly verdict, a
``CheckResult``. A wrong answer that matches a mistake the chapters teach (a
flipped sign, a forgotten 1/n, the ½·MSE convention, swapped partial
derivatives, a sequential update, ...) gets its own sentence. Put the check on
the last line of a cell and Jupyter shows the verdict; tests read ``.passed``.

The machinery (reading an answer, comparing, calling the learner's function,
typed choices and values) lives in ``_core``; each chapter's checks in a module
of their own, re-exported here.
"""

from __future__ import annotations

from ._core import CheckResult, check_choice, check_function, check_value
from .gradients import check_mse_grad, check_rmse_grad
from .houses import check_beats_baseline
from .line import check_line, check_predict, check_residuals
from .losses import check_mae, check_mse, check_rmse
from .ridge import check_log_effect, check_one_hot, check_ridge, check_standard_errors
from .sgd import check_minibatch_gradient, check_momentum_step
from .step import check_step

__all__ = [
    "CheckResult", "check_function", "check_predict", "check_residuals", "check_line", "check_mse",
    "check_mae", "check_rmse", "check_mse_grad", "check_rmse_grad", "check_step", "check_choice", "check_value",
    "check_beats_baseline",
    "check_one_hot", "check_log_effect", "check_ridge", "check_standard_errors",
]
__all__ += ["check_minibatch_gradient", "check_momentum_step"]
