"""The apps' own controls (lrcore/widgets/_controls.py): ipywidgets' Python interface, positions for the page.

The page works in positions (a log slider's exponent, a choice's index); these tests pin the mapping both ways,
that a value set by code is never rounded to the page's grid, that the readout (a slider's accessible value) is
the value itself, rounded, and that bad arguments get errors naming them. The page side is tested in Chromium
(test_browser_a11y.py), including that its provisional readout matches Python's format.
"""

import math
from pathlib import Path

import pytest
import traitlets

from lrcore.widgets import _controls as C


def test_a_log_slider_sends_exponents_and_shows_the_value():
    s = C.FloatLogSlider(0.1, min=-3, max=1, step=0.01, description="η")
    assert s._pos == pytest.approx(-1.0) and s.readout == "0.1"
    assert (s._pos_min, s._pos_max, s._pos_step, s._base) == (-3, 1, 0.01, 10)
    s._pos = -0.8  # the learner moved it
    assert s.value == pytest.approx(10 ** -0.8) and s.readout == "0.158"
    s.value = 0.176  # code set it: kept exactly, not snapped to the page's grid
    assert s.value == 0.176 and s._pos == pytest.approx(math.log10(0.176)) and s.readout == "0.176"


def test_values_outside_the_range_move_to_the_nearer_end_like_ipywidgets():
    s = C.FloatLogSlider(1.0, min=-2, max=2)
    s.value = 1e9
    assert s.value == pytest.approx(100.0)
    f = C.FloatSlider(0.5, min=0, max=1, step=0.1)
    f.value = -3
    assert f.value == 0 and f.readout == "0.00"
    i = C.IntSlider(5, min=1, max=10)
    i._pos = 7.0
    assert i.value == 7 and isinstance(i.value, int) and i.readout == "7"
    i.value = 99
    assert i.value == 10


def test_a_choice_slider_and_toggles_map_indices_to_options():
    c = C.SelectionSlider([1, 2, 4, 8], 4, description="batch size")
    assert c._labels == ["1", "2", "4", "8"] and c._pos == 2 and c.readout == "4" and c.index == 2
    c._pos = 3
    assert c.value == 8
    t = C.ToggleButtons(["constant", "inverse"], "inverse", description="η schedule", tooltips=["a", "b"])
    assert t.index == 1
    t.index = 0  # the learner pressed a button
    assert t.value == "constant"
    t.value = "inverse"
    assert t.index == 1
    with pytest.raises(traitlets.TraitError, match="value must be one of"):
        t.value = "step"


def test_observers_see_one_change_per_move():
    s = C.FloatSlider(0.0, min=0, max=1, step=0.01)
    seen = []
    s.observe(lambda ch: seen.append(ch["new"]), names="value")
    s._pos = 0.25
    s.value = 0.5
    assert seen == [0.25, 0.5]


@pytest.mark.parametrize("make, message", [
    (lambda: C.FloatSlider(0, min=1, max=0), "min must be below max"),
    (lambda: C.FloatSlider(0, min=0, max=1, step=0), "step must be positive"),
    (lambda: C.FloatLogSlider(1, base=1), "base must be above 1"),
    (lambda: C.SelectionSlider([]), "options must hold"),
    (lambda: C.ToggleButtons(["a", "b"], tooltips=["only one"]), "tooltips must hold one text per option"),
])
def test_bad_arguments_name_themselves(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_the_page_code_ships_with_the_package(tmp_path):
    """The widget's JavaScript and CSS are package data: a wheel built from the tree carries them."""
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(tmp_path), str(root)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("lrcore-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "lrcore/widgets/_controls.js" in names and "lrcore/widgets/_controls.css" in names
