"""The search page's Danish stemmer (search.js, daStem) against the Snowball
project's own (snowballstemmer, pinned): the page takes a word for a real match
of a typed term when its stem starts with the term's stem, which is what
Pagefind's prefix search over the stems it indexes finds, so the two stemmers
must agree on every word members write."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import snowballstemmer
from wordfreq import top_n_list

from tests.conftest import REPO

SOURCE = REPO / "theme" / "assets" / "javascripts" / "search.js"


def _js_stems(words: list[str]) -> list[str]:
    text = SOURCE.read_text(encoding="utf-8")
    code = text[text.index("  var DA_VOWELS"):text.index("  // end of daStem")]
    node = shutil.which("node")
    assert node, "node is missing (./dev installs it)"
    program = code + "\nprocess.stdout.write(JSON.stringify(JSON.parse(require('fs').readFileSync(0, 'utf8')).map(daStem)));\n"
    done = subprocess.run([node, "-e", program], input=json.dumps(words), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def _sample_words() -> set[str]:
    words = set()
    for path in (REPO / "cases").glob("*.md"):
        words.update(re.findall(r"[a-zæøåéü]+", path.read_text(encoding="utf-8").lower()))
    return words


def test_the_page_stems_danish_words_as_snowball_does():
    words = sorted(set(top_n_list("da", 30000)) | _sample_words())
    words = [w for w in words if re.fullmatch(r"[a-zæøåéü]+", w)]
    assert len(words) > 20000
    snowball = snowballstemmer.stemmer("danish").stemWords(words)
    differ = [(w, js, sb) for w, js, sb in zip(words, _js_stems(words), snowball, strict=True) if js != sb]
    assert not differ, f"{len(differ)} of {len(words)} differ, e.g. {differ[:10]}"


def test_forms_of_one_word_share_a_stem_and_look_alikes_do_not():
    same = [("børnene", "børn"), ("foreningerne", "foreningen"), ("ensomhed", "ensom"), ("idrætten", "idræt"),
            ("hjemløse", "hjemløshed"), ("pårørendes", "pårørende")]
    differ = [("københavn", "køber"), ("vejen", "vejleder"), ("hjemloese", "hjem")]
    stems = _js_stems([w for pair in same + differ for w in pair])
    pairs = list(zip(stems[::2], stems[1::2], strict=True))
    assert all(a == b for a, b in pairs[:len(same)]), pairs
    assert all(a != b for a, b in pairs[len(same):]), pairs
