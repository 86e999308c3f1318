"""The PDF ticket: the attendee's name, ticket type, the conference, and the check-in QR code.

Made with reportlab. Text is set in STSong-Light, one of the CID fonts that every PDF reader
carries (Adobe's Asian font packs), so Chinese names print without a font file shipped here;
Latin text prints in it too. The QR code is drawn as vector squares from segno's matrix, so it
stays sharp at any print size.
"""

from io import BytesIO

from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from conference.models import Registration
from conference.registration.qr import check_in_qr

FONT = "STSong-Light"
QR_SIZE = 60 * mm
QR_QUIET_MODULES = 4  # the quiet zone that scanners need around the code

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def ticket_filename(registration: Registration) -> str:
    return f"{registration.conference.slug}-ticket-{registration.check_in_code}.pdf"


def ticket_pdf(*, registration: Registration) -> bytes:
    """The ticket as PDF bytes (one A4 page). Reads only the registration and its relations."""
    conference = registration.conference
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle(f"{conference.name}: {registration.name}")
    pdf.setAuthor(conference.name)
    _width, height = A4
    left = 20 * mm
    y = height - 30 * mm
    pdf.setFont(FONT, 22)
    pdf.drawString(left, y, conference.name)
    y -= 9 * mm
    pdf.setFont(FONT, 12)
    dates = f"{conference.start_date:%Y-%m-%d} – {conference.end_date:%Y-%m-%d}"
    pdf.drawString(left, y, f"{dates}, {conference.venue}" if conference.venue else dates)
    y -= 20 * mm
    for label, value in (
        (_("Name"), registration.name),
        (_("Ticket"), registration.ticket_type.name),
        (_("Check-in code"), registration.check_in_code),
    ):
        pdf.setFont(FONT, 10)
        pdf.drawString(left, y, str(label))
        y -= 7 * mm
        pdf.setFont(FONT, 18)
        pdf.drawString(left, y, value)
        y -= 12 * mm
    _draw_qr(pdf, registration.check_in_code, x=left, y=y - QR_SIZE)
    pdf.setFont(FONT, 9)
    pdf.drawString(left, 20 * mm, _("Show this ticket at the entrance, printed or on screen."))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _draw_qr(pdf: canvas.Canvas, code: str, *, x: float, y: float) -> None:
    matrix = check_in_qr(code).matrix
    modules = len(matrix) + 2 * QR_QUIET_MODULES
    unit = QR_SIZE / modules
    pdf.setFillColorRGB(0, 0, 0)
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                pdf.rect(
                    x + (col_index + QR_QUIET_MODULES) * unit,
                    # PDF's y axis points up; the matrix's first row is the top one.
                    y + QR_SIZE - (row_index + QR_QUIET_MODULES + 1) * unit,
                    unit,
                    unit,
                    stroke=0,
                    fill=1,
                )
