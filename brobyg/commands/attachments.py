"""Fetch an image attached to a GitHub issue, from GitHub's own hosts only.

An image dragged into an issue is stored by GitHub and linked as
``https://github.com/user-attachments/assets/<id>`` (older issues:
``user-images.githubusercontent.com`` or ``…/<owner>/<repo>/assets/…``). Only
those hosts are fetched, every redirect is held to the same list, and the
workflow's token is sent to github.com alone (the attachment hosts it
redirects to take signed addresses). What comes back must be a PNG, JPEG, GIF
or WebP image of at most 5 MB; `check` then looks at it like any other image
(alt text, GPS position).
"""

from __future__ import annotations

import io
import os
import urllib.error
import urllib.parse
import urllib.request

MAX_BYTES = 5 * 1024 * 1024
ALLOWED_HOSTS = frozenset({
    "github.com",
    "user-images.githubusercontent.com",
    "private-user-images.githubusercontent.com",
    "objects.githubusercontent.com",
    "github-production-user-asset-6210df.s3.amazonaws.com",
})
FORMATS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp"}


class AttachmentError(Exception):
    """The image cannot be used; the message is for the contributor (Danish)."""


def allowed(url: str, hosts=ALLOWED_HOSTS) -> bool:
    try:
        u = urllib.parse.urlsplit(url)
    except ValueError:
        return False
    local_test = u.scheme == "http" and u.hostname == "127.0.0.1" and "127.0.0.1" in hosts  # tests only
    if u.scheme != "https" and not local_test:
        return False
    if u.hostname not in hosts or u.username or u.password:
        return False
    if u.hostname == "github.com":  # only attachment paths on github.com itself
        path = u.path
        return path.startswith("/user-attachments/assets/") or "/assets/" in path
    return True


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, hosts) -> None:
        self.hosts = hosts

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not allowed(newurl, self.hosts):
            raise AttachmentError("Billedet peger videre til en adresse uden for GitHub, så det hentes ikke. "
                                  "Træk selve billedfilen ind i issuet.")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and urllib.parse.urlsplit(newurl).hostname != "github.com":
            new.remove_header("Authorization")  # signed attachment addresses need no token
        return new


def fetch_attachment(url: str, hosts=ALLOWED_HOSTS, timeout: float = 30) -> tuple[bytes, str]:
    """(bytes, extension) of an attached image. Raises AttachmentError."""
    if not allowed(url, hosts):
        raise AttachmentError(f"„{url[:80]}“ er ikke et billede, der er lagt op i issuet. "
                              "Træk billedfilen direkte ind i feltet, så GitHub gemmer den.")
    req = urllib.request.Request(url, headers={"User-Agent": "brobygningsbasen", "Accept": "image/*"})
    token = os.environ.get("GH_TOKEN") or os.environ.get("GITHUB_TOKEN")
    if token and urllib.parse.urlsplit(url).hostname == "github.com":
        req.add_header("Authorization", f"Bearer {token}")
    opener = urllib.request.build_opener(_Redirects(hosts))
    try:
        with opener.open(req, timeout=timeout) as resp:
            data = resp.read(MAX_BYTES + 1)
    except AttachmentError:
        raise
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "code", None) or getattr(exc, "reason", None) or exc
        raise AttachmentError(f"Billedet kunne ikke hentes ({reason}). Prøv at lægge det op i issuet igen.") from None
    if len(data) > MAX_BYTES:
        raise AttachmentError("Billedet fylder mere end 5 MB. Gør det mindre (fx 1600 px bredt), og læg det op igen.")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as im:
            fmt = im.format
    except (UnidentifiedImageError, OSError):
        fmt = None
    if fmt not in FORMATS:
        raise AttachmentError("Filen er ikke et billede i PNG-, JPEG-, GIF- eller WebP-format. "
                              "Gem det som JPEG (fx et iPhone-billede i HEIC), og læg det op igen.")
    return data, FORMATS[fmt]
