"""Guide sections that calculators cite, registered when a calculator module is imported.

Every factor's ``source`` must be a registered citation (checked when the factor is made), and
the site build fails if any registered citation is not an anchor of the built site.
"""
from __future__ import annotations

from typing import Callable

_CITED: set[str] = set()


def register(*pairs: tuple[str, str]) -> None:
    """Register ``(page, anchor)`` pairs, e.g. ``("titles-and-tracks/tracks", "pure-clinical")``."""
    for page, anchor in pairs:
        _CITED.add(f"{page.strip('/')}/#{anchor}")


def cite(page: str, anchor: str) -> str:
    """The site path of a registered section; raises ``KeyError`` for an unregistered one."""
    path = f"{page.strip('/')}/#{anchor}"
    if path not in _CITED:
        raise KeyError(f"citation {path!r} is not registered")
    return path


def all_citations() -> frozenset[str]:
    """Every registered citation."""
    return frozenset(_CITED)


def is_registered(path: str) -> bool:
    return path in _CITED


def guide_sections(folder: str, *pairs: tuple[str, str]) -> Callable[[str, str], str]:
    """Register ``(page, anchor)`` pairs under a guide folder; return the matching ``cite``.

    ``_src = guide_sections("titles-and-tracks/", ("tracks", "pure-clinical"))`` registers
    ``titles-and-tracks/tracks/#pure-clinical``; ``_src("tracks", "pure-clinical")`` returns it.
    """
    register(*[(folder + page, anchor) for page, anchor in pairs])
    return lambda page, anchor: cite(folder + page, anchor)
