"""The project's set-up: packaging, Binder files, CI, import hygiene."""

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement):
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _requirements(text_lines):
    """{name: version spec} of requirement strings such as 'numpy>=2.0'."""
    out = {}
    for line in text_lines:
        name = _name(line)
        out[name] = line.strip()[len(name):].strip()
    return out


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_environment_yml_names_the_same_packages_and_floors_as_pyproject():
    project = _pyproject()
    wanted = _requirements(project["dependencies"])
    for extra in ("lab", "test"):
        wanted |= _requirements(project["optional-dependencies"][extra])
    deps = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    listed = [m.group(1) for m in re.finditer(r"^\s+-\s+([A-Za-z0-9_.\-]+[^\n#]*)", deps, re.M)]
    conda = {k: v for k, v in _requirements(listed).items() if k not in ("python", "pip")}
    assert conda == wanted
    assert re.search(r"^\s+- python=3\.\d+", (ROOT / "environment.yml").read_text(), re.M), "pin Python"


def test_the_course_needs_no_test_tool():
    """What the chapters import at run time is in the dependencies or [lab], not only in [test]."""
    project = _pyproject()
    course = {_name(r) for r in project["dependencies"] + project["optional-dependencies"]["lab"]}
    imported = set()
    for path in (ROOT / "notebooks").glob("[0-9]*.ipynb"):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                src = "".join(cell["source"])
                imported |= set(re.findall(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", src, re.M))
    distribution = {"sklearn": "scikit-learn", "lrcore": None}
    stdlib = set(sys.stdlib_module_names)
    needed = {distribution.get(m, m) for m in imported if m not in stdlib} - {None}
    assert needed <= course, needed - course
    assert {"scikit-learn", "threadpoolctl"} <= course


def test_licence_is_an_spdx_string():
    project = _pyproject()
    assert isinstance(project["license"], str) and project["license"] == "MIT"
    assert (ROOT / "LICENSE").exists()


def test_make_lab_installs_the_course_only():
    makefile = (ROOT / "Makefile").read_text()
    lab_rule = makefile.split("$(LAB_STAMP): pyproject.toml", 1)[1].split("\n\n", 1)[0]
    assert "-e \".[lab]\"" in lab_rule and "e2e" not in lab_rule and "lab,test" not in lab_rule
    assert re.search(r"^lab: \$\(LAB_STAMP\)$", makefile, re.M)
    assert re.search(r"^test: \$\(TEST_STAMP\)$", makefile, re.M)


def test_binder_files():
    post = ROOT / "binder" / "postBuild"
    assert os.access(post, os.X_OK)
    assert "pip install --no-deps ." in post.read_text()
    assert not (ROOT / "environment.yaml").exists() and not (ROOT / "postBuild").exists()  # binder/ decides


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme
    assert "make test" in ci and os.access(ROOT / ".ci" / "run", os.X_OK)
    assert "set -euo pipefail" in ci


def test_ci_proves_portability():
    """CI runs nbval under the other floating-point set-ups, the floors and Python 3.13."""
    import importlib.util

    ci = (ROOT / ".ci" / "run").read_text()
    spec = importlib.util.spec_from_file_location("fp_matrix", ROOT / "tools" / "fp_matrix.py")
    fp_matrix = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fp_matrix)
    assert set(fp_matrix.SETUPS) == {"native", "haswell", "prescott"}
    assert fp_matrix.SETUPS["haswell"]["OPENBLAS_CORETYPE"] == "Haswell"
    assert "X86_V3" in fp_matrix.SETUPS["haswell"]["NPY_DISABLE_CPU_FEATURES"]
    assert fp_matrix.SETUPS["prescott"] == {"OPENBLAS_CORETYPE": "Prescott", "OPENBLAS_NUM_THREADS": "1"}
    assert "fp_matrix.py nbval haswell prescott" in ci
    assert "tools/floors.py" in ci and "-c " in ci
    assert "3.13" in ci


def test_floors_are_the_declared_lower_bounds():
    import importlib.util

    spec = importlib.util.spec_from_file_location("floors", ROOT / "tools" / "floors.py")
    floors = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(floors)
    pins = dict(floors.floors())
    declared = _requirements(_pyproject()["dependencies"])
    assert {name for name in declared} <= set(pins)
    for name, spec_ in declared.items():
        assert spec_ == f">={pins[name]}"


def test_import_is_light_and_changes_no_global_state():
    code = (
        "import sys, warnings, numpy as np\n"
        "before = (np.geterr(), np.get_printoptions(), list(warnings.filters))\n"
        "import lrcore\n"
        "after = (np.geterr(), np.get_printoptions(), list(warnings.filters))\n"
        "assert before == after, 'import lrcore changed global state'\n"
        "heavy = [m for m in ('matplotlib', 'ipywidgets', 'sklearn', 'scipy') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_math_modules_import_no_plotting():
    for module in ("losses", "descent", "closed_form", "model", "robust", "houses", "_validation",
                   "data/__init__"):
        text = (ROOT / "lrcore" / f"{module}.py").read_text()
        assert "matplotlib" not in text and "ipywidgets" not in text, module


def test_public_names_are_exported():
    import lrcore

    for name in ("make_line_data", "load_houses", "load_nist", "train_test_split", "standardize",
                 "add_intercept", "predict", "residuals", "sse", "mse", "rmse", "mae", "r2_score",
                 "mse_grad", "rmse_grad", "mae_grad", "numerical_grad", "loss_grid", "gradient_descent",
                 "DescentResult", "hessian", "stability_limit", "learning_rate_regime", "normal_equation",
                 "pinv_svd", "fit_closed_form", "condition_number", "LinearRegression"):
        assert hasattr(lrcore, name), name
        assert name in lrcore.__all__


def test_binder_pins_every_dependency_exactly_and_within_the_floors():
    """binder/requirements.txt (tools/binder_pins.py) pins each of lrcore's dependencies and [lab] to one version
    that pyproject.toml allows, for the Python of binder/runtime.txt; CI installs it and runs the suite."""
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = {}
    for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not an exact pin: {line}"
            pins[name.lower().replace("_", "-")] = version
    for text in project["dependencies"] + project["optional-dependencies"]["lab"]:
        req = Requirement(text)
        name = req.name.lower()
        assert name in pins, f"{name} is not pinned for Binder"
        assert req.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {req.specifier}"
    from packaging.specifiers import SpecifierSet

    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert runtime.startswith("python-3.")
    assert SpecifierSet(project["requires-python"]).contains(runtime.removeprefix("python-") + ".0")
