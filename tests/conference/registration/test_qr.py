import os
import shutil
import subprocess

import pytest

from conference.registration.qr import check_in_qr, check_in_qr_svg


def test_check_in_qr_is_a_standard_qr_code_version_1_m():
    qr = check_in_qr("ABCD2345")

    assert (qr.is_micro, qr.version, qr.error, qr.designator) == (False, 1, "M", "1-M")


def test_check_in_qr_svg_is_the_standard_code():
    svg = check_in_qr_svg("ABCD2345")

    # Version 1 is 21 modules wide; with the quiet zone of 4 on each side, 29 × scale 6.
    assert svg.startswith('<svg viewBox="0 0 174 174"')
    assert "<title>ABCD2345</title>" in svg


@pytest.mark.skipif(
    shutil.which("zbarimg") is None and not os.environ.get("CI"),
    reason="zbar-tools is not installed (.ci/run installs it)",
)
def test_check_in_qr_decodes_with_zbar(tmp_path):
    png = tmp_path / "qr.png"
    check_in_qr("ABCD2345").save(png, scale=8, border=4)

    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True
    )

    assert result.stdout == "ABCD2345\n"
