"""The reader cues the layout, party and fine patterns are built from (`ontology/kg.ttl`).

Section headings, page furniture, party head nouns and the words around a fine are `kg:cue`
phrases of `kg:ReaderCueScheme` concepts; the Python patterns hold only the grammar around them.
These tests check that every notation the code names is there, that each concept is labelled,
and that a word added to the Turtle reaches the patterns without a change to the code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from kg.extract.events import Event
from kg.extract.fines import clause_fines
from kg.extract.model import Amount
from kg.extract.parties import parse_party
from kg.ingest.developments import clauses
from kg.ingest.layout import SECTIONS, Block, section_of_heading
from kg.lexicon import cue_phrases, cue_words, spelled
from kg.vocab import KG

ROOT = Path(__file__).resolve().parents[1]
# A notation as the code names it: cue_words("batch-head"), cue_regex('contrast'),
# cue_phrases()["name-filler"], found.get("lead-in").
_NAMED = re.compile(r"""(?:cue_words|cue_regex|spelled)\(\s*["']([\w-]+)["']"""
                    r"""|cue_phrases\(\)\[["']([\w-]+)["']\]|found\.get\(["']([\w-]+)["']""")


@pytest.fixture(scope="module")
def scheme() -> Graph:
    g = Graph()
    g.parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    return g


def _concepts(g: Graph) -> list[URIRef]:
    return sorted(c for c in g.subjects(SKOS.inScheme, KG.ReaderCueScheme)
                  if isinstance(c, URIRef))


def test_every_notation_the_code_names_has_phrases() -> None:
    named = {n for path in (ROOT / "kg").rglob("*.py")
             for m in _NAMED.finditer(path.read_text(encoding="utf-8")) for n in m.groups() if n}
    named |= {f"{s}-heading" for s in SECTIONS}  # built from the section names
    assert {"batch-head", "responsible-role", "not-a-fine", "bound", "total"} <= named
    assert sorted(named - set(cue_phrases())) == []


def test_each_cue_concept_has_one_notation_a_label_and_a_definition(scheme: Graph) -> None:
    bad = [str(c) for c in _concepts(scheme)
           if len(set(scheme.objects(c, SKOS.notation))) != 1
           or scheme.value(c, SKOS.prefLabel) is None or scheme.value(c, SKOS.definition) is None]
    assert bad == []


def test_no_two_cue_concepts_share_a_notation(scheme: Graph) -> None:
    # cue_phrases() keys by notation: a shared one would silently merge two word lists.
    notations = [str(scheme.value(c, SKOS.notation)) for c in _concepts(scheme)]
    assert sorted(n for n in set(notations) if notations.count(n) > 1) == []


_AS_WRITTEN = ("abbreviation", "legal-form", "name-head", "county-suffix")


def test_cue_phrases_are_written_as_they_are_matched(scheme: Graph) -> None:
    # Abbreviations are matched as written ("No." is one, "no." ends a sentence), without the
    # stop the pattern adds; every other cue is matched case-folded.
    odd = [str(p) for c in _concepts(scheme) for p in scheme.objects(c, KG.cue)
           if str(scheme.value(c, SKOS.notation)) not in _AS_WRITTEN
           and str(p) != " ".join(str(p).casefold().split())]
    assert odd == []
    abbreviations = spelled("abbreviation")
    assert "No" in abbreviations and "Co" in abbreviations
    assert [a for a in abbreviations if a.endswith(".") or " " in a] == []
    assert "Ltd" in spelled("legal-form") and "Bank" in spelled("name-head")
    assert "New Area" in spelled("county-suffix")


def test_an_abbreviation_keeps_its_sentence_whole() -> None:
    text = "Company A Co. Ltd. was fined on Jan. 6 under Art. 64. It paid. The U.S. firm did not."
    assert [text[a:b] for a, b in clauses(text)] == [
        "Company A Co. Ltd. was fined on Jan. 6 under Art. 64.", "It paid.",
        "The U.S. firm did not."]


def test_cue_words_match_whole_words_longest_first() -> None:
    bound = re.compile(cue_words("bound") + r"\s+$", re.I)
    assert bound.search("a fine of more\n than ") and not bound.search("an overall ")
    count = re.match(cue_words("count-lead"), "a total number of 12 apps")
    assert count is not None and count.group() == "a total number of"
    assert re.match(cue_words("copyright-mark"), "© 2023 All rights reserved")  # no word fence
    with pytest.raises(KeyError):
        cue_words("no-such-cue")


def test_headings_and_page_furniture_come_from_the_cues() -> None:
    def section(text: str) -> tuple[bool, str | None]:
        return section_of_heading(Block(0, len(text), text, 0))

    assert section("Enforcement Developments") == (True, "enforcement")
    assert section("II. Laws and Regulations Updates:") == (True, "legislative")
    assert section("Key Takeaways") == (True, "highlights")
    assert section("Further reading") == (True, None)
    assert section("Enforcement of the new rules") == (False, None)


def _fine_kinds(text: str) -> list[str]:
    at = text.index("RMB")
    ev = Event("Company A", 0, 9, "fined", 14, "passive", (0, len(text)), start=0, end=len(text))
    amount = Amount(50000.0, "CNY", at, at + len("RMB 50,000"))
    return [kind for _, kind in clause_fines(text, ev, [amount])]


# A word added to the Turtle reaches the patterns: a heading, a batch noun and a not-a-fine word
# nobody uses, appended to a copy of the ontology and read in a fresh process.
_ADDED = """
id:reader-cue\\/legislative-heading kg:cue "statutes" .
id:reader-cue\\/batch-head kg:cue "kiosks" .
id:reader-cue\\/not-a-fine kg:cue "deposit" .
id:reader-cue\\/abbreviation kg:cue "Dept" .
"""
_PROBE = """
from kg.ingest.layout import Block, section_of_heading
from kg.extract.parties import parse_party
from kg.ingest.developments import clauses
import test_cue_schemes as t
print(section_of_heading(Block(0, 17, "Statutes updates:", 0)), parse_party("12 kiosks").kind,
      t._fine_kinds("Company A was fined for a deposit of RMB 50,000."),
      len(clauses(t.DEPT_TEXT)))
"""
DEPT_TEXT = "The Dept. Of Finance acted."


def test_a_word_added_to_the_ontology_reaches_the_patterns(tmp_path: Path) -> None:
    fine_text = "Company A was fined for a deposit of RMB 50,000."
    before = (section_of_heading(Block(0, 17, "Statutes updates:", 0)),
              parse_party("12 kiosks").kind, _fine_kinds(fine_text))
    assert before == ((False, None), "entity", ["exact"])
    assert len(clauses(DEPT_TEXT)) == 2
    onto = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", onto)
    with (onto / "kg.ttl").open("a", encoding="utf-8") as f:
        f.write(_ADDED)
    out = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                         cwd=Path(__file__).parent, check=True,
                         env={**os.environ, "KG_ONTOLOGY_DIR": str(onto)})
    assert out.stdout.split("\n")[0] == "(True, 'legislative') batch [] 1"
