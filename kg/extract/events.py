"""Clause grammar of enforcement news: who was penalised, by which verb, in which clause.

News writes one penalty many ways: active ("the CAC fined Company A 2 million yuan"), passive
("Company A has been fined 2 million yuan by the SAMR"), nominal ("imposed a fine of RMB 2
million on the operator of Platform A", "penalties against two banks"), receiving ("the bank
received a penalty of ..."), batches ("notified 26 apps", "ordered 106 apps to be removed") and
headline telegraphese ("Company A Fined 2 Million Yuan"). Each pattern yields an `Event`: the
raw respondent phrase, the verb and the clause it governs. Naming the party and the actor is left to
`parties` and `cases`; nothing here names a body or a company.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .masking import MASK
from .phrases import object_at, subject
from .scan import matches_at, word_starts

_AUX = (r"(?:(?:was|were|is|are)\s+being|was|were|has\s+been|have\s+been|had\s+been|is|are"
        r"|got|get|gets|being)\s+"
        r"(?:(?:also|recently|reportedly|then|severely|officially|later|jointly|each|both|again"
        r"|heavily|previously|subsequently|now|first|immediately|publicly|further|ultimately"
        r"|eventually|formally)\s+){0,2}")
_PASSIVE_V = (r"fined|penali[sz]ed|punished|sanctioned|summoned|interviewed|warned|sentenced|jailed"
              r"|imprisoned"
              r"|convicted|reprimanded|notified|named|called\s+out|criticised|criticized|removed"
              r"|delisted|taken\s+down|taken\s+offline|ordered|asked|handed|given|slapped|hit"
              r"|placed\s+under|put\s+under|detained|arrested|found\s+guilty|prosecuted|required")
PASSIVE = re.compile(rf"\b{_AUX}(?P<v>{_PASSIVE_V})\b", re.I)
_PAST_AUX = re.compile(r"(?:was|were|has|have|had)\b", re.I)  # an order given, not a duty
# Verbs that need a complement to be a penalty: "handed a fine", "ordered to rectify".
_COMPLEMENT_WORDS = {
    "handed": r"(?:\S+\s+){0,5}?(?:fines?|penalt|sentence|warning)",
    "given": r"(?:\S+\s+){0,5}?(?:fines?|penalt|sentence|warning)",
    "slapped": r"with\b", "hit": r"with\b(?:\s+(?!of\b)\S+){0,4}\s+(?:fines?|penalt)",
    "ordered": r"(?:by\s+[^,;]{2,80}?\s+)?to\s+(?:\w+\s+){0,2}?(?:pay|rectif|correct|remov"
               r"|suspend|stop|cease|make|take|address|fix|delete|halt|shut)",
    "asked": r"to\s+(?:make\s+)?(?:rectif|correct)",
    "required": r"to\s+(?:make\s+)?(?:rectif|correct)",
    "placed under": r"(?:a\s+)?(?:cybersecurity\s+review|investigation)",
    "put under": r"(?:a\s+)?(?:cybersecurity\s+review|investigation)",
}
_COMPLEMENT = {k: re.compile(v, re.I) for k, v in _COMPLEMENT_WORDS.items()}
ACTIVE = re.compile(
    r"\b(?P<v>(?:summoned|interviewed|warned)\s+and\s+(?:fined|penali[sz]ed)|fined|penali[sz]ed"
    r"|punished|sanctioned|summoned|interviewed|warned|sentenced|jailed|imprisoned|reprimanded"
    r"|arrested|detained|found|ordered|hit|slapped)\s+(?=\S)", re.I)
_ORDERED_TO = re.compile(r"[^,;]{1,60}?\s+to\s+(?:\w+\s+){0,2}?(?:be\s+removed|be\s+taken|remove"
                         r"|rectif|correct|suspend|stop|cease|pay|take\s+down|delete|halt|shut|address|fix)",
                         re.I)
_NOMINAL_V = (r"imposed|imposes|impose|imposing|inflicted|inflicts|inflict|slapped|slaps|levied"
              r"|issued|issues|handed\s+down"
              r"|gave|gives"
              r"|meted\s+out|disclosed|announced|made")
NOMINAL = re.compile(
    rf"\b(?:(?P<v>{_NOMINAL_V})\b(?:[^.;{MASK}]|\.(?=\d)){{0,140}}?|(?P<n>(?:a|an|the)\s+(?:\w+\s+){{0,2}}))"
    r"(?:fines?|penalt(?:y|ies)|sanctions?|punishments?|penalty\s+decisions?"
    r"|(?:penalty|punishment)\s+decisions?|(?<=\sa\s)warning|warnings)\b"
    r"(?:\s+(?:of|worth|totall?ing)\s+[^;,\d]{0,20}?\d"
    r"(?:[\d.]|,(?=\d))*(?:\s*(?:million|billion|thousand|yuan|rmb|cny|usd|dollars|mn|bn|m)\b)*"
    r")?(?:\s*\([^)]{0,60}\))?(?:,\s+(?:the|a|an)\s[^,;]{2,80},)?"  # ", the largest so far,"
    r"(?:\s+and\s+an?\s+(?:\w+\s+){0,2}?(?:warning|fine))?"
    r"(?:\s+(?:has|have|had|was|were|is|are)\s+(?:been\s+)?(?:imposed|levied|issued|slapped"
    r"|served|handed\s+down))?"
    r"(?:\s+(?:made|issued)\s+by\s+[^,;]{2,80}?)?"
    r"(?:,?\s+(?:in\s+accordance\s+with|under|pursuant\s+to)\s+[^,;]{2,80}?,)?"
    r"\s+(?<!due )(?<!addition )(?<!found )(?<!related )(?<!equal )(?<!according )"
    r"(?:respectively\s+)?(?:on|upon|against|to)\s+(?=\S)", re.I)
DITRANSITIVE = re.compile(r"\b(?:imposed|issued|handed|gave)\s+(?=[A-Z]|the\s|an?\s)")
_DITRANS_TAIL = re.compile(r"^(?P<r>[^;]{2,120}?)(?:,\s*(?P<app>[^,;]{2,60}),)?\s+(?:with\s+)?"
                           r"(?:a|an)\s+(?:\w+\s+){0,2}?(?:fine|penalty|warning)\b")
RECEIVE = re.compile(
    r"\b(?:has\s+|have\s+|had\s+)?(?:(?:also|each|both|previously|recently|already|again"
    r"|earlier|reportedly)\s+){0,2}(?P<v>received|receives|incurred"
    r"|faced|faces|got|paid|pays)\s+(?:[\w$¥.,()-]+\s+){0,6}?(?:penalt(?:y|ies)|fines?|warnings?"
    r"|(?:prison|jail)\s+(?:sentences?|terms?)|sentences?)\b", re.I)
_COUNT_WORD = (r"\d[\d,]*|(?:one\s+)?hundred|twenty|thirty|fifty|one|two|three|four|five|six"
               r"|seven|eight|nine|ten|eleven|twelve|several|multiple|a\s+number\s+of|a\s+batch"
               r"\s+of|a\s+list\s+of|dozens\s+of")
_BATCH_NOUN = (r"(?:apps?|applications|mini[- ]programs|sdks|models|products|websites|accounts"
               r"|devices)(?:\s*\(sdks?\))?(?:\s+and\s+(?:sdks|mini[- ]programs|apps))?")
# "ordered app stores to remove 90 apps": the apps are penalised, the stores only carry it out.
_ORDERED_REMOVAL = re.compile(rf"[^,;]{{1,60}}?\s+to\s+(?:remove|take\s+down|delist)\s+(?:(?:the"
                              rf"|a\s+total\s+of|more\s+than|over|nearly)\s+)*(?:{_COUNT_WORD})"
                              rf"\s+(?:[\w-]+\s+){{0,3}}?{_BATCH_NOUN}\b", re.I)
# "ordered app stores to remove Platform A's app": the owner of the one app named is the party.
_NAMED_REMOVAL = re.compile(
    r"(?i:\b(?P<v>order(?:ed|s)?|asked|required|instructed)\s+(?:the\s+|all\s+|major\s+)?"
    r"(?:app(?:lication)?|mobile\s+app)\s+(?:stores?|markets?)\s+to\s+(?:remove|take\s+down"
    r"|delist|take\s+offline)\s+)(?P<r>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s\s+"
    r"(?i:(?:mobile\s+)?app(?:lication)?s?\b)")
BATCH = re.compile(
    rf"\b(?P<v>notified|named|naming|removed|remove|removing|delisted"
    rf"|(?:took|taken|take|taking)\s+(?:down|offline)|called\s+out|exposed|reprimanded|published\s+a\s+list\s+of|released\s+a"
    rf"\s+list\s+of|detected|found(?:\s+that)?|reported|announcements?\s+on|ordered|listed"
    rf"|identified|flagged|removal\s+of|announced)\s+(?:from\s+(?:the\s+)?(?:major\s+)?(?:app"
    rf"(?:lication)?\s+stores?|app\s+markets?|shelves)\s+)?(?:(?:the|a\s+total\s+(?:number\s+)?"
    rf"of|more\s+than|over|nearly|the\s+designated|another)\s+)*(?P<r>(?:{_COUNT_WORD})\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{_BATCH_NOUN}|[A-Z][\w-]*\s+and\s+(?:the\s+)?other\s+\d+\s+{_BATCH_NOUN})\b"
    r"(?!\s+(?:stores?|markets?)\b)", re.I)  # "several app stores" are not a batch of apps
SUBJECTLESS = re.compile(r"\b(?P<v>issued|imposed|gave|handed\s+down)\s+(?:it\s+|them\s+)?(?:a|an)"
                         r"\s+(?:\w+\s+){0,2}?(?:warning|fine|penalty|order)\b(?!\s+(?:of\s+\S+\s+"
                         r"(?:\w+\s+)?)?(?:on|upon|to|against)\s+(?!correct|rectif|make|stop"
                         r"|cease))", re.I)
_AND_ON = re.compile(r"\s+and\s+(?:also\s+)?(?:on|upon|against)\s+(?=\S)", re.I)
REVIEW = re.compile(r"\bcybersecurity\s+reviews?\s+(?:on|of|into|against|over)\s+(?=\S)", re.I)
TYPICAL = re.compile(r"^(?:\(\d+\)\s*)?Cases?\s+(?:of|on|concerning)\s+[^\n]{3,80}?\s+(?:by|from"
                     r"|against|involving)\s+(?P<r>(?:a|an|the)\s[^\n]{3,80}?)\s*$")
# The units an amount in a penalty is written with ("50,000 yuan", "5 million", "RMB 2m").
_UNITS = r"million|billion|thousand|yuan|rmb|cny|mn|bn|m|k"
HEADLINE = re.compile(
    r"^(?P<r>[^,;:\n]{2,100}?)\s+(?P<v>fined|penali[sz]ed|punished|summoned|interviewed"
    r"|sanctioned|sentenced|jailed|imprisoned|arrested|warned|reprimanded)\b(?=\s+(?:for|after|over|by|in|with"
    r"|on|more|a\s+total|up\s+to|RMB|CNY|USD|US\$|\$|¥)"
    rf"|\s+\d[\d,.]*\s*(?:{_UNITS}|years?|months?|days?)\b|\s*[!.]?\s*$)", re.I)
# An active verb's object is a party: not a preposition ("fined for"), not an amount ("fined
# 20,000 yuan", "fined RMB 5 million").
_NOT_OBJECT = re.compile(r"(?:for|over|after|by|in|on|with|to|because|due|from|at|as|under|of"
                         r"|without|since|during|amid|following|up|more|about|nearly|a\s+total"
                         r"|again|also|too|twice|once|repeatedly|heavily|recently|today"
                         r"|yesterday|last|this|earlier|later|separately|respectively)\b"
                         rf"|(?:rmb|cny|usd|us\$|\$|¥|hk\$)?\s*\d[\d,.]*\s*(?:{_UNITS})?\b"
                         r"(?!\s*(?:[\w-]+\s+){0,3}?"
                         r"(?:apps?|applications|companies|enterprises|people|persons|banks"
                         r"|suspects|individuals))",
                         re.I)
_FINAL_STOP = re.compile(r"[.!?]\s*$")


# "the penalty was imposed on": a passive nominal with no amount names no new penalty.
_BACK_PASSIVE = re.compile(r"the\s(?!.*\d)(?!(?:second|third|fourth|fifth|other|latter|last)\s)"
                           r".*\b(?:has|have|had|was|were|is|are)\s", re.I | re.S)
_GATE_WORDS = {
    "passive": (" was ", " were ", " been ", " is ", " are ", " got ", " get", "being "),
    "receive": ("receiv", "incurred", "faced", "faces", " got ", "paid", "pays"),
    "active": ("fine", "summon", "interview", "warn", "sentenc", "penal", "punish", "sanction",
               "reprimand", "found", "ordered", "jailed", "imprisoned", "hit ", "slapped",
               "arrested", "detained"),
    "nominal": ("fine", "penalt", "sanction", "punishment", "warning", "order"),
    "batch": ("app", "sdk", "mini", "model", "product", "website", "account", "device",
              "program"),
}
# What NOMINAL, BATCH, DITRANSITIVE (case as written) and SUBJECTLESS each need, beyond their
# family's gate words: the penalty noun, the batch noun, the verb.
_NOUNS = ("fine", "penalt", "sanction", "punishment", "warning")
_BATCH_NOUNS = ("app", "mini-programs", "mini programs", "sdks", "models", "products",
                "websites", "accounts", "devices")
_GIVING = ("imposed", "issued", "handed", "gave")
# ... and what PASSIVE and RECEIVE need beyond their auxiliaries: the verb, the penalty.
_PASSIVE_VERBS = ("fined", "penali", "punished", "sanctioned", "summoned", "interviewed",
                  "warned", "sentenced", "jailed", "imprisoned", "convicted", "reprimanded",
                  "notified", "named", "asked",
                  "called", "critici", "removed", "delisted", "taken", "ordered", "handed",
                  "given", "slapped", "hit", "placed", "put", "detained", "arrested", "found",
                  "prosecuted", "required")
_RECEIVED = ("penalt", "fine", "warning", "prison", "jail", "sentence")
# Every pattern below needs one of these words.
_ANY = ("fine", "penal", "punish", "sanction", "summon", "interview", "warn", "sentenc", "notif",
        "jailed", "imprisoned", "asked", "required", "taking",
        "named", "naming", "remov", "take", "took", "delist", "review", "reprimand", "called",
        "critici", "ordered", "order", "handed", "given", "slapped", "hit ", "under", "detain",
        "arrest", "guilty", "convict", "prosecut", "case", "receiv", "incurred", "faced",
        "got ", "paid", "pays", "exposed", "list", "detected", "found", "reported", "announce",
        "identif", "flagged")
_AUX_BEFORE = re.compile(rf"\b{_AUX}$|\b(?:be|been)\s+$", re.I)


@dataclass
class Event:
    """One penalty verb and the respondent phrase it governs."""

    raw: str
    r_start: int
    r_end: int
    verb: str
    v_start: int
    voice: str  # "active" | "passive" | "nominal" | "receive" | "batch" | "review" | "headline"
    sentence: tuple[int, int]
    apposition: str = ""
    start: int = 0  # where the event's clause starts; its end is set once all events are known
    end: int = 0


def gates(lower: str) -> dict[str, bool]:
    """Which pattern families a (lower-cased) text can match: substring tests, which cost a
    tenth of running the patterns on a sentence that has none of their words."""
    return {name: any(map(lower.__contains__, words)) for name, words in _GATE_WORDS.items()}


# The words each pattern's matches start with (lower case; a prefix stands for its forms).
# Every pattern below opens with a word boundary and one of these words.
_STARTS = {
    PASSIVE: ("was", "were", "has", "have", "had", "is", "are", "got", "get", "being"),
    RECEIVE: ("has", "have", "had", "also", "each", "both", "previously", "recently",
              "already", "again", "earlier", "reportedly", "receive", "incurred", "faced",
              "faces", "got", "paid", "pays"),
    ACTIVE: ("summoned", "interviewed", "warned", "fined", "penali", "punished", "sanctioned",
             "sentenced", "reprimanded", "found", "ordered", "jailed", "imprisoned", "hit",
             "slapped", "arrested", "detained"),
    NOMINAL: ("impos", "inflict", "slap", "gave", "gives", "levied", "issue", "handed", "meted",
              "disclosed",
              "announced", "made", "a", "the"),
    DITRANSITIVE: ("imposed", "issued", "handed", "gave"),
    SUBJECTLESS: ("issued", "imposed", "gave", "handed"),
    BATCH: ("notified", "nam", "remov", "delisted", "took", "tak", "called", "exposed",
            "reprimanded", "published", "released", "detected", "found", "reported", "announce",
            "ordered", "listed", "identified", "flagged"),
    REVIEW: ("cybersecurity",),
}


def _scan(pattern: re.Pattern[str], masked: str, s: int, e: int,
          lower: str | None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(masked, s, e)`. `lower` is masked[s:e] lower-cased when that is ASCII
    (else None): then the pattern is tried only where one of its `_STARTS` words starts."""
    if lower is None:
        return pattern.finditer(masked, s, e)
    return matches_at(pattern, masked, (s + i for i in word_starts(lower, _STARTS[pattern])),
                      s, e)


