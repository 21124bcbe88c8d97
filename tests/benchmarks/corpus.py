"""A deterministic synthetic corpus of newsletters in the five seed layouts.

Item shapes follow the seeds (a rule issued, a draft for comment, a fine on a respondent, a batch
of apps named, an industry event), filled with authorities, places, instrument titles, dates,
amounts and respondents drawn from the reference data in ontology/. The sentences are written
for this generator; no newsletter text is copied.
"""

from __future__ import annotations

import calendar
import random
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.extract import load_lexicon

TOPICS = ["Data Export", "Personal Information Protection", "Data Classification and Grading",
          "Public Data Authorised Operation", "Cross-border Data Flows", "Network Data Security",
          "Facial Recognition", "Automotive Data", "Generative Artificial Intelligence",
          "Critical Information Infrastructure", "Data Asset Management", "App Privacy"]
HEADS = ["Measures", "Provisions", "Guidelines", "Notice", "Implementation Plan", "Rules",
         "Opinions", "Specification", "Catalogue"]
BODY_TYPES = ["Cyberspace Administration", "Public Security Bureau", "Communications "
              "Administration", "Administration for Market Regulation"]
SECTORS = ["supermarket", "hotel", "car rental company", "network technology company",
           "hospital", "middle school", "logistics company", "small loan company"]
FILLER = ("The document sets out obligations for data handlers, clarifies the scope of "
          "application, and provides for supervision, inspection and legal liability. It "
          "requires organisations to assess risks, keep records and report incidents to the "
          "competent department within the prescribed time limits. ")


@dataclass(frozen=True)
class Parts:
    authorities: list[tuple[str, str]]  # (name, acronym or name)
    cities: list[str]
    laws: list[str]


def _parts() -> Parts:
    lex = load_lexicon()
    authorities = [(k.name, next((a for a in k.aliases if a.isupper() and len(a) <= 6), k.name))
                   for k in lex.authorities if k.iri.rsplit("/", 1)[-1] not in ("cbirc",)]
    cities = sorted(p.name for p in lex.places if p.level == "city")[:300]
    laws = sorted(k.short for k in lex.instruments if k.short)
    return Parts(authorities, cities, laws)


def _issuers(parts: Parts, title: str) -> list[tuple[str, str]]:
    """An instrument's issuers are fixed by its title, as in life: one to three authorities.

    A mention names one of them, so an instrument mentioned often gathers its whole set. (Drawn
    afresh for every mention, as before, a national title mentioned in hundreds of issues
    gathered up to 60 issuers, which no instrument has.)
    """
    own = random.Random(zlib.crc32(title.encode("utf-8")))
    return own.sample(parts.authorities, own.choice((1, 1, 2, 3)))


def _date(rng: random.Random, year: int, month: int) -> tuple[int, int]:
    return rng.randint(1, calendar.monthrange(year, month)[1]), month


def _items(rng: random.Random, parts: Parts, year: int, month: int) -> Iterator[tuple[str, str,
                                                                                        str, int]]:
    """(section, headline, body, day) tuples for one issue."""
    for n in range(rng.randint(24, 30)):
        day, _ = _date(rng, year, month)
        name, short = rng.choice(parts.authorities)
        city = rng.choice(parts.cities)
        topic = rng.choice(TOPICS)
        head = rng.choice(HEADS)
        title = f"{head} on {topic} in {city}" if n % 3 else f"{head} for {topic} Management"
        kind = n % 5
        if kind in (0, 1):
            name, short = rng.choice(_issuers(parts, title))
        if kind == 0:
            yield ("legislative", f"{short} issued the {title}",
                   f"the {name} issued the {title}, which will take effect next quarter. "
                   + FILLER * 3, day)
        elif kind == 1:
            yield ("legislative", f"{short} released the draft {title} for public comment",
                   f"the {name} released the {title} (Draft for Comments) to solicit public "
                   "opinions for 30 days. " + FILLER * 3, day)
        elif kind == 2:
            body_type = rng.choice(BODY_TYPES)
            sector = rng.choice(SECTORS)
            amount = rng.choice([10_000, 50_000, 80_000, 200_000, 1_500_000])
            law = rng.choice(parts.laws)
            yield ("enforcement", f"A {sector} in {city} was fined RMB {amount:,}",
                   f"the {body_type} of {city} found that a {sector} failed to fulfil its data "
                   f"protection obligations. Based on the {law}, the {body_type} of {city} "
                   f"imposed a fine of RMB {amount:,} on the {sector} and a fine of RMB 5,000 on "
                   "the directly responsible person, and ordered it to rectify. " + FILLER * 2,
                   day)
        elif kind == 3:
            count = rng.randint(5, 90)
            yield ("enforcement", f"{short} named {count} apps that infringe users' rights",
                   f"the {name} published a list of {count} apps that collected personal "
                   "information beyond necessity and ordered them to rectify within 15 days. "
                   + FILLER * 2, day)
        else:
            yield ("industry", f"{city} hosted a forum on {topic.lower()}",
                   f"a forum on {topic.lower()} was held in {city}, where companies discussed "
                   "compliance practice and new technology. " + FILLER * 2, day)


def newsletter(i: int, rng: random.Random, parts: Parts) -> tuple[str, str]:
    """(file name, text) of newsletter number i, in layout i % 5."""
    year = 2019 + (i // 12) % 7
    month = i % 12 + 1
    mname = calendar.month_name[month]
    layout = i % 5
    sections: dict[str, list[tuple[str, str, int]]] = {"legislative": [], "enforcement": [],
                                                       "industry": []}
    for section, headline, body, day in _items(rng, parts, year, month):
        sections[section].append((headline, body, day))
    out: list[str] = []
    names = {"legislative": "Legislative Developments", "enforcement": "Enforcement Developments",
             "industry": "Industry Developments"}
    if layout in (0, 2):
        out.append(f"Data Protection Monthly Update – {mname} {year} Issue\n")
        out.append("This newsletter summarises recent developments.\n")
        n = 0
        for section, items in sections.items():
            out.append(f"{names[section]}\n" + ("\n" if layout == 2 else ""))
            for headline, body, day in items:
                n += 1
                sep = "\n" if layout == 2 else ""
                out.append(f"{n}. {headline} ({day} {mname})\n{sep}{body[0].upper()}{body[1:]}\n"
                           + sep)
    elif layout == 1:
        out.append(f"Data Protection: Monthly Update – {mname} {year} Issue\n\n")
        for section, items in sections.items():
            out.append(f"{names[section]}\n\n")
            for n, (headline, body, day) in enumerate(items, 1):
                out.append(f"  {n}. {headline}\n\n    On {day} {mname}, {body}\n\n")
    elif layout == 3:
        for items in sections.values():
            for headline, body, day in items:
                out.append(f"{headline}\n\nOn {mname} {day}, {year}, {body}\n\n")
    else:
        out.append("In this bulletin we summarise recent updates.\n\n")
        for section, items in sections.items():
            out.append(f"{names[section].replace('Developments', 'developments')}\n\n")
            for n, (headline, body, day) in enumerate(items, 1):
                out.append(f"{n}. {headline}\n\nOn {day} {mname} {year}, {body}\n\n")
    return f"bench_{i:05d}.txt", "".join(out)


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write n newsletters into folder; the same (n, seed) gives the same bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    parts = _parts()
    paths = []
    for i in range(n):
        name, text = newsletter(i, rng, parts)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
