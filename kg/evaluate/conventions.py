"""How the gold's scorer compares names: the scoring conventions of the gold.

STOP, ABBR, SYNONYM and CORE_LAWS are not extraction knowledge (that lives in ontology/): they
mirror the rules of the scorer the gold was made for word for word, so that names
differing only in surface form (case, punctuation, word order, "Provincial", "of", acronyms) count
as one, and national laws are scored as cited laws, never as instruments. Change them only with
the scorer.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

STOP = {"the", "of", "and", "in", "for", "on", "a", "an", "provincial", "municipal", "city",
        "province", "prc", "china", "chinas", "s"}
ABBR = {
    "cac": "cyberspace administration", "ca": "communications administration",
    "psb": "public security bureau", "amr": "administration for market regulation",
    "miit": "ministry industry information technology",
    "samr": "state administration market regulation", "mps": "ministry public security",
    "tc260": "information security standardisation technical committee",
    "nisstc": "information security standardisation technical committee",
    "nistc": "information security standardisation technical committee",
    "nda": "national data administration", "pboc": "people bank",
    "nfra": "national financial regulatory administration",
    "spp": "supreme people procuratorate", "spc": "supreme people court",
    "mofcom": "ministry commerce", "moc": "ministry commerce", "mof": "ministry finance",
    "ndrc": "national development reform commission", "mss": "ministry state security",
    "cverc": "national computer virus emergency response centre",
    "cro": "cybersecurity review office", "sca": "state cryptography administration",
    "csl": "cybersecurity law", "dsl": "data security law",
    "pipl": "personal information protection law",
}
SYNONYM = [  # whole-phrase rewrites applied before tokenising
    (r"(of )?the people'?s republic of china", " "),
    (r"people'?s government", "government"),
    (r"cyber ?security", "cybersecurity"), (r"standardi[sz]ation", "standardisation"),
    (r"national data bureau", "national data administration"),
    (r"office of the central cyberspace affairs commission", "cyberspace administration"),
    (r"cyberspace affairs commission", "cyberspace administration"),
    (r"national (technical committee 260 on )?cybersecurity standardisation technical committee.*",
     "information security standardisation technical committee"),
    (r"national information security standardisation technical committee",
     "information security standardisation technical committee"),
    (r"internet police|police", "public security bureau"),
    (r"public security authorit(y|ies)", "public security bureau"),
    (r"centre", "center"), (r"\bapps?\b", "app"),
    (r"(bureau|administration) (of|for) market (regulation|supervision)|market (supervision|"
     r"regulation) (administration|bureau)|administration for industry and commerce",
     "market regulation"),
]
CORE_LAWS = ["Cybersecurity Law", "Data Security Law", "Personal Information Protection Law",
             "Civil Code", "Criminal Law", "Anti-Unfair Competition Law", "E-commerce Law",
             "Cryptography Law", "Consumer Rights Protection Law",
             "Anti-Telecom and Online Fraud Law", "Counter-espionage Law", "National Security Law"]


def norm(s: str | None) -> str:
    """Lower case, draft marks cut, SYNONYM rewritten, ABBR spelt out, STOP words dropped."""
    if not s:
        return ""
    s = s.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    s = re.sub(r"\((revised )?draft[^)]*\)?", " ", s)
    s = re.sub(r"^(the|draft)\s+", "", s.strip())
    for pat, rep in SYNONYM:
        s = re.sub(pat, rep, s)
    words = [w for word in re.findall(r"[a-z0-9]+", s) for w in ABBR.get(word, word).split()]
    return " ".join(w for w in words if w not in STOP)


def similar(a: str, b: str, threshold: float) -> bool:
    """Same words (in any order) after `norm`, or a SequenceMatcher ratio of `threshold`."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na == nb or sorted(na.split()) == sorted(nb.split()):
        return True
    return SequenceMatcher(None, na, nb).ratio() >= threshold


def token_subset(a: str | None, b: str | None) -> bool:
    """One name's words (two or more) all inside the other's."""
    ta, tb = set(norm(a).split()), set(norm(b).split())
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta) and min(len(ta), len(tb)) >= 2


def is_core_law(title: str) -> bool:
    """National laws are scored as cited laws, not as instruments."""
    return any(similar(title, law, 0.92) for law in CORE_LAWS)
