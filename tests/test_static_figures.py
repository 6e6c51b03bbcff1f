"""lrcore.show_figure, and every static figure saved in the chapters: a text alternative, a width that
JupyterLab does not shrink, and no text below 10 CSS px."""

import base64
import html
import json
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import lrcore as lr  # noqa: E402
from lrcore import figure_display  # noqa: E402
from lrcore.figure_display import MAX_WIDTH_PX, MIN_TEXT_PX, figure_bundle, smallest_text_px  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
IMG = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)" width="(\d+)" height="(\d+)" '
                 r'data-min-text-px="([0-9.]+|none)">')


def _figure(width=4.0, fontsize=10):
    fig, ax = plt.subplots(figsize=(width, 3), dpi=100)
    ax.plot([0, 1], [0, 1])
    ax.set_title("a title", fontsize=fontsize)
    ax.tick_params(labelsize=fontsize)
    return fig


# --- the function ---------------------------------------------------------------------------------

def test_bundle_has_html_img_with_escaped_alt_png_and_plain_text():
    fig = _figure()
    bundle, metadata = figure_bundle(fig, 'Loss falls <fast> & "then" slowly')
    plt.close(fig)
    match = IMG.fullmatch(bundle["text/html"])
    assert match, bundle["text/html"][:200]
    assert html.unescape(match.group(2)) == 'Loss falls <fast> & "then" slowly'
    assert "<fast>" not in bundle["text/html"]
    assert bundle["text/plain"] == 'Loss falls <fast> & "then" slowly'
    assert match.group(1) == bundle["image/png"]
    png = base64.b64decode(bundle["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int(match.group(3)), int(match.group(4))) == (400, 300)
    assert metadata["lrcore"]["width_px"] == 400


@pytest.mark.parametrize(("figsize", "dpi", "size"), [((9.3, 5.6), 90, (837, 504)), ((9.3, 4.6), 90, (837, 414)),
                                                      ((7.0, 2.9), 100, (700, 290))])
def test_a_figure_has_the_same_pixel_size_under_every_matplotlib(figsize, dpi, size):
    """5.6 in · 90 dpi is 503.99999999999994: matplotlib 3.10 truncates it to 503, 3.11 allows 1e-8 and makes
    504. The saved ``<img width height>`` must not depend on which one a learner (or CI's floors) has."""
    from lrcore.figure_display import whole_pixel_inches

    assert [int(round(i * dpi, 9)) for i in figsize] == list(size)  # the intended size
    fig, _ = plt.subplots(figsize=figsize, dpi=dpi)
    bundle, metadata = figure_bundle(fig, "A figure whose size is a whole number of pixels only in theory.")
    width, height = fig.bbox.size
    plt.close(fig)
    png = base64.b64decode(bundle["image/png"])
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == size
    assert (int(width), int(height)) == (int(width + 1e-8), int(height + 1e-8)) == size
    assert whole_pixel_inches(whole_pixel_inches(figsize, dpi), dpi) == whole_pixel_inches(figsize, dpi)


def test_smallest_text_is_measured_in_css_px():
    fig = _figure(fontsize=7.2)
    assert smallest_text_px(fig) == pytest.approx(10.0)
    plt.close(fig)
    fig = _figure(fontsize=6)
    assert smallest_text_px(fig) == pytest.approx(6 * 100 / 72)
    plt.close(fig)


def test_show_figure_displays_once_and_closes_the_figure(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **k: shown.append((a, k)))
    fig = _figure()
    assert lr.show_figure(fig, "A rising line.") is None
    assert not plt.fignum_exists(fig.number)
    assert len(shown) == 1 and shown[0][1]["raw"] is True
    assert set(shown[0][0][0]) == {"text/html", "image/png", "text/plain"}


@pytest.mark.parametrize(("alt", "error", "message"), [
    (None, TypeError, "alt must be a string"),
    (3, TypeError, "alt must be a string"),
    ("", ValueError, "alt must not be empty"),
    ("   ", ValueError, "alt must not be empty"),
    ("two\nlines", ValueError, "alt must be one line"),
])
def test_bad_alt_names_the_argument(alt, error, message):
    fig = _figure()
    with pytest.raises(error, match=message):
        figure_display.show_figure(fig, alt)
    plt.close(fig)


def test_bad_figure_names_the_argument():
    fig = _figure()
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        figure_display.show_figure(fig.axes[0], "an axes is not a figure")
    plt.close(fig)


# --- the saved chapters ---------------------------------------------------------------------------

def _figure_outputs(path):
    """(cell index, output) of every output with an image in a saved chapter, apps included."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if any(k.startswith("image/") for k in data) or "<img" in "".join(data.get("text/html", "")):
                yield i, out


def check_figure_output(out):
    """The problems of one saved figure output (empty list when it is fine)."""
    data = out.get("data", {})
    page = "".join(data.get("text/html", ""))
    match = IMG.fullmatch(page.strip())
    if not match:
        return ["an image without an <img alt=...> in text/html (use lr.show_figure(fig, alt))"]
    b64, alt, width, _height, small = match.groups()
    problems = []
    if not html.unescape(alt).strip():
        problems.append("empty alt")
    elif len(html.unescape(alt).split()) < 8:
        problems.append(f"alt too short to say what the figure shows: {html.unescape(alt)!r}")
    # an app (lrcore.widgets) shows its live widget where a kernel runs; the <img> is for readers without one,
    # and its text/plain names the app before the status
    is_app = "application/vnd.jupyter.widget-view+json" in data
    if not is_app and "".join(data.get("text/plain", "")) != html.unescape(alt):
        problems.append("text/plain is not the alt")
    png = base64.b64decode(b64)
    if int.from_bytes(png[16:20], "big") != int(width):
        problems.append("width attribute is not the PNG's width")
    if int(width) > MAX_WIDTH_PX:
        problems.append(f"{width} px wide (JupyterLab shrinks it above {MAX_WIDTH_PX} px)")
    if small != "none" and float(small) < MIN_TEXT_PX - 0.05:
        problems.append(f"text of {small} px (at least {MIN_TEXT_PX:g} px)")
    return problems


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_saved_figure_has_alt_fits_and_has_legible_text(path):
    outputs = list(_figure_outputs(path))
    assert outputs, "a chapter with no figure?"
    bad = [f"cell {i}: {p}" for i, out in outputs for p in check_figure_output(out)]
    assert not bad, "\n".join(bad)
    alts = [IMG.fullmatch("".join(out["data"]["text/html"]).strip()).group(2) for _, out in outputs]
    assert len(set(alts)) == len(alts), "two figures with the same alt text"


def test_the_saved_output_check_catches_each_problem():
    fig = _figure(width=9.0, fontsize=6)
    bundle, _ = figure_bundle(fig, "A figure that is too wide and whose text is too small.")
    plt.close(fig)
    problems = check_figure_output({"data": bundle})
    assert any("wide" in p for p in problems) and any("text of" in p for p in problems)
    plain = {"data": {"image/png": bundle["image/png"], "text/plain": "<Figure size 900x300 with 1 Axes>"}}
    assert check_figure_output(plain) == ["an image without an <img alt=...> in text/html (use lr.show_figure(fig, alt))"]
    no_alt = {"data": {**bundle, "text/html": re.sub(r'alt="[^"]*"', 'alt=""', bundle["text/html"])}}
    assert "empty alt" in check_figure_output(no_alt)
    vague = {"data": {**bundle, "text/html": re.sub(r'alt="[^"]*"', 'alt="a plot"', bundle["text/html"]),
                      "text/plain": "a plot"}}
    assert any("too short" in p for p in check_figure_output(vague))


# --- the README's pictures ------------------------------------------------------------------------

README_IMG = re.compile(r'<img src="(docs/figures/[^"]+\.png)"([^>]*)>')


def test_readme_pictures_are_shown_at_natural_size_with_alt():
    """A thumbnail shrunk by a width attribute shrinks its text too: each README picture is shown at its own
    width (docs/make_figures.py draws the thumbnails with text of at least 10 px) and has an alt."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = README_IMG.findall(readme)
    assert found
    for src, attrs in found:
        png = (ROOT / src).read_bytes()
        natural = int.from_bytes(png[16:20], "big")
        width = re.search(r'width="(\d+)"', attrs)
        assert width is None or int(width.group(1)) >= natural, f"{src}: {natural} px shown at {width.group(1)} px"
        assert natural <= MAX_WIDTH_PX, f"{src}: {natural} px wide"
        alt = re.search(r'alt="([^"]*)"', attrs)
        assert alt and len(alt.group(1).split()) >= 8, f"{src}: no alt or a vague one"
