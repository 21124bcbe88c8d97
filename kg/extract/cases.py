"""Enforcement cases: who acted against whom, on what basis, with what penalty.

One case per penalised party. The respondent is found, in order of trust, as the object of an
enforcement verb ("imposed a fine of RMB 80,000 on the hotel"), the subject of a passive
("A middle school ... has been fined"), a named company ("... Co., Ltd."), or a counted batch of
apps ("84 Apps"). Running totals ("taken down nearly 3,000 Apps in total") and civil suits are not
cases. Cue phrases for the actions come from the ontology.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon
from .model import Amount, CaseMention, ItemExtraction, Mention

_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|multiple"
                 "|some|many|a number of|a batch of|a list of|a|an")
_ENFORCE_VERBS = (r"fined|penali[sz]ed|punished|summoned|interviewed|warned|sentenced|arrested"
                  r"|detained|prosecuted|investigated|ordered")
_NP_STOP = (r"(?=\s+(?:for|to|because|after|over|with|which|that|who|in accordance|according"
            r"|under|due|as|on the grounds|by|and its|and the|and an?|and ordered"
            r"|and imposed)\b|[,.;:(]|$)")
_OBJECT_PATTERNS = [
    re.compile(rf"\b(?:imposed|impose|imposing)\b[^.;]{{0,120}}?\b(?:on|upon|against)\s+"
               rf"(?P<r>[^,.;()]{{2,90}}?){_NP_STOP}", re.I),
    re.compile(rf"\b(?:penalt(?:y|ies)|sanctions?|fines?)\s+(?:against|on)\s+"
               rf"(?P<r>[^,.;()]{{2,90}}?){_NP_STOP}", re.I),
    re.compile(r"\bcybersecurity review\s+(?:on|of|into)\s+(?P<r>[^;]{2,120}?)"
               r"(?=\s*\([A-Z]{2,8}\)|[.;]|\s+(?:for|to|which|that)\b)", re.I),
    re.compile(r"\bfound\s+(?P<r>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,3})\s+guilty\b"),
    re.compile(rf"\b(?:{_ENFORCE_VERBS})\s+(?P<r>(?:the|a|an|\d+|{_NUMBER_WORDS})\b"
               rf"[^,.;()]{{2,80}}?){_NP_STOP}", re.I),
]
_PASSIVE = re.compile(
    rf"(?:^|[.;]\s+|\bthat\s+)(?P<r>(?:the\s+|a\s+|an\s+)?[A-Za-z0-9][^,.;:]{{2,90}}?)"
    rf"(?:,\s*[A-Z][^,.;]{{0,40}})?\s+(?:"
    rf"(?:was|were|has been|have been|had been|is|are|got)\s+(?:officially\s+|also\s+"
    rf"|recently\s+)?(?:{_ENFORCE_VERBS})\b"
    # a headline drops the auxiliary: "A small loan company in Hainan summoned for ..."
    rf"|(?:{_ENFORCE_VERBS})(?=\s+(?:for|after|over|by|in|due|because|on suspicion)\b|\s*$))",
    re.I)
_COMPANY = re.compile(r"\b(?P<r>[A-Z][\w&'’.-]*(?:\s+(?:[A-Z(][\w&'’.()-]*|of|and|the))*\s+"
                      r"(?:Co\.,?\s*Ltd\.?|Company Limited|Limited|Inc\.|Corporation|Group)"
                      r"(?:\s*\([A-Z][a-z]+\))?)")
_COUNT_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|multiple"
                "|a number of|a batch of|a list of")
_APPS = re.compile(
    rf"(?<![\w.,])(?P<n>\d[\d,.]*(?:\s*(?:million|thousand))?|(?i:{_COUNT_WORDS}))\s+"
    rf"(?:(?!(?:on|of|for|in|to|the|that|which|and)\b)[\w-]+\s+){{0,3}}?"
    rf"(?:apps?|applications|mini-programs|sdks)"
    rf"(?:\s*\((?:sdks?)\))?(?:\s+and\s+(?:sdks|mini-programs|apps))?\b", re.I)
_ENFORCEMENT_CONTEXT = re.compile(
    rf"\b(?:{_ENFORCE_VERBS}|penalt(?:y|ies)|sanction\w*|fine|review|rectif\w*|warning"
    rf"|violat\w*|illegal\w*)\b", re.I)
_AGGREGATE = re.compile(r"\b(?:in total so far|so far|year-on-year|from january to|statistics"
                        r"|(?:\d{1,3}(?:,\d{3})+|\d{3,}) (?:administrative |criminal )?cases"
                        r"|\d[\d,]*\s+(?:administrative\s+)?(?:penalties|penalty decisions|fines)"
                        r"\s+(?:totall?ing|worth|amounting))",
                        re.I)
# "<party> was fined <amount>" inside one clause of a multi-party report.
_FINED_CLAUSE = re.compile(
    r"(?:^|[;:]\s*|\.\s+|,\s*(?:and|while|whereas)\s+|\band\s+)(?P<r>[A-Z][^,;:.]{1,80}?)\s+"
    r"(?:was|were|has been|have been|had been|got)\s+(?:also\s+)?(?:fined|penali[sz]ed)"
    r"(?:\s+(?:a total of|a fine of|with a fine of))?\s*$")
_CIVIL = re.compile(r"\b(?:was sued|sued by|civil (?:suit|case|lawsuit|dispute)|plaintiff"
                    r"|appellant)\b", re.I)
_THREAT = re.compile(r"\botherwise\b[^.]*", re.I)
_PERSONAL = re.compile(r"\b(?:directly responsible|responsible person|person (?:directly )?"
                       r"responsible|persons? in charge|legal representative|its responsible"
                       r"|the individual|executives?)\b", re.I)
_FINE_CONTEXT = re.compile(r"\b(?:fine|fined|fines|penalt(?:y|ies)|penali[sz]ed)\b", re.I)
_NOT_FINE = re.compile(r"\b(?:illegal (?:income|gains?|profits?)|profits?|compensation|turnover"
                       r"|revenue|losses?|worth|valued|investment|income|sales)\b", re.I)
# A full stop ends a clause unless it ends a company abbreviation ("Co., Ltd.").
_CLAUSE_END = re.compile(r"(?<!\bCo)(?<!\bLtd)(?<!\bInc)(?<!\bNo)[.;](?=\s|$)")
_REPORTED = re.compile(r"\b(?:it is|it was|as)\s+$", re.I)
_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def find_cases(text: str, headline_len: int, ext: ItemExtraction,
               lexicon: Lexicon) -> list[CaseMention]:
    """The cases an enforcement item reports (usually one, several for multi-party items)."""
    if _CIVIL.search(text):
        return []
    basis = [i for i in ext.instruments if i.mention.ref is not None and i.status == "unknown"]
    multi = _multi_party(text, headline_len, ext, lexicon, basis)
    if len(multi) > 1:
        return multi
    if _AGGREGATE.search(text):
        return []
    respondent = _respondent(text, headline_len)
    if respondent is None:
        return []
    name, span, count = respondent
    if count is not None and count >= 1000:
        return []  # a running total, not a case
    actions = _actions(text, ext, lexicon)
    fine, personal = _fines(text, ext.amounts)
    authority = _acting_authority(text, headline_len, ext.authorities, ext, span[0])
    together = _respectively(text, ext.authorities)
    if len(together) > 1:  # "MIIT, MPS and CVERC respectively notified ..."
        return [CaseMention(a, name, span, basis, fine, personal, actions, count)
                for a in together]
    return [CaseMention(authority, name, span, basis, fine, personal, actions, count)]


def _multi_party(text: str, headline_len: int, ext: ItemExtraction, lexicon: Lexicon,
                 basis: list) -> list[CaseMention]:
    """One case per "<party> was fined <amount>" clause, when a body reports several."""
    found: list[CaseMention] = []
    seen: set[str] = set()
    for amount in ext.amounts:
        if amount.start < headline_len:
            continue
        lead = text[max(headline_len, amount.start - 160) : amount.start]
        m = _FINED_CLAUSE.search(lead)
        if m is None:
            continue
        party = _clean_np(m["r"])
        if not party or party.lower() in seen or _is_authority_like(party):
            continue
        seen.add(party.lower())
        start = amount.start - len(lead) + m.start("r")
        clause_end = _CLAUSE_END.search(text, amount.end)
        clause = text[start : clause_end.start() if clause_end else len(text)]
        authority = _acting_authority(text, headline_len, ext.authorities, ext, start)
        actions = _actions(clause, ItemExtraction(ext.item, clause), lexicon) or ["fine"]
        found.append(CaseMention(authority, party, (start, start + len(m["r"].strip())), basis,
                                 amount, None, actions, None))
    return found


def _respectively(text: str, authorities: list[Mention]) -> list[Mention]:
    """The authorities listed before "respectively" in its sentence."""
    m = re.search(r"\brespectively\b", text)
    if m is None:
        return []
    s_start, _ = _sentence_bounds(text, m.start())
    found: list[Mention] = []
    for a in authorities:
        if s_start <= a.start < m.start() and all(a.text != b.text for b in found):
            found.append(a)
    return found


def _clean_np(np: str) -> str:
    np = re.sub(r"\s+", " ", np).strip(" ,.;:“”\"'")
    np = re.sub(r"^(?:the|its)\s+", "", np, flags=re.I)
    return np


def _count(np: str) -> int | None:
    m = re.match(r"(\d[\d,.]*)\s*(million|thousand)?", np)
    if m:
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            return None
        scale = {"million": 1e6, "thousand": 1e3}.get((m.group(2) or "").lower(), 1)
        return int(value * scale)
    first = np.split()[0].lower() if np.split() else ""
    return _WORD_NUMBERS.get(first)


def _respondent(text: str, headline_len: int) -> tuple[str, tuple[int, int], int | None] | None:
    """The penalised party: (name, span in the item text, count when it is a batch)."""
    body = text[headline_len:]
    ordered: list[tuple[str, int, int]] = []
    for m in _COMPANY.finditer(body):
        if _ENFORCEMENT_CONTEXT.search(_sentence_around(body, m.start())):
            ordered.append((m["r"], headline_len + m.start("r"), headline_len + m.end("r")))
            break
    found: list[tuple[str, int, int]] = []
    for pattern in _OBJECT_PATTERNS:
        for m in pattern.finditer(body):
            found.append((m["r"], headline_len + m.start("r"), headline_len + m.end("r")))
            break
    for m in _PASSIVE.finditer(body):
        found.append((m["r"], headline_len + m.start("r"), headline_len + m.end("r")))
        break
    ordered.extend(sorted(found, key=lambda c: c[1]))
    apps = list(_APPS.finditer(text))
    apps.sort(key=lambda m: (not m["n"][0].isdigit(), m.start()))
    ordered.extend((m.group(0), m.start(), m.end()) for m in apps[:1])
    head = _PASSIVE.search(text[:headline_len])
    if head is not None:
        ordered.append((head["r"], head.start("r"), head.end("r")))
    for raw, start, end in ordered:
        np = _clean_np(raw)
        if not np or len(np.split()) > 14 or _is_authority_like(np):
            continue
        count = _count(np)
        is_batch = _APPS.match(np) is not None or count is not None
        return np, (start, end), count if is_batch else None
    return None


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the sentence (or line) around `pos`."""
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end = text.find(". ", pos)
    return start, end if end >= 0 else len(text)


