"""The benchmark corpus repeats its words about as often as real newsletters do.

spaCy's stock tokenizer, the floor the extraction-speed target is set against, caches the
analysis of every distinct word, so its rate depends on how often a text repeats its words. A
corpus with too few distinct words makes the floor look faster than it is on the text users
bring. The bands below come from measurements of item text (whitespace-separated words):

- 88 real excerpts from about 40 publishers: 2,779 distinct in the first 10,000 words and
  5,772 in the first 30,000; the seeds: 2,465 in their first 10,000.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import read_file
from tests.benchmarks.corpus import write_corpus


@pytest.fixture(scope="module")
def corpus_words(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("bench-corpus")
    paths = write_corpus(folder, 16)
    return [w for p in paths for item in read_file(p).items for w in item.text.split()]


def _lower_case_words(words: list[str]) -> set[str]:
    core = {w.strip(".,;:()[]\"'“”‘’") for w in words}
    return {w for w in core if w.isalpha() and w.islower()}


def test_distinct_words_are_in_the_band_of_real_text(corpus_words: list[str]) -> None:
    first = corpus_words[:10_000]
    distinct = len(set(first))
    print(f"\ndistinct words in the corpus's first 10,000: {distinct:,} "
          f"(real excerpts 2,779; seeds 2,465)")
    assert 2_200 <= distinct <= 3_300


def test_the_vocabulary_keeps_growing(corpus_words: list[str]) -> None:
    assert len(corpus_words) >= 30_000
    ten, thirty = corpus_words[:10_000], corpus_words[:30_000]
    print(f"\ndistinct words: {len(set(thirty)):,} in 30,000 (real excerpts 5,772); "
          f"lower-case words {len(_lower_case_words(ten)):,} in 10,000, "
          f"{len(_lower_case_words(thirty)):,} in 30,000")
    assert len(set(thirty)) >= 4_200
    # Ordinary English, not only names and figures, keeps adding words.
    assert len(_lower_case_words(thirty)) >= 1.4 * len(_lower_case_words(ten))


def test_the_corpus_is_deterministic(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", 6)
    second = write_corpus(tmp_path / "b", 6)
    texts = [(p.read_bytes(), q.read_bytes()) for p, q in zip(first, second, strict=True)
             if p.suffix != ".pdf"]  # a PDF carries the time it was made
    assert texts and all(a == b for a, b in texts)
