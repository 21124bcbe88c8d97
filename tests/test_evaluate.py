"""`kg evaluate`'s scoring on small hand-made gold and predictions (the gold scorer's rules)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from kg.cli import app
from kg.evaluate import evaluate_extraction, find_text, scorer_bytes

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_f6ccfccfc20f5a7f.txt"


def gold_item(headline: str, **fields: Any) -> dict[str, Any]:
    item = {"headline": headline, "date": None, "section": "legislative", "authorities": [],
            "instruments": [], "cited_laws": [], "case": None}
    item.update(fields)
    return item


def kg_item(headline: str, body: str = "", **fields: Any) -> dict[str, Any]:
    item = {"headline": headline, "body": body, "date": None, "authorities": [],
            "instruments": [], "cited_laws": [], "case": None}
    item.update(fields)
    return item


def counts(gold_items: list[dict], items: list[dict]) -> dict[str, tuple[int, int, int]]:
    gold = {"file": "a.txt", "items": gold_items}
    report = evaluate_extraction([gold], {"a.txt": [{"file": "a.txt", "items": items}]})
    return {name: (s.tp, s.fp, s.fn) for name, s in report.scores.items()}


def case(authority: str | None, respondent: str | None, fine: float | None,
         actions: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"authority": authority, "respondent": respondent, "fine_cny": fine,
            "actions": list(actions)}


# -- authorities, instruments, cited laws: document-level sets ------------------------------

def test_an_authority_acronym_is_the_same_body() -> None:
    got = counts([gold_item("x", authorities=["Cyberspace Administration of China"])],
                 [kg_item("x", authorities=["the CAC"])])
    assert got["authorities"] == (1, 0, 0)


def test_the_office_of_the_cyberspace_affairs_commission_is_the_cac() -> None:
    got = counts([gold_item("x", authorities=["Cyberspace Administration of China"])],
                 [kg_item("x", authorities=[
                     "Office of the Central Cyberspace Affairs Commission"])])
    assert got["authorities"] == (1, 0, 0)


def test_a_different_body_is_a_miss_and_a_false_hit() -> None:
    got = counts([gold_item("x", authorities=["Ministry of Public Security"])],
                 [kg_item("x", authorities=["Ministry of State Security"])])
    assert got["authorities"] == (0, 1, 1)


def test_authorities_count_once_per_document() -> None:
    got = counts([gold_item("x", authorities=["State Council"]),
                  gold_item("y", authorities=["State Council"])],
                 [kg_item("x", authorities=["State Council"]),
                  kg_item("y", authorities=["The State Council", "State Council"])])
    assert got["authorities"] == (1, 0, 0)


def test_a_core_law_is_no_instrument() -> None:
    gold = [gold_item("x", instruments=[
        {"title": "Cybersecurity Law", "status": "final", "issuers": []},
        {"title": "Measures for Security Assessment of Data Export", "status": "final",
         "issuers": []}])]
    found = [kg_item("x", instruments=[
        {"title": "Cyber Security Law", "status": "final", "issuers": []},
        {"title": "Personal Information Protection Law", "status": "final", "issuers": []},
        {"title": "Measures for Security Assessment of Data Export", "status": "final",
         "issuers": []}])]
    assert counts(gold, found)["instruments"] == (1, 0, 0)


def test_a_draft_mark_does_not_change_the_instrument() -> None:
    gold = [gold_item("x", instruments=[
        {"title": "Regulations on Network Data Security Management", "status": "draft",
         "issuers": []}])]
    found = [kg_item("x", instruments=[
        {"title": "Regulations on Network Data Security Management (Draft for Comments)",
         "status": "draft", "issuers": []}])]
    assert counts(gold, found)["instruments"] == (1, 0, 0)


def test_a_cited_law_by_its_acronym() -> None:
    got = counts([gold_item("x", cited_laws=["Personal Information Protection Law"])],
                 [kg_item("x", cited_laws=["PIPL", "Data Security Law"])])
    assert got["cited_laws"] == (1, 1, 0)


# -- items and dates ------------------------------------------------------------------------

def test_an_item_is_found_by_its_headline_inside_the_body() -> None:
    headline = "On 5 May 2024, the CAC published draft Measures on the Labelling of AI Content"
    gold = [gold_item(headline, date="2024-05-05")]
    found = [kg_item("Regulatory developments",
                     "In other news: " + headline + ", open for comment until June.",
                     date="2024-05-05T00:00")]
    got = counts(gold, found)
    assert got["items"] == (1, 0, 0)
    assert got["dates"] == (1, 0, 0)


def test_an_item_whose_headline_is_nowhere_is_missed_and_its_date_too() -> None:
    gold = [gold_item("The MIIT removed 26 apps from app stores", date="2024-01-02")]
    found = [kg_item("The SAMR fined a platform for price fraud", date="2024-01-02")]
    got = counts(gold, found)
    assert got["items"] == (0, 1, 1)
    assert got["dates"] == (0, 0, 1)


def test_a_wrong_date_on_a_found_item() -> None:
    got = counts([gold_item("The NDA issued a plan", date="2024-03-01")],
                 [kg_item("The NDA issued a plan", date="2024-03-10")])
    assert got["items"] == (1, 0, 0)
    assert got["dates"] == (0, 0, 1)


def test_instrument_status_and_issuers_are_scored_on_found_items() -> None:
    gold = [gold_item("The CAC issued rules", instruments=[
        {"title": "Provisions on Deep Synthesis", "status": "final",
         "issuers": ["Cyberspace Administration of China", "Ministry of Public Security"]}])]
    found = [kg_item("The CAC issued rules", instruments=[
        {"title": "Provisions on Deep Synthesis", "status": "draft", "issuers": ["CAC"]}])]
    got = counts(gold, found)
    assert got["instrument_status"] == (0, 1, 1)
    assert got["issuers"] == (1, 0, 1)


# -- cases and fines ------------------------------------------------------------------------

def test_a_case_is_matched_by_its_fine_when_the_respondent_differs() -> None:
    gold = [gold_item("x", case=case("Shanghai Public Security Bureau",
                                     "a technology company", 50000))]
    found = [kg_item("x", case=case("Shanghai PSB", "Mr Zhang", 50000.0))]
    got = counts(gold, found)
    assert got["cases"] == (1, 0, 0)
    assert got["fines"] == (1, 0, 0)


def test_a_wrong_fine_keeps_the_case_and_misses_the_fine() -> None:
    gold = [gold_item("x", case=case("Hangzhou Administration for Market Regulation",
                                     "two enterprises", 30000, ("fine",)))]
    found = [kg_item("x", case=case("Hangzhou Market Supervision Administration",
                                    "two enterprises", 3000, ("fine", "warning")))]
    got = counts(gold, found)
    assert got["cases"] == (1, 0, 0)
    assert got["fines"] == (0, 0, 1)
    assert got["actions"] == (1, 1, 0)


def test_a_case_by_another_authority_is_no_match() -> None:
    gold = [gold_item("x", case=case("Beijing Public Security Bureau", "a hotel", None))]
    found = [kg_item("x", case=case("Ministry of Industry and Information Technology",
                                    "a hotel", None))]
    assert counts(gold, found)["cases"] == (0, 1, 1)


def test_a_case_list_is_scored_case_by_case() -> None:
    gold = [gold_item("x", case=None, cases=[case(None, "Didi Global", 8.026e9),
                                             case(None, "Cheng Wei", 1e6)])]
    found = [kg_item("x", case=case("CAC", "Didi Global Inc.", 8026000000))]
    got = counts(gold, found)
    assert got["cases"] == (1, 0, 1)
    assert got["fines"] == (1, 0, 1)


# -- documents that fail or have no text ----------------------------------------------------

def test_an_empty_prediction_misses_everything_and_a_missing_one_is_skipped() -> None:
    gold = [{"file": "a.txt", "items": [gold_item("x", date="2024-01-01",
                                                  authorities=["State Council"])]},
            {"file": "b.txt", "items": [gold_item("y")]}]
    report = evaluate_extraction(gold, {"a.txt": {}})
    got = {name: (s.tp, s.fp, s.fn) for name, s in report.scores.items()}
    assert got["items"] == (0, 0, 1)
    assert got["dates"] == (0, 0, 1)
    assert got["authorities"] == (0, 0, 1)
    assert report.skipped == ["b.txt"]


def test_the_source_header_is_cut_as_the_scorer_cuts_it(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_bytes(b"# source: https://example.org/x\r\n# query: data\r\n\r\nTitle\r\nBody\r\n")
    assert scorer_bytes(path) == b"Title\nBody\n"
    path.write_bytes(b"Title\n\n# source: inside\n")
    assert scorer_bytes(path) == b"Title\n\n# source: inside\n"


def test_a_text_is_found_in_a_folder_or_named_itself(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert find_text("a.txt", [tmp_path / "none", tmp_path]) == tmp_path / "a.txt"
    assert find_text("a.txt", [tmp_path / "a.txt"]) == tmp_path / "a.txt"
    assert find_text("b.txt", [tmp_path, tmp_path / "a.txt"]) is None


def test_cli_skips_gold_without_text_and_fails_an_unreadable_text(tmp_path: Path) -> None:
    gold_dir, texts = tmp_path / "gold", tmp_path / "texts"
    gold_dir.mkdir()
    texts.mkdir()
    for name in ("ok.txt", "empty.txt", "absent.txt"):
        gold = {"file": name, "items": [gold_item("Nothing to see here", date="2024-01-01")]}
        (gold_dir / name.replace(".txt", ".json")).write_text(json.dumps(gold), "utf-8")
    (texts / "ok.txt").write_bytes(b"# source: https://example.org\n\n" + SEED.read_bytes())
    (texts / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["evaluate", str(gold_dir), "--against", str(texts)])
    assert result.exit_code == 1, result.output
    assert "skip absent.txt" in result.output
    assert "docs_failed=1 docs_skipped=1" in result.output
    rows = {cells[0]: cells[-3:] for line in result.stdout.splitlines()
            if len(cells := [c.strip() for c in line.strip("│").split("│")]) == 7}
    assert rows["items"][0] == "0" and rows["items"][2] == "2"  # the empty text's item too
    assert rows["dates"] == ["0", "0", "2"]
