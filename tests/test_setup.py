"""The project's set-up: packaging, Binder files, CI, import hygiene."""

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement):
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_names_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in ("lab", "test"):
        wanted |= {_name(r) for r in project["optional-dependencies"][extra]}
    conda = set()
    deps = (ROOT / "environment.yml").read_text().split("dependencies:", 1)[1]
    for line in deps.splitlines():
        m = re.match(r"\s+-\s+([A-Za-z0-9_.\-]+)", line)
        if m:
            conda.add(_name(m.group(1)))
    assert conda - {"python", "pip"} == wanted
    assert re.search(r"^\s+- python=3\.\d+", (ROOT / "environment.yml").read_text(), re.M), "pin Python"


def test_binder_files():
    post = ROOT / "postBuild"
    assert os.access(post, os.X_OK)
    assert "pip install" in post.read_text()
    assert not (ROOT / "environment.yaml").exists()


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme
    assert "make test" in ci and os.access(ROOT / ".ci" / "run", os.X_OK)
    assert "set -euo pipefail" in ci


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
    for module in ("losses", "descent", "closed_form", "model", "robust", "_validation", "data/__init__"):
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
