"""Penalised parties as news writes them: cleaning a respondent phrase and telling two apart.

A respondent phrase arrives raw from the clause grammar ("ride-hailing giant Company A",
"Brand A's operating entity Company A Technology Co., Ltd.", "the company", "three banks - A, B
and C"). This module reduces it to the name a reader would use, says what kind of party it is (a
named or anonymous entity, a counted batch, a person fined as the one responsible, or a back
reference), and decides whether two phrases name the same party, so that one case is kept per
party however often a story repeats it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon import cue_phrases, cue_words, spelled, written_regex

# Numerals are grammar, not knowledge: a counted phrase's number word and its value.
NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBER_WORDS.update({"twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
                     "one hundred": 100, "several": 3, "multiple": 3, "a number of": 3,
                     "a batch of": 3, "a list of": 3, "dozens of": 24})
_VAGUE = frozenset(("several", "multiple", "a number of", "a batch of", "a list of", "dozens of"))
_NUMBER = "|".join(re.escape(w) for w in sorted(NUMBER_WORDS, key=lambda w: (-len(w), w))
                   if NUMBER_WORDS[w])
# The words of these patterns are reader cues of the ontology, by notation; the patterns are
# the grammar around them.
_COUNT = re.compile(rf"^(?:{cue_words('count-lead')}\s+)?(?P<n>\d[\d,]*|{_NUMBER})\b", re.I)
# What notices list by the dozen: a counted phrase with one of these heads is a batch.
BATCH_HEAD = re.compile(cue_words("batch-head"), re.I)
_PEOPLE_HEAD = re.compile(cue_words("party-plural"), re.I)
# A person fined as the one responsible, not the penalised entity.
PERSONAL = re.compile(cue_words("responsible-role"), re.I)
# "interviewed the persons in charge of 12 apps": the apps are the respondent.
_IN_CHARGE_OF = re.compile(
    rf"^(?:the\s+)?(?:relevant\s+)?(?:{cue_words('in-charge-head')}\s+(?:in charge|responsible)"
    rf"\s+(?:of|for)|(?:senior\s+)?{cue_words('representative-head')}\s+(?:of|at|from))\s+", re.I)
_DETERMINER = re.compile(r"^(?:the|its|their|his|her)\s+", re.I)
_ANAPHOR = re.compile(
    rf"^(?:it|they|he|she|them|him|the\s+(?:same\s+)?(?:\w+[- ]){{0,4}}?{cue_words('anaphor-head')}"
    r"|(?:this|these|those|both|the two|the three)\b.*)$", re.I)
_GENERIC_ONE = re.compile(cue_words("generic-party-noun"), re.I)
_NOT_A_PARTY = re.compile(rf"^(?:the\s+)?(?:[a-z]+\s+){{0,2}}{cue_words('not-a-party')}$", re.I)
_BARE_PLURAL = re.compile(r"(?:(?:its|their)\s+)?(?!(?:the|a|an|another|this|that|these|those"
                          r"|both)\b)(?:(?:[a-z][\w-]*|[A-Z]{1,4})\s+){0,3}[a-z][\w-]*s$")
_PARENS = re.compile(r"\s*[(\[](?P<in>[^()\[\]]{0,80})[)\]]")
# "Among the 8,608 websites, 512 [were fined]": the party is the part, after the whole.
_AMONG = re.compile(r"^(?:.{1,120}?,\s*(?=\d[\d,]*$)|among\s+[^,]{1,80},\s*)", re.I)
_QUOTED = re.compile(r"^[“\"‘']\s*(?P<q>[^”\"’']{2,40}?)\s*[”\"’']$")
_TICKER = re.compile(r"\s+\d{4}\.HK\b|\s+\[?[A-Z]{2,6}:[A-Z0-9.]{1,8}\]?")
_LIST_AFTER = re.compile(r"^\s*(?:(?:by|of|operated\s+by|from|run\s+by)\s+[^:;,]{0,50}?)?"
                         r"\s*(?:-{1,2}|[–—:]|,)\s*(?:namely|i\.e\.,?|that\s+is,)?\s*"
                         r"(?P<list>[A-Z][^;:]*?(?:,\s*|\s+and\s+)[A-Z]"
                         r".*?)\s*(?:,\s*(?=for\b|with\b|over\b|(?:and|but|while)\s+[a-z])"
                         r"|\s(?:-{1,2}|[–—])\s|$)")
# Names listed: "A, B and C" (a comma, so that "Industrial and Commercial Bank" is one name).
_NAME_LIST = re.compile(r"^[A-Z][^,;]*(?:,\s*[A-Z][^,;]*)+,?\s+and\s+[A-Z]")
# "Group A's payment service Brand A": a possessor, a description, then the name.
_DESCRIBED = re.compile(r"^(?:(?P<own>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})['’]s\s+)?"
                        r"(?:[A-Z][a-z-]+\s+)?(?P<desc>[A-Z]\w*-"
                        rf"{cue_words('descriptor-participle')}\s+(?:[a-z][\w-]*\s+){{0,6}}?"
                        r"|(?:[a-z][\w-]*\s+){1,6}?)"
                        r"(?P<name>[A-Z][\w&.'’-]*(?:\s+(?:[A-Z(][\w&.,'’()-]*|of|and|the|de)){0,8})$")
_OWNER_ROLE = re.compile(cue_words("owner-role"))
_UNIT = re.compile(rf"['’]s\s+(?:[\w-]+\s+){{0,2}}{cue_words('unit-role')}$", re.I)
_GENERIC = frozenset(cue_phrases()["name-filler"])
_COUNTRY = frozenset(cue_phrases()["country-qualifier"])

_WS = re.compile(r"\s+")
_KEEP_PAREN = re.compile(r"[A-Z]{2,8}|[A-Z][a-z]+")
_CUT = re.compile(r"\s+(?:including|such as|which|who|whose|that|after|when|while|as it|as they"
                  r"|and (?:its|their|the (?:directly )?responsible))\b"
                  r"|,\s*(?:which|who|including)\b")
_NO_PARTY = re.compile(r"(?:which|who|that|there|this is|these are|what|[a-z]+ing|\d)\b")
_QUANTIFIER = re.compile(cue_words("quantifier"))
_ARTICLE = re.compile(r"\ban?\s")
_THE = re.compile(r"^(?:the|both)\s+", re.I)
_THE_DIGITS = re.compile(r"the\s+\d[\d,]*\s", re.I)
_OTHERS = re.compile(r"\bothers?$")
_COUNT_LEAD = re.compile(r"^(?:a total (?:number )?of|the designated|the)\s+", re.I)
_INDEFINITE = re.compile(r"(?:an?|another)\s", re.I)
_PREP_END = re.compile(r"\b(?:in|of|from|at|under|and|for|with|by|on)\s+$")
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_HYPHEN = re.compile(r"['’-]")


@dataclass
class Party:
    """A cleaned respondent phrase."""

    name: str
    kind: str  # "entity" | "batch" | "personal" | "anaphor"
    count: int | None = None
    aliases: tuple[str, ...] = ()


def count_of(np: str) -> int | None:
    """The number a counted phrase starts with ("105 mobile apps", "two enterprises")."""
    m = _COUNT.match(np)
    if m is None:
        return None
    n = m["n"].lower()
    if n[0].isdigit():
        return int(n.replace(",", ""))
    return None if n in _VAGUE else NUMBER_WORDS.get(n)


def parse_party(raw: str, summons: bool = False, criminal: bool = False) -> Party | None:
    """Clean a raw respondent phrase; None when it names no party."""
    p = _parsed(raw, summons, criminal)
    # A copy: callers add aliases to the party they are given.
    return None if p is None else Party(p.name, p.kind, p.count, p.aliases)


# A story's parties come back in many clauses: each phrase is cleaned once.
@lru_cache(maxsize=4096)
def _parsed(raw: str, summons: bool, criminal: bool) -> Party | None:
    np = _WS.sub(" ", raw).strip(" ,.;:-–—“”\"'")
    aliases: list[str] = []
    for m in _PARENS.finditer(np):
        q = _QUOTED.match(m["in"].strip())
        if q:
            aliases.append(q["q"])
    np = _PARENS.sub(lambda m: m.group(0) if _KEEP_PAREN.fullmatch(m["in"])
                     else "", np)
    np = _TICKER.sub("", np).strip(" ,")
    np = _AMONG.sub("", _CUT.split(np)[0].strip(" ,"))
    if summons:  # "interviewed the persons in charge of 12 apps": the apps are summoned
        stripped = _IN_CHARGE_OF.sub("", np)
        np = stripped if not PERSONAL.search(stripped) else np
    if not np or len(np.split()) > 20:
        return None
    low = np.lower()
    if _NO_PARTY.match(np) or _QUANTIFIER.match(low):
        if not _COUNT.match(np):
            return None
    if _NOT_A_PARTY.search(np):
        return None  # "the relevant situation is notified": what is told, not who
    if _GENERIC_ONE.fullmatch(np) or (_COUNT.fullmatch(np) is not None):
        return None  # "Company warned", "Banks fined", "Two sentenced": no one named
    if PERSONAL.search(np) and not criminal:  # a court sentences the employee it names
        return Party(np, "personal")
    if _BARE_PLURAL.match(np) and not _COUNT.match(np):
        return None  # "app stores", "APP operators": a class of parties, not one
    head, comma, appos = np.partition(", ")
    if comma and head[:4].lower() == "the " and _ANAPHOR.match(head):
        # "The companies, local subsidiaries of ...": the phrase refers back, and what follows
        # describes it; "The company, Shanghai X Co., Ltd.": what follows names it.
        if appos[:1].isupper():
            return _parsed(appos, summons, criminal)
        return Party(head, "anaphor", count_of(_THE.sub("", head)))
    digits = _THE_DIGITS.match(np)  # "the 96 apps that had ...": a batch counted in figures
    if not digits and _ANAPHOR.match(np) and not _ARTICLE.search(np[4:]) and not any(
            w[0].isupper() and "-" not in w and len(w) > 3 and not BATCH_HEAD.match(w)
            for w in np.split()[1:]):
        return Party(np, "anaphor", count_of(_THE.sub("", np)))
    n = count_of(np)
    counted = _COUNT.match(np) is not None
    if counted and _OTHERS.search(np):
        return None
    if counted and (BATCH_HEAD.search(np) or _PEOPLE_HEAD.search(np)):
        np = _COUNT_LEAD.sub("", np)
        return Party(np, "batch", n, tuple(aliases))
    m = None if _INDEFINITE.match(np) else _DESCRIBED.match(np)
    if m and not _PREP_END.search(m["desc"]):
        own = m["own"]
        if own and _OWNER_ROLE.search(m["desc"]):
            aliases.append(own)
        np = m["name"]
    np = _DETERMINER.sub("", np)
    return Party(np, "entity", None, tuple(aliases))


@lru_cache(maxsize=1)
def _org_end() -> re.Pattern[str]:
    """The end of an organisation's name: a name head ("Bank", "Holdings", a legal form), an
    acronym, or "Bank of" and a place."""
    heads = "|".join(map(re.escape, spelled("name-head")))
    return re.compile(rf"(?:\b(?:{heads})|\b[A-Z]{{2,8}}|\bBank of(?: [A-Z][\w-]*){{1,3}})\)?$")


@lru_cache(maxsize=1)
def _legal_form_words() -> re.Pattern[str]:
    """A legal form as a whole word in lower-cased text, its stop optional ("co.", "ltd")."""
    forms = sorted({f.lower().rstrip(".") for f in spelled("legal-form")}, key=len, reverse=True)
    alts = "|".join(re.escape(f).replace(r"\ ", r"\s+") + r"\.?" for f in forms)
    return re.compile(rf"\b(?:{alts})(?![a-z])")


def has_legal_form(name: str) -> bool:
    """A company's full name ("X Technology Co., Ltd."): it carries a legal form."""
    return written_regex("legal-form").search(name) is not None


