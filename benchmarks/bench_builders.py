"""How long a builder takes from a click to the preview showing the change, per action (issue 19).

Goal: median under 100 ms and worst under 250 ms for every action, on a journey of 30 touchpoints.

Two measurements:

* ``python``: the kernel's part, from the method call (what a click runs) until ``builder.preview``
  holds the new preview, with every widget update serialised as a kernel would (a recording comm),
  and the number of widget messages and bytes the action sends to the browser;
* ``browser``: the whole round trip in JupyterLab in Debian's Chromium, from the mouse-down (or the
  Enter key, or choosing in a dropdown) until the preview has changed and been drawn: the frame
  after its last change (``performance.now()``, a MutationObserver and requestAnimationFrame; the
  preview is several widgets, one per lane, and a click may change several). ``(first change)`` is
  when its first part changed. With the widget messages and bytes both ways. The framework switch is
  two actions: choosing in the dropdown until the Switch button shows (with what would move), and
  pressing Switch until the new map; at ``--pause-ms 0`` the page presses Switch the moment it
  shows, and the row runs from the choice to the new map.
  Before each click the benchmark waits as a person would between typing and clicking
  (``--pause-ms``, 300 ms); the clock starts at the click. With ``--pause-ms 0`` it clicks a few
  milliseconds after typing, faster than any person, so every click waits for the typed values
  (:mod:`journeylab.widgets._clicks`).

Run from the project folder with the package to measure first on the path::

    PYTHONPATH=. .venv/bin/python benchmarks/bench_builders.py python
    PYTHONPATH=. .venv/bin/python benchmarks/bench_builders.py browser --screenshots pictures/

The browser's JupyterLab runs with the server settings ``make lab`` installs (``lab-settings/``:
the extension journeylab.lab_server); ``--plain-server`` leaves them out.

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

GOAL_MEDIAN, GOAL_WORST = 0.100, 0.250  # seconds, for every action (issue 19)

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


def report(name: str, timings: dict[str, list[float]], counts: dict[str, list[tuple[int, int]]] | None = None) -> None:
    """One line per action: median and worst in ms, the median widget messages and kilobytes, and the goal."""
    print(f"{name}: {'action':<34} {'median ms':>10} {'worst ms':>10} {'runs':>5} {'msgs':>5} {'kB':>6}")
    missed = []
    for action, values in timings.items():
        median, worst = statistics.median(values), max(values)
        line = f"{name}: {action:<34} {median * 1000:10.1f} {worst * 1000:10.1f} {len(values):5d}"
        if counts and counts.get(action):
            line += (f" {statistics.median(n for n, _ in counts[action]):5.0f}"
                     f" {statistics.median(size for _, size in counts[action]) / 1000:6.1f}")
        if not action.endswith("(first change)") and (median > GOAL_MEDIAN or worst > GOAL_WORST):
            missed.append(action)
            line += "  above the goal"
        print(line)
    print(f"{name}: goal (median under {GOAL_MEDIAN * 1000:.0f} ms, worst under {GOAL_WORST * 1000:.0f} ms) "
          + (f"missed by: {', '.join(missed)}" if missed else "met by every action"))


class _Recorder:
    """Widget messages as a kernel would send them: serialised to JSON, counted and measured."""

    def __init__(self) -> None:
        self.messages = 0
        self.size = 0

    def install(self) -> None:
        import comm
        from comm.base_comm import BaseComm

        recorder = self

        class RecordingComm(BaseComm):
            def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
                recorder.messages += 1
                recorder.size += len(json.dumps({"data": data, "metadata": metadata}, default=str))

        comm.create_comm = RecordingComm


def bench_python(runs: int) -> tuple[dict[str, list[float]], dict[str, list[tuple[int, int]]]]:
    """Each action called as a click calls it, timed until the preview widgets hold the new value."""
    recorder = _Recorder()
    recorder.install()
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
        "undo (the name)": lambda n: builder.undo(),
    }
    timings: dict[str, list[float]] = {}
    counts: dict[str, list[tuple[int, int]]] = {}
    for action, run in actions.items():
        for number in range(runs):
            if action.startswith("undo"):
                builder.set_name(f"Before undo {number}")
            recorder.messages = recorder.size = 0
            start = time.perf_counter()
            run(number)
            timings.setdefault(action, []).append(time.perf_counter() - start)
            counts.setdefault(action, []).append((recorder.messages, recorder.size))
    if builder.journey.framework.key != "hourglass":
        builder.set_framework("hourglass")
    return timings, counts


# ----------------------------------------------------------------------------- browser

NOTEBOOK_CELLS = [
    SETUP + "persona = jl.widgets.PersonaBuilder()\nbuilder = jl.widgets.JourneyBuilder(journey)\n"
    "print('kernel: journeylab from', jl.__file__.rsplit('/', 2)[0])",
    "persona",
    "builder",
    "empathy = jl.widgets.EmpathyMapBuilder(layout='canvas')\nempathy",
]
PREVIEW = ".jp-OutputArea .jl-preview-box"  # the preview of each builder, in the order of the cells
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WATCH = """([selector, index]) => {
  const previews = document.querySelectorAll(selector);
  const target = previews[index];
  window.__t0 = null; window.__first = null; window.__last = null; window.__painted = null;
  window.__messages = [0, 0];
  const start = () => { if (window.__t0 === null) window.__t0 = performance.now(); };
  for (const kind of ['mousedown', 'keydown', 'change']) {
    document.addEventListener(kind, start, {capture: true, once: true});
  }
  // every change of the preview (a click may change several of its parts, one message each) ...
  new MutationObserver(() => {
    if (window.__t0 === null) return;
    const now = performance.now();
    if (window.__first === null) window.__first = now;
    window.__last = now;
    // ... and the frame after the last one: style, layout and paint are done when this message arrives
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { if (window.__last === now) window.__painted = performance.now(); };
      channel.port2.postMessage(null);
    });
  }).observe(target, {subtree: true, childList: true, attributes: true, characterData: true});
}"""
COUNT = """() => {
  // every widget message between the page and the kernel, both ways (needs the app exposed: see start_lab)
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  kernel.anyMessage.connect((_, args) => {
    if (window.__messages && window.__t0 !== null && args.msg.header.msg_type.startsWith('comm_')) {
      window.__messages[0] += 1;
      window.__messages[1] += JSON.stringify(args.msg.content).length;
    }
  });
}"""


SHOWN = """(button, press) => {
  // from choosing a framework ('change') until the proposal shows the Switch button; at machine speed
  // (press) the page then presses Switch at once, faster than any person
  window.__chose = null; window.__shown = null;
  document.addEventListener('change', () => { window.__chose = performance.now(); }, {capture: true, once: true});
  new MutationObserver((_, observer) => {
    if (window.__chose !== null && button.offsetParent !== null) {
      observer.disconnect();
      window.__shown = performance.now();
      if (press) {
        button.dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));
        button.click();
      }
    }
  }).observe(button.closest('.jp-OutputArea'), {subtree: true, childList: true, attributes: true});
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_lab(folder: Path, server_settings: bool = True) -> tuple[subprocess.Popen, str]:
    """A JupyterLab of its own on ``folder``, with the server settings ``make lab`` installs (lab-settings/)."""
    state = folder / ".state"
    env = os.environ | {name: str(state / name.lower()) for name in (
        "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
        "JUPYTERLAB_WORKSPACES_DIR")}
    # the kernel runs in ``folder``: a relative PYTHONPATH (PYTHONPATH=.) would import another journeylab there
    env["PYTHONPATH"] = os.pathsep.join(str(Path(entry).resolve()) for entry in env.get("PYTHONPATH", "").split(os.pathsep)
                                        if entry)
    if server_settings:  # journeylab.lab_server: no Nagle delay on the kernel's WebSocket
        env["JUPYTER_CONFIG_PATH"] = str(Path(__file__).resolve().parents[1] / "lab-settings")
    settings = Path(env["JUPYTERLAB_SETTINGS_DIR"], "@jupyterlab/apputils-extension/notification.jupyterlab-settings")
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    port, token = free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
         "--LabApp.news_url=None", "--LabApp.expose_app_in_browser=True", "--allow-root"],
        env=env, stdout=subprocess.DEVNULL, stderr=(folder / "server.log").open("wb"), start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(400):
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
            break
        except OSError:
            time.sleep(0.3)
    return server, f"{base}/lab/workspaces/{uuid.uuid4().hex[:8]}/tree/bench.ipynb?reset&token={token}"


