"""Relative links between pages of the built site (directory URLs)."""
from __future__ import annotations

import posixpath


def relative(from_url: str, target: str) -> str:
    """Link from the page at site path ``from_url`` (e.g. ``a/b/``) to site path ``target``.

    ``target`` may carry a query string or fragment: ``calculators/x/?a=1#result``; an empty
    ``target`` is the site root.
    """
    cut = min((i for i in (target.find("?"), target.find("#")) if i >= 0), default=len(target))
    path, rest = target[:cut], target[cut:]
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath("/" + path, "/" + base)
    if (path.endswith("/") or not path) and not rel.endswith("/"):
        rel += "/"
    return rel + rest
