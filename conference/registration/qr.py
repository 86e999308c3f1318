"""QR codes of check-in codes: inline SVG for the manage page, the module matrix for the PDF."""

import segno
from django.utils.safestring import SafeString, mark_safe

# A standard QR code, never a Micro QR: segno picks Micro QR (M3) for short codes when allowed,
# and many scanners (zbar, most phone apps) cannot read those.
QR_OPTIONS = {"error": "m", "micro": False, "boost_error": False}


def check_in_qr(code: str) -> segno.QRCode:
    return segno.make(code, **QR_OPTIONS)


def check_in_qr_svg(code: str) -> SafeString:
    # The SVG is made by segno from the code alone (letters and digits): nothing to escape.
    svg = check_in_qr(code).svg_inline(scale=6, border=4, title=code, omitsize=True)
    return mark_safe(svg)
