"""Exercise checks: run the learner's answer on reference cases and say what is wrong.

A check never raises at the learner: whatever the answer is or does (None,
text, a huge whole number, a function that raises or returns a generator, an
array of the wrong shape), the check returns one friendly verdict, a
``CheckResult``. A wrong answer that matches a mistake the chapters teach (a
flipped sign, a forgotten 1/n, the ½·MSE convention, swapped partial
derivatives, a sequential update, ...) gets its own sentence. Put the check on
the last line of a cell and Jupyter shows the verdict; tests read ``.passed``.
"""

from __future__ import annotations

import copy
import dis
import functools
import inspect
import math
import numbers
import re
import sys
import types
import unicodedata
from dataclasses import dataclass

import numpy as np

from .closed_form import fit_closed_form, pinv_svd
from .losses import mae, mse, rmse

__all__ = [
    "CheckResult", "check_function", "check_predict", "check_residuals", "check_line", "check_mse",
    "check_mae", "check_rmse", "check_mse_grad", "check_rmse_grad", "check_step", "check_choice", "check_value",
    "check_beats_baseline",
]


@dataclass(frozen=True)
class CheckResult:
    """The verdict of a check: ``passed`` and the ``message`` shown to the learner.

    ``bool(result)`` is ``passed``; ``repr(result)`` is the message, so a check
    on the last line of a cell shows it.
    """

    passed: bool
    message: str

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return self.message


def _verdict(passed, message):
    return CheckResult(bool(passed), ("✔ " if passed else "✘ ") + message)


def _never_raises(check):
    """Wrap a public check: numpy warnings silenced, and any surprise becomes a ✘ verdict, not a traceback.

    The arguments are still bound first, so a check called with a wrong keyword
    (a mistake in the chapter, not in the learner's answer) raises as usual.
    """
    signature = inspect.signature(check)

    @functools.wraps(check)
    def wrapper(*args, **kwargs):
        signature.bind(*args, **kwargs)
        try:
            with np.errstate(all="ignore"):
                return check(*args, **kwargs)
        except Exception as exc:  # a last safety net: the checks below are written not to get here
            name = kwargs.get("name") or check.__name__.removeprefix("check_")
            return _verdict(False, f"{name}: the check could not read this answer ({_exception_text(exc)}).")
    return wrapper


# ---------------------------------------------------------------------------------------------------------------
# Reading an answer: numbers, or a short description of why it is not one
# ---------------------------------------------------------------------------------------------------------------

_MAX_DEPTH = 20


def _short(text, limit=60):
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _safe_repr(value, limit=60):
    try:
        return _short(repr(value), limit)
    except Exception:
        return f"a {type(value).__name__}"


def _exception_text(exc):
    try:
        text = str(exc)
    except Exception:
        text = ""
    return f"{type(exc).__name__}: {_short(text, 120)}" if text else type(exc).__name__


def _huge_int_text(value):
    digits = int(abs(value).bit_length() * math.log10(2)) + 1
    return (f"a whole number with about {digits} digits, too large for the computer's numbers "
            "(they stop near 1.8e308)")


_CURRENCY = "$£€"
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?")


def _parse_number(text):
    """The number a learner typed as text ("2.5", " 1e-3 ", "$200,240", "−0.5"), or None."""
    s = unicodedata.normalize("NFKC", str(text)).strip().replace("−", "-").replace(" ", "")
    s = s.lstrip(_CURRENCY) if not s.startswith(("-", "+")) else s[0] + s[1:].lstrip(_CURRENCY)
    if _THOUSANDS.fullmatch(s):
        s = s.replace(",", "")
    try:
        return float(s)
    except (ValueError, OverflowError):
        return None


class _NotNumbers(Exception):
    """Raised inside ``_as_real`` with the learner-facing description of a value that is not numbers."""


def _as_real(value, *, text=False, _depth=0):
    """The numbers in ``value`` as a float ndarray, and whether any were single precision.

    Raises ``_NotNumbers`` with a short description (in the learner's words)
    when ``value`` is not real numbers: None, the ``...`` placeholder, text
    (unless ``text`` is true and it reads as a number), True/False, complex
    numbers, whole numbers too large for a float, generators, functions,
    dicts, or lists whose pieces have different shapes.
    """
    if _depth > _MAX_DEPTH:
        raise _NotNumbers("a list nested too deeply")
    if value is None:
        raise _NotNumbers("None (did you forget to return the result?)")
    if value is Ellipsis:
        raise _NotNumbers("... (the ellipsis, the placeholder: replace it with your code)")
    if isinstance(value, (bool, np.bool_)):
        raise _NotNumbers(f"{bool(value)} (a yes/no value, not a number)")
    if isinstance(value, (str, np.str_)):
        number = _parse_number(value) if text else None
        if number is None:
            how = "type the number itself" if text else "return the number itself, not str(...) or an f-string"
            raise _NotNumbers(f"the text {_safe_repr(str(value), 40)} ({how})")
        return np.asarray(number), False
    if isinstance(value, (bytes, bytearray)):
        raise _NotNumbers("bytes, not a number")
    if isinstance(value, (complex, np.complexfloating)):
        raise _NotNumbers(f"the complex number {_safe_repr(value, 40)} (the answer is a real number)")
    if isinstance(value, int) and not isinstance(value, np.integer):
        try:
            return np.asarray(float(value)), False
        except OverflowError:
            raise _NotNumbers(_huge_int_text(value)) from None
    if isinstance(value, np.ndarray):
        return _array_as_real(value, text=text, depth=_depth)
    if isinstance(value, numbers.Real):  # float, numpy scalars, Fraction, Decimal
        try:
            number = float(value)
        except (OverflowError, ValueError, TypeError):
            raise _NotNumbers(f"{_safe_repr(value, 40)}, too large for the computer's numbers") from None
        return np.asarray(number), isinstance(value, np.floating) and np.finfo(value.dtype).bits < 64
    if isinstance(value, (list, tuple)):
        return _sequence_as_real(value, text=text, depth=_depth)
    if inspect.isgenerator(value) or isinstance(value, types.GeneratorType):
        raise _NotNumbers("a generator (did you write yield instead of return, or (... for ...) "
                          "without the square brackets of a list?)")
    if isinstance(value, (dict, set, frozenset, range)) or (hasattr(value, "__next__") and hasattr(value, "__iter__")):
        raise _NotNumbers(f"a {type(value).__name__}, not numbers")
    if callable(value):
        raise _NotNumbers("a function (did you return the function itself instead of calling it?)")
    try:
        arr = np.asarray(value)
    except Exception:
        raise _NotNumbers(f"a {type(value).__name__}") from None
    if arr.dtype.kind not in "iuf":
        raise _NotNumbers(f"a {type(value).__name__}")
    return _array_as_real(arr, text=text, depth=_depth)


