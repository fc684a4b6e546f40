"""``python -m calculators``: see :mod:`calculators.cli`."""
import os
import sys

from .cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:  # e.g. `python -m calculators schema x | head`: the reader left early
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 0
sys.exit(code)
