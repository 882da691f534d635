"""The single source of civickit's version: pyproject reads it from here (hatch), and reading it
here is faster at start-up than asking importlib.metadata. Modules import it from here, never
from the ``civickit`` package itself, whose public names would pull every room in."""

__version__ = "0.1.0"
