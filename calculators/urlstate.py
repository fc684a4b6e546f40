"""Inputs <-> URL query string, for shareable links.

One parameter per field, named after the field; ``v`` carries the rules version. Booleans are
``true``/``false``, null is an empty value, list items are ``LIST.INDEX.FIELD`` (0-based), e.g.
``offers.0.label=A&offers.0.clinical_fte=0.9``. An omitted field takes its default. Decoding
never fails: whatever cannot be used is dropped and reported as a notice. The page's JavaScript
decoder (``web/page/urlstate.js``) implements the same rules.
"""
from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, quote

from .contract import Calculator, Field, validate_value

VERSION_PARAM = "v"
MAX_VALUE_LENGTH = 200
MAX_PARAMS = 400
# ASCII digits only, the whole text (no trailing newline): the same numbers JavaScript accepts.
_NUMBER = re.compile(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?")
_INDEX = re.compile(r"[0-9]{1,2}")


def encode(calc: Calculator, inputs: dict[str, Any]) -> str:
    """Query string (without ``?``) for validated ``inputs``."""
    pairs = [(VERSION_PARAM, calc.version)]
    for f in calc.fields:
        if f.type == "list":
            for n, item in enumerate(inputs.get(f.name) or []):
                pairs += [(f"{f.name}.{n}.{sub.name}", _text(sub, item.get(sub.name))) for sub in f.items]
        else:
            pairs.append((f.name, _text(f, inputs.get(f.name))))
    return "&".join(f"{quote(k, safe='.')}={quote(v, safe='')}" for k, v in pairs)


def _text(f: Field, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_value(f: Field, text: str) -> tuple[bool, Any]:
    """Parse one query value for ``f``; return (ok, value)."""
    if text == "":
        if f.nullable:
            return True, None
        return (True, "") if f.type == "text" else (False, None)
    if f.type == "boolean":
        return (text in ("true", "false"), text == "true")
    if f.type in ("number", "integer"):
        if not _NUMBER.fullmatch(text):
            return False, None
        num = float(text)
        if f.type == "integer":
            return (num.is_integer(), int(num) if num.is_integer() else None)
        return True, num
    return True, text


def decode(calc: Calculator, query: str) -> tuple[dict[str, Any], list[str]]:
    """Raw inputs and notices from a query string. Values are checked field by field."""
    notices: list[str] = []
    params = parse_qsl(query[1:] if query.startswith("?") else query, keep_blank_values=True)
    if len(params) > MAX_PARAMS:
        notices.append(f"The link had {len(params)} parameters; only the first {MAX_PARAMS} were read.")
        params = params[:MAX_PARAMS]
    seen: dict[str, str] = {}
    for key, value in params:
        if key in seen and seen[key] != value:
            notices.append(f"{_clip(key)} appeared more than once; the last value was used.")
        seen[key] = value
    version = seen.pop(VERSION_PARAM, calc.version)
    if version != calc.version:
        notices.append(f"The link was made with rules version {_clip(version)}; it was read with version {calc.version}.")
    fields = {f.name: f for f in calc.fields}
    raw: dict[str, Any] = {}
    lists: dict[str, dict[int, dict[str, Any]]] = {}
    for key, text in seen.items():
        name, _, rest = key.partition(".")
        f = fields.get(name)
        if f is not None and f.type == "list":
            idx, _, sub_name = rest.partition(".")
            sub = next((s for s in f.items if s.name == sub_name), None)
            if not _INDEX.fullmatch(idx) or int(idx) >= f.max_items or sub is None:
                notices.append(f"Ignored {_clip(key)}: not a known field.")
                continue
            _put(sub, key, text, lists.setdefault(name, {}).setdefault(int(idx), {}), notices)
        elif f is None or rest:
            notices.append(f"Ignored {_clip(key)}: not a known field.")
        else:
            _put(f, key, text, raw, notices)
    for name, items in lists.items():
        raw[name] = [items[k] for k in sorted(items)]
    return raw, notices


def _put(f: Field, key: str, text: str, target: dict[str, Any], notices: list[str]) -> None:
    if len(text) > MAX_VALUE_LENGTH:
        notices.append(f"Ignored {key}: the value is too long.")
        return
    ok, value = parse_value(f, text)
    if ok:
        value, errors = validate_value(f, value, key)
        ok = not errors
    if ok:
        target[f.name] = value
    else:
        notices.append(f"Ignored {key}={_clip(text)}: allowed {f.allowed()}.")


def limits() -> dict[str, Any]:
    """The limits above, for the page's decoder (it reads them from the calculator's spec)."""
    return {"version_param": VERSION_PARAM, "max_params": MAX_PARAMS, "max_value_length": MAX_VALUE_LENGTH}


def _clip(text: str) -> str:
    """A value quoted for a notice, cut to 40 characters (JSON's quoting, as the page's decoder)."""
    return json.dumps(text if len(text) <= 40 else text[:37] + "...", ensure_ascii=False)
