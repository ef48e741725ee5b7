"""The compiled-template cache speeds up the next build and can never fail one."""

from __future__ import annotations

import os

import jinja2

from brobyg.render.pages import _QuietBytecodeCache


def _render(cache: jinja2.BytecodeCache, source: str) -> str:
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.j2": source}), bytecode_cache=cache)
    return env.get_template("t.j2").render(x="ok")


def test_a_second_run_loads_the_compiled_template(tmp_path):
    assert _render(_QuietBytecodeCache(str(tmp_path)), "{{ x }}") == "ok"
    cached = list(tmp_path.iterdir())
    assert len(cached) == 1
    assert _render(_QuietBytecodeCache(str(tmp_path)), "{{ x }}") == "ok"
    # A changed template has another checksum: it is compiled again, never served stale.
    assert _render(_QuietBytecodeCache(str(tmp_path)), "{{ x }}!") == "ok!"


def test_a_read_only_or_broken_cache_only_costs_a_compile(tmp_path):
    assert _render(_QuietBytecodeCache(str(tmp_path)), "{{ x }}") == "ok"
    for f in tmp_path.iterdir():
        f.write_bytes(b"not bytecode")
    assert _render(_QuietBytecodeCache(str(tmp_path)), "{{ x }}") == "ok"
    if os.geteuid() != 0:  # root may write anywhere; the missing folder below covers it
        tmp_path.chmod(0o500)
    assert _render(_QuietBytecodeCache(str(tmp_path / "gone")), "{{ x }}") == "ok"
