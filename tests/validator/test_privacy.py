"""Personal data: CPR numbers, e-mail addresses, phone numbers, GPS in images."""

from __future__ import annotations

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tests.conftest import only

GPS_IFD = 0x8825


def write(kb, extra: str, **fm) -> str:
    return kb.write_case("privat", kb.front_matter(**fm), kb.valid_body + "\n" + extra + "\n")


# -- PRIVACY-CPR --------------------------------------------------------------


@pytest.mark.parametrize("cpr", ["010190-1234", "0101901234", "010190 1234", "290200-4321", "311299-0000"])
def test_cpr_in_body(kb, cpr):
    rel = write(kb, f"Borgeren (cpr. {cpr}) kom hver uge.")
    [(line, col, msg)] = only(kb, "PRIVACY-CPR")
    assert (line, col) == kb.position(rel, cpr)
    assert f"'{cpr}'" in msg and "slet nummeret" in msg


@pytest.mark.parametrize(
    "number",
    ["320199-1234", "011390-1234", "000190-1234", "310490-1234", "01019012345", "1234-010190", "2024-2025", "ISBN 978-87-7777-123-4"],
    ids=["day-32", "month-13", "day-0", "31-april", "11-digits", "reversed", "years", "isbn"],
)
def test_cpr_like_numbers_that_are_not_cpr(kb, number):
    write(kb, f"Nummeret {number} står i rapporten.")
    assert kb.problems() == []


@pytest.mark.parametrize(("key", "col"), [("title", 8), ("summary", 10)])
def test_cpr_in_title_and_summary(kb, key, col):
    value = {"title": "Borger 010190-1234 fik hjælp", "summary": "Borgeren med cpr 010190-1234 fik hjælp af en følgeven."}[key]
    rel = write(kb, "", **{key: value})
    [(line, c, _)] = only(kb, "PRIVACY-CPR")
    assert (line, c) == (kb.line_of(rel, f"{key}:"), col)


# -- PRIVACY-EMAIL ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("Skriv til borger.navn@example.org for at høre mere.", "borger.navn@example.org"),
        ("[Skriv til Jens](mailto:jens+cafe@post.example.dk)", "jens+cafe@post.example.dk"),
        ("<JENS@EXAMPLE.ORG>", "JENS@EXAMPLE.ORG"),
    ],
)
def test_email_in_body(kb, text, email):
    rel = write(kb, text)
    [(line, col, msg)] = only(kb, "PRIVACY-EMAIL")
    assert (line, col) == kb.position(rel, email)
    assert f"'{email}'" in msg and "'contact'" in msg


@pytest.mark.parametrize("text", ["Følg @fjordby på Instagram.", "Hej @ alle sammen.", "Mødet er kl. 10@caféen."])
def test_not_an_email(kb, text):
    write(kb, text)
    assert kb.problems() == []


@pytest.mark.parametrize(
    ("key", "value", "needle"),
    [
        ("title", "Skriv til lise@example.org", "Skriv"),  # front matter values are pointed at where they start
        ("summary", "Borgere kan skrive til cafe@example.org og få et svar.", "Borgere"),
        ("partners", ["Jobcenter", "jens@example.org"], "jens@"),
    ],
)
def test_email_in_front_matter(kb, key, value, needle):
    rel = write(kb, "", **{key: value})
    [(line, col, _)] = only(kb, "PRIVACY-EMAIL")
    assert (line, col) == kb.position(rel, needle)


# -- PRIVACY-PHONE ------------------------------------------------------------


@pytest.mark.parametrize("phone", ["12 34 56 78", "12345678", "+45 12 34 56 78", "+4512345678", "0045 1234 5678", "12.34.56.78"])
def test_phone_in_body(kb, phone):
    rel = write(kb, f"Ring til Jens på {phone} efter kl. 16.")
    [(line, col, msg)] = only(kb, "PRIVACY-PHONE")
    assert (line, col) == kb.position(rel, phone)
    assert f"'{phone}'" in msg and "'contact'" in msg


@pytest.mark.parametrize(
    "text",
    ["I 2023 og 2024 kom 120 gæster.", "Caféen holder åbent kl. 10.00-12.00.", "Projektnummer 123456789 er afsluttet.",
     "Vi fik 1.234.567 kr.", "Perioden 2023-2025 var god.", "Se https://example.org/side/12345"],
)
def test_numbers_that_are_not_phone_numbers(kb, text):
    write(kb, text)
    assert kb.problems() == []


