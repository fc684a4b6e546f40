"""mkdocs-macros module: renders charts, diagrams, forms and worked examples at build time.

MkDocs imports this folder as the package ``macros``; Zensical loads this file by its path, as a
module without a package, where a relative import fails. So the project root is put on the
import path and ``define_env`` is imported by its absolute name, which works in both.
"""
import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from macros.main import define_env  # noqa: E402

__all__ = ["define_env"]
