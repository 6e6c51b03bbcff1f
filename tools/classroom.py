"""Classroom builds: the student edition and slide metadata.

Usage:
  .venv/bin/python tools/classroom.py student [--out student/]   copies without solutions
  .venv/bin/python tools/classroom.py slides                      (re)writes slideshow metadata in notebooks/
  .venv/bin/jupyter nbconvert --to slides notebooks/01_core_idea.ipynb   then builds reveal.js slides
  .venv/bin/python tools/classroom.py colab                       (re)writes the Colab install guard

Cells tagged ``solution`` hold the worked answers. The student edition drops
them, clears every output (learners run the notebook themselves) and keeps the
exercise cells, whose stubs make the checks print a friendly "not yet".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOLUTION_TAG = "solution"


def chapters():
    return sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def is_solution(cell):
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def student_copy(nb):
    """A copy of ``nb`` without solution cells or outputs (and without their 'reveal' prompts)."""
    nb = nbformat.from_dict(nb)
    keep = []
    for i, cell in enumerate(nb.cells):
        if is_solution(cell):
            continue
        following = nb.cells[i + 1] if i + 1 < len(nb.cells) else None
        if cell.cell_type == "markdown" and following is not None and is_solution(following) \
                and cell.source.lstrip().startswith("**Solution**"):
            continue  # the "click to reveal" line has nothing to reveal any more
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        keep.append(cell)
    nb.cells = keep
    return nb


def build_student_edition(out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in chapters():
        target = out / path.name
        nbformat.write(student_copy(nbformat.read(path, as_version=4)), target)
        written.append(target)
    return written


def slide_type(cell, index):
    """Title and '## ' sections start slides, '### ' sub-slides; solutions are skipped."""
    if is_solution(cell):
        return "skip"
    first = cell.source.lstrip().split("\n", 1)[0] if cell.source else ""
    if index == 0 or (cell.cell_type == "markdown" and first.startswith("## ")):
        return "slide"
    if cell.cell_type == "markdown" and first.startswith("### "):
        return "subslide"
    return "-"


#: Where the course lives; the README's Binder badge and Colab links point here too.
REPOSITORY = "lrcore-course/linear-regression"
#: The first lines of every chapter's first code cell: on Google Colab (a kernel without the course) install
#: the package from the repository first; everywhere else nothing happens and nothing is printed.
COLAB_GUARD = (
    "import sys\n"
    'if "google.colab" in sys.modules:  # on Google Colab: install the course package first (about 30 s)\n'
    f'    %pip install --quiet "lrcore @ git+https://github.com/{REPOSITORY}"\n'
)


def colab_url(path):
    """The "Open in Colab" address of a chapter."""
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/main/notebooks/{Path(path).name}"


def add_colab_guard(path):
    """Put ``COLAB_GUARD`` at the top of the first code cell (once); True if the notebook changed."""
    nb = nbformat.read(path, as_version=4)
    first = next(cell for cell in nb.cells if cell.cell_type == "code")
    if first.source.startswith(COLAB_GUARD):
        return False
    first.source = COLAB_GUARD + first.source
    nbformat.write(nb, path)
    return True


def add_slide_metadata(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        cell.metadata["slideshow"] = {"slide_type": slide_type(cell, i)}
    nbformat.write(nb, path)
    return sum(cell.metadata["slideshow"]["slide_type"] == "slide" for cell in nb.cells)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("student", "slides", "colab"))
    parser.add_argument("--out", default=str(ROOT / "student"))
    args = parser.parse_args(argv)
    if args.what == "student":
        for path in build_student_edition(args.out):
            print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    elif args.what == "colab":
        for path in chapters():
            print(f"{path.name}: {'guard added' if add_colab_guard(path) else 'already guarded'}")
    else:
        for path in chapters():
            print(f"{path.name}: {add_slide_metadata(path)} slides")
    return 0


if __name__ == "__main__":
    sys.exit(main())
