"""journeylab.lab_server: the server extension that sends a kernel's messages to the browser at once."""

from __future__ import annotations

import json
import logging
import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

from test_packaging import make_dry_run

from journeylab import lab_server
from journeylab.lab_server import without_nagle

ROOT = Path(__file__).resolve().parents[1]


class Handler:
    def __init__(self) -> None:
        self.nodelay: list[bool] = []

    def set_nodelay(self, value: bool) -> None:
        self.nodelay.append(value)


class Connection:
    def __init__(self, handler: Handler) -> None:
        self.websocket_handler, self.connected = handler, False

    def connect(self) -> str:
        self.connected = True
        return "connected"


def test_the_connection_turns_nagle_off_then_connects_as_before():
    handler = Handler()
    connection = without_nagle(Connection)(handler)
    assert connection.connect() == "connected"
    assert handler.nodelay == [True] and connection.connected
    wrapped = without_nagle(Connection)
    assert without_nagle(wrapped) is wrapped  # never wrapped twice


def test_the_extension_replaces_the_servers_kernel_connection_class():
    from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

    serverapp = SimpleNamespace(web_app=SimpleNamespace(settings={
        "kernel_websocket_connection_class": ZMQChannelsWebsocketConnection}), log=logging.getLogger("test"))
    lab_server._load_jupyter_server_extension(serverapp)
    used = serverapp.web_app.settings["kernel_websocket_connection_class"]
    assert issubclass(used, ZMQChannelsWebsocketConnection) and used is not ZMQChannelsWebsocketConnection
    assert lab_server._jupyter_server_extension_points() == [{"module": "journeylab.lab_server"}]


def test_a_server_without_the_setting_is_left_as_it_is(caplog):
    serverapp = SimpleNamespace(web_app=SimpleNamespace(settings={}), log=logging.getLogger("test"))
    with caplog.at_level(logging.WARNING):
        lab_server._load_jupyter_server_extension(serverapp)
    assert serverapp.web_app.settings == {} and "keep Nagle's delay" in caplog.text


def test_make_lab_and_binder_turn_the_extension_on():
    config = json.loads((ROOT / "lab-settings" / "jupyter_server_config.json").read_text(encoding="utf-8"))
    assert config["ServerApp"]["jpserver_extensions"] == {"journeylab.lab_server": True}
    target = "/nonexistent/venv/etc/jupyter/jupyter_server_config.d/journeylab.json"
    assert f"cp lab-settings/jupyter_server_config.json {target}" in make_dry_run("lab")
    assert "jupyter_server_config.d/journeylab.json" in (ROOT / "postBuild").read_text(encoding="utf-8")


def test_postbuild_installs_the_settings_into_a_conda_environment(tmp_path):
    """The conda route (README): `bash postBuild` in the activated environment, as Binder runs it."""
    environment = {key: value for key, value in os.environ.items() if key != "NB_PYTHON_PREFIX"}
    subprocess.run(["bash", "postBuild"], cwd=ROOT, check=True, env=environment | {"CONDA_PREFIX": str(tmp_path)})
    server = json.loads((tmp_path / "etc/jupyter/jupyter_server_config.d/journeylab.json").read_text(encoding="utf-8"))
    assert server["ServerApp"]["jpserver_extensions"] == {"journeylab.lab_server": True}
    overrides = (tmp_path / "share/jupyter/lab/settings/overrides.json").read_text(encoding="utf-8")
    assert overrides == (ROOT / "lab-settings" / "overrides.json").read_text(encoding="utf-8")
    assert "bash postBuild" in (ROOT / "README.md").read_text(encoding="utf-8")