def find_events(masked: str, sentence: tuple[int, int], headline: bool) -> list[Event]:
    """Every penalty clause of one sentence, in text order."""
    s, e = sentence
    found: list[Event] = []
    seg = masked[s:e]
    lower = seg.lower()
    if not any(map(lower.__contains__, _ANY)):
        return found
    has = gates(lower)
    ascii_lower = lower if seg.isascii() else None
    passive = has["passive"] and (ascii_lower is None
                                  or any(map(lower.__contains__, _PASSIVE_VERBS)))
    for m in _scan(PASSIVE, masked, s, e, ascii_lower) if passive else ():
        key = " ".join(m["v"].lower().split())
        if key in _COMPLEMENT and not _COMPLEMENT[key].match(masked[m.end():e].lstrip()):
            continue
        if key == "required" and not _PAST_AUX.match(m.group()):
            continue  # "firms are required to correct ...": a duty, not an order
        span = subject(masked, s, m.start())
        if span:
            found.append(Event(masked[span[0]:span[1]], *span, key, m.start("v"), "passive",
                               sentence))
    receive = has["receive"] and (ascii_lower is None
                                  or any(map(lower.__contains__, _RECEIVED)))
    for m in _scan(RECEIVE, masked, s, e, ascii_lower) if receive else ():
        span = subject(masked, s, m.start())
        if span:
            found.append(Event(masked[span[0]:span[1]], *span, "received", m.start("v"),
                               "receive", sentence))
    if has["active"]:
        for m in _scan(ACTIVE, masked, s, e, ascii_lower):
            if _AUX_BEFORE.search(masked, max(s, m.start() - 40), m.start()):
                continue
            v = m["v"].lower()
            span = object_at(masked, m.end(), e)
            if span is None or _NOT_OBJECT.match(masked, span[0]) or (v == "found" and not re.match(
                    r"[^,;]{1,60}?\s+guilty\b", masked[span[0]:e])):
                continue
            if v == "found":
                span = (span[0], masked.lower().find(" guilty", span[0]))
            if v in ("hit", "slapped") and not _COMPLEMENT[v].match(masked[span[1]:e].lstrip()):
                continue  # "hit three developers with fines of ...", as in the passive
            if v == "ordered" and (not _ORDERED_TO.match(masked, span[0], e)
                                   or _ORDERED_REMOVAL.match(masked, span[0], e)):
                continue
            found.append(Event(masked[span[0]:span[1]], *span, v.split()[-1], m.start("v"),
                               "active", sentence))
    # Ignoring case, a non-ASCII letter can match an ASCII one: only ASCII text is gated here.
    nouns = has["nominal"] and (ascii_lower is None
                                or any(map(lower.__contains__, _NOUNS)))
    for m in _scan(NOMINAL, masked, s, e, ascii_lower) if nouns else ():
        span = object_at(masked, m.end(), e)
        if span and m["n"] and _BACK_PASSIVE.match(m.group()):
            continue  # "the fact that the penalty was imposed on ...": one told of before
        if span:
            v = (m["v"] or "imposed").lower()
            at = m.start("v") if m["v"] else m.start()
            found.append(Event(masked[span[0]:span[1]], *span, v, at, "nominal", sentence))
    for ev in [f for f in found if f.voice == "nominal"]:
        # "imposed penalties on a brand company for ... and on an AI provider for ..."
        for m in _AND_ON.finditer(masked, ev.r_end, e):
            span = object_at(masked, m.end(), e)
            if span:
                found.append(Event(masked[span[0]:span[1]], *span, ev.verb, m.start(),
                                   "nominal", sentence))
    giving = has["nominal"] and any(map(seg.__contains__, _GIVING))
    for m in (_scan(DITRANSITIVE, masked, s, e, ascii_lower) if giving
              else ()):
        t = _DITRANS_TAIL.match(masked[m.end():e])
        if t and not re.search(r"\b(?:fines?|penalt|warning|sanction|total)", t["r"], re.I):
            a = m.end()
            found.append(Event(t["r"], a, a + len(t["r"]), "imposed", m.start(), "nominal",
                               sentence, t["app"] or ""))
    if not found and has["nominal"] and (ascii_lower is None
                                         or any(map(lower.__contains__, _GIVING))):
        # "the authority issued a warning and an order to correct": the party is the one the
        # story is about.
        m = next(_scan(SUBJECTLESS, masked, s, e, ascii_lower), None)
        if m is not None:
            found.append(Event("it", m.start(), m.start(), m["v"].lower(), m.start(), "implicit",
                               sentence))
    batch = has["batch"] and (ascii_lower is None
                              or any(map(lower.__contains__, _BATCH_NOUNS)))
    for m in _scan(BATCH, masked, s, e, ascii_lower) if batch else ():
        found.append(Event(m["r"], m.start("r"), m.end("r"), m["v"].lower(), m.start("v"),
                           "batch", sentence))
    for m in _NAMED_REMOVAL.finditer(masked, s, e) if "stores to" in lower else ():
        found.append(Event(m["r"], m.start("r"), m.end("r"), "remove", m.start("v"), "batch",
                           sentence))
    for m in _scan(REVIEW, masked, s, e, ascii_lower) if "review" in lower else ():
        span = object_at(masked, m.end(), e)
        if span:
            cut = re.search(r"\s+and\s+(?![A-Z])", masked[span[0]:span[1]])
            span = (span[0], span[0] + cut.start()) if cut else span
            found.append(Event(masked[span[0]:span[1]], *span, "review", m.start(), "review",
                               sentence, masked[span[1]:e]))
    if headline or not _FINAL_STOP.search(masked[s:e]):
        line = masked[s:e]
        m = TYPICAL.match(line) or HEADLINE.match(line)
        if m is not None and not found:
            voice = "headline" if "v" in m.groupdict() else "typical"
            found.append(Event(m["r"], s + m.start("r"), s + m.end("r"),
                               (m.groupdict().get("v") or "case").lower(), s + m.start("r"),
                               voice, sentence))
    found.sort(key=lambda ev: (min(ev.r_start, ev.v_start), ev.v_start))
    unique: list[Event] = []
    for ev in found:  # one event per respondent span
        if any(u.r_start == ev.r_start or (u.r_start <= ev.r_start < u.r_end) for u in unique):
            continue
        unique.append(ev)
    for ev in unique:
        ev.start = min(ev.r_start, ev.v_start)
    unique.sort(key=lambda ev: ev.start)
    for n, ev in enumerate(unique):
        nxt = [u.start for u in unique[n + 1:] if u.start > ev.v_start]
        ev.end = min(nxt) if nxt else e
    return unique

