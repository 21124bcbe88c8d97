"""A deterministic synthetic corpus of the documents users bring, in realistic proportions.

Of every 20 documents, 8 are text newsletters in the five seed layouts, 4 are web pages (a
newsletter issue with navigation, a cookie banner and a footer), 3 are bulleted "Key
highlights" digests, 3 are news stories of fines, 1 is a headline-per-item digest and 1 is a
PDF (when fpdf2 is installed; a text newsletter otherwise).

Item shapes follow the seeds (a rule issued, a draft for comment, a fine on a respondent, a batch
of apps named, an industry event), filled with authorities, places, instrument titles, dates,
amounts and respondents drawn from the reference data in ontology/; the prose after an item's
first sentence comes from `sentences.paragraph`, so that the corpus's vocabulary grows with its
size as real newsletters' does (names, figures and dates are rarely repeated). The sentences are
written for this generator; no newsletter text is copied.
"""

from __future__ import annotations

import calendar
import random
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.lexicon import load_lexicon

from .sentences import Vocabulary, company, paragraph, vocabulary

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


@dataclass(frozen=True)
class Parts:
    authorities: list[tuple[str, str]]  # (name, acronym or name)
    cities: list[str]
    laws: list[str]
    words: Vocabulary
    sectors: list[str]


def _parts() -> Parts:
    lex = load_lexicon()
    authorities = [(k.name, next((a for a in k.aliases if a.isupper() and len(a) <= 6), k.name))
                   for k in lex.authorities if k.iri.rsplit("/", 1)[-1] not in ("cbirc",)]
    cities = sorted(p.name for p in lex.places if p.level == "city")
    laws = sorted(k.short for k in lex.instruments if k.short)
    words = vocabulary(lex, authorities, cities, laws)
    return Parts(authorities, cities, laws, words, sorted({*SECTORS, *words.sectors}))


def _issuers(parts: Parts, title: str) -> list[tuple[str, str]]:
    """An instrument's issuers are fixed by its title, as in life: one to three authorities.

    A mention names one of them, so an instrument mentioned often gathers its whole set and no
    more (drawn for every mention, a title mentioned in hundreds of issues would gather dozens).
    """
    own = random.Random(zlib.crc32(title.encode("utf-8")))
    return own.sample(parts.authorities, own.choice((1, 1, 2, 3)))


def _date(rng: random.Random, year: int, month: int) -> tuple[int, int]:
    return rng.randint(1, calendar.monthrange(year, month)[1]), month


def _amount(rng: random.Random) -> int:
    """A fine as penalty notices set them: round figures, from thousands to millions."""
    return rng.choice((rng.randint(1, 20) * 5_000, rng.randint(1, 99) * 10_000,
                       rng.randint(1, 50) * 100_000))


def _respondent(rng: random.Random, parts: Parts) -> tuple[str, str]:
    """(how the headline names the penalised party, how the body names it)."""
    if rng.random() < 0.5:
        name = company(rng, parts.words)
        return name, name
    sector = rng.choice(parts.sectors)
    article = "an" if sector[0] in "aeiou" else "a"
    return f"{article.capitalize()} {sector}", f"{article} {sector}"


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
        words = parts.words
        if kind == 0:
            yield ("legislative", f"{short} issued the {title}",
                   f"the {name} issued the {title}, which will take effect on "
                   f"{rng.randint(1, 28)} {calendar.month_name[rng.randint(1, 12)]} {year + 1}. "
                   + paragraph(rng, words, year, 5, 7), day)
        elif kind == 1:
            yield ("legislative", f"{short} released the draft {title} for public comment",
                   f"the {name} released the {title} (Draft for Comments) to solicit public "
                   f"opinions for {rng.choice((15, 30, 45, 60))} days. "
                   + paragraph(rng, words, year, 5, 7), day)
        elif kind == 2:
            body_type = rng.choice(BODY_TYPES)
            headline, party = _respondent(rng, parts)
            amount = _amount(rng)
            law = rng.choice(parts.laws)
            where = "" if party[0].isupper() else f" in {city}"
            again = party if party[0].isupper() else "the " + party.split(" ", 1)[1]
            yield ("enforcement", f"{headline}{where} was fined RMB {amount:,}",
                   f"the {body_type} of {city} found that {party} failed to fulfil its data "
                   f"protection obligations. Based on the {law}, the {body_type} of {city} "
                   f"imposed a fine of RMB {amount:,} on {again} and a fine of RMB "
                   f"{rng.randint(1, 10) * 5_000:,} on the directly responsible person, and "
                   "ordered it to rectify. " + paragraph(rng, words, year, 3, 5), day)
        elif kind == 3:
            count = rng.randint(5, 90)
            yield ("enforcement", f"{short} named {count} apps that infringe users' rights",
                   f"the {name} published a list of {count} apps that collected personal "
                   "information beyond necessity and ordered them to rectify within "
                   f"{rng.choice((5, 10, 15, 30))} days. " + paragraph(rng, words, year, 3, 5),
                   day)
        else:
            yield ("industry", f"{city} hosted a forum on {topic.lower()}",
                   f"a forum on {topic.lower()} was held in {city}, where companies discussed "
                   "compliance practice and new technology. " + paragraph(rng, words, year, 3, 5),
                   day)