def split_list(np: str) -> list[str]:
    """"Bank A Bank and Bank B Bank" -> both; one name with "and" stays whole ("Industrial and
    Commercial Bank")."""
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", np) if p.strip()]
    if len(parts) < 2 or not all(p[0].isupper() and _org_end().search(p) for p in parts):
        return [np]
    return parts


def listed_members(after: str) -> list[str]:
    """The names listed right after a counted phrase ("three banks - A, B and C")."""
    m = _LIST_AFTER.match(after)
    if m is None:
        return []
    members = [p.strip(" .") for p in re.split(r",\s*(?:and\s+)?|\s+and\s+",
                                              _PARENS.sub("", m["list"])) if p.strip(" .")]
    if not all(p[0].isupper() and len(p.split()) <= 6 for p in members):
        return []
    return members if len(members) > 1 else []


# A story compares each party with every one before it: the keys of a name are made once.
@lru_cache(maxsize=4096)
def _keys(name: str, places: frozenset[str]) -> frozenset[str]:
    keys = set()
    for w in _WORD.findall(name):
        base = _HYPHEN.split(w)[0]
        if w[0].isupper() and base.lower() not in _GENERIC and base.lower() not in places:
            keys.add(base.lower())
    return frozenset(keys)


@lru_cache(maxsize=4096)
def _party_key(name: str) -> str:
    """A party's name without legal form, articles or brackets: what two reports of one party
    share."""
    text = _PARENS.sub(" ", name.lower()).replace("’", "'")
    text = _legal_form_words().sub(" ", text)
    words = [w for w in re.findall(r"[a-z0-9']+", text)
             if w not in ("the", "a", "an", "another", "certain", "'s")]
    return " ".join(words)


