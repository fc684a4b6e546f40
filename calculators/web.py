"""Entry point for the browser worker: JSON in, JSON out, never an exception."""
from __future__ import annotations

import json
import sys
import traceback
from typing import Any

from .contract import FieldError, ValidationError
from .registry import CALCULATORS, UnknownCalculator, get


def handle(request: str) -> str:
    """Run ``{"slug": ..., "inputs": {...}}``; reply ``{"ok": true, "result": ...}`` or errors."""
    reply: dict[str, Any]
    try:
        req = json.loads(request)
        reply = {"ok": True, "result": get(req["slug"]).run(req["inputs"])}
    except ValidationError as exc:
        reply = {"ok": False, "errors": [e.as_dict() for e in exc.errors]}
    except UnknownCalculator as exc:
        reply = {"ok": False, "errors": [FieldError("", "is not a known calculator", exc.args[0],
                                                     ", ".join(CALCULATORS)).as_dict()]}
    except ModuleNotFoundError as exc:  # the browser's boot may hold only part of the standard library
        reply = {"ok": False, "crash": traceback.format_exc(limit=3)}
        module = (exc.name or "").partition(".")[0]
        if module in sys.stdlib_module_names:
            reply["missing"] = module  # the worker fetches the whole standard library and runs again
    except Exception:  # a bug in a calculator: report it, keep the worker alive
        reply = {"ok": False, "crash": traceback.format_exc(limit=3)}
    return json.dumps(reply)
