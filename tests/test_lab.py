"""`make lab` opens the course: JupyterLab serves the project, and a real browser shows it.

The server is started with exactly the README's command (`make lab`), given only
options that keep it off the user's state: a free port, no browser of its own,
Jupyter's settings in a temporary folder, and no Jupyter news.
"""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # (runs first: see conftest.py)

ROOT = Path(__file__).resolve().parent.parent
# JupyterLab writes the page it opens in the user's browser into its runtime folder.
OPEN_PAGE_URL = re.compile(r'url=(http://[^"]+/lab\S*\?token=\w+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(jupyter_env, tmp_path_factory):
    """Run `make lab` in the background; yield the URL it would open in the user's browser."""
    runtime = Path(jupyter_env["JUPYTER_RUNTIME_DIR"])
    args = f"--no-browser --port={free_port()} --ServerApp.ip=127.0.0.1 --LabApp.news_url=None"
    log = (tmp_path_factory.mktemp("make-lab") / "lab.log").open("w+")
    server = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"], cwd=ROOT, env=jupyter_env,
                              stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        # The server writes one page for plain /lab and one for the file it opens: wait for the latter.
        # Generously: `make lab` first reinstalls the course when pyproject.toml or constraints.txt changed.
        urls: list[str] = []
        deadline = time.monotonic() + 300
        while not any("/lab/tree/" in url for url in urls) and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.25)
            pages = runtime.glob("jpserver-*-open.html")
            urls = [match.group(1) for page in pages if (match := OPEN_PAGE_URL.search(page.read_text(encoding="utf-8")))]
        url = next((url for url in urls if "/lab/tree/" in url), urls[0] if urls else None)
        log.seek(0)
        assert url, f"`make lab` opened no page. Its output:\n{log.read()}"
        yield url
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # make, JupyterLab and its kernels
            server.wait(timeout=30)
        log.close()


def test_make_lab_serves_the_course_folders_and_opens_the_first_page(lab):
    opened = lab.split("/lab/tree/", 1)[1].split("?", 1)[0] if "/lab/tree/" in lab else ""
    assert opened == (sorted(ROOT.glob("notebooks/00_*.ipynb")) or [ROOT / "README.md"])[0].relative_to(ROOT).as_posix()
    base, token = lab.split("/lab", 1)[0], lab.rsplit("token=", 1)[1]
    with urllib.request.urlopen(f"{base}/api/contents/?token={token}", timeout=30) as response:
        listing = __import__("json").load(response)
    names = {item["name"] for item in listing["content"]}
    assert {"notebooks", "solutions", "exercises", "data", "README.md"} <= names


@pytest.mark.browser
def test_a_browser_shows_jupyterlab_with_the_course(lab, tmp_path, lab_page):
    from playwright.sync_api import expect

    page = lab_page
    page.goto(lab)
    opened = ROOT / lab.split("/lab/tree/", 1)[1].split("?", 1)[0]
    expect(page.locator(".lm-TabBar-tabLabel", has_text=opened.name).first).to_be_visible()
    if opened.suffix == ".ipynb":  # the notebook itself renders, its first heading included
        expect(page.locator(".jp-NotebookPanel .jp-RenderedMarkdown h1").first).to_be_visible()
    # the file browser shows the folder of the opened page: the course's notebooks, in order
    listing = page.locator(".jp-DirListing-content")
    for neighbour in sorted(path.name for path in opened.parent.iterdir() if not path.name.startswith(".")):
        expect(listing.get_by_text(neighbour, exact=True)).to_be_visible()
    page.screenshot(path=str(tmp_path / "lab.png"))
