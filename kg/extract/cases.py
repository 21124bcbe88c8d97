"""Enforcement cases: who acted against whom, on what basis, with what penalty.

One case per penalised party. `events` finds every penalty clause of the item (active, passive,
nominal, receiving, batch, review and headline forms); `parties` cleans the respondent phrase.
Here each clause gets its actor (the subject, a "by X" agent, else the item's nearest body),
its fine (the amount the clause puts on the party, not a conversion, a confiscation, an illegal
gain or a fine on a responsible person), and clauses naming the same party, or referring back
to it ("the company", "it"), become one case. Running totals ("44 penalties totalling ...") and
hypotheticals ("may be fined") add nothing; civil suits are not cases. Action cue phrases come
from the ontology. `story.resolve_story` carries cases across the paragraphs of one report.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon, cue_words

from .actions import find_actions
from .actors import actor_hint, clause_actor, item_actor, local_branch, respectively, sentencing
from .events import Event, find_events
from .fines import clause_fines, pick
from .grouping import Case, Clause, group, introduced
from .masking import mask, sentences
from .model import UNNAMED, Amount, CaseMention, ItemExtraction, Mention
from .parties import BATCH_HEAD, parse_party, split_list
from .parties import listed_members as _members

# Cheap substring tests before any regex. A penalty word lets an item in; a reporting verb
# ("announced", "found", "received") only with a penalty noun or a batch of apps beside it.
_STRONG = ("fine", "penal", "punish", "sanction", "summon", "interview", "warned", "sentenc",
           "notified", "naming", "remov", "take down", "took down", "taken down", "offline",
           "delist", "cybersecurity review", "reprimand", "called out", "arrest", "detain",
           "guilty", "convict", "case of", "cases of", "jailed", "imprisoned")
_WEAK = ("review", "named", "ordered", "asked to", "required to", "reported", "found",
         "received", "exposed", "announce", "list of", "detected", "warning", "identified",
         "listed", "flagged")
_WEAK_WITH = ("app", "sdk", "program", "penalt", "order to", "warning", "rectif", "correct",
              "suspend", "cease")
_CIVIL_WORDS = ("sued", "civil", "plaintiff", "appellant")
_AGGREGATE_WORDS = ("so far", "year-on-year", "statistic", "throughout", "january", "first",
                    "cases", "penalties", "decisions", "fines", "punishments")
_CIVIL = re.compile(r"\b(?:was sued|sued by|civil (?:suit|case|lawsuit|dispute)|plaintiff"
                    r"|appellant)\b", re.I)
_AGGREGATE = re.compile(
    r"\b(?:in total so far|so far|year-on-year|statistics (?:show|released)|according to "
    r"statistics|throughout (?:the year|\d{4})"
    r"|from january to|in the first (?:\w+ )?months|(?:\d{1,3}(?:,\d{3})+|\d{3,}) "
    r"(?:administrative |criminal )?cases|(?:\d+|two|three|four|five|six|seven|eight|nine|ten"
    r"|several|multiple) (?:separate |administrative )?(?:penalties|penalty decisions|fines"
    r"|punishments)\b)", re.I)
_GENERIC = re.compile(r"\b(?:first|second|third|only) time (?:that|when)\b", re.I)
_IRREALIS = re.compile(r"\b(?:(?:may|might|could|would|will|shall|should|can|cannot|must"
                       r"|otherwise|plans? to|intends? to|threatens? to|liable to|subject to"
                       r"|apply for|applies for|applying for|need to|needs to|required to)"
                       r"\s+(?:\w+\s+){0,3}"
                       # "its decision to impose": a decision taken, not a plan
                       r"|(?<!decision )(?<!decisions )(?<!decided )(?<!decides )to\s+(?:\w+\s+)?)$"
                       r"|\b(?:if|unless|whether"
                       r"|in the event(?: that)?|once|whenever)\s[^,;()]{0,80}$", re.I)
_UNNAMED = re.compile(r"\blocal\s+(?:police|authorities|regulators?|officials)\b", re.I)
# "SEE ALSO: X fined ...": the title of another article, whose penalty is no case here.
_SKIP_LINE = re.compile(rf"^\s*{cue_words('cross-reference')}", re.I)
_BEFORE_AMOUNT = re.compile(r"\s+(?:worth|and)\s+\S{0,4}$")
# The batch verbs that take apps down ("remove", "delisted", "took offline", "taking down").
_REMOVING = ("remov", "delist", "took", "tak")
_CRIMINAL_VERBS = ("sentenced", "convicted", "found", "found guilty", "arrested", "detained",
                   "jailed", "imprisoned",
                   "prosecuted")


def find_cases(text: str, headline_len: int, ext: ItemExtraction,
               lexicon: Lexicon) -> list[CaseMention]:
    """The cases an item reports: one per penalised party."""
    low = text.lower()
    if not any(map(low.__contains__, _STRONG)) and not (
            any(map(low.__contains__, _WEAK)) and any(map(low.__contains__, _WEAK_WITH))):
        return []
    masked = mask(text)
    bodies = bodies_of(ext)
    cands: list[Clause] = []
    for sent in sentences(masked):
        events = find_events(masked, sent, sent[0] < headline_len)
        if not events:
            continue
        events += elliptical(masked, events, [a.start for a in ext.amounts])
        line = text[sent[0]:sent[1]]
        lower = line.lower()
        if _SKIP_LINE.match(line) or (any(map(lower.__contains__, _CIVIL_WORDS))
                                      and _CIVIL.search(line)):
            continue
        aggregate = any(map(lower.__contains__, _AGGREGATE_WORDS)) and bool(_AGGREGATE.search(line))
        for ev in events:
            if _skip(masked, ev):
                continue
            for c in _cands(text, ev, bodies, ext.amounts, aggregate):
                c.headline = sent[0] < headline_len
                cands.append(c)
    introduced(cands, text, [(m.start, m.end) for m in (
        *ext.authorities, *(i.mention for i in ext.instruments))])
    if any(c.event.voice not in ("headline", "typical")
           and (c.party.kind in ("entity", "batch") or c.aggregate)
           for c in cands):  # the body names the party: the headline only repeats it
        cands = [c for c in cands if c.event.voice not in ("headline", "typical")]
    cases = group(cands, lexicon)
    if not cases:
        return []
    basis = [i for i in ext.instruments if i.mention.ref is not None and i.status == "unknown"]
    regions = _regions(cases, len(text))
    out: list[CaseMention] = []
    for case, region in zip(cases, regions, strict=True):
        head = case.name
        fine, kind = case.fine
        authority, source = _authority(case, bodies, text, lexicon)
        actions = find_actions(text, ext, lexicon, region)
        if fine is not None and not {"fine", "criminal_sentence"} & set(actions):
            actions.append("fine")  # "imposed a 3.1 million yuan ($430,000) fine against"
        if "app_removal" not in actions and any(
                k.event.voice == "batch" and k.event.verb.startswith(_REMOVING)
                for k in case.cands):
            actions.append("app_removal")  # "ordered app stores to remove 90 apps"
        c = CaseMention(authority, head.party.name, head.span, basis, fine, case.personal,
                        actions, head.party.count if head.party.kind == "batch" else None,
                        date=ext.item.date, aliases=head.party.aliases,
                        anaphor=all(c.party.kind == "anaphor" for c in case.cands),
                        authority_from=source,
                        fine_kind=kind, actor_hint=case.hint,
                        headline=all(k.event.voice == "headline" for k in case.cands))
        together = max((respectively(text, bodies, k.event) for k in case.cands), key=len)
        if len(together) > 1:  # "MIIT, MPS and CVERC respectively notified ...": one each
            out.extend(_copy(c, a) for a in together)
        else:
            out.append(c)
    return out


def bodies_of(ext: ItemExtraction) -> list[Mention]:
    """The bodies an item names, but not one inside an instrument's title ("Opinions of the
    State Council"); a "title" that starts with the body is more likely a misread."""
    titles = [(i.mention.start, i.mention.end) for i in ext.instruments]
    return [a for a in ext.authorities if not any(s < a.start and a.end <= e for s, e in titles)]


