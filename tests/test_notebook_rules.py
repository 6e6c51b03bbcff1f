"""The rules every chapter notebook keeps (nbval checks the outputs; this checks the shape)."""

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
IDS = [p.stem for p in CHAPTERS]


def _code(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def test_all_eight_chapters_exist():
    """The chapter plan of DESIGN.md: six core chapters, then SGD and momentum (7), features, ridge and
    uncertainty (8)."""
    assert [p.name[:2] for p in CHAPTERS] == ["01", "02", "03", "04", "05", "06", "07", "08"]


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_saved_from_a_clean_run(path):
    nb = nbformat.read(path, as_version=4)
    counts = [c.execution_count for c in _code(nb)]
    assert counts == list(range(1, len(counts) + 1)), "saved from Restart & Run All"
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    stderr = [o for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert not stderr, "no warnings in the saved outputs"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_at_most_a_tenth_of_code_cells_ignore_their_output(path):
    code = _code(nbformat.read(path, as_version=4))
    ignored = [c for c in code if "NBVAL_IGNORE_OUTPUT" in c.source or "nbval-ignore-output" in c.metadata.get("tags", [])]
    assert len(ignored) <= 0.1 * len(code)


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_a_cell_that_ignores_its_output_still_checks_its_claim(path):
    """Portable outputs: a cell whose printed numbers differ between machines may ignore its text, but only if it
    asserts what it claims (with a tolerance that holds on any machine) or it measures time."""
    code = _code(nbformat.read(path, as_version=4))
    for cell in code:
        if "NBVAL_IGNORE_OUTPUT" in cell.source or "nbval-ignore-output" in cell.metadata.get("tags", []):
            assert re.search(r"^\s*assert\b", cell.source, re.M) or "perf_counter" in cell.source \
                or "timings" in cell.source, f"ignored cell checks nothing:\n{cell.source[:300]}"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_structure(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0].source
    assert first.startswith("# "), "a title"
    assert re.search(r"(?i)learning goals", first) and re.search(r"\d+\s*(–\s*\d+\s*)?min", first), \
        "learning goals and the time it takes up front"
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "## Summary" in text
    code = "\n".join(c.source for c in _code(nb))
    assert "lr.widgets." in code, "at least one interactive app"
    assert len(re.findall(r"lr\.checks\.check_\w+\(", code)) >= 3, "at least three checked exercises"
    figures = sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))
    assert figures >= 3, "static figures saved for readers without a kernel"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_no_interact_and_no_global_style_at_import(path):
    code = "\n".join(c.source for c in _code(nbformat.read(path, as_version=4)))
    assert "interact(" not in code, "ipywidgets.interact breaks nbval; use the lrcore apps"


