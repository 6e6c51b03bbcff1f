"""The course's colours under colour-vision deficiencies, and their contrast on white.

Each entry of ``lrcore.style.FIGURE_PAIRS`` lists the colours one figure tells
apart; every pair must stay at least ΔE00 = 10 apart under simulated
protanopia, deuteranopia and tritanopia (Machado et al. 2009, severity 1, from
colour-science; CIEDE2000 from colour-science). Lines and marks need 3:1
contrast on white, text 4.5:1 (WCAG 2 relative luminance).
"""

import itertools
import warnings

import numpy as np
import pytest

_PRINT_OPTIONS = np.get_printoptions()
colour = pytest.importorskip("colour")
np.set_printoptions(**_PRINT_OPTIONS)   # colour-science sets numpy's legacy="1.13" printing on import: undo it

import matplotlib as mpl  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from lrcore import style  # noqa: E402

DEFICIENCIES = ("Protanomaly", "Deuteranomaly", "Tritanomaly")
MIN_DELTA_E = 10.0
SURFACE_ALPHA = 0.75          # plots.plot_loss_surface draws the surface at this opacity
SAMPLES = np.linspace(0.0, 1.0, 21)


def simulate(rgb, deficiency):
    """sRGB (values in 0..1, shape (..., 3)) as seen with a full ``deficiency`` (Machado 2009, severity 1)."""
    linear = colour.cctf_decoding(np.asarray(rgb, float), function="sRGB")
    with warnings.catch_warnings():    # colour warns that its tritanomaly model is an approximation
        warnings.simplefilter("ignore")
        matrix = colour.blindness.matrix_cvd_Machado2009(deficiency, 1.0)
    return colour.cctf_encoding(np.clip(linear @ matrix.T, 0.0, 1.0), function="sRGB")


def delta_e(rgb_a, rgb_b, deficiency=None):
    """CIEDE2000 between two sRGB colours (arrays broadcast), after simulating ``deficiency`` if given."""
    if deficiency is not None:
        rgb_a, rgb_b = simulate(rgb_a, deficiency), simulate(rgb_b, deficiency)
    lab = [colour.XYZ_to_Lab(colour.sRGB_to_XYZ(np.asarray(c, float))) for c in (rgb_a, rgb_b)]
    return np.asarray(colour.delta_E(*lab, method="CIE 2000"))


def contrast(color, background="white"):
    """WCAG 2 contrast ratio of two colours."""
    lum = [float(colour.cctf_decoding(np.asarray(to_rgb(c)), function="sRGB") @ [0.2126, 0.7152, 0.0722])
           for c in (color, background)]
    return (max(lum) + 0.05) / (min(lum) + 0.05)


def role_colors(role):
    """The sRGB colour(s) a ``FIGURE_PAIRS`` role stands for, shape (k, 3)."""
    if role == "surface":
        rgba = mpl.colormaps[style.SURFACE_CMAP](SAMPLES)[:, :3]
        return SURFACE_ALPHA * rgba + (1 - SURFACE_ALPHA)
    if role == "contour":
        return style.CONTOUR_CMAP(SAMPLES)[:, :3]
    if role == "start_face":
        return np.array([to_rgb(style.START_FACE)])
    if role.startswith("band:"):
        name = role.split(":", 1)[1]
        alpha = style.BAND_ALPHA[name]
        return alpha * np.array([to_rgb(style.COLORS[name])]) + (1 - alpha)
    return np.array([to_rgb(style.COLORS[role])])


def worst_pairs(figure_pairs):
    """(ΔE00, figure, role a, role b, deficiency) for every pair, smallest first."""
    found = []
    for figure, roles in figure_pairs.items():
        for a, b in itertools.combinations(roles, 2):
            ca, cb = role_colors(a), role_colors(b)
            for deficiency in DEFICIENCIES:
                value = float(delta_e(ca[:, None, :], cb[None, :, :], deficiency).min())
                found.append((value, figure, a, b, deficiency))
    return sorted(found)


def test_every_declared_pair_stays_apart_under_each_deficiency():
    bad = [f"{fig}: {a} vs {b} under {d}: ΔE00 = {v:.1f}" for v, fig, a, b, d in worst_pairs(style.FIGURE_PAIRS)
           if v < MIN_DELTA_E]
    assert not bad, "colours too close:\n" + "\n".join(bad)


def test_the_check_fails_on_the_old_palette():
    """The audit's pairs (Okabe–Ito as it was) must fail: the test can fail."""
    old = {"residual": "#999999", "test": "#CC79A7", "oscillating": "#E69F00", "diverging": "#D55E00"}
    pairs = {"old residual vs test": ("residual", "test"), "old bands": ("band:oscillating", "band:diverging")}
    saved, saved_alpha = dict(style.COLORS), dict(style.BAND_ALPHA)
    try:
        style.COLORS.update(old)
        style.BAND_ALPHA.update({k: 0.35 for k in style.BAND_ALPHA})
        found = worst_pairs(pairs)
    finally:
        style.COLORS.clear(), style.COLORS.update(saved)
        style.BAND_ALPHA.clear(), style.BAND_ALPHA.update(saved_alpha)
    assert {fig for v, fig, *_ in found if v < MIN_DELTA_E} == set(pairs)


def test_declared_roles_exist():
    pseudo = {"surface", "contour", "start_face"}
    for figure, roles in style.FIGURE_PAIRS.items():
        for role in roles:
            name = role.split(":", 1)[1] if role.startswith("band:") else role
            assert role in pseudo or name in style.COLORS, f"{figure}: unknown role {role!r}"


def test_delta_e_matches_a_published_pair():
    """Sharma et al. (2005) test data, pair 1: ΔE00 = 2.0425 (checks the library call, not the palette)."""
    lab = colour.delta_E(np.array([50.0, 2.6772, -79.7751]), np.array([50.0, 0.0, -82.7485]), method="CIE 2000")
    assert lab == pytest.approx(2.0425, abs=1e-4)


@pytest.mark.parametrize("role", sorted(style.COLORS))
def test_lines_and_marks_have_3_to_1_contrast_on_white(role):
    assert contrast(style.COLORS[role]) >= 3.0, f"{role} {style.COLORS[role]}: {contrast(style.COLORS[role]):.2f}:1"


@pytest.mark.parametrize("role", sorted(style.TEXT_COLORS))
def test_text_colours_have_4_5_to_1_contrast_on_white(role):
    assert contrast(style.TEXT_COLORS[role]) >= 4.5


def test_contour_lines_keep_3_to_1_contrast():
    lightest = min(contrast(c) for c in style.CONTOUR_CMAP(SAMPLES)[:, :3])
    assert lightest >= 3.0


def test_a_lone_dot_of_a_scatter_cloud_has_3_to_1_contrast():
    dot = style.CLOUD_ALPHA * np.array(to_rgb(style.COLORS["data"])) + (1 - style.CLOUD_ALPHA)
    assert contrast(dot) >= 3.0


def test_band_labels_are_readable_on_their_bands():
    for name, alpha in style.BAND_ALPHA.items():
        band = alpha * np.array(to_rgb(style.COLORS[name])) + (1 - alpha)
        assert contrast("black", band) >= 4.5, name


def test_colour_cycle_lines_have_3_to_1_contrast():
    for color in style._RC["axes.prop_cycle"].by_key()["color"]:
        assert contrast(color) >= 3.0, color


def test_contrast_fails_on_the_old_orange():
    assert contrast("#E69F00") < 3.0 < contrast("#0072B2")