def _array_as_real(arr, *, text, depth):
    kind = arr.dtype.kind
    if kind in "iuf":
        return arr.astype(float), kind == "f" and arr.dtype.itemsize < 8
    if kind == "b":
        raise _NotNumbers("an array of True/False values, not numbers")
    if kind == "c":
        raise _NotNumbers("an array of complex numbers (the answer is real)")
    if kind in "US":
        if text and arr.size == 1:
            return _as_real(str(arr.reshape(-1)[0]), text=True, _depth=depth + 1)
        raise _NotNumbers("an array of text, not numbers")
    if kind == "O":
        if arr.size > 100_000:
            raise _NotNumbers("a very large array of Python objects")
        values, single = [], False
        for item in arr.reshape(-1):
            try:
                got, low = _as_real(item, text=False, _depth=depth + 1)
            except _NotNumbers as exc:
                raise _NotNumbers(f"an array holding {exc}") from None
            if got.ndim:
                raise _NotNumbers("an array of arrays (pieces of different shapes)")
            values.append(float(got))
            single = single or low
        return np.asarray(values, dtype=float).reshape(arr.shape), single
    raise _NotNumbers(f"an array of {arr.dtype}, not numbers")


def _sequence_as_real(value, *, text, depth):
    kind = type(value).__name__
    if len(value) > 100_000:
        arr = np.asarray(value, dtype=object)
        return _array_as_real(arr if arr.ndim else arr.reshape(1), text=False, depth=depth)
    parts, single = [], False
    for item in value:
        try:
            got, low = _as_real(item, text=False, _depth=depth + 1)
        except _NotNumbers as exc:
            raise _NotNumbers(f"a {kind} holding {exc}") from None
        parts.append(got)
        single = single or low
    if not parts:
        return np.empty(0), False
    if any(p.shape != parts[0].shape for p in parts):
        raise _NotNumbers(f"a {kind} of pieces with different shapes")
    return np.stack(parts), single


def _describe(value):
    """A short description of any value: its numbers, or what it is instead."""
    try:
        arr, _ = _as_real(value)
    except _NotNumbers as exc:
        return str(exc)
    return _show_numbers(arr)


def _show_numbers(arr):
    if arr.ndim == 0:
        return f"{float(arr):.6g}"
    if arr.size == 0:
        return f"an empty array (shape {arr.shape})"
    return f"an array of shape {arr.shape}: {np.array2string(arr, precision=4, threshold=6)}"


def _show_input(arg):
    if isinstance(arg, np.ndarray) and arg.ndim:
        return f"an array of shape {arg.shape}"
    if isinstance(arg, tuple) and all(isinstance(a, int) for a in arg):
        return repr(arg)
    return _describe(arg)


# ---------------------------------------------------------------------------------------------------------------
# Comparing an answer with the expected one
# ---------------------------------------------------------------------------------------------------------------

def _tolerances(expected, rtol, single):
    atol = rtol * 1e-3
    if single:  # float32 has about 7 digits: accept what it can hold
        scale = float(np.max(np.abs(expected))) if expected.size else 0.0
        rtol, atol = max(rtol, 1e-5), max(atol, 1e-5 * scale)
    return rtol, atol


def _allclose(got, expected, rtol, single):
    rtol, atol = _tolerances(expected, rtol, single)
    return bool(np.allclose(got, expected, rtol=rtol, atol=atol))


def _is_pair(expected):
    return isinstance(expected, (tuple, list))


def _parts_as_flat(value):
    """A tuple/list of numbers or arrays (a pair like (dw, db)) as one flat array of all its numbers."""
    if isinstance(value, (tuple, list)):
        flats, single = [], False
        for k, part in enumerate(value):
            try:
                arr, low = _as_real(part)
            except _NotNumbers as exc:
                raise _NotNumbers(f"a {type(value).__name__} whose part {k + 1} is {exc}") from None
            flats.append(arr.reshape(-1))
            single = single or low
        return (np.concatenate(flats) if flats else np.empty(0)), single
    arr, single = _as_real(value)
    return arr.reshape(-1), single


def _difference(got, expected, rtol):
    """None when ``got`` is the same answer as ``expected``, else what ``got`` is, in words.

    Same answer: the same numbers within ``rtol``, in the same shape. A pair
    (tuple/list) may come back as a tuple, a list or an array of the same
    numbers; a single number may come back in a one-element list or array.
    """
    if _is_pair(expected):
        want, _ = _parts_as_flat(expected)
        try:
            have, single = _parts_as_flat(got)
        except _NotNumbers as exc:
            return f"you returned {exc}"
        if have.size != want.size:
            return f"you returned {have.size} numbers ({_describe(got)}), expected {want.size}"
        if _allclose(have, want, rtol, single):
            return None
        return f"you returned {_show_numbers(have)}, expected {_show_numbers(want)}"
    want, _ = _as_real(expected)
    try:
        have, single = _as_real(got)
    except _NotNumbers as exc:
        return f"you returned {exc}"
    if want.ndim == 0:
        if have.size != 1:
            return f"you returned {_show_numbers(have)}, expected one number, {_show_numbers(want)}"
        have = have.reshape(())
    elif have.shape != want.shape:
        if have.size == want.size and _allclose(have.reshape(want.shape), want, rtol, single):
            column = " (a column instead of a flat array)" if have.shape == want.shape + (1,) else ""
            return (f"you returned the right numbers in the wrong shape: {have.shape} instead of {want.shape}"
                    f"{column}; keep the shape of the inputs (no reshape, no [:, None])")
        return f"you returned {_show_numbers(have)}, expected shape {want.shape}"
    if _allclose(have, want, rtol, single):
        return None
    return f"you returned {_show_numbers(have)}, expected {_show_numbers(want)}"


def _same(got, expected, rtol):
    try:
        return _difference(got, expected, rtol) is None
    except _NotNumbers:
        return False


# ---------------------------------------------------------------------------------------------------------------
# Calling the learner's function
# ---------------------------------------------------------------------------------------------------------------

def _copied(args):
    """Fresh copies of the case's arguments, so a function that changes its inputs cannot spoil later cases."""
    try:
        return copy.deepcopy(args)
    except Exception:
        return args


def _not_a_function(func, name):
    try:
        _as_real(func)
        got = _describe(func)
    except _NotNumbers as exc:
        got = str(exc)
    if func is None:
        got = "None (the placeholder)"
    return _verdict(False, f"{name}: expected a function (def ...), got {got}.")


