"""mkdocs-macros module: renders charts, diagrams, forms and worked examples at build time."""
from .main import define_env

__all__ = ["define_env"]
