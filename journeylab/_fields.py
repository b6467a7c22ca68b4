"""Small checks shared by the models: each turns a raw value into a clean one or says why not.

Every function takes the field's path (``persona.age``) so that its error names it.
They are private helpers of ``strategy``, ``personas`` and ``journey``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from typing import Any, Literal, overload

from journeylab.errors import FileFormatError, ValidationError


def text(value: Any, field: str, *, required: bool = False) -> str:
    """A one-line text: ends stripped, every kind of line break turned into a space."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, "must be text", value=value, allowed="text in quotes, e.g. \"Instagram\"")
    # every kind of line break (Windows', Word's Shift+Enter U+2028, U+2029, U+0085, vertical tab, form feed)
    cleaned = " ".join(value.splitlines()).strip()
    if required and not cleaned:
        raise ValidationError(field, "must not be empty", value=value, allowed="any text that is not blank")
    return cleaned


def texts(value: Any, field: str) -> tuple[str, ...]:
    """A list of one-line texts; one text alone counts as a list of one; blanks are dropped."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Iterable) or isinstance(value, Mapping):
        raise ValidationError(field, "must be a list of texts", value=value, allowed='a list such as ["Save time", "Find gifts"]')
    items = [text(item, f"{field}[{index}]") for index, item in enumerate(value)]
    return tuple(item for item in items if item)


def number(value: Any, field: str, *, required: bool = True) -> float | None:
    """A finite number (a whole number or a decimal); ``None`` only when not required."""
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
        raise ValidationError(field, "must be a number", value=value, allowed="a number such as 25 or 2.5")
    return float(value)


def _finite(value: int | float) -> bool:
    """Finite as a decimal: an integer too large for one (10**400 from a hand-edited file) is not."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


@overload
def whole_number(value: Any, field: str, low: int, high: int, *, required: Literal[True] = True) -> int: ...
@overload
def whole_number(value: Any, field: str, low: int, high: int, *, required: bool) -> int | None: ...
def whole_number(value: Any, field: str, low: int, high: int, *, required: bool = True) -> int | None:
    """A whole number between ``low`` and ``high``, both included; 3.0 counts as 3."""
    if value is None and not required:
        return None
    allowed = f"a whole number from {low} to {high}"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(field, "must be a whole number", value=value, allowed=allowed)
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        raise ValidationError(field, "must be a whole number", value=value, allowed=allowed)  # 34.5 is not out of range
    if not low <= value <= high:  # exact for integers of any size, even 10**400
        raise ValidationError(field, "is out of range", value=value, allowed=allowed)
    return int(value)


def choice(value: Any, field: str, allowed: Iterable[str]) -> str:
    """One of a few fixed words, matched ignoring case."""
    allowed = tuple(allowed)
    if isinstance(value, str):
        for option in allowed:
            if value.strip().casefold() == option.casefold():
                return option
    raise ValidationError(field, "is not one of the allowed values", value=value, allowed=allowed)


def mapping(value: Any, field: str) -> Mapping[str, Any]:
    """A JSON object read from a file; anything else is a format error naming the field."""
    if not isinstance(value, Mapping):
        raise FileFormatError(field, "must be an object with named fields", value=value)
    return value


def known_keys(data: Mapping[str, Any], field: str, allowed: Iterable[str]) -> None:
    """Refuse keys we do not know, so a typo in a hand-edited file is caught, not ignored."""
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            path = f"{field}.{key}" if field else str(key)
            raise FileFormatError(path, "is not a field this file can have", allowed=allowed)


def model_to_dict(model: Any) -> dict[str, Any]:
    """A dataclass as a JSON-ready dictionary (tuples become lists)."""
    result = {}
    for item in dataclasses.fields(model):
        value = getattr(model, item.name)
        result[item.name] = list(value) if isinstance(value, tuple) else value
    return result


def model_from_dict(cls: type, data: Any, field: str) -> Any:
    """Build dataclass ``cls`` from a dictionary read from a file.

    Unknown keys, missing required keys and invalid values all raise an error
    whose field path says where in the file the problem is (``journey.persona.age``).
    """
    data = mapping(data, field)
    names = [item.name for item in dataclasses.fields(cls)]
    known_keys(data, field, names)
    required = [
        item.name
        for item in dataclasses.fields(cls)
        if item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
    ]
    for name in required:
        if name not in data:
            raise FileFormatError(f"{field}.{name}", "is missing", allowed=names)
    try:
        return cls(**data)
    except ValidationError as error:
        raise reanchor(error, field) from None


def reanchor(error: ValidationError, field: str) -> ValidationError:
    """The same error with its path moved under ``field``.

    A model names its own fields from its own point of view (``persona.age``);
    in a file the persona sits at ``persona`` or ``journey.persona``.
    """
    own_prefix = error.field.split(".", 1)[0].split("[", 1)[0]
    kwargs: dict[str, Any] = {"allowed": error.allowed}
    if error.has_value:
        kwargs["value"] = error.value
    return type(error)(field + error.field[len(own_prefix):], error.problem, **kwargs)