_INVERSE_ATTRIBUTES = {"inv": "np.linalg.inv", "pinv": "np.linalg.pinv", "pinv_svd": "lr.pinv_svd",
                       "I": "np.matrix(...).I"}


def _inverse_functions():
    """The library functions that form an inverse (those of scipy only if the learner imported it)."""
    found = {np.linalg.inv: "np.linalg.inv", np.linalg.pinv: "np.linalg.pinv", pinv_svd: "lr.pinv_svd"}
    scipy_linalg = sys.modules.get("scipy.linalg")
    for attr in ("inv", "pinv"):
        f = getattr(scipy_linalg, attr, None)
        if f is not None:
            found[f] = f"scipy.linalg.{attr}"
    return found


def _code_objects(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


def _inverse_in_code(func):
    """The name of an inverse the function's code uses (directly or in a helper it calls), or None.

    Reads the bytecode, not the text: an attribute ``.inv``, ``.pinv`` or
    ``.I`` (``np.linalg.inv(G)``, ``la.pinv(G)``, ``np.matrix(G).I``), or a
    global name bound to an inverse (``from numpy.linalg import inv``). Helpers
    the learner wrote and the function calls are read too. Comments, strings and
    local variables named ``inv`` do not count.
    """
    inverses = _inverse_functions()
    seen = set()

    def scan(f, depth):
        f = getattr(f, "__func__", f)
        while isinstance(f, functools.partial):
            f = f.func
        code = getattr(f, "__code__", None)
        if not isinstance(code, types.CodeType) or id(code) in seen or depth > 5:
            return None
        seen.add(id(code))
        env = dict(getattr(f, "__globals__", {}))
        for cell_name, cell in zip(code.co_freevars, getattr(f, "__closure__", None) or (), strict=False):
            try:
                env[cell_name] = cell.cell_contents
            except ValueError:
                pass
        for co in _code_objects(code):
            for ins in dis.get_instructions(co):
                if ins.opname in ("LOAD_ATTR", "LOAD_METHOD") and ins.argval in _INVERSE_ATTRIBUTES:
                    return _INVERSE_ATTRIBUTES[ins.argval]
                if ins.opname in ("LOAD_GLOBAL", "LOAD_NAME", "LOAD_DEREF") and isinstance(ins.argval, str):
                    target = env.get(ins.argval)
                    try:
                        if target in inverses:
                            return inverses[target]
                    except TypeError:  # an unhashable global
                        continue
                    if isinstance(target, types.FunctionType) and target.__module__ == getattr(f, "__module__", None):
                        found = scan(target, depth + 1)
                        if found:
                            return found
        return None

    try:
        return scan(func, 0)
    except Exception:
        return None


class _WatchInverses:
    """While active, note every call of np.linalg.inv / np.linalg.pinv (and scipy's, if loaded)."""

    def __init__(self, active):
        self.active, self.used, self._saved = active, None, []

    def __enter__(self):
        if not self.active:
            return self
        modules = [(np.linalg, "np.linalg")]
        if "scipy.linalg" in sys.modules:
            modules.append((sys.modules["scipy.linalg"], "scipy.linalg"))
        for module, label in modules:
            for attr in ("inv", "pinv"):
                original = getattr(module, attr, None)
                if original is None:
                    continue
                self._saved.append((module, attr, original))
                setattr(module, attr, self._recorder(original, f"{label}.{attr}"))
        return self

    def _recorder(self, original, label):
        @functools.wraps(original)
        def recorded(*args, **kwargs):
            self.used = self.used or label
            return original(*args, **kwargs)
        return recorded

    def __exit__(self, *exc):
        for module, attr, original in reversed(self._saved):
            setattr(module, attr, original)
        self._saved.clear()
        return False


def _inverse_verdict(name, used):
    return _verdict(False, f"{name}: your function forms an inverse ({used}). The exercise asks for "
                           "np.linalg.solve(G, c): it solves G·θ = c directly, which is faster and loses fewer "
                           "digits than computing G⁻¹ and multiplying. (The check reads your function's code and "
                           "watches np.linalg.inv and pinv while it runs.)")


def _run(func, cases, *, watch_inverse=False):
    """Call ``func`` on copies of every case: (results, None, inverse used) or (None, (case, exception), ...)."""
    results = []
    with _WatchInverses(watch_inverse) as watch:
        for case in cases:
            try:
                results.append(func(*_copied(case)))
            except Exception as exc:  # the learner's code may raise anything
                return None, (case, exc), watch.used
    return results, None, watch.used


# ---------------------------------------------------------------------------------------------------------------
# The generic check
# ---------------------------------------------------------------------------------------------------------------

@_never_raises
def check_function(func, reference, cases, *, name, hint="", rtol=1e-6, mistakes=(), no_inverse=False):
    """Compare ``func(*case)`` with ``reference(*case)`` on every case.

    Parameters
    ----------
    func : callable
        The learner's function. Each call gets fresh copies of the case's
        arguments.
    reference : callable
        The correct function.
    cases : list of tuple
        Argument tuples; the first failing case is shown.
    name : str
        What the function computes, for the message.
    hint : str
        Shown when the answer is wrong and matches no known mistake.
    rtol : float
        Relative tolerance. A float32 answer is compared to 1e-5.
    mistakes : sequence of (callable, str)
        Known wrong answers: when ``func`` returns what ``mistake(*case)``
        returns on every case, its sentence is shown instead of the generic
        "expected ...".
    no_inverse : bool
        The exercise forbids an inverse: fail, saying why, if the function
        uses ``np.linalg.inv``, ``np.linalg.pinv``, ``lr.pinv_svd`` or
        ``scipy.linalg.inv`` (found in its bytecode, or called while it runs).

    Returns
    -------
    CheckResult
        Passed, or the first thing that is wrong; never raises for any ``func``.
    """
    if not callable(func):
        return _not_a_function(func, name)
    if no_inverse and (used := _inverse_in_code(func)):
        return _inverse_verdict(name, used)
    cases = list(cases)
    expected = [reference(*_copied(case)) for case in cases]
    results, failure, used = _run(func, cases, watch_inverse=no_inverse)
    if used:
        return _inverse_verdict(name, used)
    if failure:
        _, exc = failure
        return _verdict(False, f"{name}: your function raised {_exception_text(exc)}. {hint}".strip())
    differences = [_difference(got, want, rtol) for got, want in zip(results, expected, strict=True)]
    if not any(differences):
        return _verdict(True, f"{name}: correct on all {len(cases)} test cases.")
    for mistake, sentence in mistakes:
        try:
            if all(_same(got, mistake(*_copied(case)), rtol) for got, case in zip(results, cases, strict=True)):
                return _verdict(False, f"{name}: {sentence}")
        except Exception:  # a mistake that does not apply to these cases
            continue
    k = next(i for i, d in enumerate(differences) if d)
    shown = ", ".join(_show_input(a) for a in cases[k])
    placeholder = results[k] is None or results[k] is Ellipsis
    wrong_numbers = "the right numbers" not in differences[k] and _holds_numbers(results[k])
    hint = hint if placeholder or wrong_numbers else ""  # a formula hint does not help with a shape or a string
    return _verdict(False, f"{name}: for inputs ({shown}) {differences[k]}. {hint}".strip())


def _holds_numbers(value):
    """Whether ``value`` holds numbers (so a hint about the formula helps), rather than text, a generator, ..."""
    try:
        _parts_as_flat(value)
    except _NotNumbers:
        return False
    return True


# ---------------------------------------------------------------------------------------------------------------
# Chapter 1: predict, residuals, a line by hand
# ---------------------------------------------------------------------------------------------------------------

def _cases(seed=0, n_cases=4):
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n_cases):
        n = 3 + 4 * k
        x = rng.uniform(-3, 5, n)
        y = 2.0 * x - 1.0 + rng.normal(0, 1, n)
        out.append((x, y, float(rng.uniform(-2, 3)), float(rng.uniform(-2, 2))))
    return out


