"""Classroom kit: the student edition, the slides, and the Binder / JupyterHub image."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import classroom  # noqa: E402
from run_notebooks import execute_notebook  # noqa: E402

CHAPTERS = classroom.chapters()
BIN = Path(sys.executable).parent


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_chapter_has_solutions_to_remove(path):
    nb = nbformat.read(path, as_version=4)
    solutions = [c for c in nb.cells if classroom.is_solution(c)]
    assert len(solutions) >= 3, "at least three exercises with a worked solution"
    for cell in solutions:
        assert cell.metadata.get("jupyter", {}).get("source_hidden"), "solutions start collapsed (revealed on purpose)"


def test_student_edition_has_no_solution_and_still_runs(tmp_path):
    if not CHAPTERS:
        pytest.skip("no chapters yet")
    written = classroom.build_student_edition(tmp_path)
    assert [p.name for p in written] == [p.name for p in CHAPTERS]
    for original, student in zip(CHAPTERS, written, strict=True):
        solution_sources = {c.source for c in nbformat.read(original, as_version=4).cells if classroom.is_solution(c)}
        nb = nbformat.read(student, as_version=4)
        assert not any(classroom.is_solution(c) for c in nb.cells)
        assert not solution_sources & {c.source for c in nb.cells}
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
        _, errors = execute_notebook(student)
        assert errors == [], f"{student.name}: an exercise left for the learner must fail only by the check's message"
        ran = nbformat.read(student, as_version=4)
        verdicts = [o.get("data", {}).get("text/plain", "") for c in ran.cells if c.cell_type == "code"
                    for o in c.outputs if o.output_type == "execute_result"]
        assert any(v.startswith("✘") for v in verdicts), "the stubs show the friendly 'not yet' message"


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_slides_build(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    types = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert None not in types, "every cell carries slideshow metadata (tools/classroom.py slides)"
    assert types[0] == "slide" and types.count("slide") >= 3
    result = subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "slides", "--output-dir", str(tmp_path),
                             str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / f"{path.stem}.slides.html").read_text()
    assert html.count("<section") >= types.count("slide")


def test_repo2docker_builds_from_the_pinned_binder_folder():
    """Binder reads binder/ first: the exact pins of binder/requirements.txt, then binder/postBuild (lrcore)."""
    exe = shutil.which("repo2docker") or str(BIN / "repo2docker")
    if not os.path.exists(exe):
        pytest.skip("repo2docker is not installed (pip install jupyter-repo2docker)")
    result = subprocess.run([exe, "--no-build", "--no-run", "--debug", "--user-id", "1000", "--user-name",
                             "jovyan", str(ROOT)], capture_output=True, text=True, timeout=300)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-2000:]
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in out
    assert "./binder/postBuild" in out
    assert "environment.yml" not in out  # the top-level conda file is for conda users, not for Binder
