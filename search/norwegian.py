"""Norwegian text normalisation for search: the ONE place the rules live.

Every engine uses these rules:

* the database backends (SQLite FTS5, PostgreSQL) get them twice: at index time, pages carry a
  *normalised* copy of their text (see ``search.index``) and at query time each word is expanded to
  all its forms (``expand_terms``);
* Elasticsearch gets the synonym groups as a ``synonym_graph`` filter in its analyzer
  (``elasticsearch_synonym_rules``) and the normalised text as an extra field.

The rules are:

``SYNONYMS``
    Groups of words that mean the same: bokmål and nynorsk forms (``tjeneste``/``teneste``), spelling
    variants, abbreviations and medical synonyms. The first word of a group is its *canonical* form.
    Editors can add groups in the admin (snippet "Search synonyms"); those are merged with these.

``COMPOUND_PARTS``
    Words that often end a compound (``behandlingstjeneste`` = ``behandling`` + ``tjeneste``).
    A word ending in one of them is split, so ``brannskadar`` finds ``brannskadebehandling``.
    Synonym groups marked as compound parts are added to this list.

``stem``
    A light suffix stripper for bokmål and nynorsk inflections (``-en``, ``-ene``, ``-ar``, ``-ane`` …).
    It is deliberately simple and the same on both sides, so index and query always agree.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# Groups of equivalent words. First word = canonical form. Single words only (no spaces).
SYNONYMS = [
    # bokmål / nynorsk
    ("tjeneste", "teneste"),
    ("tjenester", "tenester"),
    ("sykehus", "sjukehus"),
    ("sykdom", "sjukdom"),
    ("sykdommer", "sjukdommar", "sjukdomar"),
    ("behandling", "handsaming"),
    ("henvisning", "tilvising", "tilvisning"),
    ("barn", "born"),
    ("søvn", "svevn"),
    ("kvinne", "kvinner", "kvinnor"),
    ("hvordan", "korleis"),
    ("hva", "kva"),
    ("ikke", "ikkje"),
    ("nettverk", "nettverket"),
    ("brannskade", "brannskadar", "brannskader", "forbrenning", "forbrenningsskade"),
    ("kompetanse", "kompetansen"),
    ("utvikling", "utviklinga"),
    ("helse", "helsa"),
    # former names and medical synonyms
    ("kjønnsinkongruens", "transseksualisme", "kjønnsdysfori"),
    ("multippel", "ms"),
    ("cochleaimplantat", "ci", "cochlea", "høreimplantat"),
    ("befruktning", "ivf", "prøverør", "prøverørsbehandling"),
    ("stamcelletransplantasjon", "benmargstransplantasjon", "beinmergstransplantasjon"),
    ("underernæring", "feilernæring", "malnutrisjon", "feilernæring"),
    ("hyperkolesterolemi", "kolesterol"),
    ("strålekniv", "gammakniv"),
    ("rusmiddelavhengige", "rusmisbruk", "rusavhengighet", "rus"),
    ("replantasjonskirurgi", "replantasjon"),
    ("hoftebrudd", "lårhalsbrudd", "hoftebrot"),
    ("leddproteser", "leddprotese", "protese", "proteser"),
    ("inkontinens", "lekkasje"),
    ("søvnsykdommer", "søvnforstyrrelser", "søvnsjukdomar"),
    ("traumatologi", "traume", "traumer", "skadebehandling"),
    ("aldring", "eldre", "geriatri", "alderdom"),
    ("epilepsi", "epileptisk"),
    ("fostermedisin", "fosterdiagnostikk"),
    ("samisk", "sámi", "samer"),
    ("prehospital", "ambulanse", "akuttmedisin"),
    ("svulster", "svulst", "kreft", "tumor"),
    # verb and noun families: the verb finds the noun and back (søke om … finds "Søknad om …")
    ("søknad", "søke", "søkje", "søker", "søkjer", "søknaden", "søknader", "søknadar", "søkt", "søknadene"),
    (
        "rapportering",
        "rapportere",
        "rapporterer",
        "rapporterte",
        "rapportert",
        "rapport",
        "rapporten",
        "rapporter",
        "rapportar",
        "rapporteringa",
    ),
    ("påmelding", "påmelde", "påmeldt", "påmeldinga", "melde", "meld", "meldt", "melder", "påmeldingen"),
    ("avviklet", "avvikla", "avvikling", "avvikle", "avviklinga", "avviklede", "nedlagt", "nedlagd", "avsluttet"),
    ("godkjenning", "godkjenne", "godkjent", "godkjend", "godkjenner", "godkjenninga"),
    ("kontakt", "kontakte", "kontaktperson", "kontaktpersoner", "kontaktinformasjon"),
    ("frist", "fristen", "frister", "fristar", "tidsfrist"),
]

# What people call the host trusts and where they are: indexed with every unit the trust hosts (and with the
# region pages), beside the trust's name and its abbreviation from the admin (HealthTrust.short_name).
TRUST_ALIASES = {
    "Oslo universitetssykehus HF": ["OUS", "Rikshospitalet", "Ullevål", "Radiumhospitalet", "Aker", "Oslo"],
    "Akershus universitetssykehus HF": ["Ahus", "Lørenskog"],
    "Sunnaas sykehus HF": ["Sunnaas", "Nesodden"],
    "Sykehuset i Vestfold HF": ["SiV", "Tønsberg", "Vestfold"],
    "Sykehuset Telemark HF": ["Skien", "Telemark"],
    "Sykehuset Østfold HF": ["Kalnes", "Fredrikstad", "Sarpsborg", "Østfold"],
    "Sykehuset Innlandet HF": ["Hamar", "Lillehammer", "Gjøvik", "Innlandet"],
    "Vestre Viken HF": ["Drammen", "Bærum"],
    "Sørlandet sykehus HF": ["SSHF", "Kristiansand", "Arendal", "Sørlandet"],
    "Helse Bergen HF": ["Haukeland", "Haukeland universitetssjukehus", "Haukeland universitetssykehus", "Bergen"],
    "Helse Stavanger HF": ["SUS", "Stavanger universitetssjukehus", "Stavanger"],
    "Helse Fonna HF": ["Haugesund", "Fonna"],
    "Helse Førde HF": ["Førde"],
    "St. Olavs hospital HF": ["St. Olavs", "St. Olav", "St Olavs", "Olavs", "Trondheim"],
    "Helse Møre og Romsdal HF": ["HMR", "Ålesund", "Molde", "Kristiansund"],
    "Helse Nord-Trøndelag HF": ["HNT", "Levanger", "Namsos"],
    "Universitetssykehuset Nord-Norge HF": ["UNN", "Tromsø", "Harstad", "Narvik"],
    "Nordlandssykehuset HF": ["NLSH", "Bodø", "Lofoten", "Vesterålen"],
    "Helgelandssykehuset HF": ["Mo i Rana", "Mosjøen", "Sandnessjøen", "Helgeland"],
    "Finnmarkssykehuset HF": ["Hammerfest", "Kirkenes", "Finnmark"],
}

# Other names of the regions (beside the region's abbreviation from the admin, Region.short_name).
REGION_ALIASES = {
    "Helse Sør-Øst": ["Sør-Øst", "Østlandet", "Sørlandet"],
    "Helse Vest": ["Vestlandet"],
    "Helse Midt-Norge": ["Helse Midt", "Midt-Norge", "Trøndelag"],
    "Helse Nord": ["Nord-Norge"],
}

# Words that often end a compound. Add to this list when a compound is not found by its parts.
COMPOUND_PARTS = [
    "tjeneste",
    "teneste",
    "behandling",
    "handsaming",
    "sykehus",
    "sjukehus",
    "sykdom",
    "sjukdom",
    "sykdommer",
    "sjukdommar",
    "skade",
    "kirurgi",
    "medisin",
    "transplantasjon",
    "implantat",
    "befruktning",
    "svulst",
    "brudd",
    "protese",
    "helse",
    "vern",
    "nettverk",
    "senter",
    "diagnostikk",
    "avhengighet",
    "ernæring",
    "kompetanse",
    "frist",
    "rapport",
    "rapportering",
    "gruppe",
    "søknad",
]

# Words ignored in queries (a union of bokmål and nynorsk function words).
# fmt: off
STOP_WORDS = frozenset([
    "og", "i", "for", "av", "med", "til", "på", "en", "et", "ei", "som", "er", "var", "om", "ved", "hos", "fra",
    "frå", "det", "den", "de", "dei", "eit", "ein", "å", "at", "eller", "men", "så", "seg", "sin", "sitt",
    "sine", "har", "ha", "hadde", "kan", "skal", "vil", "blir", "bli", "vart", "vert", "har", "the", "of",
    "and", "to", "in",
])
# fmt: on

MAX_QUERY_TERMS = 12
MAX_TERM_LENGTH = 60
MIN_STEM_LENGTH = 3
MIN_COMPOUND_MODIFIER = 3

# Inflection suffixes, longest first (bokmål and nynorsk nouns, adjectives and verbs).
SUFFIXES = sorted(
    [
        "hetene", "hetens", "heten", "heter", "endes", "ande", "ende", "edes", "enes", "ene", "ane",
        "ens", "ers", "ets", "ast", "ert", "het", "en", "ar", "er", "as", "es", "et", "a", "e", "t",
    ],
    key=len,
    reverse=True,
)  # fmt: skip

WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Rules:
    """The synonym groups and compound parts in force (built-in plus the editors' snippets)."""

    groups: tuple = ()
    compound_parts: tuple = ()
    # word -> the group (tuple of words) it belongs to
    word_groups: dict = field(default_factory=dict, hash=False, compare=False)
    # stem of any variant -> stem of the canonical word
    canonical_stems: dict = field(default_factory=dict, hash=False, compare=False)
    # compound part stems, longest first
    part_stems: tuple = ()
    # memo of normalise_word
    memo: dict = field(default_factory=dict, hash=False, compare=False)


def fold(text):
    """Lower-case and normalise Unicode (NFC), keeping æ, ø and å."""
    return unicodedata.normalize("NFC", text or "").lower()


_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "ae", "ö": "o", "ü": "u", "ß": "ss"})