def test_phone_in_partners(kb):
    rel = write(kb, "", partners=["Jobcenter", "Jens 12 34 56 78"])
    [(line, col, _)] = only(kb, "PRIVACY-PHONE")
    assert (line, col) == kb.position(rel, "Jens")


def test_personal_data_only_in_contact_passes(kb):
    write(kb, "Kontakt os gennem centret.", contact={"name": "Lise Holm", "email": "lise@example.org", "phone": "12 34 56 78"})
    assert kb.problems() == []


def test_every_finding_is_reported(kb):
    rel = write(kb, "Jens (010190-1234) har mailen jens@example.org.\n\nRing på 12 34 56 78 eller 87654321.")
    assert [(code, line) for code, line in kb.codes()] == [
        ("PRIVACY-CPR", kb.line_of(rel, "010190")), ("PRIVACY-EMAIL", kb.line_of(rel, "jens@")),
        ("PRIVACY-PHONE", kb.line_of(rel, "Ring")), ("PRIVACY-PHONE", kb.line_of(rel, "Ring")),
    ]


# -- PRIVACY-GPS --------------------------------------------------------------


def gps_exif(with_gps: bool = True) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Kamerafabrik"  # Make: harmless metadata
    if with_gps:
        gps = exif.get_ifd(GPS_IFD)
        gps[1] = "N"
        gps[2] = (55.0, 40.0, 12.5)
        gps[3] = "E"
        gps[4] = (12.0, 34.0, 5.0)
    return exif.tobytes()


def save(kb, rel: str, with_gps: bool, fmt: str) -> None:
    path = kb.path(rel)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 6), (90, 140, 200)).save(path, fmt, exif=gps_exif(with_gps))


@pytest.mark.parametrize(("name", "fmt"), [("foto.jpg", "JPEG"), ("foto.png", "PNG"), ("foto.webp", "WEBP")])
@pytest.mark.parametrize("markup", ["![Caféens bord](privat/{name})", '<img src="privat/{name}" alt="Caféens bord">'], ids=["markdown", "img"])
def test_image_with_gps(kb, name, fmt, markup):
    save(kb, f"cases/privat/{name}", True, fmt)
    markup = markup.format(name=name)
    rel = write(kb, "Billede:\n\n" + markup)
    [(line, col, msg)] = only(kb, "PRIVACY-GPS")
    assert (line, col) == (kb.line_of(rel, markup), 1)
    assert f"'cases/privat/{name}'" in msg and "GPS" in msg


@pytest.mark.parametrize(("name", "fmt"), [("foto.jpg", "JPEG"), ("foto.png", "PNG"), ("foto.webp", "WEBP")])
def test_same_image_without_gps_passes(kb, name, fmt):
    save(kb, f"cases/privat/{name}", False, fmt)
    assert Image.open(kb.path(f"cases/privat/{name}")).getexif()[0x010F] == "Kamerafabrik"  # metadata really is there
    write(kb, f"![Caféens bord](privat/{name})")
    assert kb.problems() == []


def test_gps_in_xmp_metadata(kb):
    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="55,40.2N" exif:GPSLongitude="12,34.1E"/></x:xmpmeta>')
    path = kb.path("cases/privat/xmp.png")
    path.parent.mkdir(parents=True)
    Image.new("RGB", (4, 4)).save(path, pnginfo=info)
    write(kb, "![Caféens bord](privat/xmp.png)")
    assert [code for code, _ in kb.codes()] == ["PRIVACY-GPS"]


def test_image_claiming_to_be_enormous_is_not_a_crash(kb):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    kb.write("cases/privat/bombe.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
    write(kb, "![Et kæmpe billede](privat/bombe.png)")
    assert [code for code, _ in kb.codes()] == ["BODY-IMAGE"]


@pytest.mark.parametrize("markup", ["![Udsigt fra bakken](privat/udsigt fra bakken.jpg)", "![Udsigt fra bakken](<privat/udsigt fra bakken.jpg>)",
                                    '![Udsigt fra bakken](privat/udsigt%20fra%20bakken.jpg "Bakken")'],
                         ids=["spaces", "angle-brackets", "encoded-with-title"])
def test_image_with_gps_and_spaces_in_its_name(kb, markup):
    save(kb, "cases/privat/udsigt fra bakken.jpg", True, "JPEG")
    rel = write(kb, "Billede:\n\n" + markup)
    [(line, col, msg)] = only(kb, "PRIVACY-GPS")
    assert (line, col) == (kb.line_of(rel, markup), 1)
    assert "'cases/privat/udsigt fra bakken.jpg'" in msg