def _copy(c: CaseMention, authority: Mention) -> CaseMention:
    return CaseMention(authority, c.respondent, c.respondent_span, c.legal_basis, c.fine,
                       c.personal_fine, c.actions, c.app_count, date=c.date, aliases=c.aliases,
                       authority_from="clause", fine_kind=c.fine_kind)


def _skip(masked: str, ev: Event) -> bool:
    """A hypothetical, a generic statement, or an infinitive ("plans to fine")."""
    s = ev.sentence[0]
    at = min(ev.v_start, ev.r_start)
    before = masked[max(s, at - 100):at]
    if ev.voice != "batch" and _IRREALIS.search(before):
        return True
    generic = _GENERIC.search(masked, s, ev.v_start) if "time" in masked[s:ev.v_start] else None
    return generic is not None and "(" not in masked[generic.end():ev.v_start]


def _cands(text: str, ev: Event, bodies: list[Mention], amounts: list[Amount],
           aggregate: bool) -> list[Clause]:
    cut = [a.start for a in amounts if ev.r_start <= a.start < ev.r_end]
    if cut:  # "fined Group A's unit worth 4.6 million", "a fine on Group A and $5 million ..."
        ev.r_end = min(cut)
        trail = _BEFORE_AMOUNT.search(text, ev.r_start, ev.r_end)
        ev.r_end = trail.start() if trail else ev.r_end
    raw = ev.raw if ev.voice == "implicit" else text[ev.r_start:ev.r_end]
    party = parse_party(raw, summons=ev.verb in ("summoned", "interviewed"),
                        criminal=ev.verb in _CRIMINAL_VERBS)
    if party is None or (party.kind == "batch" and party.count is not None and party.count >= (
            1000 if BATCH_HEAD.search(party.name) else 100)):
        return []  # a running total or a statistic, not a case
    after = text[ev.r_end:ev.sentence[1]]
    members = _members(after) if party.kind == "batch" else []
    names: list[tuple[str, tuple[int, int]]] = [(party.name, (ev.r_start, ev.r_end))]
    fine_verb = ev.verb in ("fined", "penalised", "penalized", "punished", "imposed", "issued",
                            "slapped", "disclosed", "announced", "sanctioned", "levied")
    if members and fine_verb:
        names = [(m, (ev.r_start, ev.r_end)) for m in members]
    elif members:
        names = [(", ".join(members[:-1]) + " and " + members[-1], (ev.r_start, ev.r_end))]
    elif fine_verb and party.kind == "entity":
        parts = split_list(party.name)
        if len(parts) > 1 and all(len(p.split()) > 1 for p in parts):
            names = [(p, (ev.r_start, ev.r_end)) for p in parts]
    if ev.apposition:
        own = re.match(r"([A-Z][\w-]*)['’]s\s+(?:operator|operating entity|parent|subsidiary)",
                       ev.apposition.strip())
        if own:
            party.aliases = (*party.aliases, own.group(1))
    fines = clause_fines(text, ev, amounts)
    authority, explicit = clause_actor(text, ev, bodies)
    hint = None if explicit else actor_hint(text, ev)
    out = []
    for n, (name, span) in enumerate(names):
        p = party if name == party.name else (parse_party(name) or party)
        c = Clause(p, ev, span, authority, explicit, aggregate=aggregate, hint=hint)
        fine = pick(text, fines, len(names), n, ev)
        if fine is not None and not aggregate:
            c.fine, c.fine_kind = fine
        out.append(c)
    return out


