"""The running prose of the benchmark corpus: what an item says after its first sentence.

Newsletters go on, after the sentence that reports a development, with what the document
contains, whom it applies to, deadlines, figures, officials' remarks, reactions, advice and the
business and technology of the sector concerned (one sector a paragraph). Each sentence is one
of some hundred and ten shapes, filled from the ontology (authorities, places, laws, sectors),
from the lists of the `wording*` modules and with names, amounts, dates and counts drawn at
random, so that the corpus grows in vocabulary, and repeats its words, about as real newsletters
do. Company and person names are made of syllables of the ontology's place names. The sentences
are written for this generator; no newsletter text is copied.
"""

from __future__ import annotations

import calendar
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from . import wording as doc
from . import wording_advice as advice
from . import wording_market as market
from . import wording_talk as talk
from . import wording_things as things
from .wording_industries import SECTORS as MORE_SECTORS
from .wording_sectors import SECTORS as FIRST_SECTORS

ROLES = ["director", "deputy director", "head", "spokesperson", "chief engineer"]
DEPARTMENTS = ["Data Security Department", "Policy and Regulation Department",
               "Network Management Department", "Legal Affairs Department",
               "Information Technology Development Department"]
_SYLLABLE = re.compile(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv]+(?:ng|n|r)?(?![aeiouv])")


@dataclass(frozen=True)
class Vocabulary:
    """What the sentences are filled with, from the ontology."""

    authorities: list[tuple[str, str]]
    cities: list[str]
    counties: list[str]
    provinces: list[str]
    laws: list[str]
    instruments: list[str]
    sectors: list[str]
    syllables: list[str]


def vocabulary(lex, authorities: list[tuple[str, str]], cities: list[str],  # noqa: ANN001
               laws: list[str]) -> Vocabulary:
    """The slots' fillers: `lex` is kg's Lexicon, the rest as the corpus already draws them."""
    by_level: dict[str, list[str]] = {}
    for p in lex.places:
        by_level.setdefault(p.level, []).append(p.name)
    counties = sorted(by_level.get("county", []) + by_level.get("district", []))
    syllables = sorted({s for name in counties for word in name.split()[:-1]
                        for s in _SYLLABLE.findall(word.lower().replace("'", ""))})
    sectors = sorted({label for labels in lex.sectors.values() for label in labels})
    return Vocabulary(authorities, cities, counties, sorted(by_level.get("province", [])),
                      laws, sorted(k.name for k in lex.instruments), sectors, syllables)


def _word(rng: random.Random, v: Vocabulary, n: int) -> str:
    return "".join(rng.choice(v.syllables) for _ in range(n)).capitalize()


def company(rng: random.Random, v: Vocabulary) -> str:
    """A company name as penalty notices write them: place, trade name, industry, form."""
    return (f"{rng.choice(v.cities)} {_word(rng, v, 2)} {rng.choice(market.TRADES)} "
            f"Co., Ltd.")


def person(rng: random.Random, v: Vocabulary) -> str:
    return f"{_word(rng, v, 1)} {_word(rng, v, rng.choice((1, 2)))}"


def _date(rng: random.Random, year: int) -> str:
    month = rng.randint(1, 12)
    return f"{rng.randint(1, calendar.monthrange(year, month)[1])} {calendar.month_name[month]}"


class Sector(NamedTuple):
    """One sector's detail, as `wording_sectors` and `wording_industries` write it."""

    name: str
    firms: list[str]
    data: list[str]
    work: list[str]
    tech: list[str]
    worries: list[str]


