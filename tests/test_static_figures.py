"""lrcore.show_figure, and every static figure saved in the chapters: a text alternative, a width that
JupyterLab does not shrink, and no text below 10 CSS px."""

import base64
import html
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import lrcore as lr  # noqa: E402
from lrcore import figure_display  # noqa: E402
from lrcore.figure_display import figure_bundle, smallest_text_px  # noqa: E402

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
