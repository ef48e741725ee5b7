"""Privacy detectors: cases describe people in vulnerable positions.

CPR numbers, e-mail addresses and phone numbers may only appear in the
``contact`` field (staff contact). Images must not carry a GPS position.

Precise in both directions: numbers a label names as something else (CVR,
P-nr., EAN, j.nr., sagsnr., ISBN, reg.nr./kontonr., amounts, times) are not
personal data; a public institution's number listed in data/public-numbers.yml
and a centre's shared inbox on its own domain have a documented way through.
The privacy rules (``brobyg/validate/rules/privacy.py``) say what to do.
"""

from __future__ import annotations

import calendar
import os
import re
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

# The documented ways through, named in the messages so a contributor knows which applies.
PUBLIC_NUMBERS_FILE = "data/public-numbers.yml"
# The local parts of a centre's shared inbox: 'info@<the centre's own domain>'.
SHARED_INBOXES = ("info", "kontakt", "post", "mail", "hej", "frivillig", "sekretariat")


@dataclass(frozen=True, slots=True)
class Allowances:
    """What may stand in a case although it looks like personal data: the
    numbers of public institutions (``data/public-numbers.yml``, 8 digits ->
    name) and the centres' own domains (from the websites in ``data/centres.yml``)."""

    public_numbers: Mapping[str, str] = field(default_factory=dict)
    centre_domains: frozenset[str] = frozenset()

    @classmethod
    def from_registry(cls, public_numbers: Mapping[str, str], websites) -> "Allowances":
        return cls(dict(public_numbers), frozenset(d for d in map(website_domain, websites) if d))


NOTHING_ALLOWED = Allowances()


def website_domain(url: str | None) -> str | None:
    """'https://www.fjordby.example.org/om' -> 'fjordby.example.org'."""
    host = (urlsplit(url).hostname or "") if url else ""
    host = host.lower()
    return host[4:] if host.startswith("www.") else host or None


def phone_digits(number: str) -> str:
    """The 8 digits of a Danish phone number, without +45 or 0045."""
    digits = re.sub(r"\D", "", number)
    if len(digits) == 12 and digits.startswith("0045"):
        return digits[4:]
    if len(digits) == 10 and digits.startswith("45") and number.lstrip().startswith("+"):
        return digits[2:]
    return digits


# DDMMYY-XXXX or DDMMYYXXXX; the date is checked below to keep false alarms low.
CPR_RE = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})[- ]?(\d{4})(?![\d-])")
# The same with the last four digits masked: '120385-xxxx', '120385-****', '120385-12xx'.
PARTIAL_CPR_RE = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})[- ]?(?=[\dxX*]{4}(?![\w*]))\d{0,3}[xX*]{1,4}")
# The lookbehind starts a match only where a run of address characters starts; without it
# a long run with no '@' is rescanned from every position (quadratic: minutes per file).
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Danish numbers: 8 digits, plain, in pairs with one kind of separator, or 4+4;
# with +45/0045 in front.
PHONE_RE = re.compile(
    r"(?<![\w+-])(?:(?:\+45|0045)[ ]?)?(?:\d{8}|\d{2}([ .-])\d{2}\1\d{2}\1\d{2}|\d{4}[ -]\d{4})(?![\w-])"
)

# A label before a number says what the number is: 'CVR-nr. 37 42 18 06',
# 'P-nr.', 'EAN', 'j.nr.', 'sagsnr.', 'ISBN', 'reg.nr. … kontonr.', 'kr.', 'kl.'.
_NR = r"(?:[-. ]?(?:nr|nummer(?:et)?|numre|no)\b\.?)"
_LABEL_BEFORE = re.compile(
    r"(?<!\w)(?:"
    r"(?:cvr|ean|gln|isbn(?:-?1[03])?|issn|kr|dkk|eur|kl|klokken)" + _NR + "?"
    r"|(?:p|se|j|jour|journal|sag|sags|reg|registrerings|konto|faktura|ordre|bilag|løbe|lb|matr|matrikel|vare|post|"
    r"kunde|medlems|projekt|bestillings|reference|ref|id|kvitterings|afgørelses|bevillings)" + _NR +
    r")[ \t]*[:.]?[ \t]*(?:er|på|nr\.?)?[ \t]*$",
    re.I,
)
# After a number: an amount.
_AMOUNT_AFTER = re.compile(r"[ \t]*(?:kr\b|kr\.|kroner|dkk\b|,-|mio\b|mia\b|€|euro\b)", re.I)
_LABEL_REACH = 40  # characters before a number that may hold its label


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
# Only runs of 6 characters or more can hold one: shorter ones never match,
# so no Python code runs for the many short numbers (years, counts) of a text.
_NUMBER_RUN = re.compile(r"[+\d][\d .-]{4,}\d")