# Which shape document i takes, by i % 20.
SHAPES = (["text"] * 8 + ["html"] * 4 + ["bullets"] * 3 + ["news"] * 3 + ["headlines"]
          + ["pdf"])


def document(i: int, rng: random.Random, parts: Parts) -> tuple[str, str | bytes]:
    """(file name, content) of document number i, in shape SHAPES[i % 20]."""
    shape = SHAPES[i % len(SHAPES)]
    year = 2019 + (i // 12) % 7
    month = i % 12 + 1
    if shape == "html":
        name, text = newsletter(i, rng, parts)
        return name.replace(".txt", ".html"), _html_page(text, year, month)
    if shape == "bullets":
        return f"bench_{i:05d}.txt", _bullets(rng, parts, year, month)
    if shape == "news":
        return f"bench_{i:05d}.txt", _news(rng, parts, year, month)
    if shape == "headlines":
        return f"bench_{i:05d}.txt", _headlines(rng, parts, year, month)
    if shape == "pdf":
        name, text = newsletter(i, rng, parts)
        pdf = _pdf(text)
        if pdf is not None:
            return name.replace(".txt", ".pdf"), pdf
        return name, text
    return newsletter(i, rng, parts)


def _html_page(text: str, year: int, month: int) -> str:
    """A newsletter issue as a web page: headings, paragraphs and the chrome around them."""
    import html

    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    body = []
    for n, line in enumerate(lines):
        tag = "h1" if n == 0 else "h2" if line.endswith("Developments") or line.endswith(
            "developments") else "p"
        body.append(f"<{tag}>{html.escape(line)}</{tag}>")
    return (f"<!doctype html><html><head><title>{html.escape(lines[0])}</title>"
            f'<meta property="article:published_time" content="{year:04d}-{month:02d}-28">'
            "</head><body><nav><a href='/'>Home</a> <a href='/insights'>Insights</a></nav>"
            "<div class='cookie-banner'>We use cookies to improve your experience.</div>"
            "<article>" + "".join(body) + "</article>"
            "<aside class='related'><h3>Related articles</h3><ul><li>Another update</li></ul>"
            "</aside><footer>Copyright Example Firm. All rights reserved.</footer>"
            "</body></html>")


def _bullets(rng: random.Random, parts: Parts, year: int, month: int) -> str:
    """A "Key highlights" digest: one labelled bullet per topic, several developments each."""
    mname = calendar.month_name[month]
    out = [f"Data Protection Monthly Update – {mname} {year} Issue\n\n",
           "This newsletter summarises recent developments.\n\nKey Highlights\n\n",
           f"In {mname} {year}, regulators continued their work in the following areas:\n\n"]
    for topic in rng.sample(TOPICS, 4):
        sentences = []
        for n, (_, _headline, body, _day) in enumerate(_items(rng, parts, year, month)):
            if n >= rng.randint(2, 3):
                break
            lead = "" if n == 0 else rng.choice(["Notably, ", "In addition, ", "Meanwhile, "])
            sentences.append(f"{lead}{body.split('. ')[0]}.")
        out.append(f"  • {topic}: " + " ".join(s[0].upper() + s[1:] if not s[0].isupper()
                                                  else s for s in sentences) + "\n")
    return "".join(out)


def _news(rng: random.Random, parts: Parts, year: int, month: int) -> str:
    """A news story of fines: a headline, one paragraph per penalised party, commentary."""
    body_type = rng.choice(BODY_TYPES)
    city = rng.choice(parts.cities)
    count = rng.randint(2, 4)
    out = [f"{city} regulator fines {count} companies over personal data\n\n",
           f"The {body_type} of {city} fined {count} companies on {rng.randint(1, 28)} "
           f"{calendar.month_name[month]} {year} for failing to protect personal information, "
           "according to penalty decisions published on its website.\n\n"]
    for _ in range(count):
        party, _ = _respondent(rng, parts)
        amount = _amount(rng)
        law = rng.choice(parts.laws)
        out.append(f"{party} was fined {amount:,} yuan (about ${amount // 7:,}) under the "
                   f"{law} for collecting customers' data without consent. The company said it "
                   "would rectify the problems.\n\n")
    out.append("Lawyers said the decisions show that local regulators are stepping up "
               "enforcement. " + paragraph(rng, parts.words, year, 2, 3) + "\n")
    return "".join(out)


def _headlines(rng: random.Random, parts: Parts, year: int, month: int) -> str:
    """A digest of headlines, each over a paragraph that dates it at its end."""
    mname = calendar.month_name[month]
    out = [f"Regulatory Watch – {mname} {year}\n\n"]
    for _, headline, body, day in _items(rng, parts, year, month):
        out.append(f"{headline[0].upper()}{headline[1:]}\n{body[0].upper()}{body[1:]}"
                   f"This was announced on {day} {mname} {year}.\n\n")
    return "".join(out)


def _pdf(text: str) -> bytes | None:
    """The newsletter printed to a PDF, with page numbers; None without fpdf2."""
    try:
        from fpdf import FPDF
    except ImportError:
        return None
    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in text.split("\n"):
        safe = line.replace("–", "-").replace("’", "'").encode("latin-1", "replace").decode(
            "latin-1")
        pdf.multi_cell(0, 5, safe or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


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
        name, content = document(i, rng, parts)
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths
