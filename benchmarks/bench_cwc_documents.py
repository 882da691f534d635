"""CPU time to build and validate CWC documents for 10,000 letters, against rendering the same
letters as plain text (the step a batch pays anyway).

Run: python benchmarks/bench_cwc_documents.py [N]. Prints CPU seconds for N documents (built
with lxml and validated against the CWC schema) and for N txt letters, and their ratio, both
measured in this run. Target (docs/delivery.md): under a few seconds of CPU for 10,000.
"""

from __future__ import annotations

import datetime as dt
import sys
import time

from civickit.campaign import load_campaign
from civickit.core.districts import District
from civickit.core.officials import Address, Official
from civickit.materials.cwc import DeliveryAgent
from civickit.materials.cwc_letter import cwc_document
from civickit.materials.letters import LetterRenderer, Sender

DATE = dt.date(2026, 11, 26)
OFFICE = Address("Washington Office", ("1 Example Building",), "Washington", "DC", "20515")
AGENT = DeliveryAgent.from_values(
    {
        "name": "Bay Area Privacy Coalition",
        "ack_email": "ack@bapc.example",
        "contact_name": "Sam Lee",
        "contact_email": "sam@bapc.example",
        "contact_phone": "415-555-0100",
    }
)


def people(count: int) -> list[Sender]:
    return [
        Sender(
            f"Ada Lopez{index}",
            "1 Main St\nOakland, CA 94612",
            f"ada{index}@example.org",
            story=f"I ride BART every day ({index}).",
            prefix="Ms.",
        )
        for index in range(count)
    ]


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    renderer = LetterRenderer(load_campaign(), delivery_agent=AGENT)
    member = Official("Ben Example", "us-house", "Representative", "CA",
                      District("CA", "cd", "12"), capitol_office=OFFICE)  # fmt: skip
    senders = people(count)
    start = time.process_time()
    for sender in senders:
        renderer.render(member, sender, "txt", date=DATE)
    text_seconds = time.process_time() - start
    start = time.process_time()
    for index, sender in enumerate(senders):
        cwc_document(renderer, member, sender, date=DATE, message_key=str(index)).to_xml()
    cwc_seconds = time.process_time() - start
    print(f"{count:,} txt letters:            {text_seconds:6.2f} s CPU (baseline)")
    print(f"{count:,} CWC documents (valid): {cwc_seconds:6.2f} s CPU (the letter's words,")
    print("    lxml and the schema check)")
    print(f"ratio CWC/txt:                 {cwc_seconds / text_seconds:6.2f}x")


if __name__ == "__main__":
    main()
