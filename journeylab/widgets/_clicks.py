"""Buttons that act on what the form shows at the moment of the click, however fast the learner is.

Why this is needed: in the browser, ipywidgets sends a text box's new value to
the kernel when you leave the box, but it *holds it back* while an earlier
update of the same box is still being handled (its "message throttle"): it
sends it once the kernel reports that earlier update done (its "idle" status).
A button's click is never held back. So when the kernel is busy (a slow
machine, a long redraw), the click can overtake the last thing typed: the
button then acts on the old value, and the typed one lands in the form after
the form was cleared, ready to be attached to the *next* item.

The fix relies only on message order, not on timing. The kernel bumps
:attr:`ClickBarrier.ping`; a browser-side link (``jsdlink``) copies it into
:attr:`ClickBarrier.pong`, which the browser sends back. The browser handles
the kernel's messages in order, so a pong answers a ping only after the
browser has seen every "idle" the kernel sent before that ping, and has sent
every value it was holding back behind them: those values reach the kernel
before the pong.

A value can only be held back behind an update the browser sent, so the
barrier counts the updates of the builders' widgets (:func:`track`) and, a
moment after the last one (:data:`CONFIRM_AFTER`), sends a ping of its own.
When a click arrives and every update so far is *confirmed* (a pong answered a
ping sent after it), nothing can be held back: the button acts at once. That is
the usual case: the form's boxes send what is typed as it is typed
(``as_you_type`` in :mod:`journeylab.widgets._common`), and a person takes far
longer to reach a button than a ping takes to come back; Undo after a click
needs no wait at all. A choice made in one go (a dropdown, stage buttons, a
list, a checkbox: :data:`PROMPT_WIDGETS`) is confirmed at once, not a moment
later: such widgets send one update per choice, not one per key, and the
button pressed next (Switch after choosing a framework) must not wait a round
trip for it. Otherwise (a value typed right before the click, or still on its
way) the click waits for the next pong, as before. Waiting costs
one round trip to the browser: 25-50 ms in JupyterLab on a busy 2-core machine.

A click made in code (``button.click()``, as tests and papermill runs do)
acts at once: there is no browser to wait for.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import ipywidgets as widgets

__all__ = ["ClickBarrier", "FormButton", "barrier", "track", "CONFIRM_AFTER", "PROMPT_WIDGETS"]


class _Answer(widgets.IntText):
    """The pong: the kernel never needs the browser's echo of it (one message less per round trip)."""

    value = type(widgets.IntText.value)(0).tag(sync=True, echo_update=False)  # IntText's own trait type


