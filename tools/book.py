"""Build the course website (Jupyter Book 1: Sphinx + myst-nb) from the chapters' saved outputs, offline.

Usage: make book      (or: .venv/bin/python tools/book.py; needs the [book] extra)
Output: build/book/_build/html/index.html

- Landing page: the README's opening paragraph and chapter table, with links to the chapter pages.
- Chapters: the notebooks as saved (never executed here), with every app's PNG shown: myst-nb would prefer
  the widget MIME type and, with no saved widget state, write empty script tags instead of the picture.
- Maths: MathJax 3 from a local copy (npm's ``mathjax`` package, fetched once into build/book/cache with
  ``npm pack``), not from a CDN, so the site renders on a machine or network without internet.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "book"
SRC = BUILD / "src"
CACHE = BUILD / "cache"
HTML = BUILD / "_build" / "html"
MATHJAX = "mathjax@3.2.2"

CONFIG = """\
title: Linear Regression, Interactively
author: the lrcore course team
only_build_toc_files: true
execute:
  execute_notebooks: "off"
parse:
  myst_enable_extensions: [dollarmath, amsmath, html_image]
html:
  use_repository_button: false
  use_issues_button: false
  use_edit_page_button: false
launch_buttons:
  notebook_interface: jupyterlab
  binderhub_url: ""
  colab_url: ""
  thebe: false
sphinx:
  config:
    html_static_path: [_static]
    html_extra_path: [_extra]
    mathjax_path: ../mathjax/tex-chtml.js
    nb_mime_priority_overrides: [["html", "application/vnd.jupyter.widget-view+json", null]]
    html_show_sourcelink: false
    myst_dmath_double_inline: true
"""


def chapters():
    return sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def landing_page():
    """The README's first paragraph and its chapter table, with links and pictures made local to the site."""
    readme = (ROOT / "README.md").read_text()
    title, rest = readme.split("\n", 1)
    intro = rest.strip().split("\n\n", 1)[0]
    table = re.search(r"\n(\| # \|.*?)\n\n", readme, re.S).group(1)
    table = re.sub(r"\(notebooks/(0\d_[a-z_]+)\.ipynb\)", r"(\1.ipynb)", table)
    table = table.replace('src="docs/figures/', 'src="_static/figures/')
    intro = re.sub(r"\]\((?!https?:)([^)]*)\)", lambda m: "](" + _site_link(m.group(1)) + ")", intro)
    return f"{title}\n\n{intro}\n\n## Chapters\n\n{table}\n"


def _site_link(target):
    """A README link as seen from the site: chapters are pages, everything else points at the repository."""
    if re.fullmatch(r"notebooks/0\d_[a-z_]+\.ipynb", target):
        return target.removeprefix("notebooks/")
    return f"https://github.com/lrcore-course/linear-regression/blob/main/{target}"


def fetch_mathjax():
    """MathJax's es5 bundle under _extra/mathjax (copied to the site's root as is; Jupyter Book would add every
    script under _static to every page), from npm (cached)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    tarballs = sorted(CACHE.glob("mathjax-*.tgz"))
    if not tarballs:
        subprocess.run(["npm", "pack", MATHJAX, "--silent"], cwd=CACHE, check=True, stdout=subprocess.DEVNULL)
        tarballs = sorted(CACHE.glob("mathjax-*.tgz"))
    target = SRC / "_extra" / "mathjax"
    with tarfile.open(tarballs[-1]) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith("package/es5/")]
        for member in members:
            member.name = member.name.removeprefix("package/es5/")
        tar.extractall(target, members=members, filter="data")


def write_sources():
    shutil.rmtree(SRC, ignore_errors=True)
    (SRC / "_static" / "figures").mkdir(parents=True)
    for path in chapters():
        shutil.copy2(path, SRC / path.name)
    for png in (ROOT / "docs" / "figures").glob("*.png"):
        shutil.copy2(png, SRC / "_static" / "figures" / png.name)
    (SRC / "intro.md").write_text(landing_page())
    (SRC / "_config.yml").write_text(CONFIG)
    toc = ["format: jb-book", "root: intro", "chapters:"] + [f"- file: {p.stem}" for p in chapters()]
    (SRC / "_toc.yml").write_text("\n".join(toc) + "\n")
    fetch_mathjax()


def build():
    write_sources()
    shutil.rmtree(HTML, ignore_errors=True)  # a page left from an earlier build must not pass for a new one
    exe = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run([str(exe), "build", str(SRC), "--path-output", str(BUILD), "--warningiserror",
                             "--quiet"], capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        raise SystemExit(f"jupyter-book build failed (exit {result.returncode})")
    return HTML


if __name__ == "__main__":
    print(f"built {build() / 'index.html'}")
