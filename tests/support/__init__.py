"""Shared test support: the CLI runner, golden files and the docs' Python snippets.

conftest.py turns these into fixtures (``run_cli``, ``golden``); helper modules that are not
fixtures themselves (e.g. ``lookup_support``) import the plain functions from here.
"""
