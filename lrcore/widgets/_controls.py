"""The apps' controls, status line and picture: small anywidget widgets with plain, accessible HTML.

Why not ipywidgets' own: its sliders have no accessible name (the description is a ``<label>`` without
``for``), a log slider tells a screen reader its exponent, toggle buttons expose no pressed state, an Image has
no alt text and an HTML status line is no live region; and its slider view writes a value the kernel set back
to the kernel while ``continuous_update`` is on, which left a displayed slider stale when code set it several
times in a row. These keep ipywidgets' Python interface (``value``, ``min``, ``max``, ``step``, ``base``,
``options``, ``description``, ``observe``) so the apps and learners' code read the same; the frontend is
``_controls.js``.

A slider's frontend works in *positions*: the value itself for a linear slider, its exponent for a log slider,
its index for a choice. The kernel maps positions to values and formats the readout, which is also the
slider's ``aria-valuetext``.
"""

from __future__ import annotations

import contextlib
import math
import warnings
from pathlib import Path

import anywidget
import traitlets

_HERE = Path(__file__).parent

#: Warnings about ipywidgets 7's internals (Google Colab ships 7.x), raised under newer ipykernel and traitlets
#: while a widget is created; they say nothing a learner can act on.
_IPYWIDGETS7_NOISE = ("The `ipykernel.comm.Comm` class has been deprecated", "Deprecated in traitlets 4.1")


@contextlib.contextmanager
def quiet_widget_creation():
    """Create widgets without ipywidgets 7's deprecation warnings (nothing else is silenced)."""
    with warnings.catch_warnings():
        for message in _IPYWIDGETS7_NOISE:
            warnings.filterwarnings("ignore", message=message, category=DeprecationWarning)
        yield


class _Control(anywidget.AnyWidget):
    _esm = _HERE / "_controls.js"
    _css = _HERE / "_controls.css"
    _kind = traitlets.Unicode().tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)

    def __init__(self, **kwargs):
        with quiet_widget_creation():
            super().__init__(**kwargs)


class _RangeControl(_Control):
    """A slider: a range input over positions; subclasses map a position to a value and back."""

    _kind = traitlets.Unicode("range").tag(sync=True)
    _pos = traitlets.Float(0.0).tag(sync=True)
    _pos_min = traitlets.Float(0.0).tag(sync=True)
    _pos_max = traitlets.Float(1.0).tag(sync=True)
    _pos_step = traitlets.Float(0.1).tag(sync=True)
    _base = traitlets.Float(0.0).tag(sync=True)  # > 0: the value is base ** position
    _labels = traitlets.List(traitlets.Unicode()).tag(sync=True)  # non-empty: the value is options[position]
    readout = traitlets.Unicode("").tag(sync=True)
    readout_format = traitlets.Unicode(".2f").tag(sync=True)
    continuous_update = traitlets.Bool(True).tag(sync=True)

    def __init__(self, **kwargs):
        self._mapping = False
        super().__init__(**kwargs)
        self._show_value()

    def _to_position(self, value):
        return float(value)

    def _from_position(self, position):
        return position

    def _format(self, value):
        return format(value, self.readout_format)

    def _show_value(self):
        """Send the position and readout of the current value (never the other way round)."""
        self._mapping = True
        try:
            with self.hold_sync():
                self._pos = self._to_position(self.value)
                self.readout = self._format(self.value)
        finally:
            self._mapping = False

    @traitlets.observe("_pos")
    def _position_moved(self, change):
        if not self._mapping:  # the learner moved the slider
            self.value = self._from_position(change["new"])

    @traitlets.observe("value")
    def _value_changed(self, _change):
        self._show_value()


class _NumberSlider(_RangeControl):
    min = traitlets.Float(0.0)
    max = traitlets.Float(1.0)
    step = traitlets.Float(0.1)

    def __init__(self, value=None, *, min=0.0, max=1.0, step=0.1, description="", readout_format=".2f",  # noqa: A002
                 continuous_update=True, layout=None, **traits):
        if not min < max:
            raise ValueError(f"min must be below max, got min={min}, max={max}")
        if not step > 0:
            raise ValueError(f"step must be positive, got {step}")
        kwargs = {} if layout is None else {"layout": layout}
        super().__init__(min=min, max=max, step=step, value=min if value is None else value,
                         description=description, readout_format=readout_format,
                         continuous_update=continuous_update, **kwargs, **traits)

    @traitlets.observe("min", "max", "step")
    def _range_changed(self, _change):
        self._pos_min, self._pos_max, self._pos_step = self.min, self.max, self.step  # a log slider's are exponents

    @traitlets.validate("value")
    def _clamp(self, proposal):
        """Like ipywidgets: a value outside [min, max] is moved to the nearer end."""
        return min(max(proposal["value"], self.min), self.max)


class FloatSlider(_NumberSlider):
    """A slider for a float, drop-in for ``ipywidgets.FloatSlider``."""

    value = traitlets.Float(0.0)


