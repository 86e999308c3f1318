import base64
import re
import zlib

from conference.registration.qr import check_in_qr
from conference.registration.ticket import ticket_filename, ticket_pdf
from tests.factories import RegistrationFactory


def _page_content(pdf: bytes) -> bytes:
    stream = re.search(rb"/ASCII85Decode /FlateDecode \].*?stream\r?\n(.*?)endstream", pdf, re.S)
    return zlib.decompress(base64.a85decode(stream.group(1).strip(), adobe=True))


def _texts(content: bytes) -> list[str]:
    """The strings the page shows (UCS-2 in the CID font, PDF string escapes undone)."""
    texts = []
    for raw in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", content, re.S):
        data = re.sub(
            rb"\\([0-7]{1,3}|.)",
            lambda m: (
                bytes([int(m.group(1), 8)])
                if m.group(1)[:1].isdigit()
                else {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(m.group(1), m.group(1))
            ),
            raw,
        )
        texts.append(data.decode("utf-16-be"))
    return texts


def test_ticket_pdf_has_name_ticket_type_conference_code_and_qr(ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type, name="张敏 (Zhang Min)")

    pdf = ticket_pdf(registration=registration)

    assert pdf.startswith(b"%PDF-")
    content = _page_content(pdf)
    texts = _texts(content)
    assert texts[0] == "DevConf"
    assert texts[2:8] == [
        "Name",
        "张敏 (Zhang Min)",
        "Ticket",
        "Standard",
        "Check-in code",
        registration.check_in_code,
    ]
    # The QR code is drawn as one filled square per dark module.
    dark = sum(sum(row) for row in check_in_qr(registration.check_in_code).matrix)
    assert content.count(b" re f") == dark


def test_ticket_filename_names_conference_and_code(ticket_type):
    registration = RegistrationFactory(ticket_type=ticket_type)

    assert ticket_filename(registration) == f"devconf-ticket-{registration.check_in_code}.pdf"