@_never_raises
def check_predict(func):
    """Check the learner's ``predict(x, w, b)``, ŷ = w·x + b for a whole array ``x``.

    Returns
    -------
    CheckResult
    """
    cases = [(x, w, b) for x, _, w, b in _cases(1)]
    mistakes = [
        (lambda x, w, b: w * x, "you left out b: ŷ = w·x + b (b lifts the whole line)."),
        (lambda x, w, b: b * x + w, "w and b are swapped: w multiplies x, b is added (ŷ = w·x + b)."),
        (lambda x, w, b: w * (x + b), "the brackets are off: ŷ = w·x + b adds b after multiplying, not w·(x + b)."),
    ]
    return check_function(func, lambda x, w, b: w * x + b, cases, name="predict(x, w, b)", mistakes=mistakes,
                          hint="Hint: ŷ = w·x + b for every x at once (numpy arrays add and multiply element-wise).")


@_never_raises
def check_residuals(func):
    """Check the learner's ``residuals(x, y, w, b)`` = ŷ − y (prediction minus truth).

    Returns
    -------
    CheckResult
    """
    mistakes = [
        (lambda x, y, w, b: y - (w * x + b),
         "your signs are flipped. This course uses r = ŷ − y (prediction minus truth), so a line above a "
         "point gives r > 0."),
        (lambda x, y, w, b: (w * x + b - y) ** 2, "those are the squared residuals r²; a residual keeps its sign: "
                                                  "r = ŷ − y."),
        (lambda x, y, w, b: np.abs(w * x + b - y), "those are |r|, the sizes only; a residual keeps its sign: "
                                                   "r = ŷ − y."),
        (lambda x, y, w, b: w * x - y, "you left out b: ŷ = w·x + b, so r = w·x + b − y."),
    ]
    return check_function(func, lambda x, y, w, b: w * x + b - y, _cases(2), name="residuals(x, y, w, b)",
                          mistakes=mistakes, hint="Hint: r = (w·x + b) − y.")


def _read_number(value, what):
    """(float, None) for one real number in any form ("2.5", [2.5], np.float32(2.5)); (None, why not) otherwise."""
    try:
        arr, _ = _as_real(value, text=True)
    except _NotNumbers as exc:
        return None, f"{what} = {exc}"
    if arr.size != 1:
        return None, f"{what} = {_show_numbers(arr)}, not one number"
    return float(arr.reshape(-1)[0]), None


@_never_raises
def check_line(x, y, w, b, *, within=0.10):
    """Is the line (w, b) within ``within`` (10%) of the least MSE on (x, y)?

    On a perfect fit (least MSE 0) a slider cannot land exactly on the line, so
    an MSE below 0.1% of the variance of y also passes.

    Parameters
    ----------
    x, y : array_like
        The data of the exercise.
    w, b : float
        The learner's slope and intercept, in any form of one number
        (2.0, np.float32(2.0), [2.0], "2.0").
    within : float
        How far above the least MSE still passes, as a fraction.

    Returns
    -------
    CheckResult
    """
    w_value, w_problem = _read_number(w, "w")
    b_value, b_problem = _read_number(b, "b")
    if w_problem or b_problem:
        return _verdict(False, "Give w and b as numbers, got " + "; ".join(filter(None, (w_problem, b_problem)))
                        + ".")
    if not (math.isfinite(w_value) and math.isfinite(b_value)):
        return _verdict(False, f"Give w and b as finite numbers, got w = {w_value}, b = {b_value}.")
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    best_w, best_b = fit_closed_form(x, y)
    best = mse(y, best_w[0] * x + best_b)
    yours = mse(y, w_value * x + b_value)
    if yours <= (1 + within) * best or yours <= 1e-3 * float(np.var(y)):
        closeness = f"within {yours / best - 1:.1%} of" if best > 0 else "as good as"
        return _verdict(True, f"Your line has MSE {yours:.4g}, {closeness} the best possible {best:.4g}.")
    return _verdict(False, f"Your line has MSE {yours:.4g}; the best possible is {best:.4g}. Move the sliders to "
                           "shrink the residuals: first b, to where the cloud starts at x = 0, then the slope w "
                           "(the line turns about its point at x = 0), then adjust both in turn.")


# ---------------------------------------------------------------------------------------------------------------
# Chapter 2: losses
# ---------------------------------------------------------------------------------------------------------------

def _sq(t, p):
    return (np.asarray(p) - np.asarray(t)) ** 2


def _ab(t, p):
    return np.abs(np.asarray(p) - np.asarray(t))