def bench_browser(runs: int, screenshots: Path | None, server_settings: bool = True, pause_ms: int = 300) -> tuple[dict[str, list[float]], dict[str, list[tuple[int, int]]]]:
    import nbformat
    from playwright.sync_api import expect, sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-builders-"))
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(cell) for cell in NOTEBOOK_CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "bench.ipynb")
    server, url = start_lab(folder, server_settings)
    timings: dict[str, list[float]] = {}
    counts: dict[str, list[tuple[int, int]]] = {}
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
            print(outputs.nth(0).inner_text().strip())  # which journeylab the kernel measures
            preview = PREVIEW
            if screenshots is not None:
                screenshots.mkdir(parents=True, exist_ok=True)
                for name, area in (("persona", persona), ("journey", journey), ("empathy", outputs.nth(3))):
                    area.scroll_into_view_if_needed()
                    area.locator("h3").first.evaluate("e => e.scrollIntoView({block: 'start'})")
                    page.screenshot(path=str(screenshots / f"{name}_top.png"))
                    area.locator(preview.split(" ", 1)[1]).first.evaluate("e => e.scrollIntoView({block: 'start'})")
                    page.screenshot(path=str(screenshots / f"{name}_preview.png"))

            page.evaluate(COUNT)

            def timed(action: str, index: int, act) -> None:
                page.evaluate(WATCH, [preview, index])
                act()
                # done: the preview has been painted and nothing changed in it for 300 ms
                page.wait_for_function("window.__painted !== null && window.__painted >= window.__last "
                                       "&& performance.now() - window.__last > 300", timeout=30_000)
                first, painted, messages = page.evaluate(
                    "[window.__first - window.__t0, window.__painted - window.__t0, window.__messages]")
                timings.setdefault(f"{action} (first change)", []).append(first / 1000)
                timings.setdefault(action, []).append(painted / 1000)
                counts.setdefault(action, []).append(tuple(messages))

            def tab(name: str) -> None:
                journey.locator(".lm-TabBar-tab", has_text=name).click()

            def reach_for_the_button() -> None:
                """A person's pause between typing and clicking (the clock starts only at the click)."""
                page.wait_for_timeout(pause_ms)

            for number in range(runs):
                persona.get_by_placeholder("e.g. Jessica").fill(f"Sofie {number}")
                reach_for_the_button()
                timed("persona card", 0, lambda: persona.locator(".widget-button", has_text="Apply").click())
                tab("Touchpoints")
                journey.get_by_placeholder("Where? Pick one or type, e.g. Instagram").fill(f"Shop {number}")
                reach_for_the_button()
                timed("add touchpoint", 1, lambda: journey.locator(".widget-button", has_text="Add touchpoint").click())
                reach_for_the_button()
                timed("undo (the touchpoint)", 1, lambda: journey.locator(".widget-button", has_text="Undo").click())
                tab("Stage goal")
                journey.get_by_placeholder("e.g. Turn more visitors into buyers").fill("More buyers")
                journey.get_by_placeholder("Pick a suggested KPI or type your own").fill("Conversion rate")
                journey.get_by_placeholder("A number, e.g. 3.5").fill(str(number + 1))
                reach_for_the_button()
                timed("set goal", 1, lambda: journey.locator(".widget-button", has_text="Set goal").click())
                tab("Opportunities")
                journey.get_by_placeholder("e.g. Show the delivery cost on the product page").fill(f"Idea {number}")
                reach_for_the_button()
                timed("add opportunity", 1,
                      lambda: journey.locator(".widget-button", has_text="Add opportunity").click())
                name = journey.get_by_placeholder("e.g. Nordlys Home")
                name.fill(f"Velo Repair {number}")
                reach_for_the_button()
                timed("business name", 1, lambda box=name: box.press("Enter"))
                choose = journey.locator("select").first
                place = 1 if choose.evaluate("box => box.selectedIndex") == 0 else 0  # another framework
                switch = journey.locator(".widget-button", has_text="Switch").first

                if pause_ms:  # a person: choose, read what would move, reach for Switch
                    switch.evaluate(SHOWN, False)
                    choose.select_option(index=place)
                    page.wait_for_function("window.__shown !== null")
                    timings.setdefault("framework: choose → Switch shows", []).append(
                        page.evaluate("window.__shown - window.__chose") / 1000)
                    reach_for_the_button()
                    timed("framework: press Switch → map", 1, lambda button=switch: button.click())
                else:  # the page presses Switch the moment it shows
                    def choose_and_switch(box=choose, index=place, button=switch) -> None:
                        button.evaluate(SHOWN, True)
                        box.select_option(index=index)

                    timed("framework: choose, Switch at once", 1, choose_and_switch)
                timed("undo (the switch)", 1, lambda: journey.locator(".widget-button", has_text="Undo").click())
            if screenshots is not None:
                journey.locator(preview.split(" ", 1)[1]).first.evaluate("e => e.scrollIntoView({block: 'start'})")
                page.screenshot(path=str(screenshots / "journey_preview_after_edits.png"))
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return timings, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("where", choices=("python", "browser", "both"))
    parser.add_argument("--runs", type=int, default=0, help="runs per action (default: 20 python, 6 browser)")
    parser.add_argument("--screenshots", type=Path, help="a folder for 1280x720 screenshots of the builders")
    parser.add_argument("--pause-ms", type=int, default=300,
                        help="a person's pause between typing and clicking (default 300; 0: click at machine speed)")
    parser.add_argument("--plain-server", action="store_true",
                        help="without the course's server settings (lab-settings/), to measure what they change")
    options = parser.parse_args()
    import journeylab
    print(f"journeylab from {Path(journeylab.__file__).parent}")
    if options.where in ("python", "both"):
        report("python", *bench_python(options.runs or 20))
    if options.where in ("browser", "both"):
        report("browser", *bench_browser(options.runs or 6, options.screenshots, not options.plain_server,
                                         options.pause_ms))


if __name__ == "__main__":
    main()
