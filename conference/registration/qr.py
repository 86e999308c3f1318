"""QR codes of check-in codes, as inline SVG."""

import segno
from django.utils.safestring import SafeString, mark_safe


def check_in_qr_svg(code: str) -> SafeString:
    # The SVG is made by segno from the code alone (letters and digits): nothing to escape.
    svg = segno.make(code, error="m").svg_inline(scale=6, border=2, title=code, omitsize=True)
    return mark_safe(svg)