def _authority(case: Case, bodies: list[Mention], text: str,
               lexicon: Lexicon) -> tuple[Mention | None, str | None]:
    """The case's actor: a clause's own, else one the item names; and where it was found. A
    sentence is a court's: "prosecuted by the X Procuratorate, ... were sentenced" is not the
    procuratorate's."""
    sentenced = next((c.event for c in case.cands
                      if c.event.voice != "batch" and sentencing(c.event, text)), None)
    for c in case.cands:
        if c.explicit and c.authority is not None and (
                sentenced is None or "court" in c.authority.text.lower()):
            return local_branch(c.authority, c.event, bodies, text, lexicon), "clause"
    first = sentenced or case.cands[0].event
    s, e = first.sentence
    if _UNNAMED.search(text, s, e) and not any(s <= a.start < e for a in bodies):
        return None, UNNAMED  # "Local police arrested ...": no body the story names elsewhere
    return item_actor(first, bodies, text, case.hint, lexicon)


def _regions(cases: list[Case], n: int) -> list[list[tuple[int, int]]]:
    """The text each case's actions are read from: all of it when there is one case."""
    if len(cases) == 1:
        return [[(0, n)]]
    starts = [c.cands[0].event.sentence[0] for c in cases]
    out = []
    for k, case in enumerate(cases):
        later = [s for s in starts if s > starts[k]]
        spans = [(starts[k], min(later) if later else n)]
        spans += [c.event.sentence for c in case.cands[1:]]
        out.append(spans)
    return out


# ", and Bank C 2 million yuan": a party and its amount, the verb left out.
_ELLIPSIS = re.compile(r"(?:[,;]\s*(?:and\s+|while\s+|whereas\s+)?|\s+and\s+)(?P<r>(?:the\s+)?"
                       r"[A-Z][\w&.'’-]*(?:\s+(?:[A-Z(][\w&.'’()-]*|of|and|the)){0,8}?)\s+$")


def elliptical(masked: str, events: list[Event], amount_starts: list[int]) -> list[Event]:
    """Parties that share the verb of a penalty clause before them, each with its own amount
    ("Bank A was fined 3 million yuan, Bank B 2 million")."""
    fined = [ev for ev in events if ev.verb in ("fined", "penalised", "penalized")]
    if not fined:
        return []
    first = fined[0]
    out: list[Event] = []
    for at in amount_starts:
        if at <= first.v_start or at >= first.sentence[1]:
            continue
        m = _ELLIPSIS.search(masked, max(first.v_start, at - 90), at)
        # only after the clause has its own amount: "A and B were fined X and Y" is one clause
        if m is not None and any(first.v_start < a < m.start() for a in amount_starts):
            out.append(Event(m["r"], m.start("r"), m.end("r"), first.verb, m.start("r"),
                             first.voice, first.sentence, start=m.start("r"),
                             end=first.sentence[1]))
    for ev, nxt in zip(events + out, (events + out)[1:], strict=False):
        ev.end = min(ev.end, nxt.start) if nxt.start > ev.v_start else ev.end
    return out