# A quicker test whether a text holds a number run at all (most bodies hold
# none): a regular expression that starts with a character class is slow in
# Python (about 8 µs per KB), one that starts with a literal character is
# fast. So the text is encoded as UTF-8, each character is made one byte
# ('0' for an ASCII digit or '+', ' ', '.' and '-' as they are, '0' for a
# character whose first UTF-8 byte can start a non-ASCII decimal digit, 'x'
# for the rest; continuation bytes deleted), and _NUMBER_RUN's shape is looked
# for with a pattern starting with '0'. Every run _NUMBER_RUN finds shows up
# there, so a text without a match has no run.
# First bytes of the UTF-8 form of every non-ASCII character \d matches (Unicode
# category Nd; a test checks this against every code point), and the four-byte
# ones beyond to be safe.
_DIGIT_LEAD_BYTES = b"\xd9\xdb\xdf\xe0\xe1\xea\xef\xf0\xf1\xf2\xf3\xf4"
_RUN_SHAPE_TABLE = bytes(
    ord("0") if (48 <= b <= 57 or b == ord("+") or b in _DIGIT_LEAD_BYTES) else b if b in b" .-" else ord("x")
    for b in range(256)
)
_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))
_RUN_SHAPE = re.compile(rb"0[0 .-]{4,}0")


def utf8(text: str) -> bytes:
    """``text`` as UTF-8 (lone surrogates too), for the quick tests here, in the body scanner
    and in ``TemplateText.prompts_in``."""
    return text.encode("utf-8", "surrogatepass")


def _may_hold_number_run(text: str, encoded: bytes | None = None) -> bool:
    """False only when ``_NUMBER_RUN`` finds nothing in ``text`` (``encoded``: ``utf8(text)``, when known)."""
    shape = (utf8(text) if encoded is None else encoded).translate(_RUN_SHAPE_TABLE, _UTF8_CONTINUATION)
    return _RUN_SHAPE.search(shape) is not None


def may_hold_personal_data(text: str) -> bool:
    """False when ``text`` has no '@' and no run of digits ``find`` could look
    at, so ``find`` finds nothing: a quick test for the many short values
    (titles, names) before a full scan."""
    return "@" in text or _may_hold_number_run(text)
_GROUP = re.compile(r"\d+")


def _labelled(text: str, start: int, end: int) -> bool:
    """Whether a label before (or 'kr.' after) the number at start..end names it
    as something other than personal data."""
    before = text[max(0, start - _LABEL_REACH) : start]
    line_start = before.rfind("\n")
    if line_start >= 0:
        before = before[line_start + 1 :]
    return bool(_LABEL_BEFORE.search(before)) or bool(_AMOUNT_AFTER.match(text, end))


def _continues(text: str, start: int, end: int, sep: str, group: int) -> bool:
    """Whether the digit groups of a match go on beyond it with the same
    separator and group length ('5798 0000 1234 5' is not '5798 0000')."""
    if start >= 2 and text[start - 1] == sep and text[start - 2].isdigit():
        m = re.search(r"\d+$", text[max(0, start - 1 - group - 1) : start - 1])
        if m and len(m.group(0)) >= group:
            return True
    if end + 1 < len(text) and text[end] == sep and text[end + 1].isdigit():
        m = _GROUP.match(text, end + 1)
        if m and len(m.group(0)) >= group:
            return True
    return False


def _years(number: str) -> bool:
    """'2019 2020' and '2019-2024' are years, not a phone number."""
    groups = _GROUP.findall(number)
    return len(groups) == 2 and all(len(g) == 4 and 1900 <= int(g) <= 2099 for g in groups)


def _number_findings(text: str, allow: Allowances) -> Iterator[tuple[int, str, str]]:
    """CPR numbers (whole and partial) and phone numbers, as (offset, kind, number)."""
    for run in _NUMBER_RUN.finditer(text):
        start, end = run.span()
        nxt = text[end : end + 2]
        if nxt[:1] in ("x", "X", "*") or (nxt[:1] in ("-", " ") and nxt[1:2] in ("x", "X", "*")):
            for m in PARTIAL_CPR_RE.finditer(text, start, min(len(text), end + 6)):
                if _valid_cpr_date(m.group(1), m.group(2), m.group(3)):
                    yield m.start(), PARTIAL_CPR, m.group(0)
        digits = sum(c.isdigit() for c in run.group(0))
        if digits < 8 or _labelled(text, start, end):
            continue
        stop = min(len(text), end + 1)  # one character more, for the patterns' lookahead
        cprs = []
        for m in CPR_RE.finditer(text, start, stop):
            if _valid_cpr_date(m.group(1), m.group(2), m.group(3)):
                cprs.append(m.span())
                yield m.start(), CPR, m.group(0)
        for m in PHONE_RE.finditer(text, start, stop):
            number = m.group(0)
            if any(s <= m.start() < e for s, e in cprs) or CPR_RE.fullmatch(number) or _years(number):
                continue
            sep = m.group(1) or next((c for c in number.lstrip("+0123456789") if not c.isdigit()), "")
            body = number.split(" ", 1)[-1] if number.startswith(("+45 ", "0045 ")) else number
            group = 2 if m.group(1) else (4 if len(_GROUP.findall(body)) == 2 else 8)
            if sep and _continues(text, m.start(), m.end(), sep, group):
                continue
            if phone_digits(number) in allow.public_numbers:
                continue
            yield m.start(), PHONE, number


