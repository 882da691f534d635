"""QR codes for printed links, as inline SVG sized so phone cameras read them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from civickit.errors import UsageError

if TYPE_CHECKING:
    from markupsafe import Markup


@dataclass(frozen=True)
class QrCode:
    """An inline SVG QR code and the printed size at which phones read it reliably."""

    svg: Markup
    size_in: float


# A printed module (one black square) of 0.35 mm or more scans reliably on phone cameras.
QR_MODULE_IN = 0.35 / 25.4
QR_MIN_SIZE_IN = 0.85
QR_BORDER = 3


def make_qr(url: str) -> QrCode:
    """The QR code of ``url`` as inline SVG with alt text, sized so its modules stay scannable."""
    import segno
    from markupsafe import Markup, escape

    try:
        code = segno.make(url, error="m", micro=False)
    except segno.DataOverflowError as exc:
        raise UsageError(
            f"--action-url is too long for a QR code ({len(url)} characters); use a shorter link"
        ) from exc
    label = f"QR code linking to {url}"
    svg = code.svg_inline(
        scale=1, border=QR_BORDER, omitsize=True, svgclass="qr-code", lineclass=None, light="#fff"
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    svg = svg.replace(">", f"><title>{escape(label)}</title>", 1)
    modules, _ = code.symbol_size(border=QR_BORDER)
    size = max(QR_MIN_SIZE_IN, round(modules * QR_MODULE_IN, 2))
    return QrCode(Markup(svg), size)  # noqa: S704 - segno's own markup; the label is escaped
