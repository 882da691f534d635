"""How much the galloping fit search saves over trying layouts from the roomiest down.

Run: python benchmarks/factsheet_fit.py
Prints, per sheet, WeasyPrint renders and seconds for both searches, then the overall ratio.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from civickit.campaign import load_campaign
from civickit.materials import pagefit
from civickit.materials.factsheet import build_factsheet, html_renderer

LONG_ORG = ("Coalition for Community Control over Police Surveillance " * 10)[:500]
LONG_URL = ("https://example.org/act?" + "&".join(f"p{i}=v{i:03d}" for i in range(80)))[:600]
CASES: dict[str, dict[str, object]] = {
    "default letter": {},
    "default a4": {"paper": "a4"},
    "tag california": {"tags": ["california"]},
    "long org + url": {"org": LONG_ORG, "action_url": LONG_URL},
}


def linear(fits: Callable[[int], bool], count: int) -> int | None:
    """The baseline: try each layout from the roomiest until one fits."""
    return next((index for index in range(count) if fits(index)), None)


Search = Callable[[Callable[[int], bool], int], int | None]


def measure(search: Search, case: str) -> tuple[int | None, int, float]:
    campaign = load_campaign()
    sheet = build_factsheet(campaign, generated=dt.date(2026, 11, 26), **CASES[case])  # type: ignore[arg-type]
    html_for = html_renderer(sheet)
    renders = 0

    def fits(index: int) -> bool:
        nonlocal renders
        renders += 1
        html = html_for(pagefit.LAYOUTS[index], pagefit.FIT_RESERVE_IN)
        return pagefit.page_count(html) == 1

    started = time.perf_counter()
    found = search(fits, len(pagefit.LAYOUTS))
    return found, renders, time.perf_counter() - started


def main() -> None:
    pagefit.page_count("<p>warm up</p>")
    totals = {"gallop": 0.0, "linear": 0.0}
    for case in CASES:
        g_found, g_renders, g_time = measure(
            lambda fits, count: pagefit.first_fit(fits, count, pagefit.DEFAULT_START), case
        )
        l_found, l_renders, l_time = measure(linear, case)
        assert g_found == l_found, (case, g_found, l_found)
        totals["gallop"] += g_time
        totals["linear"] += l_time
        print(
            f"{case:<16} layout {pagefit.LAYOUTS[g_found or 0].name:>7}  "
            f"gallop {g_renders} renders {g_time:5.2f}s  linear {l_renders} renders {l_time:5.2f}s"
        )
    print(f"linear / gallop time: {totals['linear'] / totals['gallop']:.2f}x")


if __name__ == "__main__":
    main()
