"""How long a builder takes from a click to the preview showing the change, per action (issue 19).

Goal: median under 100 ms and worst under 250 ms for every action, on a journey of 30 touchpoints.

Two measurements:

* ``python``: the kernel's part, from the method call (what a click runs) until ``builder.preview.value``
  holds the new preview;
* ``browser``: the whole round trip in JupyterLab in Debian's Chromium, from the mouse-down (or the
  Enter key) to the preview's first change in the page (``performance.now()`` and a MutationObserver).

Run from the project folder with the package to measure first on the path::

    PYTHONPATH=. .venv/bin/python benchmarks/bench_builders.py python
    PYTHONPATH=. .venv/bin/python benchmarks/bench_builders.py browser --screenshots pictures/

Timings on a shared machine are noisy: read the medians, and the worst as an upper bound.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

SETUP = """\
import journeylab as jl
from journeylab.journey import Journey, Touchpoint
journey = Journey("Velo Repair")
stages = journey.stage_names
for number in range(30):
    journey.add_touchpoint(stages[number % len(stages)], Touchpoint(
        f"Channel {number}", f"Does something long enough to wrap, step {number}", emotion=number % 5 - 2,
        pain_point=f"Pain {number}" if number % 3 == 0 else ""))
"""


def report(name: str, timings: dict[str, list[float]]) -> None:
    print(f"{name}: {'action':<18} {'median ms':>10} {'worst ms':>10} {'runs':>5}")
    for action, values in timings.items():
        print(f"{name}: {action:<18} {statistics.median(values) * 1000:10.1f} {max(values) * 1000:10.1f} {len(values):5d}")


def bench_python(runs: int) -> dict[str, list[float]]:
    """Each action called as a click calls it, timed until the preview widget holds the new value."""
    namespace: dict = {}
    exec(SETUP, namespace)
    jl = namespace["jl"]
    persona = jl.widgets.PersonaBuilder()
    builder = jl.widgets.JourneyBuilder(namespace["journey"])
    frameworks = ["five_stage", "hourglass"]
    actions = {
        "persona card": lambda n: persona.apply(name=f"Sofie {n}", age="34"),
        "add touchpoint": lambda n: builder.add_touchpoint("Buy", channel=f"Shop {n}"),
        "set goal": lambda n: builder.set_goal("Buy", goal="More buyers", kpi="Conversion rate", target=str(n + 1)),
        "add opportunity": lambda n: builder.add_opportunity("Buy", title=f"Idea {n}", owner="Sofie"),
        "business name": lambda n: builder.set_name(f"Velo Repair {n}"),
        "framework switch": lambda n: builder.set_framework(frameworks[n % 2]),
        "undo": lambda n: builder.undo(),
    }
    timings: dict[str, list[float]] = {}
    for action, run in actions.items():
        for number in range(runs):
            if action == "undo":
                builder.set_name(f"Before undo {number}")
            start = time.perf_counter()
            run(number)
            timings.setdefault(action, []).append(time.perf_counter() - start)
    if builder.journey.framework.key != "hourglass":
        builder.set_framework("hourglass")
    return timings


# ----------------------------------------------------------------------------- browser

NOTEBOOK_CELLS = [
    SETUP + "persona = jl.widgets.PersonaBuilder()\nbuilder = jl.widgets.JourneyBuilder(journey)",
    "persona",
    "builder",
    "empathy = jl.widgets.EmpathyMapBuilder(layout='canvas')\nempathy",
]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WATCH = """([selector, index]) => {
  const previews = document.querySelectorAll(selector);
  const target = previews[index];
  window.__t0 = null; window.__t1 = null;
  const start = () => { if (window.__t0 === null) window.__t0 = performance.now(); };
  document.addEventListener('mousedown', start, {capture: true, once: true});
  document.addEventListener('keydown', start, {capture: true, once: true});
  const observer = new MutationObserver(() => {
    if (window.__t0 !== null && window.__t1 === null) { window.__t1 = performance.now(); observer.disconnect(); }
  });
  observer.observe(target, {subtree: true, childList: true, attributes: true, characterData: true});
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_lab(folder: Path) -> tuple[subprocess.Popen, str]:
    state = folder / ".state"
    env = os.environ | {name: str(state / name.lower()) for name in (
        "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
        "JUPYTERLAB_WORKSPACES_DIR")}
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"], "@jupyterlab/apputils-extension/notification.jupyterlab-settings")
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
         "--LabApp.news_url=None", "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    return server, f"{base}/lab/workspaces/{uuid.uuid4().hex[:8]}/tree/bench.ipynb?reset&token={token}"


def bench_browser(runs: int, screenshots: Path | None) -> dict[str, list[float]]:
    import nbformat
    from playwright.sync_api import expect, sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-builders-"))
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell) for cell in NOTEBOOK_CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "bench.ipynb")
    server, url = start_lab(folder)
    timings: dict[str, list[float]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.set_default_timeout(120_000)
            expect.set_options(timeout=120_000)
            page.goto(url)
            page.locator(".jp-StatusBar-Widget").get_by_text(" | Idle").wait_for()
            page.locator("#jp-MainMenu").get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            outputs = page.locator(".jp-NotebookPanel .jp-OutputArea")
            persona, journey = outputs.nth(1), outputs.nth(2)
            outputs.nth(3).get_by_text("Empathy map builder").wait_for()
            expect(page.locator(".jp-NotebookPanel .jp-InputPrompt").filter(has_text="*")).to_have_count(0)
            new_preview = page.locator(".jl-preview").count() > 0
            preview = ".jp-OutputArea .widget-html:has(.jl-preview)" if new_preview else ".jp-OutputArea .widget-image"
            if screenshots is not None:
                screenshots.mkdir(parents=True, exist_ok=True)
                for name, area in (("persona", persona), ("journey", journey), ("empathy", outputs.nth(3))):
                    area.scroll_into_view_if_needed()
                    area.locator("h3").first.evaluate("e => e.scrollIntoView({block: 'start'})")
                    page.screenshot(path=str(screenshots / f"{name}_top.png"))
                    area.locator(preview.split(" ", 1)[1]).first.evaluate("e => e.scrollIntoView({block: 'start'})")
                    page.screenshot(path=str(screenshots / f"{name}_preview.png"))

            def timed(action: str, index: int, act) -> None:
                page.evaluate(WATCH, [preview, index])
                act()
                page.wait_for_function("window.__t1 !== null", timeout=30_000)
                timings.setdefault(action, []).append(page.evaluate("window.__t1 - window.__t0") / 1000)

            def tab(name: str) -> None:
                journey.locator(".lm-TabBar-tab", has_text=name).click()

            for number in range(runs):
                persona.get_by_placeholder("e.g. Jessica").fill(f"Sofie {number}")
                timed("persona card", 0, lambda: persona.locator(".widget-button", has_text="Apply").click())
                tab("Touchpoints")
                journey.get_by_placeholder("Where? Pick one or type, e.g. Instagram").fill(f"Shop {number}")
                timed("add touchpoint", 1, lambda: journey.locator(".widget-button", has_text="Add touchpoint").click())
                tab("Stage goal")
                journey.get_by_placeholder("e.g. Turn more visitors into buyers").fill("More buyers")
                journey.get_by_placeholder("Pick a suggested KPI or type your own").fill("Conversion rate")
                journey.get_by_placeholder("A number, e.g. 3.5").fill(str(number + 1))
                timed("set goal", 1, lambda: journey.locator(".widget-button", has_text="Set goal").click())
                tab("Opportunities")
                journey.get_by_placeholder("e.g. Show the delivery cost on the product page").fill(f"Idea {number}")
                timed("add opportunity", 1,
                      lambda: journey.locator(".widget-button", has_text="Add opportunity").click())
                name = journey.get_by_placeholder("e.g. Nordlys Home")
                name.fill(f"Velo Repair {number}")
                timed("business name", 1, lambda box=name: box.press("Enter"))
                choose = journey.locator("select").first
                target = "five_stage" if number % 2 == 0 else "hourglass"
                if new_preview:
                    choose.select_option(index=0 if target == "hourglass" else 1)
                    switch = journey.locator(".widget-button", has_text="Switch")
                    if switch.first.is_visible():
                        timed("framework switch", 1, lambda button=switch: button.first.click())
                else:
                    choose.focus()
                    timed("framework switch", 1, lambda box=choose, key=target: box.select_option(index=0 if key == "hourglass" else 1) and None)
                timed("undo", 1, lambda: journey.locator(".widget-button", has_text="Undo").click())
            if screenshots is not None:
                journey.locator(preview.split(" ", 1)[1]).first.evaluate("e => e.scrollIntoView({block: 'start'})")
                page.screenshot(path=str(screenshots / "journey_preview_after_edits.png"))
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("where", choices=("python", "browser", "both"))
    parser.add_argument("--runs", type=int, default=0, help="runs per action (default: 20 python, 6 browser)")
    parser.add_argument("--screenshots", type=Path, help="a folder for 1280x720 screenshots of the builders")
    options = parser.parse_args()
    import journeylab
    print(f"journeylab from {Path(journeylab.__file__).parent}")
    if options.where in ("python", "both"):
        report("python", bench_python(options.runs or 20))
    if options.where in ("browser", "both"):
        report("browser", bench_browser(options.runs or 6, options.screenshots))


if __name__ == "__main__":
    main()
