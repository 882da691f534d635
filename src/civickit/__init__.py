"""civickit: sourced advocacy materials, addressed to the right officials."""

# The single source of the version: pyproject reads it from here (hatch), and reading it here is
# faster at start-up than asking importlib.metadata.
__version__ = "0.1.0"

__all__ = ["__version__"]