@_never_raises
def check_mse(func):
    """Check the learner's ``mse(y_true, y_pred)`` = (1/n)·Σ (ŷᵢ − yᵢ)².

    Returns
    -------
    CheckResult
    """
    cases = [(y, w * x + b) for x, y, w, b in _cases(3)]
    mistakes = [
        (lambda t, p: np.sum(_sq(t, p)), "that is the SSE, the sum of the squares: the MSE divides it by n "
                                         "(np.mean, not np.sum)."),
        (lambda t, p: np.sum(_sq(t, p)) / (len(t) - 1), "you divided by n − 1 (as for a sample variance): the MSE "
                                                        "divides by n."),
        (lambda t, p: np.mean(_sq(t, p)) / 2, "that is ½·MSE; this exercise's MSE has no ½: (1/n)·Σ rᵢ²."),
        (lambda t, p: np.sqrt(np.mean(_sq(t, p))), "that is the RMSE: the MSE stops before the square root."),
        (lambda t, p: np.mean(_ab(t, p)), "that is the MAE: square each residual instead of taking |rᵢ|."),
        (lambda t, p: np.mean(np.asarray(p) - np.asarray(t)), "you averaged the residuals without squaring them: "
                                                              "misses above and below the line cancel."),
        (lambda t, p: np.mean(np.asarray(p) - np.asarray(t)) ** 2, "you squared the mean residual: square each "
                                                                   "residual first, then take the mean."),
    ]
    return check_function(func, mse, cases, name="mse(y_true, y_pred)", mistakes=mistakes,
                          hint="Hint: square each residual, then take the mean (divide by n, not n − 1).")


@_never_raises
def check_mae(func):
    """Check the learner's ``mae(y_true, y_pred)`` = (1/n)·Σ |ŷᵢ − yᵢ|.

    Returns
    -------
    CheckResult
    """
    cases = [(y, w * x + b) for x, y, w, b in _cases(4)]
    mistakes = [
        (lambda t, p: np.mean(np.asarray(p) - np.asarray(t)), "you averaged the residuals without their absolute "
                                                              "value: misses above and below cancel. Use np.abs."),
        (lambda t, p: np.abs(np.mean(np.asarray(p) - np.asarray(t))), "you took the absolute value of the mean: "
                                                                      "take |rᵢ| of each residual first."),
        (lambda t, p: np.sum(_ab(t, p)), "that is the sum of the |rᵢ|: the MAE divides it by n (np.mean)."),
        (lambda t, p: np.mean(_sq(t, p)), "that is the MSE: take the absolute value |rᵢ|, not the square."),
        (lambda t, p: np.sqrt(np.mean(_sq(t, p))), "that is the RMSE: the MAE is the mean of the absolute values "
                                                   "|rᵢ|, no squares."),
    ]
    return check_function(func, mae, cases, name="mae(y_true, y_pred)", mistakes=mistakes,
                          hint="Hint: the mean of the absolute residuals |ŷᵢ − yᵢ| (np.abs).")


@_never_raises
def check_rmse(func):
    """Check the learner's ``rmse(y_true, y_pred)`` = √MSE, in the units of y.

    Returns
    -------
    CheckResult
    """
    cases = [(y, w * x + b) for x, y, w, b in _cases(5)]
    mistakes = [
        (lambda t, p: np.mean(_sq(t, p)), "that is the MSE: take its square root (np.sqrt) to get back to the "
                                          "units of y."),
        (lambda t, p: np.sqrt(np.sum(_sq(t, p))), "that is √SSE, the root of the sum: RMSE = √(SSE/n), the root "
                                                  "of the mean."),
        (lambda t, p: np.sqrt(np.sum(_sq(t, p))) / len(t), "you divided by n outside the square root: "
                                                           "RMSE = √(SSE/n), so n goes under the root."),
        (lambda t, p: np.sqrt(np.sum(_sq(t, p)) / (len(t) - 1)), "you divided by n − 1: RMSE = √(SSE/n)."),
        (lambda t, p: np.mean(_ab(t, p)), "that is the MAE: the RMSE squares the residuals, takes the mean, then "
                                          "the square root."),
    ]
    return check_function(func, rmse, cases, name="rmse(y_true, y_pred)", mistakes=mistakes,
                          hint="Hint: the square root of the MSE, so that it is in the units of y.")


# ---------------------------------------------------------------------------------------------------------------
# Chapter 3: gradients
# ---------------------------------------------------------------------------------------------------------------

def _true_gradient(loss, x, y, w, b):
    r = w * x + b - y
    gw, gb = 2 * float(np.mean(x * r)), 2 * float(np.mean(r))
    if loss == "rmse":
        value = math.sqrt(float(np.mean(r * r)))
        gw, gb = gw / (2 * value), gb / (2 * value)
    return gw, gb, r


def _read_pair(got):
    """(dw, db, single precision) from the learner's answer, or raise ``_NotNumbers``."""
    if isinstance(got, (tuple, list)):
        if len(got) != 2:
            raise _NotNumbers(f"a {type(got).__name__} of {len(got)} items")
        values, single = [], False
        for k, part in enumerate(got):
            try:
                arr, low = _as_real(part)
            except _NotNumbers as exc:
                raise _NotNumbers(f"a pair whose {('first', 'second')[k]} item is {exc}") from None
            if arr.size != 1:
                raise _NotNumbers(f"a pair whose {('first', 'second')[k]} item is {_show_numbers(arr)}")
            values.append(float(arr.reshape(-1)[0]))
            single = single or low
        return values[0], values[1], single
    arr, single = _as_real(got)
    if arr.size != 2:
        raise _NotNumbers(_show_numbers(arr))
    dw, db = arr.reshape(-1)
    return float(dw), float(db), single


# (label, factor as a function of n and RMSE) of a partial derivative off by a known constant
_FACTORS = {
    "mse": [("sign", lambda n, s: -1.0), ("sum", lambda n, s: n), ("half", lambda n, s: 0.5),
            ("sum", lambda n, s: -n), ("half", lambda n, s: -0.5)],
    "rmse": [("sign", lambda n, s: -1.0), ("rootsse", lambda n, s: math.sqrt(n)), ("twice", lambda n, s: 2.0),
             ("msegrad", lambda n, s: 2.0 * s), ("half", lambda n, s: 0.5), ("rootsse", lambda n, s: -math.sqrt(n)),
             ("twice", lambda n, s: -2.0), ("msegrad", lambda n, s: -2.0 * s), ("half", lambda n, s: -0.5)],
}

_FACTOR_SENTENCES = {
    "sum": "{which} n times too big: that is the gradient of the SSE, a sum; this chapter's J is MSE, so divide "
           "by n (np.mean, not np.sum).",
    "half": "{which} half the size: that is the gradient of ½·MSE; this chapter's J is MSE, so keep the 2 from "
            "d(r²)/dr = 2r.",
    "rootsse": "{which} √n times too big: that is the gradient of √SSE, the root of the sum; RMSE = √(SSE/n), so "
               "divide the MSE gradient by 2·RMSE.",
    "twice": "{which} twice the size: d√u/du = 1/(2√u), so divide the MSE gradient by 2·RMSE, not by RMSE.",
    "msegrad": "{which} still the MSE gradient: the chain rule through the square root divides it by 2·RMSE.",
    "rmse-half": "{which} half the size: start from the MSE gradient (with its 2), not ½·MSE's, and divide by "
                 "2·RMSE.",
}

