"""Privacy detectors: cases describe people in vulnerable positions.

CPR numbers, e-mail addresses and phone numbers may only appear in the
``contact`` field (staff contact). Images must not carry a GPS position.
The privacy rules (``brobyg/validate/rules/privacy.py``) say what to do.
"""

from __future__ import annotations

import calendar
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

# DDMMYY-XXXX or DDMMYYXXXX; the date is checked below to keep false alarms low.
CPR_RE = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?![\d-])")
# The lookbehind starts a match only where a run of address characters starts; without it
# a long run with no '@' is rescanned from every position (quadratic: minutes per file).
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Danish numbers: 8 digits, plain or in pairs; with +45/0045 also 4+4 digits.
PHONE_RE = re.compile(
    r"(?<![\w+-])(?:(?:\+45|0045)[ ]?(?:\d{8}|\d{2}(?:[ .]\d{2}){3}|\d{4} \d{4})|\d{2}(?:[ .]\d{2}){3}|\d{8})(?![\w-])"
)


def _valid_cpr_date(dd: str, mm: str, yy: str) -> bool:
    day, month = int(dd), int(mm)
    if not 1 <= month <= 12:
        return False
    # The century is not knowable from the number alone; 29 Feb needs a leap year in some century.
    last = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    return 1 <= day <= last


# Every CPR or phone number lies inside a run of digits, spaces, dots and
# dashes (a phone number may start with '+'). One pass finds those runs; the
# exact patterns then look only inside runs long enough to hold a number,
# which is much cheaper than running each pattern over the whole text.
_NUMBER_RUN = re.compile(r"[+\d][\d .-]*\d")
_DIGIT = re.compile(r"\d")


def _number_spans(text: str) -> Iterator[tuple[int, int]]:
    for m in _NUMBER_RUN.finditer(text):
        if m.end() - m.start() >= 8 and len(_DIGIT.findall(m.group(0))) >= 8:
            # One character more on the right, for the patterns' lookahead.
            yield m.start(), min(len(text), m.end() + 1)


CPR, EMAIL, PHONE = "cpr", "email", "phone"


def find(text: str) -> Iterator[tuple[int, str, str]]:
    """Yield (offset, kind, what was found) for each piece of personal data in ``text``."""
    spans = list(_number_spans(text))
    for start, end in spans:
        for m in CPR_RE.finditer(text, start, end):
            if _valid_cpr_date(m.group(1), m.group(2), m.group(3)):
                yield m.start(), CPR, m.group(0)
    for m in EMAIL_RE.finditer(text) if "@" in text else ():
        yield m.start(), EMAIL, m.group(0)
    for start, end in spans:
        for m in PHONE_RE.finditer(text, start, end):
            if CPR_RE.fullmatch(m.group(0)):
                continue
            yield m.start(), PHONE, m.group(0)


GPS_IFD = 0x8825


def image_has_gps(path: Path) -> bool | None:
    """True if the image's metadata holds a GPS position; None if unreadable."""
    from PIL import Image, UnidentifiedImageError  # imported here: only cases with images pay for it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. DecompressionBombWarning: we only read metadata
            with Image.open(path) as img:
                gps = img.getexif().get_ifd(GPS_IFD)
                if any(tag in gps for tag in (1, 2, 3, 4)):  # latitude/longitude and their refs
                    return True
                xmp = img.info.get("xmp") or img.info.get("XML:com.adobe.xmp") or b""
                if isinstance(xmp, str):
                    xmp = xmp.encode()
                return b"GPSLatitude" in xmp or b"GPSLongitude" in xmp
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    except Exception:  # noqa: BLE001 - DecompressionBombError, or a plugin choking on broken metadata
        return None
