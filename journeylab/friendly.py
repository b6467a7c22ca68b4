"""Plain errors in the notebook: a learner's slip shows as a sentence, not as a wall of package code.

When ``journeylab`` is imported in IPython (JupyterLab, papermill, nbval), it asks
IPython, through its documented ``set_custom_exc`` hook, to show

* a :class:`~journeylab.errors.JourneyLabError` as its one message: what is
  wrong, the field, the value given and what is allowed; no package frames;
* the Python slips marketers make most (a word without quotes, a ``...`` left
  in, a closing bracket missing) as Python's own short message plus one line
  that says what was most likely meant.

The cell still fails, as it should: papermill, nbval and ``journeylab collect``
see the error as before, only its text is shorter. It also remembers whether
the last cell stopped with an error, so a check can say "fix the cell above
first" instead of "not answered yet".

Instructors and developers who want Python's full tracebacks back call
``jl.plain_errors(False)``, or set the environment variable
``JOURNEYLAB_PLAIN_ERRORS=0`` before starting Jupyter.

Written for the course rather than taken from ``friendly-traceback``: that
library explains every traceback at length (and rewrites them all), while a
learner here needs one sentence for the course's own errors and a hint for a
handful of slips; it would also be one more dependency for ~100 lines.
"""

from __future__ import annotations

import builtins
import os
import re
import sys
from typing import Any

from journeylab.errors import JourneyLabError
from journeylab.learner_input import read_number

__all__ = ["PLAIN_ENV", "plain_errors", "last_cell_failed", "explain", "install"]

PLAIN_ENV = "JOURNEYLAB_PLAIN_ERRORS"
"""Set to 0 (or "off", "no", "false") to keep Python's full tracebacks in notebooks."""

_HANDLED = (JourneyLabError, NameError, TypeError, AttributeError)
_RED, _BOLD, _RESET = "\033[31m", "\033[1m", "\033[0m"
_state = {"installed": False, "last_cell_failed": False}


def _shell() -> Any:
    """The running IPython, or None in a plain Python process (IPython puts get_ipython among the builtins)."""
    get_ipython = getattr(builtins, "get_ipython", None)
    return get_ipython() if get_ipython is not None else None


def explain(error: BaseException) -> list[str]:
    """The lines a learner sees for an error: its short message, then what was most likely meant."""
    if isinstance(error, JourneyLabError):
        return [f"{_RED}{_BOLD}{type(error).__name__}:{_RESET} {error}", _value_hint(error)]
    lines = [f"{_RED}{_BOLD}{type(error).__name__}:{_RESET} {error}"]
    hint = _hint(error)
    if hint:
        lines.append(hint)
    return lines


def _value_hint(error: JourneyLabError) -> str:
    """What to type instead, when the value given is a number or a date written as text."""
    value = error.value if error.has_value else None
    if isinstance(value, str) and "number" in error.problem:
        number = read_number(value)
        if number is not None:
            shown = f"{number:g}" if abs(number) < 1e15 else str(number)
            rate = " (rates are percentages already: 70 means 70 %)" if value.strip().endswith("%") else ""
            return f"Numbers go without quotes: write {shown} instead of {value!r}{rate}, then run the cell again."
    return "Change that value in your cell and run the cell again."


def _hint(error: BaseException) -> str:
    text = str(error)
    if isinstance(error, NameError):
        name = getattr(error, "name", None) or (re.findall(r"'([^']+)'", text) or [""])[0]
        if name[:1].isupper():  # a word such as Know or Instagram: most likely text without its quotes
            return f"Text needs quotes: write \"{name}\" if you meant the word {name}."
        if _state["last_cell_failed"]:
            return (f"'{name}' may be made in a cell above that stopped with an error: fix that cell first and "
                    "run it again (see the message in red there).")
        return (f"If '{name}' is made in an earlier cell, run that cell first (Run > Run All Above Selected Cell). "
                f"If you meant the word {name}, text needs quotes: \"{name}\".")
    if "ellipsis" in text:
        return "There is still a ... in this cell: replace it with your answer, then run the cell again."
    if isinstance(error, TypeError) and "positional argument" in text:
        return "A value is missing or one too many: compare with the example just above the exercise."
    return ""


def _show(shell: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None) -> list[str]:
    """IPython's custom handler: show the short form as the cell's error output (the cell still fails)."""
    if isinstance(value, JourneyLabError):
        lines = explain(value)
    else:
        lines = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        hint = _hint(value)
        lines = [*lines, hint] if hint else lines
    shell._showtraceback(etype, value, lines)  # the kernel's own way to send an error output to the notebook
    return lines


def _show_syntax_error(shell: Any, original: Any) -> Any:
    def show(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        error = sys.last_value if hasattr(sys, "last_value") else None
        message = str(getattr(error, "msg", "")).lower()
        if any(words in message for words in ("was never closed", "unexpected eof", "unmatched", "incomplete input")):
            print("A bracket or a quote is opened and not closed (or closed twice): check that every ( has its ) "
                  "and every \" its partner.")
        elif "invalid syntax" in message or "leading zeros" in message:
            print("Python could not read this line: text needs quotes, and numbers are written without "
                  "thousands commas (40000, not 40,000).")

    return show


def _after_cell(result: Any) -> None:
    _state["last_cell_failed"] = bool(getattr(result, "error_in_exec", None) or getattr(result, "error_before_exec", None))


def last_cell_failed() -> bool:
    """Whether the last cell that finished before this one stopped with an error."""
    return bool(_state["last_cell_failed"])


def plain_errors(on: bool = True) -> None:
    """Show the course's errors as plain sentences (the default), or as Python's full tracebacks with ``False``."""
    shell = _shell()
    if shell is None:
        return
    if on:
        shell.set_custom_exc(_HANDLED, _show)
        if not hasattr(shell, "_journeylab_syntax_error"):
            shell._journeylab_syntax_error = shell.showsyntaxerror
        shell.showsyntaxerror = _show_syntax_error(shell, shell._journeylab_syntax_error)
    else:
        shell.set_custom_exc((), None)
        if hasattr(shell, "_journeylab_syntax_error"):
            shell.showsyntaxerror = shell._journeylab_syntax_error


def install() -> None:
    """Called by ``import journeylab``: plain errors on in IPython unless ``JOURNEYLAB_PLAIN_ERRORS`` says no."""
    shell = _shell()
    if shell is None or _state["installed"]:
        return
    _state["installed"] = True
    shell.events.register("post_run_cell", _after_cell)
    if os.environ.get(PLAIN_ENV, "1").strip().lower() not in ("0", "off", "no", "false"):
        plain_errors(True)
