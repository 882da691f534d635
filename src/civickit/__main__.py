"""Allow ``python -m civickit``."""

from civickit.cli import main

if __name__ == "__main__":
    main()
