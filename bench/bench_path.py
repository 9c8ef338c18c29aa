"""Imported first by every benchmark that uses the product's packages.

A script's own folder comes first on ``sys.path``, and ``bench/notify.py`` shares its name with
the ``notify`` package: this moves the folder after the installed packages (still importable,
for the other helpers here).
"""

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != BENCH] + [str(BENCH)]
