"""Read the lexicon out of `ontology/*.ttl`."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.vocab import DCTERMS, KG, ORG, PROV, SCHEMA, load_ontology
from kg.vocab.rdfs import subclasses

from .model import BodyType, Known, Lexicon, Place, adhoc_place, place_key
from .title_grammar import TitleGrammar

_AUTHORITY_CLASSES = (KG.Authority, KG.NationalAuthority, KG.LocalAuthority, KG.Court,
                      KG.Procuratorate, KG.StandardsCommittee)


def _labels(g: Graph, s: URIRef, props: tuple[URIRef, ...] = (
        SKOS.altLabel, SKOS.notation, KG.citationName)) -> tuple[str, tuple[str, ...]]:
    pref = next((str(o) for o in g.objects(s, SKOS.prefLabel)), None)
    alts = [str(o) for p in props for o in g.objects(s, p)]
    name = pref or (alts[0] if alts else str(s).rsplit("/", 1)[-1])
    return name, tuple(sorted({a for a in alts if a != name}))


def _spelled(text: str) -> str:
    """Lower case, one kind of apostrophe, single spaces: how descriptions are compared."""
    return " ".join(text.lower().replace("’", "'").split())


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def lexicon_from_graph(g: Graph) -> Lexicon:
    """Every name, alias, head word and cue the extractor uses, from one ontology graph."""
    lex = Lexicon()
    authority_classes = set().union(*(subclasses(g, c) for c in _AUTHORITY_CLASSES))
    instrument_classes = subclasses(g, KG.Instrument)
    seen: set[URIRef] = set()
    descriptions: set[str] = set()
    for s in sorted({s for c in authority_classes for s in g.subjects(RDF.type, c)}):
        if isinstance(s, URIRef) and s not in seen:
            seen.add(s)
            name, aliases = _labels(g, s, (SKOS.altLabel, SKOS.notation, SKOS.hiddenLabel))
            lex.authorities.append(Known(str(s), name, aliases, "authority"))
            descriptions.update(_spelled(str(d)) for d in g.objects(s, SKOS.hiddenLabel))
    for s in sorted(set(g.subjects(RDF.type, KG.Organisation))):
        name, aliases = _labels(g, s)
        lex.organisations.append(Known(str(s), name, aliases, "organisation"))
    for s in sorted({s for c in instrument_classes for s in g.subjects(RDF.type, c)}):
        if not isinstance(s, URIRef):
            continue
        name, aliases = _labels(g, s)
        cls = next((c for c in g.objects(s, RDF.type) if c in instrument_classes), KG.Instrument)
        short = next((str(o) for o in g.objects(s, KG.citationName)), None)
        lex.instruments.append(Known(str(s), name, aliases, "instrument", _local(cls), short))
    for s in sorted(set(g.subjects(RDF.type, KG.Place))):
        # A place's notations are codes (CN-BJ, 110105, geonames:...), never written for it.
        name, aliases = _labels(g, s, (SKOS.altLabel,))
        level = str(next(g.objects(s, KG.placeType), "place"))
        parent = next(g.objects(s, SCHEMA.containedInPlace), None)
        # "Jing'an District" and "Shanghai Jing'an District" are found by their shape.
        shaped = tuple(a for a in (name, *aliases) if adhoc_place().fullmatch(a))
        if ", " in name:
            # "Suzhou, Anhui" (a name two places share, told apart) is matched as written
            # and shown as "Suzhou", as news writes it.
            name, aliases, shaped = name.split(", ")[0], (name, *aliases), (*shaped, name)
        for label in shaped:
            lex.place_index.setdefault(place_key(label), str(s))
        lex.places.append(Place(str(s), name, aliases, level, str(parent) if parent else None,
                                shaped))
    for s in sorted(set(g.subjects(RDF.type, KG.BodyType))):
        name, aliases = _labels(g, s)
        parent = next(g.objects(s, KG.parentAuthority), None)
        cls = next(g.objects(s, KG.mintedClass), KG.LocalAuthority)
        pattern = next(g.objects(s, KG.localNamePattern), None)
        alt = tuple(sorted(str(p) for p in g.objects(s, KG.localAltNamePattern)))
        lex.body_types.append(BodyType(str(s), name, aliases, str(parent) if parent else None,
                                       _local(cls), str(pattern) if pattern else None, alt))
    lex.descriptions = frozenset(descriptions)
    succession: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for event in g.subjects(RDF.type, ORG.ChangeEvent):
        when = next((str(o) for p in (PROV.atTime, DCTERMS.date) for o in g.objects(event, p)),
                    "")
        for new in g.objects(event, ORG.resultingOrganization):
            for old in g.objects(event, ORG.originalOrganization):
                if old != new and when:
                    succession[str(old)].append((when[:10], str(new)))
    lex.succession = {k: tuple(sorted(v)) for k, v in sorted(succession.items())}
    heads: dict[str, str] = {}
    for cls in sorted(instrument_classes):
        for word in g.objects(cls, KG.headword):
            heads.setdefault(str(word).lower(), _local(cls))
    prefixes = tuple(sorted({str(p).lower() for c in instrument_classes
                             for p in g.objects(c, KG.titlePrefix)}, key=len, reverse=True))
    stop = frozenset(str(p).lower() for c in instrument_classes
                     for p in g.objects(c, KG.nonInstrumentPhrase))
    lex.grammar = TitleGrammar(frozenset(heads), prefixes, stop)
    lex.form_of_head = heads
    cues: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for scheme, key in ((KG.StatusScheme, "status"), (KG.ActionScheme, "action")):
        for concept in sorted(set(g.subjects(SKOS.inScheme, scheme))):
            notation = str(next(g.objects(concept, SKOS.notation), _local(concept)))
            words = sorted(str(c).lower() for c in g.objects(concept, KG.cue))
            if words:
                cues[key][notation] = words
    lex.status_cues = {k: tuple(v) for k, v in cues["status"].items() if k in ("draft", "issued")}
    lex.action_cues = {k: tuple(v) for k, v in cues["action"].items()}
    lex.basis_cues = tuple(sorted(str(c).lower() for c in g.objects(KG.implements, KG.cue)))
    for concept in sorted(set(g.subjects(SKOS.inScheme, KG.CurrencyScheme))):
        code = str(next(g.objects(concept, SKOS.notation)))
        lex.currencies[code] = tuple(sorted({str(a) for a in g.objects(concept, SKOS.altLabel)}))
    for concept in sorted(set(g.subjects(SKOS.inScheme, KG.SectorScheme))):
        lex.sectors[str(concept)] = tuple(sorted(str(a) for a in g.objects(concept, SKOS.altLabel)))

    return lex


def load_lexicon() -> Lexicon:
    """The lexicon of the repository's ontology folder (or $KG_ONTOLOGY_DIR).

    Reading it from Turtle is a large part of `kg add`'s start-up, so it is kept
    pickled in the cache folder ($KG_CACHE_DIR, else $XDG_CACHE_HOME/kg or ~/.cache/kg) under a
    key made of the ontology files' bytes and the source of this loader and of the classes it
    fills: any edit to them makes a new entry. A cache that cannot be read or written is skipped.
    """
    import hashlib
    import os
    import pickle

    from kg.vocab import ontology_files

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for module in ("model.py", "title_grammar.py"):  # the classes the pickle holds
        digest.update(Path(__file__).with_name(module).read_bytes())
    for f in ontology_files():
        digest.update(f.name.encode() + b"\0" + f.read_bytes())
    base = os.environ.get("KG_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
    cached = Path(base) / f"lexicon-{digest.hexdigest()[:24]}.pickle"
    try:
        with cached.open("rb") as fh:
            lexicon = pickle.load(fh)  # noqa: S301 - our own file, keyed by content
        if isinstance(lexicon, Lexicon):
            return lexicon
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        pass
    lexicon = lexicon_from_graph(load_ontology())
    try:
        from kg.util import atomic_write_bytes

        cached.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(cached, pickle.dumps(lexicon, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass
    return lexicon
