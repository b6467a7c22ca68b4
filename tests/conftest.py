"""Shared test fixtures: a real Chromium for the browser tests, and a JupyterLab state of their own."""

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# A cold JupyterLab on a loaded 2-core machine takes ~10 s to show a notebook with an idle kernel:
# every browser wait (Playwright's `expect` included, 5 s by default) gets six times that.
BROWSER_TIMEOUT_MS = 60_000


@pytest.fixture
def chromium():
    """Debian's Chromium, driven by Playwright (never a downloaded browser).

    Missing locally, the test is skipped and says why; in CI (which installs it) it fails instead.
    """
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("CI must run the browser tests: install Debian's chromium (.ci/run does)")
        pytest.skip("needs Debian's chromium (apt-get install chromium); .ci/run installs it and never skips")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def lab_page(chromium):
    """A browser tab for JupyterLab, as patient as `expect` with every click and wait."""
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    return page


# JupyterLab settings for the tests' throw-away state, by plugin.
LAB_SETTINGS = {
    # "Never" to the question about Jupyter news: no toast covers the page.
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    # (Widget messages over kernel subshells are switched off for learners and tests alike by
    # lab-settings/overrides.json, which `make` installs into the environment.)
}


@pytest.fixture(scope="module")
def jupyter_env(tmp_path_factory):
    """Environment for a JupyterLab that keeps its config, runtime files, settings and workspaces in a
    temporary folder, with the settings in LAB_SETTINGS and the server settings of lab-settings/."""
    state = tmp_path_factory.mktemp("jupyter-state")
    names = ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
             "JUPYTERLAB_WORKSPACES_DIR")
    env = os.environ | {name: str(state / name.lower()) for name in names}
    env["JUPYTER_CONFIG_PATH"] = str(Path(__file__).resolve().parents[1] / "lab-settings")  # as `make lab` installs
    for plugin, settings in LAB_SETTINGS.items():
        path = Path(env["JUPYTERLAB_SETTINGS_DIR"], f"{plugin}.jupyterlab-settings")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")
    return env


@pytest.fixture(autouse=True)
def close_widgets():
    """Close each test's widgets: ipywidgets keeps every open widget alive, and the pile slows later tests."""
    yield
    if "ipywidgets" in sys.modules:  # only tests that made widgets loaded it
        sys.modules["ipywidgets"].Widget.close_all()
