"""The set-up files agree with each other, and importing the package stays light."""

import ast
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
ENVIRONMENT = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))

# PyPI names whose conda-forge package is spelled differently
CONDA_NAMES = {
    "matplotlib": "matplotlib-base",  # conda-forge's `matplotlib` adds the Qt desktop backend
    "playwright": "playwright-python",  # how conda-forge spells Playwright for Python
}
TEST_TOOLS = {canonicalize_name(Requirement(line).name) for line in PYPROJECT["project"]["optional-dependencies"]["test"]}


def runtime_requirements() -> dict[str, str]:
    """What `pip install journeylab` brings, by conda-forge name."""
    requirements = map(Requirement, PYPROJECT["project"]["dependencies"])
    return {CONDA_NAMES.get(name, name): str(req.specifier) for req in requirements if (name := canonicalize_name(req.name))}


def environment_requirements() -> dict[str, str]:
    found = {}
    for item in ENVIRONMENT["dependencies"]:
        if isinstance(item, dict):  # the pip: section
            entries = [entry for entry in item["pip"] if not entry.startswith("-e")]
        else:
            entries = [item.split("#")[0].strip()]
        for entry in entries:
            if re.match(r"(python|pip)\b", entry):
                continue
            requirement = Requirement(entry.replace(" ", ""))
            found[requirement.name] = str(requirement.specifier)
    return found


def test_environment_yml_asks_for_the_runtime_dependencies_of_pyproject_with_the_same_ranges():
    assert environment_requirements() == runtime_requirements()


def test_environment_yml_is_the_learners_and_holds_no_test_tool():
    in_environment = {canonicalize_name(name) for name in environment_requirements()}
    test_tools_as_in_conda = {canonicalize_name(CONDA_NAMES.get(name, name)) for name in TEST_TOOLS}
    assert not in_environment & test_tools_as_in_conda


def test_environment_yml_installs_the_package_itself():
    pip_section = next(item["pip"] for item in ENVIRONMENT["dependencies"] if isinstance(item, dict))
    assert "-e ." in pip_section


def test_environment_yml_pins_a_python_that_pyproject_allows_in_the_form_repo2docker_reads():
    python = next(item for item in ENVIRONMENT["dependencies"] if isinstance(item, str) and item.startswith("python"))
    # repo2docker's conda buildpack reads the version with the pattern python\s*=+\s*([\d.]*); a range is ignored
    version = re.fullmatch(r"python\s*=+\s*([\d.]+)", python)
    assert version, f"{python!r} is not of the form python=3.X"
    assert SpecifierSet(PYPROJECT["project"]["requires-python"]).contains(version.group(1) + ".0")


def test_the_readme_promises_the_python_range_of_pyproject():
    floor = PYPROJECT["project"]["requires-python"].removeprefix(">=")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python {floor} or newer" in readme
    assert not re.search(r"Python 3\.(?!" + floor.split(".")[1] + r")\d+ or newer", readme)


def test_every_direct_import_of_the_package_is_a_declared_dependency():
    declared = {canonicalize_name(Requirement(line).name) for line in PYPROJECT["project"]["dependencies"]}
    import_names = {"yaml": "pyyaml"}  # an import name that differs from its distribution's name
    imported = set()
    for path in (ROOT / "journeylab").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = {canonicalize_name(import_names.get(name, name)) for name in imported - set(sys.stdlib_module_names)} - {"journeylab"}
    assert third_party <= declared, f"imported but not declared in pyproject.toml: {sorted(third_party - declared)}"


def pins() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pairs = (line.split("==") for line in lines if line and not line.startswith("#"))
    return {canonicalize_name(name): version for name, version in pairs}


def every_requirement() -> dict[str, str]:
    project = PYPROJECT["project"]
    lines = project["dependencies"] + [line for extra in project["optional-dependencies"].values() for line in extra]
    return {canonicalize_name(req.name): str(req.specifier) for req in map(Requirement, lines)}


@pytest.mark.parametrize("name, specifier", sorted(every_requirement().items()))
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
    for module in ("errors", "_fields", "storage", "frameworks", "strategy", "personas", "journey_parts", "journey",
                   "journey_formats", "opportunities", "schemas", "checks", "progress_store", "folders"):
        source = (ROOT / "journeylab" / f"{module}.py").read_text(encoding="utf-8")
        for forbidden in ("matplotlib", "ipywidgets", "pickle", "eval("):
            assert forbidden not in source, f"{module}.py mentions {forbidden}"


def make_dry_run(target: str) -> str:
    """The commands `make` would run for a target on a machine without .venv (nothing is run)."""
    result = subprocess.run(["make", "--no-print-directory", "-n", "-B", "VENV=/nonexistent/venv", target],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout


def test_make_lab_installs_the_course_without_any_test_tool():
    commands = make_dry_run("lab")
    assert "-e ." in commands and "jupyter lab" in commands
    assert "[test]" not in commands and "[lint]" not in commands


def test_make_lab_installs_the_jupyterlab_settings_the_course_needs():
    # JupyterLab 4.6 sends widget messages over kernel subshells, and with ipykernel 7.4 a click is now and
    # then never handled (5 of 35 browser runs): the course switches that off in the environment's overrides.
    overrides = json.loads((ROOT / "lab-settings" / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:kernels-settings"]["commsOverSubshells"] == "disabled"
    assert "cp lab-settings/overrides.json /nonexistent/venv/share/jupyter/lab/settings/overrides.json" in make_dry_run("lab")


def test_make_test_and_make_lint_add_their_tools():
    assert '-e ".[test]"' in make_dry_run("test")
    assert '-e ".[lint]"' in make_dry_run("lint")


def test_the_oldest_constraints_pin_each_library_at_the_floor_pyproject_allows():
    from packaging.version import Version

    floors = {}
    for line in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(line)
        lower = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        floors[canonicalize_name(requirement.name)] = Version(lower[0])
    lines = (ROOT / "constraints-oldest.txt").read_text(encoding="utf-8").splitlines()
    oldest = {canonicalize_name(name): Version(version) for name, version in
              (line.split("==") for line in lines if line and not line.startswith("#"))}
    assert oldest == floors
