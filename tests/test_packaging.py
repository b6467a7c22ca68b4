"""The set-up files agree with each other, and importing the package stays light."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
ENVIRONMENT = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))

# conda-forge names that differ from PyPI names (none today; add a line here when one does)
CONDA_NAMES: dict[str, str] = {}


def pyproject_requirements() -> dict[str, str]:
    project = PYPROJECT["project"]
    lines = project["dependencies"] + project["optional-dependencies"]["test"]
    return {canonicalize_name(req.name): str(req.specifier) for req in map(Requirement, lines)}


def environment_requirements() -> dict[str, str]:
    found = {}
    for item in ENVIRONMENT["dependencies"]:
        if isinstance(item, dict):  # the pip: section
            entries = [entry for entry in item["pip"] if not entry.startswith("-e")]
        else:
            entries = [item]
        for entry in entries:
            requirement = Requirement(entry.replace(" ", ""))
            name = canonicalize_name(requirement.name)
            if name not in ("python", "pip"):
                found[CONDA_NAMES.get(name, name)] = str(requirement.specifier)
    return found


def test_environment_yml_and_pyproject_name_the_same_dependencies_and_versions():
    assert environment_requirements() == pyproject_requirements()


def test_environment_yml_installs_the_package_itself():
    pip_section = next(item["pip"] for item in ENVIRONMENT["dependencies"] if isinstance(item, dict))
    assert "-e ." in pip_section


def test_environment_yml_asks_for_the_python_pyproject_supports():
    python = next(item for item in ENVIRONMENT["dependencies"] if isinstance(item, str) and item.startswith("python"))
    assert python.replace("python", "") == PYPROJECT["project"]["requires-python"]


def pins() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pairs = (line.split("==") for line in lines if line and not line.startswith("#"))
    return {canonicalize_name(name): version for name, version in pairs}


@pytest.mark.parametrize("name, specifier", sorted(pyproject_requirements().items()))
def test_every_dependency_is_pinned_within_its_allowed_range(name, specifier):
    pinned = pins()
    assert name in pinned, f"{name} is not pinned in constraints.txt"
    assert Requirement(f"{name}{specifier}").specifier.contains(pinned[name])


def test_import_journeylab_loads_neither_matplotlib_nor_ipywidgets_nor_pandas():
    # pandas too: it alone would make `import journeylab` ten times slower; modules that need it load on use
    code = "import sys, journeylab; print(sorted({'matplotlib', 'ipywidgets', 'pandas'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_models_never_import_widgets_or_plotting():
    for module in ("errors", "_fields", "storage", "frameworks", "strategy", "personas", "journey", "journey_formats", "opportunities"):
        source = (ROOT / "journeylab" / f"{module}.py").read_text(encoding="utf-8")
        for forbidden in ("matplotlib", "ipywidgets", "pickle", "eval("):
            assert forbidden not in source, f"{module}.py mentions {forbidden}"