def _sentence_around(text: str, pos: int) -> str:
    start, end = _sentence_bounds(text, pos)
    return text[start:end]


def _is_authority_like(np: str) -> bool:
    return bool(re.match(r"(?:it|they|he|she|this|these|those|which|who|the court|court)\b",
                         np, re.I))


@lru_cache(maxsize=64)
def _folded(cues: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.casefold() for c in cues)


@lru_cache(maxsize=64)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})", re.I)


def _actions(text: str, ext: ItemExtraction, lexicon: Lexicon) -> list[str]:
    """The actions whose cue phrases the item uses, in order of first use.

    A threat ("otherwise the apps will be removed") and words inside instrument titles are not
    actions taken.
    """
    masked = _THREAT.sub(lambda m: " " * len(m.group(0)), text)
    for inst in ext.instruments:
        s, e = inst.mention.start, inst.mention.end
        masked = masked[:s] + " " * (e - s) + masked[e:]
    found: list[tuple[int, str]] = []
    folded = masked.casefold()
    for action, cues in lexicon.action_cues.items():
        # A substring test first: most items use no cue of most actions, and the regex
        # scan (a word boundary tried at every position) cost a twentieth of extraction.
        if not any(c in folded for c in _folded(cues)):
            continue
        for m in _cue_pattern(cues).finditer(masked):
            # "It is reported that ..." reports news, it is not a notice of violators.
            if _REPORTED.search(masked, max(0, m.start() - 8), m.start()):
                continue
            found.append((m.start(), action))
            break
    actions = [a for _, a in sorted(found)]
    if "criminal_sentence" in actions and "fine" in actions:
        actions.remove("fine")  # a court's fine is part of the sentence
    return actions


