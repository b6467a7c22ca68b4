"""A builder used as a learner uses it: typed into and clicked in JupyterLab, in a real Chromium.

The Python tests drive the builders' widgets from code; this one checks the
whole road a participant's input travels: browser, widget, kernel, model, file.
"""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = {
    "persona.ipynb": [
        "import journeylab as jl\nbuilder = jl.widgets.PersonaBuilder(autosave='persona.json')",
        "builder",
    ],
    "journey.ipynb": [
        "import journeylab as jl\nbuilder = jl.widgets.JourneyBuilder(autosave='journey.json')",
        # A crowded workshop server: every value typed into the opportunity form keeps the kernel busy a while,
        # so the browser holds back the next value of that box (ipywidgets' message throttle).
        "import time\nfor field in builder.opportunity_fields.values():\n"
        "    field.observe(lambda change: time.sleep(0.25), 'value')\nbuilder.tabs.selected_index = 3",
        "builder",
    ],
}
# The status bar names the notebook's kernel and its state; before a kernel starts it says "No Kernel".
KERNEL_IDLE = re.compile(r"^(?!No Kernel).+ \| Idle$")
RAN = re.compile(r"\[\d+\]:")  # the prompt of a cell that ran; "[ ]:" not yet, "[*]:" queued or running


@pytest.fixture(scope="module")
def lab_with_builder(jupyter_env, tmp_path_factory):
    """A JupyterLab of its own, serving a folder with one notebook that shows a PersonaBuilder."""
    folder = tmp_path_factory.mktemp("course")
    for name, cells in NOTEBOOKS.items():
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in cells])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, folder / name)
    token = secrets.token_hex(16)
    # --port=0: the server takes a free port itself and writes it into its runtime file. A port picked here
    # and bound by the server seconds later could be taken meanwhile, and JupyterLab would move to another.
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", "--port=0", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}", "--LabApp.news_url=None", "--allow-root"],
        env=jupyter_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    info = Path(jupyter_env["JUPYTER_RUNTIME_DIR"]) / f"jpserver-{server.pid}.json"
    base, answered = None, False
    try:
        deadline = time.monotonic() + 120
        while server.poll() is None and not answered and time.monotonic() < deadline:
            try:
                base = base or f"http://127.0.0.1:{json.loads(info.read_text(encoding='utf-8'))['port']}"
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                answered = True
            except (OSError, ValueError, KeyError):  # no runtime file yet, half written, or not answering yet
                time.sleep(0.3)
        assert server.poll() is None, f"JupyterLab exited with code {server.returncode}"
        assert answered, f"JupyterLab did not answer in 120 s (its runtime file: {base or 'not written'})"
        yield folder, f"{base}/lab/workspaces/test/tree/persona.ipynb?reset&token={token}"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # JupyterLab and its kernel
            server.wait(timeout=30)


def run_all_cells(page):
    """Run > Run All Cells once the notebook's kernel is idle, and wait until every cell has run.

    The toolbar's execution indicator says "idle" before any kernel exists, and Run All on a notebook
    without a kernel opens a "Select Kernel" dialog that blocks the menus: so wait on the status bar,
    and should JupyterLab ask all the same, accept the kernel it proposes (the notebook's kernelspec).
    """
    from playwright.sync_api import expect

    idle = page.locator(".jp-StatusBar-Widget").get_by_text(KERNEL_IDLE)
    select_kernel = page.locator(".jp-Dialog", has_text="Select Kernel")
    expect(idle.or_(select_kernel).first).to_be_visible()
    if select_kernel.is_visible():
        select_kernel.locator(".jp-mod-accept").click()
        expect(idle).to_be_visible()
    page.locator("#jp-MainMenu").get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    prompts = page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputPrompt")
    expect(prompts.first).not_to_have_text("[ ]:")  # the run has started ...
    expect(prompts.filter(has_text="*")).to_have_count(0)  # ... and no cell is queued or running any more
    expect(idle).to_be_visible()
    outputs = page.locator(".jp-NotebookPanel .jp-OutputArea").all_inner_texts()
    assert all(RAN.fullmatch(prompt) for prompt in prompts.all_inner_texts()), f"not every cell ran: {outputs}"