_SIGN_SENTENCE = ("{which} the wrong sign: the residual is r = ŷ − y (prediction minus truth), not y − ŷ; a "
                  "flipped gradient points downhill, so descent would climb.")


def _factor_label(values, reference, factors, sizes, rmses, single):
    """The label of the constant that turns ``reference`` into ``values`` on every case ("right" for 1), or None."""
    tol = 1e-5 if single else 1e-6
    for label, factor in [("right", lambda n, s: 1.0)] + factors:
        wanted = [factor(n, s) * r for n, s, r in zip(sizes, rmses, reference, strict=True)]
        if all(math.isclose(v, e, rel_tol=tol, abs_tol=1e-9) for v, e in zip(values, wanted, strict=True)):
            sign = factor(3, 1.0) < 0
            return label, sign and label != "sign"
    return None


def _gradient_check(func, loss, name, hint_w, hint_b):
    if not callable(func):
        return _not_a_function(func, name)
    cases = _cases(6)
    results, failure, _ = _run(func, cases)
    if failure:
        return _verdict(False, f"{name}: calling it raised {_exception_text(failure[1])}")
    got, single = [], False
    for result in results:
        try:
            dw, db, low = _read_pair(result)
        except _NotNumbers as exc:
            return _verdict(False, f"{name}: expected a pair (dJ/dw, dJ/db) of numbers, got {exc}.")
        got.append((dw, db))
        single = single or low
    true = [_true_gradient(loss, *case) for case in cases]
    sizes = [len(case[0]) for case in cases]
    rmses = [math.sqrt(float(np.mean(r * r))) for _, _, r in true]
    dws, dbs = [g[0] for g in got], [g[1] for g in got]
    gws, gbs = [t[0] for t in true], [t[1] for t in true]
    factors = _FACTORS[loss]
    w_label = _factor_label(dws, gws, factors, sizes, rmses, single)
    b_label = _factor_label(dbs, gbs, factors, sizes, rmses, single)
    if w_label == ("right", False) and b_label == ("right", False):
        return _verdict(True, f"{name}: both partial derivatives match at every test point.")
    # whole-answer mistakes first
    if _factor_label(dws, gbs, [], sizes, rmses, single) and _factor_label(dbs, gws, [], sizes, rmses, single):
        return _verdict(False, f"{name}: you returned (dJ/db, dJ/dw): swap them. The pair is (dJ/dw, dJ/db), in "
                               "the order of the arguments w, b.")
    if loss == "rmse":
        mae_w = [float(np.mean(np.sign(r) * case[0])) for (_, _, r), case in zip(true, cases, strict=True)]
        mae_b = [float(np.mean(np.sign(r))) for _, _, r in true]
        if _factor_label(dws, mae_w, [], sizes, rmses, single) and _factor_label(dbs, mae_b, [], sizes, rmses, single):
            return _verdict(False, f"{name}: that is the gradient of MAE, (1/n)·Σ sign(rᵢ)·xᵢ: a factor 1/|rᵢ| per "
                                   "residual differentiates |rᵢ| term by term. The square root wraps the mean, so "
                                   "the factor is one number for all points: ∇RMSE = ∇MSE / (2·RMSE).")
        notes_b = [0.5 * float(np.sum(1 / np.abs(r))) for _, _, r in true]
        if _factor_label(dbs, notes_b, [], sizes, rmses, single):
            return _verdict(False, f"{name}: that is the notes' ½·Σ 1/|rᵢ|: the residual is missing from the top, "
                                   "the ½ should cancel the 2 of d(r²)/dr, and every term is positive, so it never "
                                   "changes sign. The chain rule gives ∇RMSE = ∇MSE / (2·RMSE).")
    sentences = []
    if w_label is None:
        published = [w * gb for (_, _, w, _), gb in zip(cases, gbs, strict=True)]
        w_label = _factor_label(dws, published, factors, sizes, rmses, single)
        if w_label is not None:
            sentences.append("your dJ/dw multiplies each residual by w where xᵢ belongs. The chain rule gives "
                             "∂(w·xᵢ + b − yᵢ)/∂w = xᵢ, so dJ/dw = (2/n)·Σ xᵢ·rᵢ.")
    sentences += _factor_sentences(loss, w_label, b_label)
    unknown = []
    x0, y0, w0, b0 = cases[0]
    if w_label is None:
        unknown.append(f"dJ/dw = {dws[0]:.6g}, expected {gws[0]:.6g}. {hint_w}")
    if b_label is None:
        unknown.append(f"dJ/db = {dbs[0]:.6g}, expected {gbs[0]:.6g}. {hint_b}")
    if unknown:
        sentences.append(f"At w = {w0:.3g}, b = {b0:.3g}: " + " ".join(unknown))
    text = " ".join(s[0].upper() + s[1:] for s in sentences)
    return _verdict(False, f"{name}: {text[0].lower()}{text[1:]}")


def _factor_sentences(loss, w_label, b_label):
    """One sentence per kind of constant-factor mistake, naming the partial derivatives it affects."""
    def parts(label):
        if label is None:
            return set()
        name, flipped = label
        out = set() if name == "right" else {name}
        return out | {"sign"} if flipped else out

    w_parts, b_parts = parts(w_label), parts(b_label)
    sentences = []
    for part in ("sign", "sum", "half", "rootsse", "twice", "msegrad"):
        where = [d for d, ps in (("dJ/dw", w_parts), ("dJ/db", b_parts)) if part in ps]
        if not where:
            continue
        which = "both partial derivatives have" if len(where) == 2 else f"your {where[0]} has"
        if part != "sign":
            which = "both partial derivatives are" if len(where) == 2 else f"your {where[0]} is"
        key = "rmse-half" if (part == "half" and loss == "rmse") else part
        template = _SIGN_SENTENCE if part == "sign" else _FACTOR_SENTENCES[key]
        sentences.append(template.format(which=which))
    return sentences


@_never_raises
def check_mse_grad(func):
    """Check the learner's ``mse_grad(x, y, w, b) -> (dJ/dw, dJ/db)`` for J = MSE and one feature.

    Names the mistakes chapter 3 teaches: w where xᵢ belongs (the published
    formula), a flipped sign, a forgotten 1/n (the SSE gradient), the ½·MSE
    convention, swapped partial derivatives.

    Returns
    -------
    CheckResult
    """
    return _gradient_check(func, "mse", "mse_grad(x, y, w, b)",
                           "Hint: (2/n)·Σ xᵢ·(ŷᵢ − yᵢ): each residual is weighted by its own xᵢ (not by w).",
                           "Hint: (2/n)·Σ (ŷᵢ − yᵢ).")