def ascii_fold(word):
    """A word as typed without a Norwegian keyboard: ø → o, å → a, æ → ae, other accents dropped, and the old
    spellings oe → o and aa → a. Index and query both fold, so ``sovnmedisin``, ``soevnmedisin`` and
    ``søvnmedisin`` are one word."""
    word = fold(word).translate(_LETTERS)
    word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return word.replace("aa", "a").replace("oe", "o")


def tokenize(text):
    """Words in ``text``, lower-cased. Anything that is not a letter or digit separates words."""
    return WORD_RE.findall(fold(text))


def stem(word):
    """Strip one inflection suffix, keeping at least three letters. ``brannskadar`` → ``brannskad``."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM_LENGTH:
            return word[: -len(suffix)]
    return word


def _merged(groups):
    """Groups that share a word become one group (the first group's first word stays canonical)."""
    merged = []
    for words in groups:
        overlapping = [g for g in merged if set(g) & set(words)]
        combined = tuple(dict.fromkeys([w for g in overlapping for w in g] + list(words)))
        merged = [g for g in merged if g not in overlapping] + [combined]
    return merged


def build_rules(extra_groups=(), extra_compound_parts=()):
    """Rules from the built-in lists plus extra groups (e.g. from the database)."""
    groups = []
    for group in list(SYNONYMS) + list(extra_groups):
        words = tuple(dict.fromkeys(w for w in (fold(x).strip() for x in group) if w and WORD_RE.fullmatch(w)))
        if len(words) > 1:
            groups.append(words)
    groups = _merged(groups)
    word_groups = {}
    canonical_stems = {}
    for words in groups:
        for word in words:
            word_groups[word] = words
            folded = ascii_fold(word)
            if folded != word:  # typed without æ, ø, å: the same group
                word_groups.setdefault(folded, words)
            canonical_stems.setdefault(stem(folded), stem(ascii_fold(words[0])))
    parts = {ascii_fold(p) for p in list(COMPOUND_PARTS) + list(extra_compound_parts) if p}
    part_stems = tuple(sorted({stem(p) for p in parts if len(stem(p)) >= 4}, key=len, reverse=True))
    return Rules(
        groups=tuple(groups),
        compound_parts=tuple(sorted(parts)),
        word_groups=word_groups,
        canonical_stems=canonical_stems,
        part_stems=part_stems,
    )


@lru_cache(maxsize=1)
def builtin_rules():
    return build_rules()


def canonical_stem(word_stem, rules):
    """The canonical stem: nynorsk and synonym stems map to the group's first word, also at a compound's end."""
    if word_stem in rules.canonical_stems:
        return rules.canonical_stems[word_stem]
    for variant_stem, target in rules.canonical_stems.items():
        if (
            len(variant_stem) >= 5
            and word_stem.endswith(variant_stem)
            and len(word_stem) - len(variant_stem) >= MIN_COMPOUND_MODIFIER
        ):
            return word_stem[: -len(variant_stem)] + target
    return word_stem


def split_compound(word_stem, rules, depth=0):
    """Stems of a compound's parts: ``brannskadebehandl`` → [``brannskad``, ``behandl``, ``brann``, ``skad``]."""
    if depth > 2:
        return []
    for part in rules.part_stems:
        if word_stem.endswith(part) and len(word_stem) - len(part) >= MIN_COMPOUND_MODIFIER:
            modifier = word_stem[: -len(part)]
            # linking letters: behandling-s-tjeneste, brannskad-e-behandling
            if len(modifier) > MIN_COMPOUND_MODIFIER and modifier[-1] in "se":
                modifier = modifier[:-1]
            modifier = stem(modifier)
            return [modifier, part] + split_compound(modifier, rules, depth + 1)
    return []


def normalise_word(word, rules):
    """Every normalised form a word is indexed under: its canonical stem and the stems of its parts."""
    cached = rules.memo.get(word)
    if cached is None:
        base = canonical_stem(stem(ascii_fold(word)), rules)
        forms = [base]
        for part in split_compound(base, rules):
            forms.append(canonical_stem(part, rules))
        cached = list(dict.fromkeys(f for f in forms if len(f) >= 2)) or [word]
        if len(rules.memo) < 200_000:
            rules.memo[word] = cached
    return list(cached)


def normalise_text(text, rules=None):
    """The normalised copy of a text that is indexed beside the original."""
    rules = rules or builtin_rules()
    seen = {}
    for word in tokenize(text):
        if word in STOP_WORDS or len(word) > MAX_TERM_LENGTH:
            continue
        for form in normalise_word(word, rules):
            seen[form] = None
    return " ".join(seen)


@dataclass
class Term:
    """One query word and every form that should find it."""

    word: str
    forms: list  # alternatives, any of which may match (original words first)
    normalised: list  # normalised forms (to highlight and to match the normalised index field)
    # another alternative: a compound split against the site's words, every part must match (each part a
    # list of forms), e.g. epilepsikirurgi -> [[epilepsi, …], [kirurgisk, kirurgi, …]] (search.query.enrich)
    parts: list = field(default_factory=list)
    correction: str = ""  # the site's nearest word, when this one is not on the site (search.query.enrich)
    optional: bool = False  # ranks, but pages need not have it (a region the query names: search.results)

    def all_forms(self):
        """Every form that may match: the alternatives and the parts' forms."""
        return list(dict.fromkeys(self.forms + [f for part in self.parts for f in part]))


def expand_terms(query, rules=None):
    """Split a query into terms and expand each term to its synonyms, nynorsk/bokmål and normalised forms.

    Syntax characters never reach an engine: only letters and digits survive tokenising.
    """
    rules = rules or builtin_rules()
    words = [w[:MAX_TERM_LENGTH] for w in tokenize(query)]
    content = [w for w in words if w not in STOP_WORDS] or words
    terms = []
    for word in list(dict.fromkeys(content))[:MAX_QUERY_TERMS]:
        forms = [word]
        forms.extend(rules.word_groups.get(word, ()))
        # a compound whose end is a variant: behandlingsteneste -> behandlingstjeneste
        for variant, group in rules.word_groups.items():
            if len(variant) >= 5 and word.endswith(variant) and len(word) - len(variant) >= MIN_COMPOUND_MODIFIER:
                forms.extend(word[: -len(variant)] + other for other in group)
        normalised = normalise_word(word, rules)
        # the whole word's normalised form is an alternative; parts only together (see engines)
        forms.append(normalised[0])
        terms.append(Term(word=word, forms=list(dict.fromkeys(forms)), normalised=normalised))
    return terms


def required(terms):
    """The terms a page must match (all of them, or any with the "or" operator): every term but the optional."""
    return [t for t in terms if not t.optional] or list(terms)


def elasticsearch_synonym_rules(rules=None):
    """Solr-format equivalence rules for Elasticsearch's ``synonym_graph`` filter."""
    rules = rules or builtin_rules()
    return [", ".join(group) for group in rules.groups]
