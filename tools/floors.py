"""Print the declared floors of lrcore's run-time dependencies as exact pins (pip constraints).

CI installs them in a venv of their own and runs the unit tests and the chapters there
(.ci/run), which is what makes each ">=" in pyproject.toml and environment.yml true.

Usage: python tools/floors.py > floors.txt; pip install -c floors.txt -e ".[lab,test]"
"""

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def floors(groups=("dependencies", "lab")):
    """[(name, version)] for every requirement with a lower bound in the given groups."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"]) if "dependencies" in groups else []
    for extra in groups:
        reqs += project["optional-dependencies"].get(extra, []) if extra != "dependencies" else []
    out = []
    for req in reqs:
        m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)", req)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


if __name__ == "__main__":
    groups = sys.argv[1:] or ("dependencies", "lab")
    print("\n".join(f"{name}=={version}" for name, version in floors(groups)))