@_never_raises
def check_rmse_grad(func):
    """Check the learner's ``rmse_grad(x, y, w, b) -> (dJ/dw, dJ/db)`` for J = RMSE and one feature.

    Names the MAE gradient (a factor 1/|rᵢ| per residual), the gradient of
    √SSE, the notes' ½·Σ 1/|rᵢ|, the MSE gradient not divided by 2·RMSE, a
    flipped sign and swapped partial derivatives.

    Returns
    -------
    CheckResult
    """
    return _gradient_check(func, "rmse", "rmse_grad(x, y, w, b)",
                           "Hint: divide the MSE gradient by 2·RMSE (chain rule through the square root).",
                           "Hint: the same factor 1/(2·RMSE) applies to the b part.")


# ---------------------------------------------------------------------------------------------------------------
# Chapter 4: one step of gradient descent
# ---------------------------------------------------------------------------------------------------------------

def _grad(w, b, x, y):
    w = float(np.ravel(w)[0]) if np.ndim(w) else float(w)
    r = w * x + b - y
    return 2 * float(np.mean(x * r)), 2 * float(np.mean(r))


def _step_cases():
    return [(w, b, x, y, eta) for (x, y, w, b), eta in zip(_cases(7), (0.1, 0.05, 0.02, 0.01), strict=True)]


def _sequential_w_first(w, b, x, y, eta):
    new_w = w - eta * _grad(w, b, x, y)[0]
    return new_w, b - eta * _grad(new_w, b, x, y)[1]


def _sequential_b_first(w, b, x, y, eta):
    new_b = b - eta * _grad(w, b, x, y)[1]
    return w - eta * _grad(w, new_b, x, y)[0], new_b


def _scaled_step(scale_w, scale_b=None):
    def step(w, b, x, y, eta):
        gw, gb = _grad(w, b, x, y)
        return w - eta * scale_w(gw, gb, w, len(x)), b - eta * (scale_b or scale_w)(gb, gw, w, len(x))
    return step


_SEQUENTIAL = ("you updated one parameter, then computed the other's derivative with the new value. Both partial "
               "derivatives must come from the same old (w, b): compute dw and db first, then update both "
               "(a simultaneous update).")

_STEP_MISTAKES = [
    (_sequential_w_first, _SEQUENTIAL),
    (_sequential_b_first, _SEQUENTIAL),
    (_scaled_step(lambda g, o, w, n: -g), "you stepped uphill: the update is θ − η·∇J (minus: the gradient points "
                                          "away from the minimum)."),
    (_scaled_step(lambda g, o, w, n: g / 2), "your step is half the size: that is the gradient of ½·MSE; this "
                                             "chapter's J is MSE (lr.mse_grad includes the 2)."),
    (_scaled_step(lambda g, o, w, n: g * n), "your step is n times too big: that is the gradient of the SSE, a sum; "
                                             "this chapter's J is MSE, so divide by n."),
    (_scaled_step(lambda g, o, w, n: o), "you swapped the partial derivatives: w moves by η·dJ/dw and b by "
                                         "η·dJ/db."),
    (_scaled_step(lambda g, o, w, n: w * o, lambda g, o, w, n: g),
     "your dJ/dw multiplies each residual by w where xᵢ belongs: dJ/dw = (2/n)·Σ xᵢ·rᵢ."),
    (lambda w, b, x, y, eta: _grad(w, b, x, y), "you returned the gradient (dJ/dw, dJ/db), not the new "
                                                "(w − η·dJ/dw, b − η·dJ/db)."),
    (lambda w, b, x, y, eta: tuple(-eta * g for g in _grad(w, b, x, y)),
     "you returned the change −η·∇J: add it to the old (w, b)."),
    (lambda w, b, x, y, eta: tuple(p - g for p, g in zip((w, b), _grad(w, b, x, y), strict=True)),
     "the step forgot η: new θ = θ − η·∇J."),
]


def _one_step(w, b, x, y, eta):
    gw, gb = _grad(w, b, x, y)
    return w - eta * gw, b - eta * gb


@_never_raises
def check_step(func, cases=None):
    """Check the learner's ``step(w, b, x, y, eta) -> (new_w, new_b)``: one step θ ← θ − η·∇MSE(θ).

    The reference is one step of ``lr.gradient_descent`` on MSE, written out.
    Names a sequential update (w first, then db with the new w, or the other
    way round), a step uphill, the ½·MSE and SSE gradients, swapped partial
    derivatives, w where xᵢ belongs, a forgotten η, and returning the gradient
    or the change instead of the new (w, b).

    Parameters
    ----------
    func : callable
        The learner's function.
    cases : list of tuple, optional
        ``(w, b, x, y, eta)`` tuples; by default four data sets of the check's own.

    Returns
    -------
    CheckResult
    """
    return check_function(func, _one_step, _step_cases() if cases is None else cases, name="step(w, b, x, y, eta)",
                          mistakes=_STEP_MISTAKES,
                          hint="Hint: new w = w − eta·∂MSE/∂w and new b = b − eta·∂MSE/∂b (mind the minus sign).")


# ---------------------------------------------------------------------------------------------------------------
# Typed answers: a choice, a number
# ---------------------------------------------------------------------------------------------------------------

_UNIT_WORDS = [("**2", "2"), ("^2", "2"), ("squared", "2"), ("gbp", "£"), ("pounds", "£"), ("pound", "£"),
               ("£*£", "£2"), ("£×£", "£2"), ("£·£", "£2"), ("∂", "d")]
_NO_UNITS = {"none", "nounit", "nounits", "unitless", "dimensionless", "nodimension"}


def _normalise_choice(text):
    """A typed choice in one canonical spelling: "£^2", "£**2", "GBP^2", "pounds squared" all read "£2"."""
    s = unicodedata.normalize("NFKC", str(text)).casefold()
    s = "".join(ch for ch in s if not ch.isspace() and ch not in "()\"'`")
    for old, new in _UNIT_WORDS:
        s = s.replace(old, new)
    return "nounits" if s in _NO_UNITS else s


