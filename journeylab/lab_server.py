"""A Jupyter server extension: the kernel's messages reach the browser without a 40 ms wait.

Found while timing the builders (issue 19). Jupyter Server writes a kernel's
messages to the browser over a WebSocket and leaves Nagle's algorithm on for
it: after a quick exchange (a click, the kernel's answer, the browser's reply)
the operating system holds every small message back while the one before is
not yet acknowledged, and the browser acknowledges only after its 40 ms
"delayed ACK". A click that changes a widget brings back several small
messages (busy, the change, idle), so the second one waited about 40 ms:
measured in Chromium on the WebSocket itself, a click through a builder took
67 ms instead of 45. Turning Nagle off for the kernel's WebSocket
(``TCP_NODELAY``, Tornado's ``set_nodelay``) sends each message at once; the
messages are small, so nothing is lost.

The extension changes nothing else. ``make lab`` and Binder's ``postBuild``
enable it with ``lab-settings/jupyter_server_config.json``, copied into the
environment's ``etc/jupyter/jupyter_server_config.d/journeylab.json``. If it
cannot be loaded, Jupyter Server starts all the same (it logs a warning).
"""

from __future__ import annotations

from typing import Any

__all__ = ["without_nagle"]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "journeylab.lab_server"}]


def without_nagle(connection_class: Any) -> Any:
    """A subclass of a kernel WebSocket connection class that turns Nagle's algorithm off when it connects."""
    if getattr(connection_class, "_journeylab_no_delay", False):
        return connection_class

    class NoDelay(connection_class):  # the server's class, known only when it runs
        __doc__ = f"{connection_class.__name__}, sending each message at once (see journeylab.lab_server)."
        _journeylab_no_delay = True

        def connect(self) -> Any:
            self.websocket_handler.set_nodelay(True)
            return super().connect()

    NoDelay.__name__ = NoDelay.__qualname__ = f"NoDelay{connection_class.__name__}"
    return NoDelay


def _load_jupyter_server_extension(serverapp: Any) -> None:
    settings = serverapp.web_app.settings
    connection_class = settings.get("kernel_websocket_connection_class")
    if connection_class is None:  # a Jupyter Server without the setting (older than 2.0): leave it as it is
        serverapp.log.warning("journeylab: this Jupyter Server has no kernel_websocket_connection_class; "
                              "kernel messages keep Nagle's delay")
        return
    settings["kernel_websocket_connection_class"] = without_nagle(connection_class)
    serverapp.log.info("journeylab: kernel messages go to the browser without Nagle's delay")