@pytest.mark.browser
def test_a_learner_types_a_persona_and_it_is_saved(lab_with_builder, tmp_path, lab_page):
    from playwright.sync_api import expect

    folder, url = lab_with_builder
    page = lab_page
    page.goto(url)
    run_all_cells(page)
    builder = page.locator(".jp-NotebookPanel .jp-OutputArea").last  # the output of the cell `builder`
    name = builder.get_by_placeholder("e.g. Jessica")
    age = builder.get_by_placeholder("e.g. 28 (leave empty if unknown)")
    apply = builder.locator(".widget-button", has_text="Apply")
    saved = folder / "persona.json"

    name.fill("Sofie")
    age.fill("twenty-nine")
    apply.click()
    expect(builder).to_contain_text("Age: must be a whole number")
    assert not saved.exists(), "refused input is not saved"

    age.fill("29")
    apply.click()
    deadline = time.monotonic() + 60  # as patient as the browser waits
    while not saved.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert saved.exists(), f"Apply saved nothing; the builder shows:\n{builder.inner_text()}"
    persona = json.loads(saved.read_text(encoding="utf-8"))
    assert (persona["name"], persona["age"]) == ("Sofie", 29)
    page.screenshot(path=str(tmp_path / "persona_builder.png"), full_page=True)
    print(f"screenshot: {tmp_path / 'persona_builder.png'}")


def wait_for_file(path: Path, done, what: str):
    """The file's JSON once ``done(data)`` holds: autosave writes after the kernel handled the click."""
    deadline, data = time.monotonic() + 60, None  # as patient as the browser waits
    while time.monotonic() < deadline:
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError:  # never half-written (atomic save), but be safe
                data = None
            if data is not None and done(data):
                return data
        time.sleep(0.1)
    raise AssertionError(f"{what}; the file holds {data}")


@pytest.mark.browser
def test_every_click_takes_the_values_typed_just_before_it_even_when_the_kernel_lags(lab_with_builder, lab_page):
    """Type, correct the owner and click at once, many times: each opportunity keeps its own owner.

    The correction is sent while the first owner is still being handled, so the browser holds it back;
    a click that did not wait for it would save the first owner and leave the correction for the next idea.
    """
    from playwright.sync_api import expect

    folder, url = lab_with_builder
    page = lab_page
    page.goto(url.replace("persona.ipynb", "journey.ipynb").replace("/workspaces/test/", "/workspaces/quick/"))
    run_all_cells(page)
    builder = page.locator(".jp-NotebookPanel .jp-OutputArea").last
    title = builder.get_by_placeholder("e.g. Show the delivery cost on the product page")
    owner = builder.get_by_placeholder("Who takes it on?")
    add = builder.locator(".widget-button", has_text="Add opportunity")
    # ipywidgets writes the spaces of a list's labels as no-break spaces: \s matches both
    listed = builder.locator("select option", has_text=re.compile(r"^\d+\.\sIdea\s\d+\s\(idea\)$"))
    expect(title).to_be_visible()
    typed = [(f"Idea {number}", f"Owner {number}") for number in range(1, 13)]
    for count, (idea, who) in enumerate(typed, start=1):
        owner.fill("someone")  # a first guess ...
        title.fill(idea)
        owner.fill(who)  # ... corrected right before the click
        add.click()
        expect(listed).to_have_count(count)  # the learner sees it in the list, then goes on
    saved = wait_for_file(folder / "journey.json", lambda data: len(data["stages"]["Know"]["opportunities"]) == 12,
                          "not all 12 opportunities were saved")
    got = [(item["title"], item["owner"]) for item in saved["stages"]["Know"]["opportunities"]]
    assert got == typed