def _find_option(answer, options):
    """The option ``answer`` stands for, or None (also when it could be several)."""
    for option in options:
        try:
            if type(answer) is type(option) and bool(answer == option):
                return option
        except Exception:
            continue
    if not isinstance(answer, str):
        return None
    matches = [o for o in options if isinstance(o, str) and _normalise_choice(o) == _normalise_choice(answer)]
    return matches[0] if len(matches) == 1 else None


@_never_raises
def check_choice(answer, correct, *, options, explanation, name="answer", hint=""):
    """Check a multiple-choice answer, one of ``options``; ``explanation`` is shown once it is right.

    A wrong choice gets ``hint`` (or a plain "try another option"), never the
    explanation: with two or three options the explanation would give the answer away.

    Text is matched forgivingly: case, spaces and the spelling of units do not
    matter ("£^2", "£**2", "GBP^2" and "pounds squared" are "£²"; "mae" is
    "MAE"), unless that makes two options the same.

    Parameters
    ----------
    answer : object
        The learner's answer.
    correct : object
        The right option.
    options : sequence
        All options, shown when the answer is none of them.
    explanation : str
        Why, shown with a right answer.
    name : str
        What is asked, for the message.
    hint : str
        A nudge shown with a wrong answer (it must not give the answer away).

    Returns
    -------
    CheckResult
    """
    options = tuple(options)
    chosen = _find_option(answer, options)
    if chosen is None:
        if answer is None:
            got = "nothing yet (answer = None)"
        elif isinstance(answer, str):
            got = _safe_repr(answer)
        else:
            got = _describe(answer)
        return _verdict(False, f"{name}: choose one of {', '.join(_safe_repr(o) for o in options)}; got {got}.")
    said = f"{chosen!r}" if (isinstance(answer, str) and answer == chosen) or not isinstance(answer, str) \
        else f"{_safe_repr(answer)} (that is {chosen!r})"
    right = _find_option(correct, options)
    if right is not None and right is chosen:
        return _verdict(True, f"{name}: {said} is right. {explanation}")
    nudge = hint if isinstance(hint, str) and hint else "Re-read the section above, then try another option."
    return _verdict(False, f"{name}: {said} is not it. {nudge}")


@_never_raises
def check_value(answer, expected, *, name, rtol=1e-3, hint=""):
    """Check a numeric answer: within ``rtol`` (relative) of ``expected``.

    Any form of one number is read: 2.5, np.float32(2.5), [2.5], (2.5,), "2.5"
    (also "$200,240" and "−0.5"). Several numbers, text that is no number,
    True/False or a complex number are not an answer.

    Parameters
    ----------
    answer : object
        The learner's answer.
    expected : float
        The right value.
    name : str
        What is asked, for the message.
    rtol : float
        Relative tolerance.
    hint : str
        Shown when the answer is wrong.

    Returns
    -------
    CheckResult
    """
    if answer is None:
        return _verdict(False, f"{name}: expected a number, got nothing yet (answer = None).")
    value, problem = _read_number(answer, "answer")
    if problem:
        return _verdict(False, f"{name}: expected a number, got {problem.removeprefix('answer = ')}.")
    expected = float(expected)
    if math.isclose(value, expected, rel_tol=rtol, abs_tol=rtol * 1e-6):
        return _verdict(True, f"{name}: {value:.6g} is right.")
    return _verdict(False, f"{name}: {value:.6g} is not it. {hint}".strip())


# ---------------------------------------------------------------------------------------------------------------
# Chapter 6: beat the baseline, on validation rows only
# ---------------------------------------------------------------------------------------------------------------

_NOT_QUANTITIES = {
    "zipcode": "zipcode is a code, not a quantity: 98004 is not 'more' than 98001 in any sense that bears on price, "
               "so a straight-line weight on it means nothing. Leave it out.",
    "price": "price is what the model predicts, so it cannot also be one of its inputs.",
}


@functools.lru_cache(maxsize=64)
def _validation_rmse(model, features):
    return float(model(features)["rmse_val"])


def _feature_tuple(features):
    """The learner's features as a tuple of names without repeats, or raise ``_NotNumbers`` with what is wrong."""
    if isinstance(features, (str, np.str_)):
        features = (str(features),)
    elif isinstance(features, np.ndarray):
        features = tuple(features.reshape(-1).tolist()) if features.size <= 1000 else None
    elif isinstance(features, (list, tuple, set, frozenset)) and len(features) <= 1000:
        features = tuple(features)
    else:
        features = None
    if features is None:
        raise _NotNumbers("give a list of column names, like [\"sqft_living\", \"grade\"]")
    not_text = [f for f in features if not isinstance(f, str)]
    if not_text:
        raise _NotNumbers(f"column names are text in quotes, like \"grade\"; got {_describe(not_text[0])}")
    return tuple(dict.fromkeys(features))


@_never_raises
def check_beats_baseline(features, *, baseline=("bedrooms", "bathrooms", "floors")):
    """Do these King County features give a lower validation RMSE than the baseline's?

    Scored on validation rows held out from the training rows, with the
    course's model: standardised, closed form, the splits of
    ``house_price_model``, so every learner is scored alike. The check never
    looks at the test set and never reports a test number: the test set stays
    for the one final report of the chosen model.

    Parameters
    ----------
    features : str or sequence of str
        Columns of ``lrcore.data.HOUSE_COLUMNS``, except ``price`` (the
        target) and ``zipcode`` (a code, not a quantity).
    baseline : sequence of str
        The features to beat.

    Returns
    -------
    CheckResult
    """
    from .data import HOUSE_COLUMNS
    from .houses import house_price_model  # imported here: checks of chapters 1–5 never load the house data

    usable = ", ".join(c for c in HOUSE_COLUMNS if c not in _NOT_QUANTITIES)
    try:
        features = _feature_tuple(features)
    except _NotNumbers as exc:
        return _verdict(False, f"features: {exc}.")
    unknown = [f for f in features if f not in HOUSE_COLUMNS]
    if not features or unknown:
        return _verdict(False, f"features: {', '.join(_safe_repr(f, 40) for f in unknown) or 'nothing'} is not a "
                               f"column of the data; choose from {usable}.")
    for column, why in _NOT_QUANTITIES.items():
        if column in features:
            return _verdict(False, f"features: {why}")
    yours = _validation_rmse(house_price_model, features)
    base = _validation_rmse(house_price_model, tuple(baseline))
    if yours < base:
        return _verdict(True, f"validation RMSE ${yours:,.0f} beats the baseline's ${base:,.0f}. The test set "
                              "stays untouched until you report your chosen model, once.")
    return _verdict(False, f"validation RMSE ${yours:,.0f} does not beat the baseline's ${base:,.0f}. Hint: which "
                           "column says most about a house's size or quality?")