class ClickBarrier:
    """Runs an action once every value the browser held back before now has reached the kernel."""

    def __init__(self) -> None:
        self.ping = widgets.IntText(0)  # never displayed: the browser needs only their models
        self.pong = _Answer(0)
        self.link = widgets.jsdlink((self.ping, "value"), (self.pong, "value"))
        self._waiting: deque[tuple[int, Callable[[], Any]]] = deque()  # (updates it needs confirmed, action)
        self._pings: deque[tuple[int, int]] = deque()  # (ping, updates handled before it), not yet answered
        self._updates = 0  # updates of tracked widgets the browser sent and the kernel handled
        self._confirmed = 0  # of those, how many the browser has seen reported done before its last pong
        self._confirming: asyncio.Handle | None = None  # the ping planned after the last update
        self.pong.observe(self._answered, "value")

    @property
    def closed(self) -> bool:
        return any(item.comm is None for item in (self.ping, self.pong, self.link))

    @property
    def waiting(self) -> int:
        """How many clicks are waiting for the browser's answer."""
        return len(self._waiting)

    @property
    def unconfirmed(self) -> int:
        """How many updates from the browser could still have a value held back behind them."""
        return self._updates - self._confirmed

    def updated(self, prompt: bool = False) -> None:
        """Count an update the browser sent, just handled; confirm it once the kernel has reported it done.

        The ping goes :data:`CONFIRM_AFTER` seconds after the last update, so typing sends one ping per
        pause, not one per key; after a ``prompt`` update (a choice made in one go) it goes as soon as the
        kernel has reported the update done.
        """
        self._updates += 1
        if self._confirming is not None:
            self._confirming.cancel()
        self._confirming = _later(self._confirm, 0.0 if prompt else CONFIRM_AFTER)

    def _confirm(self) -> None:
        self._confirming = None
        covered = self._pings[-1][1] if self._pings else self._confirmed
        if covered < self._updates:
            self._send_ping()

    def _send_ping(self) -> None:
        """A ping that covers every update handled so far: the kernel has reported each done before it."""
        self.ping.value += 1
        self._pings.append((self.ping.value, self._updates))

    def after_browser(self, action: Callable[[], Any]) -> None:
        """Run ``action`` once the browser has sent every value it held back before now (at once if none can be)."""
        if not self._waiting and self._confirmed == self._updates:
            action()
            return
        covered = self._pings[-1][1] if self._pings else -1
        if covered < self._updates or self._waiting:
            # a new ping, unless the last one covers everything; and always when clicks are already waiting:
            # their ping may have gone to a page that was closed since (the new page answers this one)
            self._send_ping()
        self._waiting.append((self._updates, action))

    def _answered(self, change: dict[str, Any]) -> None:
        while self._pings and self._pings[0][0] <= change["new"]:
            _, covered = self._pings.popleft()
            self._confirmed = max(self._confirmed, covered)
        while self._waiting and self._waiting[0][0] <= self._confirmed:
            _, action = self._waiting.popleft()
            action()


CONFIRM_AFTER = 0.15
"""Seconds after the browser's last update before the barrier confirms it (a person clicks later than that)."""


PROMPT_WIDGETS: tuple[type[widgets.Widget], ...] = (
    widgets.Dropdown, widgets.ToggleButtons, widgets.Select, widgets.RadioButtons, widgets.SelectMultiple,
    widgets.Checkbox, widgets.ToggleButton)
"""Widgets whose every update is a choice made in one go (not typing, not dragging): confirmed at once."""


def _later(callback: Callable[[], Any], delay: float) -> asyncio.Handle | None:
    """Call ``callback`` ``delay`` seconds from now (0: next), after the kernel has reported the message done.

    The kernel handles a comm message and says "idle" without pausing in between
    (the handler is not a coroutine), so a callback of the event loop, even one
    called soon, always comes after that "idle".
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # no event loop: not in a kernel, so no browser either
        callback()
        return None
    return loop.call_later(delay, callback) if delay else loop.call_soon(callback)


_BARRIER: ClickBarrier | None = None


def barrier() -> ClickBarrier:
    """The kernel's one barrier (made again if its widgets were closed)."""
    global _BARRIER
    if _BARRIER is None or _BARRIER.closed:
        _BARRIER = ClickBarrier()
    return _BARRIER


def _tree(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


def track(root: widgets.Widget) -> None:
    """Count the browser's updates of ``root`` and every widget in it, so clicks know whether they must wait."""
    for widget in _tree(root):
        if widget.comm is not None and not getattr(widget, "_journeylab_tracked", False):
            widget.comm.on_msg(_counting(widget._handle_msg, isinstance(widget, PROMPT_WIDGETS)))
            setattr(widget, "_journeylab_tracked", True)  # noqa: B010 (not a trait: a mark on this object)


def _counting(handle: Callable[[dict[str, Any]], Any], prompt: bool) -> Callable[[dict[str, Any]], None]:
    def on_msg(msg: dict[str, Any]) -> None:
        try:
            handle(msg)
        finally:  # counted even if handling failed: the browser may hold a value back behind it all the same
            if msg["content"]["data"].get("method") == "update":
                barrier().updated(prompt)

    return on_msg


class FormButton(widgets.Button):
    """A Button whose clicks from the browser wait for the form's last values (see the module's text)."""

    def _handle_button_msg(self, _: Any, content: dict[str, Any], buffers: Any) -> None:
        if content.get("event", "") == "click":
            barrier().after_browser(self.click)
