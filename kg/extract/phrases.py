"""The noun phrases a penalty verb governs: the object after an active verb ("fined Company A
2 million yuan") and the subject before a passive or receiving one ("Company A, a Shanghai
retailer, was fined"), without the adverbials, relative clauses and times around them.
"""

from __future__ import annotations

import re

_STOP = re.compile(
    r"\s[-–—]\s|\s+(?:has|have|had|was|were|is|are|will|would|states|stated|said|says|shows"
    r"|showed|if|when|where|unless|whether|in\s+the\s+amount)\b"
    r"|\s+(?:for|over|about|because|after|due\s+to|with|to|from|as|according|under|by|which|who|that"
    r"|totall?ing|amounting|worth"
    r"|on\s+the\s+ground|amid|following|since|last|this|earlier|respectively|each|before"
    r"|until|in\s+(?=accordance|total|a\s+statement|the\s+first|recent|\d|its|their|an?\s)"
    r"|(?:in|on)\s+(?=(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)|and\s+(?:also\s+)?(?:ordered|imposed|fined|confiscated|warned"
    r"|required|demanded|urged|instructed|its|their|his|her|on|against|a\s+fine|an?\s+(?:\w+\s+){1,3}of"
    r"|sentenced|issued|seized|helped|froze|recovered|dismantled|busted|arrested|detained))\b"
    r"|[,;:!?\[]|\((?![A-Z][A-Za-z]{1,15}\)|[“\"][^)]{1,30}\))"
    r"|\.(?=\s|$)|$", re.I)
_RESPONSIBLE = re.compile(r"\bresponsible$", re.I)
_LEAD_PAREN = re.compile(r"\s*\([^)]{0,60}\)\s*")
_CLAUSE_CUT = re.compile(r";|\s--\s|\s—\s|––|\bthat\s+|,\s+(?:and|while|but|whereas)\s+|\bwhile\s+"
                         r"|:\s+|\b(?:where|as|when|because|although|though|if|once)\s+(?!well\b)"
                         # "after an investigation, six apps were ...": a preposition's phrase,
                         # which the adverbials below take off
                         r"|\b(?:after|before|since)\s+(?![^,.;]{1,60},\s)"
                         r"|\b(?:said|says|stated|showed|shows|revealed|noted)\s+", re.I)
_ADVERBIAL = re.compile(
    r"(?:(?:On|In|Last|Earlier|Later|Previously|Separately|Meanwhile|Additionally|Also"
    r"|However|Moreover|Furthermore|Recently|Then|Since|After|From|During|At|According\s+to"
    r"|As\s+a\s+result|In\s+addition|Coincidentally|For\s+example|Specifically|Among\s+them"
    r"|Besides|Today|Yesterday|This\s+week|Last\s+week|Details|Notably|Similarly|Likewise"
    r"|Further|Finally|Also\s+on|Under|Based\s+on|Pursuant\s+to|In\s+accordance\s+with"
    r"|Through|Following|Due\s+to|Because\s+of|With)\b[^,]{0,160},\s*|(?:and|but|or|while|whereas|yet)\s+"
    r"|(?:On|In|Last|Since)\s+(?:the\s+same\s+"
    r"(?:day|date)|[A-Z][a-z]+\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?"
    r"|[A-Z][a-z]+\s+\d{4}|\d{4})\s+(?=[A-Za-z]))", re.I)
_SUBJECT_TAIL = re.compile(r"\s+(?:each|both|all|also|respectively|later|then|recently"
                           r"|reportedly|jointly)$|,?\s+(?:on|in|last|this|earlier)\s+"
                           r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week"
                           r"|month|year|January|February|March|April|May|June|July|August"
                           r"|September|October|November|December|\d{4})\b[^,;]{0,12}$", re.I)
# What a relative clause opens with: "that had failed", "that collected", "that were found".
_RELATIVE = re.compile(r"(?:had|has|have|was|were|is|are|did|does|do|could|would|repeatedly"
                       r"|still|also|allegedly)\b|[a-z]+ed\b")
# "Facing a penalty of 3 million yuan ($471,300), ": a participle's phrase before the subject.
_PARTICIPLE_LEAD = re.compile(r"[A-Z][a-z]+ing\b(?:(?!\b(?:was|were|is|are)\b)[^;])*?,\s+"
                              r"(?=[A-Z])")