def same_party(a: Party, b: Party, places: frozenset[str] = frozenset()) -> bool:
    """Whether two cleaned phrases name the same party."""
    if a.kind == "batch" or b.kind == "batch":
        if a.kind == b.kind:
            return a.count == b.count
        # "the operators of Platform A" and "three operators of Platform A"
        batch, one = (a, b) if a.kind == "batch" else (b, a)
        head = _party_key(one.name).partition(" ")[0]
        return (one.kind == "entity" and head.endswith("s") and f" {head} of " in batch.name
                and bool(_keys(one.name, places) & _keys(batch.name, places)))
    na, nb = _party_key(a.name), _party_key(b.name)
    if not na or not nb or bool(_UNIT.search(a.name)) != bool(_UNIT.search(b.name)):
        return False  # "Group A's payments unit" is not Group A
    if bool(_NAME_LIST.match(a.name)) != bool(_NAME_LIST.match(b.name)):
        return False  # "Firm A, Firm B and Firm C" is not Firm A alone
    if na == nb:
        return True
    ka = _keys(" ".join((a.name, *a.aliases)), places)
    kb = _keys(" ".join((b.name, *b.aliases)), places)
    if ka and kb:
        return bool(ka & kb)
    short, long_ = (na, nb) if len(na) < len(nb) else (nb, na)
    short_name = a.name if short == na else b.name
    long_name = b.name if short == na else a.name
    if len(short.split()) < 2 or f" {short} " not in f" {long_} ":
        return False
    # "Bank of X" in "City branch of Bank of X" but not in "Industrial Bank of
    # China": the word before the shorter name must not be part of another name.
    at = long_name.lower().find(short_name.lower().split()[0])
    before = long_name[:at].split()
    return not before or not before[-1][0].isupper() or before[-1].lower() in _COUNTRY


