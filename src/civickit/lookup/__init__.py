"""From a place to its officials: the ``Lookup`` facade (``facade.py``), the adapters
(``adapters/``), the data store and its datasets, the answer cache and the one HTTP session."""
