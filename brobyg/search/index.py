"""Make Pagefind's output byte-identical between builds.

Pagefind 1.5 writes each filter's values, and the list of filters in its
meta file, in hash-map order, which changes from run to run (upstream
Pagefind/pagefind#638: fragments became stable in 1.3, "filter/metadata
indexes" did not). Search behaves the same either way, but a reproducible
build needs the same bytes, so after indexing we sort those lists, re-encode
them and rename the files by a hash of their new content.

The files are gzip streams of b"pagefind_dcd" + CBOR. The tiny CBOR codec
below covers exactly what Pagefind writes: unsigned ints, strings, arrays.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def _decode(data: bytes, i: int = 0):
    head = data[i]
    major, info = head >> 5, head & 0x1F
    i += 1
    if info < 24:
        n = info
    else:
        size = 1 << (info - 24)  # 24 -> 1 byte, 25 -> 2, 26 -> 4, 27 -> 8
        n = int.from_bytes(data[i:i + size], "big")
        i += size
    if major == 0:
        return n, i
    if major in (2, 3):
        raw = data[i:i + n]
        return (raw if major == 2 else raw.decode("utf-8")), i + n
    if major == 4:
        items = []
        for _ in range(n):
            item, i = _decode(data, i)
            items.append(item)
        return items, i
    raise ValueError(f"unexpected CBOR major type {major} in Pagefind index")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError("integer too large")


def _encode(value) -> bytes:
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    raise TypeError(type(value))


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind index file")
    value, _ = _decode(raw, len(SIGNATURE))
    return value


def _write(value) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), mtime=0)


def _name_hash(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def make_deterministic(bundle: Path) -> None:
    """Sort Pagefind's filter indexes and meta in ``bundle`` (site/pagefind)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = next((m for m in meta if isinstance(m, list) and m and all(
            isinstance(f, list) and len(f) == 2 and isinstance(f[1], str) and f[1].startswith(f"{lang}_") for f in m)), None)
        if filters is None:
            continue
        for pair in filters:
            name, old_hash = pair
            old = bundle / "filter" / f"{old_hash}.pf_filter"
            fname, values = _read(old)
            data = _write([fname, sorted(values, key=lambda v: v[0])])
            new_hash = f"{lang}_{_name_hash(data, 7)}"
            old.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            pair[1] = new_hash
        filters.sort(key=lambda f: f[0])
        data = _write(meta)
        new_meta_hash = f"{lang}_{_name_hash(data, 10)}"
        meta_path.unlink()
        (bundle / f"pagefind.{new_meta_hash}.pf_meta").write_bytes(data)
        info["hash"] = new_meta_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


