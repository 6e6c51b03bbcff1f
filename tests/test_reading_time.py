"""Each chapter states the words and minutes of its core path, and the numbers are true.

The core path is every cell outside a "Going deeper" section: a markdown heading whose title starts with
"Going deeper" opens an optional section that runs to the next heading of the same or a higher level.
A learner reads about 150 words a minute; an exercise on the core path takes about 4 minutes.
"""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
IDS = [p.stem for p in CHAPTERS]
WORDS_PER_MINUTE = 150
MINUTES_PER_EXERCISE = 4
MOST_MINUTES = 45


def _words(markdown):
    text = re.sub(r"\$\$.*?\$\$", " formula ", markdown, flags=re.S)
    text = re.sub(r"\$[^$]*\$", " x ", text)
    text = re.sub(r"[|#>*`_-]+", " ", text)
    return len([t for t in text.split() if re.search(r"\w", t)])


def core_path(nb):
    """(words on the core path, exercises on it, words in Going deeper sections)."""
    core_words = deeper_words = exercises = 0
    deeper_level = None                          # heading level of the open Going deeper section
    for cell in nb.cells[1:]:                    # the title cell states the numbers, it is not counted
        if cell.cell_type != "markdown":
            continue
        for block in re.split(r"(?m)^(?=#{1,6} )", cell.source):
            heading = re.match(r"(#{1,6}) (.*)", block)
            if heading:
                level, title = len(heading.group(1)), heading.group(2).strip()
                if deeper_level is not None and level <= deeper_level:
                    deeper_level = None
                if title.lower().startswith("going deeper"):
                    deeper_level = level
                elif deeper_level is None and re.match(r"(?i)exercise\b", title):
                    exercises += 1
            if deeper_level is None:
                core_words += _words(block)
            else:
                deeper_words += _words(block)
    return core_words, exercises, deeper_words


def stated(nb):
    """(minutes, words) the title cell states for the core path."""
    first = nb.cells[0].source
    line = next((ln for ln in first.splitlines() if "**Time:**" in ln), "")
    minutes = re.search(r"core path[^0-9]*(\d+)\s*min", line)
    words = re.search(r"(\d[\d,]*)\s*words", line)
    assert minutes and words, f"the title cell must state the core path's minutes and words, got: {line!r}"
    return int(minutes.group(1)), int(words.group(1).replace(",", ""))


def test_core_path_counts_words_outside_going_deeper():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# T\n**Time:** core path about 1 minute"),
                nbformat.v4.new_markdown_cell("## One\nfour words right here\n### Exercise 1\nthree more words"),
                nbformat.v4.new_markdown_cell("## Going deeper: proofs\nnot counted at all\n### Exercise 2\nskipped"),
                nbformat.v4.new_markdown_cell("## Two\ncounted again")]
    core, exercises, deeper = core_path(nb)
    assert exercises == 1 and deeper == 3 + 4 + 2 + 1 and core == 1 + 4 + 2 + 3 + 1 + 2


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_the_stated_time_fits_the_core_path(path):
    nb = nbformat.read(path, as_version=4)
    minutes, words = stated(nb)
    core, exercises, _ = core_path(nb)
    assert abs(words - core) <= 0.1 * core, f"states {words} words, the core path has {core}"
    needed = core / WORDS_PER_MINUTE + MINUTES_PER_EXERCISE * exercises
    assert minutes >= needed - 1, f"states {minutes} min; {core} words and {exercises} exercises need {needed:.0f}"
    assert minutes <= MOST_MINUTES, f"a core path of {minutes} min is longer than one sitting ({MOST_MINUTES} min)"
