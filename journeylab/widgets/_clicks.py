"""Buttons that act on what the form shows at the moment of the click, however fast the learner is.

Why this is needed: in the browser, ipywidgets sends a text box's new value to
the kernel when you leave the box, but it *holds it back* while an earlier
update of the same box is still being handled (its "message throttle"). A
button's click is never held back. So when the kernel is busy (a slow
machine, a long redraw), the click can overtake the last thing typed: the
button then acts on the old value, and the typed one lands in the form after
the form was cleared, ready to be attached to the *next* item.

The fix relies only on message order, not on timing. A click from the
browser does not act at once: the kernel first bumps :attr:`ClickBarrier.ping`;
a browser-side link (``jsdlink``) copies it into :attr:`ClickBarrier.pong`,
which the browser sends back. The browser releases held-back values as soon as
the kernel reports the earlier update done, which it does before it even reads
the click, so every value released that way is sent *before* the pong and
handled before it. When the pong arrives, the form holds exactly what it
showed at the click, and the button acts.

A click made in code (``button.click()``, as tests and papermill runs do)
acts at once: there is no browser to wait for.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

__all__ = ["ClickBarrier", "FormButton", "barrier"]


class ClickBarrier:
    """Runs an action once every value the browser held back before now has reached the kernel."""

    def __init__(self) -> None:
        self.ping = widgets.IntText(0)  # never displayed: the browser needs only their models
        self.pong = widgets.IntText(0)
        self.link = widgets.jsdlink((self.ping, "value"), (self.pong, "value"))
        self._waiting: deque[tuple[int, Callable[[], Any]]] = deque()
        self.pong.observe(self._answered, "value")

    @property
    def closed(self) -> bool:
        return any(item.comm is None for item in (self.ping, self.pong, self.link))

    @property
    def waiting(self) -> int:
        """How many clicks are waiting for the browser's answer."""
        return len(self._waiting)

    def after_browser(self, action: Callable[[], Any]) -> None:
        """Run ``action`` when the browser has answered a ping sent now (after everything it sent before)."""
        self.ping.value += 1
        self._waiting.append((self.ping.value, action))

    def _answered(self, change: dict[str, Any]) -> None:
        while self._waiting and self._waiting[0][0] <= change["new"]:
            _, action = self._waiting.popleft()
            action()


_BARRIER: ClickBarrier | None = None


def barrier() -> ClickBarrier:
    """The kernel's one barrier (made again if its widgets were closed)."""
    global _BARRIER
    if _BARRIER is None or _BARRIER.closed:
        _BARRIER = ClickBarrier()
    return _BARRIER


class FormButton(widgets.Button):
    """A Button whose clicks from the browser wait for the form's last values (see the module's text)."""

    def _handle_button_msg(self, _: Any, content: dict[str, Any], buffers: Any) -> None:
        if content.get("event", "") == "click":
            barrier().after_browser(self.click)