SECTORS = [Sector(*t) for t in FIRST_SECTORS + MORE_SECTORS]
ACTORS = sorted({f for s in SECTORS for f in s.firms})
THINGS = sorted({d for s in SECTORS for d in s.data})


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _sentences(rng: random.Random, v: Vocabulary, year: int,
               s: Sector) -> list[Callable[[], str]]:
    c = rng.choice
    n = rng.randint

    def some(items: list[str], k: int = 2, last: str = "and") -> str:
        picked = rng.sample(items, k)
        return ", ".join(picked[:-1]) + f" {last} {picked[-1]}"

    return [
        # What the document contains and whom it applies to.
        lambda: (f"The {c(doc.DOC_WORDS)} consists of {n(3, 12)} chapters and {n(20, 90)} articles "
                 f"covering {some(doc.SUBJECTS, 3)}."),
        lambda: (f"It applies to every {some(v.sectors)} that processes the personal information "
                 f"of more than {n(1, 100) * 10_000:,} people."),
        lambda: f"Handlers are required to {c(doc.OBLIGATIONS)} and to {c(doc.OBLIGATIONS)}.",
        lambda: f"Operators must also {c(doc.OBLIGATIONS)} within {n(2, 60)} working days.",
        lambda: f"The {c(doc.DOC_WORDS)} contains {some(doc.DOC_PARTS, 3)}.",
        lambda: (f"It also includes {c(doc.DOC_PARTS)} and explains how the {c(v.instruments)} "
                 f"applies to {c(s.data)}."),
        lambda: (f"The {c(doc.DOC_WORDS)} refers to the {c(v.laws)} and to the {c(v.instruments)} "
                 f"for the handling of {c(doc.SUBJECTS)}."),
        lambda: (f"Thresholds are set at {n(1, 50) * 10_000:,} individuals for ordinary personal "
                 f"information and {n(1, 99) * 100:,} for sensitive personal information."),
        lambda: (f"The text, like the {c(v.laws)}, distinguishes between {some(doc.PRINCIPLES)}, a "
                 f"point {c(talk.SOURCES)} had asked for."),
        lambda: (f"Several provisions deal with {c(s.data)}, which the {c(v.laws)} treats as "
                 f"sensitive when combined with {c(s.data)}."),
        lambda: (f"An annex gives examples of {c(s.data)}, {c(s.data)} and {c(THINGS)} that may be "
                 f"important data."),
        lambda: (f"Earlier guidance from the {c(v.authorities)[1]} focused on {c(doc.SUBJECTS)}; "
                 f"this time the emphasis is on {some(doc.PRINCIPLES)}."),
        lambda: f"The {c(v.authorities)[1]} reminds {c(s.firms)} that {c(advice.REMINDERS)}.",
        lambda: (f"Whether {c(talk.QUESTIONS)} is left to future guidance, {person(rng, v)} of "
                 f"{company(rng, v)} {c(talk.SAYING)}."),
        lambda: (f"Readers have asked whether {c(talk.QUESTIONS)}; the short answer is that it "
                 f"depends on {c(talk.DEPENDENCIES)}."),
        lambda: (f"{_cap(c(market.TECH))} and {c(market.TECH)} are described as acceptable "
                 f"safeguards for {c(s.data)}."),
        # Obligations, deadlines and phasing.
        lambda: (f"{_cap(c(ACTORS))} will be expected to {c(doc.ACTIONS)} {c(THINGS)} "
                 f"{c(doc.TIMES)}."),
        lambda: (f"The {c(doc.DOC_WORDS)} aims to {c(doc.ACTIONS)} {c(THINGS)} and to "
                 f"{c(doc.ACTIONS)} {c(THINGS)}."),
        lambda: (f"{_cap(c(s.firms))} that rely on {c(s.work)} will need to {c(doc.OBLIGATIONS)}, "
                 f"as the {c(v.instruments)} already asks."),
        lambda: (f"{_cap(c(s.firms))} have until {_date(rng, year)} {year + 1} to "
                 f"{c(doc.OBLIGATIONS)}, while {c(s.firms)} get {n(3, 12)} more months."),
        lambda: (f"The {c(v.authorities)[1]} will phase the rules in: {c(advice.PHASES)} first, "
                 f"then {c(advice.PHASES)}, with {c(advice.PHASES)} last."),
        lambda: (f"Staff who handle {c(s.data)} are expected to attend {n(4, 40)} hours of "
                 f"training a year on {c(doc.SUBJECTS)}."),
        lambda: (f"Where {c(s.data)} leave the country, the {c(v.laws)} expects {c(s.firms)} to "
                 f"show {some(advice.AUDITS)}."),
        lambda: f"External auditors will look in particular at {some(advice.AUDITS, 3)}.",
        lambda: (f"{_cap(c(s.firms))} are also encouraged, though not obliged, to "
                 f"{c(advice.ADVICE)}."),
        lambda: (f"Guidance from the {c(v.authorities)[1]} on {some(THINGS)} is expected "
                 f"{c(doc.TIMES)}."),
        lambda: (f"Earlier versions would have obliged {c(ACTORS)} to {c(doc.ACTIONS)} "
                 f"{c(THINGS)}, a requirement dropped after objections from {c(ACTORS)}."),
        # Officials.
        lambda: (f"According to the {c(v.authorities)[0]}, {n(12, 4800):,} companies in "
                 f"{c(v.provinces)} had completed the filing by {_date(rng, year)}."),
        lambda: (f"{person(rng, v)}, {c(ROLES)} of the {c(DEPARTMENTS)} of the "
                 f"{c(v.authorities)[0]}, said the rules would help every {c(v.sectors)} "
                 f"{c(doc.OBLIGATIONS)}."),
        lambda: (f"{person(rng, v)}, {c(ROLES)} of the {c(DEPARTMENTS)} of the "
                 f"{c(v.authorities)[0]}, said that {c(talk.REMARKS)}."),
        lambda: (f"Speaking at a briefing in {c(v.cities)}, an official of the "
                 f"{c(v.authorities)[1]} said that {c(talk.REMARKS)}."),
        lambda: (f"Officials at the {c(v.authorities)[1]} stressed that {c(talk.REMARKS)}, and "
                 f"that {c(s.firms)} would be consulted on {c(s.work)}."),
        lambda: (f"Officials described the regime as {c(talk.HEDGES)} {some(doc.QUALITIES)}, with "
                 f"separate rules for {some(ACTORS)}."),
        lambda: (f"The {c(v.authorities)[1]} said it had received {n(40, 9000):,} complaints about "
                 f"{c(doc.ISSUES)} since {calendar.month_name[n(1, 12)]}."),
        lambda: (f"Comments can be sent by e-mail until {_date(rng, year)} {year}, and {n(3, 40)} "
                 f"experts were consulted on the first draft."),
        # Reactions and advice.
        lambda: c(talk.REACTIONS).format(n=f"{n(80, 5000):,}"),
        lambda: (f"{_cap(c(talk.SOURCES))} in {c(v.cities)} describe the text as "
                 f"{c(doc.QUALITIES)} rather than {c(doc.QUALITIES)}."),
        lambda: (f"{_cap(c(talk.SOURCES))} point out that {c(s.worries)} remain a bigger practical "
                 f"risk for {c(s.firms)} than any new paperwork."),
        lambda: (f"Companies should {some(advice.ADVICE)}, {c(talk.SOURCES)} in {c(v.cities)} "
                 f"recommend."),
        lambda: (f"A sensible first step, officials at the {c(v.authorities)[1]} suggest, is to "
                 f"{c(advice.ADVICE)}; the next is to {c(advice.ADVICE)}."),
        lambda: f"Before the deadline, {c(s.firms)} would be wise to {some(advice.ADVICE, 3)}.",
        lambda: (f"Smaller {c(s.firms)} in {c(v.counties)} worry about {c(advice.CONCERNS)}, while "
                 f"larger ones have already {c(advice.DONE)}."),
        lambda: (f"Questions remain about {some(advice.CONCERNS)}, {person(rng, v)} of the "
                 f"{c(v.cities)} bar association {c(talk.SAYING)}."),
        lambda: (f"One recurring difficulty is {c(advice.CONCERNS)}, especially for {c(s.firms)} "
                 f"in {c(v.provinces)}."),
        lambda: (f"Interviews with {n(12, 90)} {c(talk.SOURCES)} in {c(v.provinces)} suggest that "
                 f"{c(talk.FINDINGS)}."),
        lambda: f"{c(talk.OPENERS)}, {c(talk.STATEMENTS)}.",
        lambda: (f"Critics argue that the {c(doc.QUALITIES)} approach leaves {c(ACTORS)} unsure "
                 f"whether {c(THINGS)} count as important data."),
        lambda: (f"For {c(s.firms)}, the most demanding part is likely to be {c(s.work)}, not "
                 f"{c(s.work)}."),
        lambda: (f"Compliance at {c(s.firms)} brings {some(advice.BENEFITS)}, {person(rng, v)} of "
                 f"{company(rng, v)} argued."),
        lambda: f"Multinational groups are most concerned about {some(advice.GLOBAL, 3)}.",
        lambda: (f"Representatives of {company(rng, v)} and {company(rng, v)} took part in the "
                 f"discussion on {c(doc.SUBJECTS)}."),
        # The sector, its technology and its market.
        lambda: (f"In {s.name}, {c(s.firms)} hold {some(s.data)}, so {c(doc.PRINCIPLES)} is rarely "
                 f"an abstract question."),
        lambda: (f"Much of the {c(s.data)} held by {c(s.firms)} sits in {c(s.tech)}, which were "
                 f"rarely designed with {c(doc.PRINCIPLES)} in mind."),
        lambda: (f"{_cap(c(s.firms))} in {c(v.cities)} {c(talk.HOW_OFTEN)} use {some(s.tech)} for "
                 f"{c(s.work)}."),
        lambda: (f"In a typical deployment, the system {c(market.TECH_VERBS)} {c(s.data)} and "
                 f"{c(market.TECH_VERBS)} {c(s.data)} before anything leaves the premises."),
        lambda: (f"{_cap(c(s.worries))} and {c(s.worries)} have long troubled {c(s.firms)} and "
                 f"their customers."),
        lambda: (f"{_cap(c(market.TRENDS))} has been one of the clearest trends in {s.name} in "
                 f"{c(v.provinces)} over the past {n(2, 6)} years."),
        lambda: (f"{_cap(c(talk.SOURCES))} expect {c(market.TRENDS)} to continue, especially among "
                 f"{c(s.firms)} in {c(v.provinces)}."),
        lambda: (f"The market for {c(s.tech)} in China was worth about RMB {n(2, 400)} billion in "
                 f"{year - 1}, and industry estimates put its growth at {n(5, 40)}% a year."),
        lambda: (f"The share of {c(s.firms)} using {c(market.TECH)} rose from {n(3, 30)}% in "
                 f"{year - 3} to {n(31, 80)}% in {year - 1}, according to the "
                 f"{c(v.authorities)[1]}."),
        lambda: (f"Compliance budgets at {c(s.firms)} grew {c(talk.DEGREE)} last year, by about "
                 f"{n(5, 60)}%, mostly spent on {c(market.TECH)} and outside advice."),
        lambda: (f"Demand for {c(s.tech)} has risen {c(talk.DEGREE)} as more {some(s.firms)} turn "
                 f"to {c(s.work)}."),
        lambda: (f"The rules are good news for {some(market.WINNERS)}, which expect more work from "
                 f"{c(s.firms)}."),
        lambda: (f"Local governments in {c(v.provinces)} woo {c(s.firms)} with "
                 f"{some(market.INCENTIVES)}."),
        lambda: (f"At {c(market.EVENTS)} in {c(v.cities)}, speakers from {some(s.firms)} compared "
                 f"notes on {c(s.work)}."),
        lambda: (f"A survey of {n(500, 9000):,} adults in {c(v.cities)} for the "
                 f"{c(v.authorities)[1]} showed that {n(12, 88)}% {c(market.CONSUMER)}."),
        lambda: c(market.COLOUR),
        lambda: (f"The pilot run by the {c(v.authorities)[1]} in {c(v.counties)} suggested that "
                 f"{c(market.PILOT_RESULTS)}."),
        lambda: (f"In {year - 1}, the digital economy of {c(v.cities)} grew by "
                 f"{n(2, 30)}.{n(0, 9)}% to RMB {n(12, 990)} billion."),
        lambda: (f"Pilot work will start in {c(v.counties)}, {c(v.counties)} and {c(v.cities)} "
                 f"before being extended to the whole of {c(v.provinces)}."),
        lambda: (f"A first batch of {n(5, 60)} demonstration projects, including "
                 f"{company(rng, v)}, was announced in {c(v.cities)}."),
        lambda: (f"Over {n(2, 98)}% of the {n(150, 2500):,} companies surveyed in {c(v.cities)} "
                 f"said they lacked staff for {c(doc.SUBJECTS)}."),
        lambda: (f"A survey of {n(30, 900)} {c(s.firms)} found that {n(5, 95)}% still kept "
                 f"{c(s.data)} longer than needed."),
        lambda: (f"The {c(v.authorities)[1]} intends to {c(doc.ACTIONS)} {c(THINGS)} held by "
                 f"{c(ACTORS)} {c(doc.TIMES)}."),
        lambda: (f"{some(v.cities)} have already tested {c(doc.QUALITIES)} schemes for {c(s.data)} "
                 f"held by {c(s.firms)}."),
        lambda: (f"Between {n(2015, year - 1)} and {year}, complaints about {c(s.worries)} rose "
                 f"{n(2, 12)}-fold, {person(rng, v)} of {company(rng, v)} {c(talk.SAYING)}."),
        # Everyday things the rules reach.
        lambda: (f"The categories it lists range from {some(things.DETAILS)} to "
                 f"{some(things.DETAILS)}."),
        lambda: (f"{_cap(c(things.DETAILS))}, {some(things.DETAILS)} are treated as sensitive when "
                 f"they can be linked to a specific person."),
        lambda: (f"Data from {some(things.DEVICES, 3)} increasingly end up in the same cloud "
                 f"accounts."),
        lambda: (f"Makers of {some(things.DEVICES, 3)} must keep {some(things.DETAILS)} on the "
                 f"device by default."),
        lambda: (f"Much of the trade on platforms in {c(v.cities)} is in "
                 f"{some(things.PRODUCTS, 3)}."),
        lambda: (f"Online sales of {some(things.PRODUCTS)} in {c(v.provinces)} rose {n(3, 60)}% "
                 f"last year, while sales of {some(things.PRODUCTS)} fell."),
        lambda: (f"The training duty covers all who handle personal data, from "
                 f"{some(things.OCCUPATIONS)} to {c(things.OCCUPATIONS)}."),
        lambda: (f"Cameras at {some(things.PLACES, 3)} in {c(v.counties)} must be accompanied by "
                 f"visible signs."),
        lambda: (f"Operators of {some(things.PLACES, 3)} in {c(v.cities)} may no longer make a "
                 f"face scan the only way in."),
        lambda: (f"Depending on the service, from {some(things.SERVICES, 2, 'to')}, users may be "
                 f"asked to upload {some(things.RECORDS, 3, 'or')}."),
        lambda: (f"Services for {some(things.SERVICES, 3)} often ask for {some(things.DETAILS)} at "
                 f"sign-up."),
        lambda: (f"Complaints to consumer hotlines in {c(v.cities)} mostly concerned "
                 f"{some(things.SERVICES, 3)}."),
        lambda: (f"Engineers at {c(s.firms)} say {some(market.ENGINEERING)} matter more in "
                 f"practice than legal wording."),
        lambda: (f"Many firms still keep {c(things.RECORDS)} in {c(market.STATES)} folders and "
                 f"{c(s.data)} in {c(market.STATES)} databases."),
        lambda: (f"{_cap(c(market.STATES))} data inventories are the weakness auditors see most, "
                 f"ahead of poor {some(market.ENGINEERING)}."),
        lambda: f"{c(talk.ADVERBS)}, {c(talk.STATEMENTS)}.",
        lambda: f"{person(rng, v)} of {company(rng, v)} {c(talk.SAYING)} that {c(talk.FINDINGS)}.",
        # What firms do and what it costs them.
        lambda: (f"{_cap(c(s.firms))} in {c(v.counties)} have {c(advice.DONE)}, local officials "
                 f"said."),
        lambda: f"Some {c(s.firms)} have {some(advice.DONE)}, but most have yet to start.",
        lambda: (f"{person(rng, v)}, who advises {c(s.firms)} in {c(v.cities)}, {c(talk.SAYING)} "
                 f"that {c(advice.REMINDERS)}."),
        lambda: f"The rules will change how {c(s.firms)} approach {some(s.work)}.",
        lambda: (f"{_cap(c(s.worries))} cost {c(s.firms)} an estimated RMB {n(2, 90)} billion in "
                 f"{year - 1}, industry figures suggest."),
        lambda: (f"Whether {c(s.data)} may be used for {c(s.work)} depends on "
                 f"{c(talk.DEPENDENCIES)}."),
        lambda: (f"Vendors selling {c(s.tech)} to {c(s.firms)} say the {c(v.instruments)} lifted "
                 f"their orders by {n(10, 80)}%."),
        lambda: (f"About {n(12, 88)}% of {c(s.firms)} polled in {year - 1} put {c(s.worries)} at "
                 f"the top of their worries, ahead of {c(s.worries)}."),
        lambda: (f"{c(talk.ADVERBS)}, {c(s.firms)} in {c(v.provinces)} have been quicker than "
                 f"{c(s.firms)} to {c(advice.ADVICE)}."),
        lambda: (f"Small sellers in {c(v.counties)}, whether of {some(things.PRODUCTS, 2, 'or')}, "
                 f"hold more customer data than large firms did a decade ago."),
        lambda: (f"Shoppers buying {some(things.PRODUCTS, 2, 'or')} online are often asked for "
                 f"{some(things.DETAILS)}, which few sellers need."),
        lambda: (f"Workers from {some(things.OCCUPATIONS, 2, 'to')} now carry "
                 f"{some(things.DEVICES, 2, 'or')} on the job, and few know where the data end "
                 f"up."),
        lambda: f"A {n(2, 9)}-page annex covers {some(things.RECORDS, 3)} kept on paper.",
        lambda: (f"{_cap(c(things.PLACES))} and {c(things.PLACES)} in {c(v.provinces)} are among "
                 f"the first venues to try {c(market.TECH)}."),
        lambda: (f"Consumers who {c(market.CONSUMER)} make up about {n(10, 70)}% of users of "
                 f"{c(things.SERVICES)}, a study in {c(v.cities)} estimates."),
        lambda: (f"Exporters of {some(things.PRODUCTS)} to {some(market.COUNTRIES)} must check "
                 f"where buyers' data end up."),
        lambda: (f"{person(rng, v)}, a lawyer in {c(v.cities)}, compared the approach with the one "
                 f"taken in {c(market.COUNTRIES)}."),
        lambda: (f"Chinese {c(s.firms)} expanding into {c(market.COUNTRIES)} face quite different "
                 f"rules there, {person(rng, v)} of {company(rng, v)} {c(talk.SAYING)}."),
        lambda: (f"Its definition of “{c(doc.TERMS)}” is broad enough to cover {c(s.data)} as well "
                 f"as {c(THINGS)}."),
        lambda: (f"What counts as “{c(doc.TERMS)}” in {s.name} still depends on "
                 f"{c(talk.DEPENDENCIES)}."),
        lambda: (f"Among {c(talk.SOURCES)}, the {c(doc.DOC_WORDS)} is {c(talk.HOW_OFTEN)} "
                 f"{c(talk.VIEWED)} as {c(talk.HEDGES)} {c(doc.QUALITIES)}."),
        lambda: (f"Firms that hold sensitive records (for example, {some(s.data, 2, 'or')}) will "
                 f"need to {c(doc.OBLIGATIONS)}."),
        lambda: (f"The approach resembles the one taken for {c(SECTORS).name} in {year - 2}, when "
                 f"{c(ACTORS)} were asked by the {c(v.authorities)[1]} to {c(doc.OBLIGATIONS)}."),
    ]


def paragraph(rng: random.Random, v: Vocabulary, year: int, low: int, high: int) -> str:
    """Between `low` and `high` sentences of running prose, each ending in a space.

    The sentences of one paragraph mostly speak of one sector, as an item does.
    """
    shapes = _sentences(rng, v, year, rng.choice(SECTORS))
    return "".join(rng.choice(shapes)() + " " for _ in range(rng.randint(low, high)))