class IntSlider(_NumberSlider):
    """A slider for an integer, drop-in for ``ipywidgets.IntSlider``."""

    value = traitlets.Int(0)
    min = traitlets.Int(0)
    max = traitlets.Int(100)
    step = traitlets.Int(1)

    def __init__(self, value=None, *, min=0, max=100, step=1, description="", readout_format="d",  # noqa: A002
                 continuous_update=True, layout=None):
        super().__init__(value, min=min, max=max, step=step, description=description,
                         readout_format=readout_format, continuous_update=continuous_update, layout=layout)

    def _from_position(self, position):
        return int(round(position))


class FloatLogSlider(_NumberSlider):
    """A slider over ``base ** e`` for ``e`` from ``min`` to ``max`` (exponents), drop-in for
    ``ipywidgets.FloatLogSlider``; it shows and announces the value itself, not its exponent."""

    value = traitlets.Float(1.0)
    base = traitlets.Float(10.0)

    def __init__(self, value=None, *, base=10.0, min=0.0, max=4.0, step=0.1, description="",  # noqa: A002
                 readout_format=".3g", continuous_update=True, layout=None):
        if not base > 1:
            raise ValueError(f"base must be above 1, got {base}")
        super().__init__(base ** min if value is None else value, min=min, max=max, step=step,
                         description=description, readout_format=readout_format,
                         continuous_update=continuous_update, layout=layout, base=base, _base=base)

    @traitlets.observe("base")
    def _base_changed(self, change):
        self._base = change["new"]

    def _to_position(self, value):
        return math.log(value, self.base)

    def _from_position(self, position):
        return float(self.base ** position)

    @traitlets.validate("value")
    def _clamp(self, proposal):
        return min(max(proposal["value"], self.base ** self.min), self.base ** self.max)


class SelectionSlider(_RangeControl):
    """A slider over a list of options, drop-in for ``ipywidgets.SelectionSlider``; each option is shown and
    announced as ``str(option)``."""

    value = traitlets.Any()
    options = traitlets.Tuple()

    def __init__(self, options, value=None, *, description="", continuous_update=True, layout=None):
        options = tuple(options)
        if not options:
            raise ValueError("options must hold at least one option")
        kwargs = {} if layout is None else {"layout": layout}
        super().__init__(options=options, value=options[0] if value is None else value, description=description,
                         continuous_update=continuous_update, _pos_step=1.0, **kwargs)

    @traitlets.observe("options")
    def _options_changed(self, change):
        self._labels = [str(option) for option in change["new"]]
        self._pos_min, self._pos_max = 0.0, float(len(change["new"]) - 1)

    @traitlets.validate("value")
    def _known(self, proposal):
        if proposal["value"] not in self.options:
            raise traitlets.TraitError(f"value must be one of {self.options}, got {proposal['value']!r}")
        return proposal["value"]

    @property
    def index(self):
        """The position of ``value`` in ``options``."""
        return self.options.index(self.value)

    def _to_position(self, value):
        return float(self.options.index(value))

    def _from_position(self, position):
        return self.options[min(max(int(round(position)), 0), len(self.options) - 1)]

    def _format(self, value):
        return str(value)


class ToggleButtons(_Control):
    """One choice among a few buttons, drop-in for ``ipywidgets.ToggleButtons``: a named group whose buttons
    expose their pressed state (``aria-pressed``) and show it by a tick, bold text and a fill."""

    _kind = traitlets.Unicode("toggles").tag(sync=True)
    _labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    tooltips = traitlets.List(traitlets.Unicode()).tag(sync=True)  # one per button: its title (and description)
    index = traitlets.Int(0).tag(sync=True)
    value = traitlets.Any()
    options = traitlets.Tuple()

    def __init__(self, options, value=None, *, description="", tooltips=(), layout=None):
        options = tuple(options)
        if not options:
            raise ValueError("options must hold at least one option")
        if tooltips and len(tooltips) != len(options):
            raise ValueError(f"tooltips must hold one text per option ({len(options)}), got {len(tooltips)}")
        kwargs = {} if layout is None else {"layout": layout}
        super().__init__(options=options, _labels=[str(o) for o in options], tooltips=list(tooltips),
                         description=description, **kwargs)
        self.value = options[0] if value is None else value

    @traitlets.validate("value")
    def _known(self, proposal):
        if proposal["value"] not in self.options:
            raise traitlets.TraitError(f"value must be one of {self.options}, got {proposal['value']!r}")
        return proposal["value"]

    @traitlets.observe("value")
    def _value_changed(self, change):
        self.index = self.options.index(change["new"])

    @traitlets.observe("index")
    def _index_changed(self, change):
        if 0 <= change["new"] < len(self.options):
            self.value = self.options[change["new"]]


class StatusLine(_Control):
    """One bold line saying what the picture shows, announced politely by screen readers when it changes."""

    _kind = traitlets.Unicode("status").tag(sync=True)
    text = traitlets.Unicode("").tag(sync=True)


class Picture(_Control):
    """A PNG frame with a text alternative that follows the app's state."""

    _kind = traitlets.Unicode("picture").tag(sync=True)
    png = traitlets.Bytes(b"").tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)
    width = traitlets.Int(0).tag(sync=True)  # CSS px; the frame is shown at its natural size
