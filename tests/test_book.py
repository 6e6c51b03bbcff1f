"""The course website (``make book``, tools/book.py): built offline from the saved outputs, opened in Chromium.

Each chapter page must load every picture (the apps' PNGs included), typeset its maths with the local MathJax
(no raw TeX left in the text) and link to the next chapter; the landing page is the README's chapter table.
Skipped without jupyter-book (the [book] extra) or without a browser, unless LRCORE_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import book  # noqa: E402
from test_browser import CHROMIUM, CHROMIUM_ARGS, LEFTOVER_TEX, SCREENSHOTS, require_browser  # noqa: E402

pytestmark = pytest.mark.browser
CHAPTERS = book.chapters()

PAGE_STATE = """() => {
  const main = document.querySelector('main') || document.body;
  const copy = main.cloneNode(true);
  copy.querySelectorAll('mjx-container, pre, code, script, .highlight').forEach((m) => m.remove());
  const images = Array.from(main.querySelectorAll('img'));
  return {text: copy.textContent, math: main.querySelectorAll('mjx-container').length,
          images: images.length, broken: images.filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src),
          next: (document.querySelector('a.right-next') || {}).href || null};
}"""


@functools.cache
def built_site():
    try:
        import jupyter_book  # noqa: F401
    except ImportError:
        if os.environ.get("LRCORE_REQUIRE_BROWSER") == "1":
            pytest.fail("jupyter-book is not installed (pip install -e '.[book]')", pytrace=False)
        pytest.skip("jupyter-book is not installed (pip install -e '.[book]')")
    return book.build()


def _saved_pictures(path):
    cells = json.loads(path.read_text())["cells"]
    return sum("image/png" in out.get("data", {}) for c in cells if c["cell_type"] == "code" for out in c["outputs"])


def test_the_landing_page_is_the_readme_chapter_table():
    site = built_site()
    html = (site / "intro.html").read_text()
    readme_rows = (ROOT / "README.md").read_text().count("<br>[open in Colab]")
    assert readme_rows == len(CHAPTERS)
    table = html[html.index("<table"):html.index("</table>")]
    for path in CHAPTERS:
        assert f'href="{path.stem}.html"' in table, path.stem
    pictures = re.findall(r'<img [^>]*src="(_images/[^"]+)"', table)
    assert len(pictures) == len(CHAPTERS) and all((site / p).is_file() for p in pictures)


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_chapter_page_shows_every_picture_and_typeset_maths(path):
    site = built_site()
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto((site / f"{path.stem}.html").as_uri(), wait_until="load")
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=20_000)
            page.evaluate("() => MathJax.startup.promise")
            state = page.evaluate(PAGE_STATE)
            if path == CHAPTERS[3]:
                SCREENSHOTS.mkdir(exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / f"book_{path.stem}.png"), full_page=False)
                app = page.locator("div.cell_output img").first
                app.scroll_into_view_if_needed()
                page.screenshot(path=str(SCREENSHOTS / f"book_{path.stem}_first_output.png"), full_page=False)
        finally:
            browser.close()
    assert state["broken"] == [], f"pictures that did not load: {state['broken'][:5]}"
    assert state["images"] >= _saved_pictures(path), "an app's or figure's saved picture is missing"
    assert state["math"] > 0, "no maths typeset (MathJax did not run)"
    leftovers = [m.group(0) for m in LEFTOVER_TEX.finditer(state["text"])]
    assert leftovers == [], f"raw TeX or stray $ in the page text: {leftovers[:5]}"
    if path != CHAPTERS[-1]:
        assert state["next"] and state["next"].endswith(CHAPTERS[CHAPTERS.index(path) + 1].stem + ".html")