CPR, PARTIAL_CPR, EMAIL, PHONE = "cpr", "partial cpr", "email", "phone"
# An e-mail address on a centre's own domain that is not its shared inbox.
EMAIL_ON_CENTRE_DOMAIN = "email on a centre's domain"


def find(text: str, allow: Allowances = NOTHING_ALLOWED, encoded: bytes | None = None) -> Iterator[tuple[int, str, str]]:
    """Yield (offset, kind, what was found) for each piece of personal data in
    ``text``: CPR numbers first, then e-mail addresses, then phone numbers.
    ``encoded`` is ``utf8(text)`` when the caller has it already."""
    numbers = list(_number_findings(text, allow)) if _may_hold_number_run(text, encoded) else []
    yield from (f for f in numbers if f[1] != PHONE)
    for m in EMAIL_RE.finditer(text) if "@" in text else ():
        local, _, domain = m.group(0).rpartition("@")
        domain = domain.lower().removeprefix("www.")
        if domain in allow.centre_domains:
            if local.lower() in SHARED_INBOXES:
                continue
            yield m.start(), EMAIL_ON_CENTRE_DOMAIN, m.group(0)
        else:
            yield m.start(), EMAIL, m.group(0)
    yield from (f for f in numbers if f[1] == PHONE)


GPS_IFD = 0x8825
_GPS_TAGS = (1, 2, 3, 4)  # latitude/longitude and their refs
_XMP_KEY = b"XML:com.adobe.xmp"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Answers by (path, mtime, size): a check run (and serve, run after run) reads
# each image's metadata once, however many cases show it.
_SEEN: dict[tuple[str, int, int], bool | None] = {}
_SEEN_MAX = 20_000


def image_has_gps(path: Path) -> bool | None:
    """True if the image's metadata holds a GPS position; None if unreadable."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    key = (os.fspath(path), st.st_mtime_ns, st.st_size)
    if key in _SEEN:
        return _SEEN[key]
    answer = _image_has_gps(path)
    if len(_SEEN) >= _SEEN_MAX:
        _SEEN.clear()
    _SEEN[key] = answer
    return answer


def _image_has_gps(path: Path) -> bool | None:
    from PIL import Image, UnidentifiedImageError  # imported here: only cases with images pay for it

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. DecompressionBombWarning: we only read metadata
            with Image.open(path) as img:
                if img.format == "PNG" and "exif" not in img.info:
                    # Pillow would decode every pixel to find metadata after the
                    # image data; read those chunks without decoding instead.
                    return _png_has_gps(path, img.info)
                return _exif_has_gps(img.getexif()) or _xmp_has_gps(img.info)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    except Exception:  # noqa: BLE001 - DecompressionBombError, or a plugin choking on broken metadata
        return None


def _exif_has_gps(exif) -> bool:
    gps = exif.get_ifd(GPS_IFD)
    return any(tag in gps for tag in _GPS_TAGS)


def _xmp_has_gps(info) -> bool:
    xmp = info.get("xmp") or info.get("XML:com.adobe.xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode()
    return b"GPSLatitude" in xmp or b"GPSLongitude" in xmp


def _png_has_gps(path: Path, info) -> bool | None:
    """A PNG's GPS position, from the metadata Pillow read before the image
    data (``info``) and the eXIf and XMP chunks anywhere in the file. None
    when the file ends inside a chunk (a truncated image, which Pillow
    cannot load either)."""
    import struct
    import zlib

    from PIL import Image

    data = Path(path).read_bytes()
    if not data.startswith(_PNG_SIGNATURE):
        return None
    exif_chunks: list[bytes] = []
    xmp = _xmp_has_gps(info)
    pos, end = len(_PNG_SIGNATURE), len(data)
    while pos + 8 <= end:
        length, kind = struct.unpack_from(">I4s", data, pos)
        start, stop = pos + 8, pos + 8 + length
        if stop > end:
            return None  # truncated
        if kind == b"IEND":
            break
        if kind == b"eXIf":
            exif_chunks.append(data[start:stop])
        elif kind in (b"iTXt", b"tEXt", b"zTXt") and data.startswith(_XMP_KEY + b"\0", start):
            value = data[start + len(_XMP_KEY) + 1 : stop]
            try:
                if kind == b"zTXt":
                    value = zlib.decompressobj().decompress(value[1:], 16 * 1024 * 1024)
                elif kind == b"iTXt":
                    compressed, rest = value[:1] == b"\x01", value[2:]
                    rest = rest.split(b"\0", 2)[-1]  # after the language and the translated keyword
                    value = zlib.decompressobj().decompress(rest, 16 * 1024 * 1024) if compressed else rest
            except zlib.error:
                value = b""
            xmp = xmp or b"GPSLatitude" in value or b"GPSLongitude" in value
        pos = stop + 4  # the chunk's CRC
    for chunk in exif_chunks:
        exif = Image.Exif()
        exif.load(b"Exif\x00\x00" + chunk)
        if _exif_has_gps(exif):
            return True
    return xmp