_PRONOUN_OBJECT = re.compile(r"(?:it|them|him|her)(?=\s+(?:a|an|the|\d|rmb|cny|yuan|¥|\$)\b)",
                             re.I)
_FIRST_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had)\b")
_AND_END = re.compile(r"\band\s*$")
# "penalties against Bank A, which was fined ...": a relative clause's subject is the phrase
# before its comma, from the word that governs that phrase.
_WHICH = re.compile(r",\s+(?:which|who)\s+$", re.I)
# "Two firms were fined, Company A was warned ...": clauses spliced by a comma, each with its
# own subject.
# "X was warned, Y ...", "Punishments were also handed out and Taobao [was fined]": the
# subject of a later passive starts after the clause before it.
_SPLICE = re.compile(r"\b(?:was|were)\s+(?:[a-z]+ly\s+|also\s+)?[a-z]+ed\b"
                     r"(?:[^,;]*,\s+|[^,;]*?\s+and\s+)(?=[A-Z])")
_GOVERNOR = re.compile(r"\b(?:against|on|upon|to|by|from|with|fined|penali[sz]ed|punished"
                       r"|sanctioned|warned|named|notified|summoned|sentenced"
                       r"|contained|included|covered|involved)\s+", re.I)

def object_at(masked: str, at: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that starts at `at`: up to a preposition, a clause break or the end."""
    lead = _LEAD_PAREN.match(masked, at, end)
    if lead:
        at = lead.end()
    pronoun = _PRONOUN_OBJECT.match(masked, at, end)
    if pronoun:  # "fined it a further 620,000 yuan"
        return at, pronoun.end()
    m = _STOP.search(masked, at + 1, end)
    if m and _RESPONSIBLE.search(masked, at, m.start()) and m.group().strip() == "for":
        m = _STOP.search(masked, m.end(), end)  # "the persons responsible for Company A"
    stop = m.start() if m else end
    return (at, stop) if stop > at else None


def _last_clause(masked: str, s_start: int, at: int) -> tuple[int, int]:
    """(start, end) of the last clause before `at`, or of the phrase before a relative
    "that" ("the 96 apps that had failed to ... were removed")."""
    seg = masked[s_start:at]
    start = s_start
    for m in _CLAUSE_CUT.finditer(seg):
        if (m.group(0).startswith("that") and start < s_start + m.start()
                and _RELATIVE.match(seg, m.end())):
            return start, s_start + m.start()
        start = s_start + m.end()
    return start, at


def subject(masked: str, s_start: int, at: int) -> tuple[int, int] | None:
    """The subject of a passive or receiving verb at `at`: its clause, minus lead adverbials."""
    if "which" in masked[at - 8:at] or "who" in masked[at - 6:at]:
        rel = _WHICH.search(masked, s_start, at)
        if rel is not None:
            at = rel.start()
            s_start = max((g.end() for g in _GOVERNOR.finditer(masked, s_start, at)),
                          default=s_start)
    seg = masked[s_start:at]
    start, at = _last_clause(masked, s_start, at)
    if " wer" in seg or " was" in seg:
        start = max((m.end() for m in _SPLICE.finditer(masked, start, at)), default=start)
    while start < at and masked[start].isspace():
        start += 1
    if not masked[start:at].strip() or _AND_END.search(masked[start:at]):
        # "..., and was fined": the subject of the clause that holds the first verb ("the
        # regulator said that six apps were found to ... and were ordered to ...").
        v = _FIRST_VERB.search(masked, s_start, at)
        at = v.start() if v else at
        start, cut = _last_clause(masked, s_start, at)
        if not masked[start:cut].strip():
            start = s_start
        else:
            at = cut
    while True:
        m = _ADVERBIAL.match(masked, start, at) or _PARTICIPLE_LEAD.match(masked, start, at)
        if m is None or m.end() == start:
            break
        start = m.end()
    end = at
    tail = _SUBJECT_TAIL.search(masked, start, end)
    if tail:
        end = tail.start()
    while end > start and masked[end - 1] in " ,":
        end -= 1
    return (start, end) if end > start else None