def _inline_math_spans(markdown):
    """The $…$ spans JupyterLab typesets, paired as it pairs them: before the markdown is parsed."""
    text = re.sub(r"```.*?```", "", markdown, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    text = re.sub(r"\$\$.*?\$\$", "", text, flags=re.S)
    return re.findall(r"\$([^$]*)\$", text)


def _looks_like_prose(span):
    body = re.sub(r"\\(text|mathrm|operatorname|textbf|mathbf|texttt)\{[^}]*\}", "", span)
    body = re.sub(r"\\[A-Za-z]+", "", body)
    return bool(re.search(r"[A-Za-z]{3,}[\s,.;:)(]+[A-Za-z]{3,}", body)) or "\n>" in span


# "$4k", "$1.07 million", "$540,182": a dollar sign in front of an amount reads as money, in maths too
_MONEY = re.compile(r"(?<![\\$])\$\d[\d,.]*\s?(?:k|K|M|bn|million|thousand)\b|(?<![\\$])\$\d{1,3}(?:,\d{3})+")


def test_the_prose_detector_catches_paired_dollars():
    assert _MONEY.search("about $4k a year") and _MONEY.search("the mean ($540,182)")
    assert _MONEY.search("ratio $4k/p$ flops") and not _MONEY.search(r"ratio $4\,k/p$ and $2np^2$ flops")
    money = "The mean (&#36;540,182) is fine; but $540,182 is above the median of $450,000 here."
    assert not any(_looks_like_prose(s) for s in _inline_math_spans(money.split(";")[0]))
    assert any(_looks_like_prose(s) for s in _inline_math_spans(money))
    assert not any(_looks_like_prose(s) for s in _inline_math_spans(r"with $\hat y = w\,x + b$ and $\text{the cost } J$"))


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_no_prose_is_typeset_as_maths(path):
    """JupyterLab pairs $ signs as maths before it parses markdown, and \\$ does not escape them there; then
    MathJax typesets the rendered cell, where &#36; has become a plain $ that pairs with the next one (seen in
    Chromium: "540,182)isabovethemedian(" typeset as maths). Money is written in words (USD 540,182, 540,182
    dollars), and no $…$ span holds prose."""
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        assert "\\$" not in cell.source, f"cell {i}: write money in words (USD 540,182), not \\$"
        assert "&#36;" not in cell.source and "&dollar;" not in cell.source, \
            f"cell {i}: &#36; renders as a $ that MathJax pairs with the next one: write USD or dollars"
        money = _MONEY.search(cell.source)
        assert not money, f"cell {i}: {money.group(0)!r} reads as money: write USD or dollars (in maths, 4\\,k)"
        prose = [s for s in _inline_math_spans(cell.source) if _looks_like_prose(s)]
        assert not prose, f"cell {i}: prose between dollar signs: {prose[0][:80]!r}"
        maths = _inline_math_spans(cell.source) + re.findall(r"\$\$(.*?)\$\$", cell.source, flags=re.S)
        assert not [m for m in maths if "&#" in m], f"cell {i}: an HTML entity inside maths shows literally"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_solutions_stay_hidden_until_asked_for(path):
    """JupyterLab shows a collapsed cell's first line: it must be a comment, and the output is collapsed too."""
    nb = nbformat.read(path, as_version=4)
    solutions = [c for c in nb.cells if c.cell_type == "code" and "solution" in c.metadata.get("tags", [])]
    assert solutions
    for cell in solutions:
        assert cell.source.splitlines()[0].startswith("# Solution"), cell.source[:80]
        hidden = cell.metadata.get("jupyter", {})
        assert hidden.get("source_hidden") is True and hidden.get("outputs_hidden") is True, cell.source[:80]


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_opening_a_chapter_does_not_mark_it_modified(path):
    """JupyterLab rewrites the kernelspec 'Python 3' to 'Python 3 (ipykernel)' on open and marks the file modified."""
    spec = nbformat.read(path, as_version=4).metadata["kernelspec"]
    assert spec == {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_every_chapter_installs_the_course_on_colab_and_has_a_colab_link(path):
    """The first code cell starts with the Colab guard (tools/classroom.py colab), and the README links the
    chapter's "open in Colab" address."""
    import classroom  # tools/

    first = next(c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code")
    assert "".join(first["source"]).startswith(classroom.COLAB_GUARD)
    assert classroom.colab_url(path) in (ROOT / "README.md").read_text()


def test_the_colab_guard_installs_only_on_colab(monkeypatch):
    """Run the guard as IPython would, once with google.colab imported and once without: pip runs only on Colab,
    and it installs this repository."""
    import sys
    import types

    import classroom
    from IPython.core.inputtransformer2 import TransformerManager

    code = TransformerManager().transform_cell(classroom.COLAB_GUARD)
    calls = []
    shell = types.SimpleNamespace(run_line_magic=lambda name, line: calls.append((name, line)))
    exec(code, {"get_ipython": lambda: shell})
    assert calls == []
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    exec(code, {"get_ipython": lambda: shell})
    assert calls == [("pip", f'install --quiet "lrcore @ git+https://github.com/{classroom.REPOSITORY}"')]


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_static_figures_are_shown_with_a_text_alternative(path):
    """plt.show() gives JupyterLab an <img> without alt: every static figure goes through lr.show_figure(fig, alt)
    (tests/test_static_figures.py checks the saved outputs)."""
    code = _code(nbformat.read(path, as_version=4))
    shown = [c.source[:120] for c in code if re.search(r"\bplt\.show\(", c.source)]
    assert not shown, f"plt.show() in: {shown}"