# "A software company failed to ...", "another defendant surnamed Wang used ...":
# a party the story introduces before saying what was done to it.
_INTRO = re.compile(
    rf"(?:^|[.;:]\s+|,\s+(?:and\s+)?|\n)(?:{cue_words('introduction-lead')}[^,]{{0,40}},\s*)?"
    rf"(?P<r>(?:an?|another)\s+(?:(?!that\b)[\w-]+\s+){{0,6}}?{cue_words('introduced-party')}"
    r"(?:\s+(?:in|from|surnamed|based in)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?)?),?\s+"
    rf"(?:[^,.;]{{0,60}},\s+)?(?:\w+\s+)?{cue_words('misconduct')}", re.I)
_INTRO_HEAD = re.compile(r"^(?:an?|another)\s+|\s+surnamed.*$", re.I)
_SURNAMED = re.compile(r"\bsurnamed\s+(\S+)$")


def introductions(text: str, end: int | None = None) -> list[str]:
    """The parties `text` introduces (up to `end`), in order."""
    return [m["r"] for m in _INTRO.finditer(text, 0, len(text) if end is None else end)]


# "the MIIT found that 18 enterprises had problems ... These companies were asked to": a
# counted phrase, not yet a penalised party, that a plural back reference takes up.
_COUNTED = re.compile(rf"\b(?:\d[\d,]*|{_NUMBER})\s+(?:[\w-]+\s+){{0,3}}?"
                      rf"(?:{cue_words('party-plural')}|{cue_words('batch-head')})", re.I)


def counted_before(text: str, end: int) -> Party | None:
    """The last exactly counted phrase before `end` ("18 enterprises"), as a batch."""
    last = None
    for m in _COUNTED.finditer(text, 0, end):
        last = m
    if last is None:
        return None
    p = parse_party(last.group(0))
    return p if p is not None and p.kind == "batch" and (p.count or 0) > 1 else None


def resolve_anaphor(p: Party, intros: list[str]) -> Party | None:
    """A back reference named by the parties introduced before it ("both defendants")."""
    if not intros:
        return None
    plural = re.match(r"(?:both|the two|they|these|those)\b", p.name, re.I)
    if plural and len(intros) >= 2:
        a, b = intros[-2], intros[-1]
        sa, sb = _SURNAMED.search(a), _SURNAMED.search(b)
        if sa and sb:
            head = _INTRO_HEAD.sub("", a)
            return Party(f"{head}s surnamed {sa.group(1)} and {sb.group(1)}", "entity")
        return Party(f"{a} and {b}", "entity")
    if plural:
        return None
    return parse_party(intros[-1])