def _fines(text: str, amounts: list[Amount]) -> tuple[Amount | None, Amount | None]:
    entity = personal = None
    for n, amount in enumerate(amounts):
        prev_end = amounts[n - 1].end if n else 0
        nxt_start = amounts[n + 1].start if n + 1 < len(amounts) else len(text)
        before = text[max(prev_end, amount.start - 80) : amount.start]
        after = text[amount.end : min(nxt_start, amount.end + 60)]
        before_clause = _CLAUSE_END.split(before)[-1]
        after_clause = _CLAUSE_END.split(after)[0].split(",")[0]
        if not _FINE_CONTEXT.search(before_clause + " " + after_clause):
            continue
        if _NOT_FINE.search(before_clause[-40:]):
            continue
        if _PERSONAL.search(before_clause[-50:]) or _PERSONAL.search(after_clause):
            amount.personal = True
            personal = personal or amount
        elif entity is None:
            entity = amount
    return entity, personal


_UNNAMED_ACTOR = re.compile(r"\b(?:the|a|local)\s+(?:court|police|procuratorate|authorities"
                            r"|regulators?)\s+(?:\w+\s+){0,2}?$", re.I)


def _acting_authority(text: str, headline_len: int, authorities: list[Mention],
                      ext: ItemExtraction, at: int | None = None) -> Mention | None:
    """Who acted: the subject of the sentence that names the respondent, a "by X" agent, or
    the first body the headline names. None when that sentence's actor is unnamed ("the
    court")."""
    in_titles = [(i.mention.start, i.mention.end) for i in ext.instruments]
    candidates = [a for a in authorities
                  if not any(s <= a.start and a.end <= e for s, e in in_titles)]
    if at is not None and at >= headline_len:
        s_start, s_end = _sentence_bounds(text, at)  # the headline ends in a newline
        before = [a for a in candidates if s_start <= a.start < at]
        if before:
            return before[-1]
        agent = [a for a in candidates if s_start <= a.start < s_end
                 and re.search(r"\bby\s+(?:the\s+)?$", text[max(0, a.start - 12) : a.start])]
        if agent:
            return agent[0]
        if _UNNAMED_ACTOR.search(text[s_start:at]):
            return None
    head = [a for a in candidates if a.start < headline_len]
    for a in head:
        if re.search(r"\bby\s+(?:the\s+)?$", text[max(0, a.start - 12) : a.start]):
            return a
    return (head or candidates or [None])[0]
