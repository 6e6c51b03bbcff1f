"""The machinery of the exercise checks (the contract is in ``lrcore.checks``' docstring): reading an answer,
comparing it with the expected one, calling the learner's function safely, the generic ``check_function``,
``_never_raises``, and the typed ``check_choice`` and ``check_value``."""

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

from ..closed_form import pinv_svd


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

_DO_NOTHING = {"RESUME", "NOP", "LOAD_CONST", "RETURN_CONST", "RETURN_VALUE", "POP_TOP", "CACHE"}


def _is_placeholder(func):
    """Whether ``func`` is still the exercise's stub: a body that only evaluates constants such as ``...``."""
    code = getattr(func, "__code__", None)
    if code is None:
        return False
    try:
        return all(ins.opname in _DO_NOTHING for ins in dis.get_instructions(code))
    except Exception:  # an unusual callable: let the ordinary check judge it
        return False


@_never_raises
def check_function(func, reference, cases, *, name, hint="", rtol=1e-6, mistakes=(), no_inverse=False,
                   start_hint="", returns="the answer"):
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
    start_hint : str
        Where to start, without the formula. If given, a function that is
        still the stub (its body only ``...``) is told that the placeholder
        is there and gets this hint, and a function that returns None gets it
        instead of ``hint``: a learner's first run never shows the solution.
    returns : str
        What the function should return, for the stub's message.

    Returns
    -------
    CheckResult
        Passed, or the first thing that is wrong; never raises for any ``func``.
    """
    if not callable(func):
        return _not_a_function(func, name)
    if start_hint and _is_placeholder(func):
        return _verdict(False, f"{name}: the placeholder ... is still there, so your function returns nothing yet. "
                               f"Replace ... with your code and return {returns}, then run this cell again. "
                               f"{start_hint}")
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
    if results[k] is None and start_hint:
        hint = start_hint  # nothing returned yet: where to start, not the formula
    return _verdict(False, f"{name}: for inputs ({shown}) {differences[k]}. {hint}".strip())


def _holds_numbers(value):
    """Whether ``value`` holds numbers (so a hint about the formula helps), rather than text, a generator, ..."""
    try:
        _parts_as_flat(value)
    except _NotNumbers:
        return False
    return True


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


# Shared by several chapters' checks

def _cases(seed=0, n_cases=4):
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n_cases):
        n = 3 + 4 * k
        x = rng.uniform(-3, 5, n)
        y = 2.0 * x - 1.0 + rng.normal(0, 1, n)
        out.append((x, y, float(rng.uniform(-2, 3)), float(rng.uniform(-2, 2))))
    return out


def _read_number(value, what):
    """(float, None) for one real number in any form ("2.5", [2.5], np.float32(2.5)); (None, why not) otherwise."""
    try:
        arr, _ = _as_real(value, text=True)
    except _NotNumbers as exc:
        return None, f"{what} = {exc}"
    if arr.size != 1:
        return None, f"{what} = {_show_numbers(arr)}, not one number"
    return float(arr.reshape(-1)[0]), None
