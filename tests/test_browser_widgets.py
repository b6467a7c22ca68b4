"""A builder used as a learner uses it: typed into and clicked in JupyterLab, in a real Chromium.

The Python tests drive the builders' widgets from code; this one checks the
whole road a participant's input travels: browser, widget, kernel, model, file.
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from test_lab import free_port

NOTEBOOK = [
    "import journeylab as jl\nbuilder = jl.widgets.PersonaBuilder(autosave='persona.json')",
    "builder",
]


@pytest.fixture(scope="module")
def lab_with_builder(tmp_path_factory):
    """A JupyterLab of its own, serving a folder with one notebook that shows a PersonaBuilder."""
    folder = tmp_path_factory.mktemp("course")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in NOTEBOOK])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "persona.ipynb")
    state, port, token = tmp_path_factory.mktemp("state"), free_port(), secrets.token_hex(16)
    env = os.environ | {name: str(state / name) for name in
                        ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR")}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}", "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        yield folder, f"{base}/lab/workspaces/test/tree/persona.ipynb?reset&token={token}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.browser
def test_a_learner_types_a_persona_and_it_is_saved(lab_with_builder, tmp_path, chromium):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    folder, url = lab_with_builder
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(url)
    page.wait_for_selector('.jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator[data-status="idle"]')
    name = page.get_by_placeholder("e.g. Jessica")
    # On a cold start JupyterLab may load its widget manager after the first output arrives and
    # then shows the builder as text; running the cells again renders it, as a learner would do.
    for attempt in range(3):
        page.locator("#jp-MainMenu").get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            name.wait_for(state="visible", timeout=20_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    age = page.get_by_placeholder("e.g. 28 (leave empty if unknown)")
    apply = page.locator(".jp-OutputArea .widget-button", has_text="Apply")

    name.fill("Sofie")
    age.fill("twenty-nine")
    apply.click()
    expect(page.get_by_text("Age: must be a whole number", exact=False)).to_be_visible(timeout=15_000)
    assert not (folder / "persona.json").exists(), "refused input is not saved"

    age.fill("29")
    apply.click()
    deadline = time.monotonic() + 15
    while not (folder / "persona.json").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    saved = json.loads((folder / "persona.json").read_text(encoding="utf-8"))
    assert (saved["name"], saved["age"]) == ("Sofie", 29)
    page.screenshot(path=str(tmp_path / "persona_builder.png"), full_page=True)
    print(f"screenshot: {tmp_path / 'persona_builder.png'}")
