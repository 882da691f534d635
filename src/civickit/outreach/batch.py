"""Batch outreach: every supporter's letters made, grouped per office, tracked and re-runnable.

The public entry points, importable from here; each job lives in its own module:

- ``civickit.outreach.options``: ``BatchOptions`` and the ``--formats`` parser;
- ``civickit.outreach.tools``: the injected ``Resolver``/``LetterRendering`` and ``default_tools``;
- ``civickit.outreach.rows``: one row to its manifest record and letters;
- ``civickit.outreach.engine``: the run loop (``run_batch``), writing, the journal and packets;
- ``civickit.outreach.summary``: progress, the summary and the ``--dry-run`` plan.

Re-runs: with ``resume`` a row is skipped when its manifest line is ``ok``, its input hash (its
fields plus the run's settings and campaign) is unchanged and every output file still has the
recorded SHA-256; every other row is redone. The manifest is then rewritten with exactly one
line per input row.
"""

from __future__ import annotations

from civickit.core.offices import DEFAULT_OFFICES
from civickit.outreach.engine import NO_WEASYPRINT, pdf_available, run_batch
from civickit.outreach.manifest import sha256_file
from civickit.outreach.options import (
    FORMATS,
    STATUSES,
    BatchOptions,
    Status,
    parse_formats,
    settle_options,
)
from civickit.outreach.out_folder import check_out_dir
from civickit.outreach.rows import describe_failure
from civickit.outreach.summary import BatchPlan, BatchSummary, Progress, plan_batch
from civickit.outreach.tools import (
    BatchTools,
    LetterRendering,
    LookupResolver,
    Resolver,
    default_tools,
    templates_fingerprint,
)

__all__ = [
    "DEFAULT_OFFICES",
    "FORMATS",
    "NO_WEASYPRINT",
    "STATUSES",
    "BatchOptions",
    "BatchPlan",
    "BatchSummary",
    "BatchTools",
    "LetterRendering",
    "LookupResolver",
    "Progress",
    "Resolver",
    "Status",
    "check_out_dir",
    "default_tools",
    "describe_failure",
    "parse_formats",
    "pdf_available",
    "plan_batch",
    "run_batch",
    "settle_options",
    "sha256_file",
    "templates_fingerprint",
]
