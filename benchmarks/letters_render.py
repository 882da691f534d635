"""How much one shared LetterRenderer saves a batch, against a renderer made per letter.

Run: python benchmarks/letters_render.py [N]. Prints the time per txt letter both ways and the
ratio, measured in the same run on the built-in campaign.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from civickit.campaign import load_campaign
from civickit.core.districts import District
from civickit.core.officials import Address, Official
from civickit.materials.letters import LetterRenderer, Sender

DATE = dt.date(2026, 11, 26)
SENDER = Sender("Ada Lopez", "1 Main St\nSan Francisco, CA 94103", "ada@example.org")
OFFICE = Address("Washington Office", ("1 Example Building",), "Washington", "DC", "20515")


def officials() -> list[Official]:
    return [
        Official("Ann Example", "us-senate", "Senator", "CA", capitol_office=OFFICE),
        Official("Ben Example", "us-house", "Representative", "CA", District("CA", "cd", "12")),
        Official("Cleo Example", "state-upper", "Senator", "NY", District("NY", "sldu", "2")),
        Official("Dan Example", "state-lower", "", "MD", District("MD", "sldl", "3A")),
    ]


def per_letter(count: int, shared: bool) -> float:
    campaign = load_campaign()
    people = officials()
    renderer = LetterRenderer(campaign)
    start = time.perf_counter()
    for index in range(count):
        if not shared:
            renderer = LetterRenderer(campaign)
        renderer.render(people[index % len(people)], SENDER, "txt", date=DATE)
    return (time.perf_counter() - start) / count


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    baseline = per_letter(max(count // 10, 20), shared=False)
    shared = per_letter(count, shared=True)
    print(f"renderer per letter (baseline): {baseline * 1e6:8.0f} us/letter")
    print(f"one shared renderer:            {shared * 1e6:8.0f} us/letter")
    print(f"ratio baseline/shared:          {baseline / shared:8.1f}x")


if __name__ == "__main__":
    main()
