"""Finding English on admin screens (tests/browser/test_admin_norwegian.py).

The vocabulary is the English source strings (msgids) of Wagtail, Django's admin and auth, the add-ons and the
project's own catalogues that have no bokmål translation in the catalogues the running site uses
(LOCALE_PATHS first, then the apps'), plus words and phrases that are English and nowhere Norwegian. A text
on a screen is English when it is one of those msgids (placeholders match anything), or when it contains one
of a short list of English words that Wagtail and Django use in labels and that never occur in bokmål.
"""

import functools
import re
from pathlib import Path

import django
import wagtail
import wagtail_modeladmin
from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

ROOT = Path(settings.BASE_DIR)
# Whose English msgids we look for: every catalogue of these packages, and the project's.
PACKAGES = [Path(wagtail.__file__).parent, Path(wagtail_modeladmin.__file__).parent]
DJANGO_CATALOGUES = [
    Path(django.__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES",
    Path(django.__file__).parent / "contrib" / "admin" / "locale" / "en" / "LC_MESSAGES",
    Path(django.__file__).parent / "contrib" / "auth" / "locale" / "en" / "LC_MESSAGES",
    Path(django.__file__).parent / "contrib" / "humanize" / "locale" / "en" / "LC_MESSAGES",
]
PROJECT_APPS = [ROOT / name for name in ("cms", "editorial", "events", "home", "organisations", "registers")] + [
    ROOT / name for name in ("reporting", "search", "servicepages", "pagecache")
]


def _words(text):
    return frozenset(text.split())


# Words that are English in a label and never bokmål (checked whole-word, case-sensitive where capitalised).
ENGLISH_WORDS = _words(
    """
    the and with your you this that these those from has have been will would should can't don't isn't there
    their which when where who what any all none other others more less than then into about page pages Page
    Pages edit Edit edited save Save saved Saved draft Draft published Published publish Publish unpublished
    Unpublished live Live review Review approve Approve approved Approved reject rejected request Request
    requested changes Changes change Change workflow Workflow workflows Workflows task Task tasks Tasks history
    History revision Revision revisions compare Compare revert Revert preview Preview schedule Schedule scheduled
    Scheduled expired Expired locked Locked unlock Unlock lock Lock settings Settings account Account password
    Password username Username email Email sign Sign log Log login Login logout search Search filter Filter
    filters Filters sort Sort order Order date Date updated Updated created Created type Type status title Title
    help Help show Show hide Hide collapse Collapse expand Expand view View details Details select Select
    selected Selected actions Actions action Action delete Delete move Move copy Copy add Add new New create
    Create cancel Cancel close Close submit Submit submitted Submitted moderation Moderation comment Comment
    comments Comments reports Reports report Report site Site user User users Users group Group groups Groups
    image Image images Images document Document documents Documents snippet Snippet snippets Snippets collection
    Collection collections Collections tag Tag tags Tags upload Upload file File files Files choose Choose owner
    Owner author Author ago today Today yesterday Yesterday minutes hours days weeks months years month week year
    Year None yes Yes no No unknown Unknown previous Previous next Next first First last Last items Items item
    Item results Results result Result kind Kind label Label unit Unit name Name description Description required
    Required optional Optional error Error errors Errors warning Warning success Success anyone Anyone everyone
    Everyone nobody Nobody private Private public Public privacy Privacy usage Usage used Used aging Aging
    explorer Explorer dashboard Dashboard welcome Welcome shortcuts Shortcuts keyboard Keyboard toggle Toggle
    sidebar Sidebar menu Menu main Main content Content accessibility Accessibility checks Checks issues Issues
    found Found loading Loading refresh Refresh reset Reset clear Clear apply Apply download Download export
    Export inspect Inspect by By of on On to To in In is Is are Are was Was it It an An a or Or not
    Not be Be
    """
)
# Short English words that are also bokmål words, or too short to judge alone: they only count
# next to another English word.
AMBIGUOUS = _words(
    """
    by on On to To in In is Is are Are was Was it It an An a or Or not Not be Be all any new New
    main Main site Site type Type status title Title tag Tag tags Tags user User item Item no No last Last file
    File sort Sort live Live dashboard Dashboard then than more less kind Kind label Label name Name has have
    will who view View log Log show Show hide Hide add Add copy Copy move Move none None help Help filter Filter
    filters Filters image Image reset Reset menu Menu unit Unit snippet Snippet snippets Snippets order Order
    from with this other into about form first First previous next Next
    """
)
# Names, codes and words that look English but are the right thing to show here.
ALLOWED = _words(
    """
    Wagtail OK PDF CSV XLSX HTML URL Slug ID eRapport Django Admin admin Status
    """
)

# Known mistakes of Wagtail's bokmål catalogue, which the project's catalogue must override.
MISTAKES = {"Tiittel", "Snutter", "Snutt", "Avmeldt", "Snippets"}

# Texts that are names, not language: time zones ("Europe/Oslo: CET (...)"), user names, versions.
IGNORED = [re.compile(r"^[A-Z][A-Za-z]+/[A-Za-z_/+-]+(: |$)"), re.compile(r"^[a-z]+\.[a-z]+$")]

PLACEHOLDER = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|\{[^}]*\}|__[A-Z_]+__")
WORD = re.compile(r"[A-Za-zÆØÅæøå][A-Za-zÆØÅæøå'’-]*")


def _unquote(text):
    return text.encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\" in text else text


def read_msgids(po_path):
    """(msgid, msgid_plural) pairs of a .po file, without the header."""
    entries, current, field = [], {}, None
    for raw in po_path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if line.startswith("#") or not line:
            if "msgid" in current:
                entries.append(current)
            if not line and "msgid" in current:
                current, field = {}, None
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
        if match:
            if match.group(1) == "msgctxt" and "msgid" in current:
                entries.append(current)
                current = {}
            field = match.group(1)
            current[field] = match.group(2)
        elif line.startswith('"') and field:
            current[field] += line[1:-1]
    seen, result = set(), []
    for entry in entries:
        key = (entry.get("msgctxt"), entry.get("msgid", ""), entry.get("msgid_plural"))
        if key in seen or not entry.get("msgid"):
            continue
        seen.add(key)
        result.append(
            (
                entry.get("msgctxt"),
                _unquote(entry["msgid"]),
                _unquote(entry["msgid_plural"]) if entry.get("msgid_plural") else None,
            )
        )
    return result


def english_catalogues():
    paths = []
    for package in PACKAGES:
        paths += sorted(package.glob("**/locale/en/LC_MESSAGES/*.po"))
    for directory in DJANGO_CATALOGUES:
        paths += sorted(directory.glob("*.po"))
    # The project's sources are English: their msgids come from its own (bokmål) catalogues.
    paths += sorted((ROOT / "locale").glob("nb/LC_MESSAGES/*.po"))
    paths += sorted((ROOT / "locale" / "wagtail").glob("nb/LC_MESSAGES/*.po"))
    for app in PROJECT_APPS:
        paths += sorted(app.glob("locale/nb/LC_MESSAGES/*.po"))
    return paths


def effective_catalogue(domain):
    """The bokmål translations the running site uses for a gettext domain (LOCALE_PATHS take precedence)."""
    if domain == "django":
        with translation.override("nb"):
            return translation.trans_real.translation("nb")._catalog
    # Wagtail's JavaScriptCatalog: wagtail.admin's djangojs catalogue, under those of LOCALE_PATHS.
    admin_locale = Path(wagtail.__file__).parent / "admin" / "locale"
    return DjangoTranslation("nb", domain=domain, localedirs=[admin_locale])._catalog


def _translated(catalogue, context, msgid, plural):
    key = f"{context}\x04{msgid}" if context else msgid
    if plural:
        return bool(catalogue.get((key, 0)))
    return bool(catalogue.get(key))


def _pattern(msgid):
    """A regular expression for a msgid with placeholders, or None when too little of it is text."""
    literal = PLACEHOLDER.sub(" ", msgid)
    words = literal.split()
    # "%(time)s by %(user)s", "at %(time)s": short, but English between the placeholders.
    short_english = words and len(PLACEHOLDER.findall(msgid)) >= 1 and set(words) <= {"by", "at", "ago", "of", "on"}
    if not short_english and (len(re.findall(r"[A-Za-z]{3,}", literal)) < 1 or len(re.sub(r"\W", "", literal)) < 5):
        return None
    parts = [re.escape(normalise(part)) for part in PLACEHOLDER.split(msgid)]
    return r"\s*(?:.+?)\s*".join(parts)


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


@functools.cache
def vocabulary():
    """(exact English strings, one compiled regular expression of English strings with placeholders)."""
    catalogues = {"django": effective_catalogue("django"), "djangojs": effective_catalogue("djangojs")}
    exact, patterns = set(), set()
    for path in english_catalogues():
        catalogue = catalogues.get(path.stem, catalogues["django"])
        for context, msgid, plural in read_msgids(path):
            if _translated(catalogue, context, msgid, plural):
                continue
            for text in filter(None, (msgid, plural)):
                if "<" in text or len(text) > 300:
                    continue
                if PLACEHOLDER.search(text):
                    pattern = _pattern(text)
                    if pattern:
                        patterns.add(pattern)
                elif re.search(r"[A-Za-z]{2,}", text) and normalise(text) not in ALLOWED:
                    # Model field names are lower case and shown with a capital (Django's capfirst).
                    exact.update({normalise(text), normalise(text[:1].upper() + text[1:])})
    combined = re.compile("|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True)))
    return frozenset(exact), combined


def english_in(text):
    """Why a text on the screen is English (a short reason), or None."""
    text = normalise(text)
    if not text or not re.search(r"[A-Za-z]", text) or any(p.search(text) for p in IGNORED):
        return None
    mistakes = [word for word in WORD.findall(text) if word in MISTAKES]
    if mistakes:
        return "known mistranslation: " + ", ".join(mistakes)
    exact, pattern = vocabulary()
    bare = text.rstrip(":…. ").strip()
    if text in exact or bare in exact:
        return "Wagtail/Django msgid without translation"
    if pattern.pattern and pattern.fullmatch(text):
        return "Wagtail/Django msgid without translation"
    words = [w for w in WORD.findall(text) if w not in ALLOWED]
    english = list(dict.fromkeys(w for w in words if w in ENGLISH_WORDS))
    strong = [w for w in english if w not in AMBIGUOUS]
    if strong or len(english) >= 2:
        return "English word(s): " + ", ".join(dict.fromkeys(english))
    return None


# Collected from the open page: visible text nodes, innerText lines, and the attributes people (or screen
# readers) meet: title, aria-label, placeholder, alt, tooltips.
COLLECT_JS = """
() => {
  const out = new Set();
  const clean = t => (t || '').replace(/\\s+/g, ' ').trim();
  const skip = 'script, style, noscript, textarea, iframe, [contenteditable=true], .w-field__input input, '
             + '[data-nb-content], .DraftEditor-root, .title-wrapper, [data-w-preview-target], code';
  const shown = el => !el.checkVisibility || el.checkVisibility({checkOpacity: false, checkVisibilityCSS: true});
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement, text = clean(node.textContent);
    if (text && parent && !parent.closest(skip) && shown(parent)) out.add(text);
  }
  for (const line of document.body.innerText.split('\\n')) if (clean(line)) out.add(clean(line));
  const attrs = ['title', 'aria-label', 'placeholder', 'alt', 'data-w-tooltip-content-value',
                 'aria-description', 'data-w-autosave-saved-value'];
  for (const el of document.querySelectorAll(attrs.map(a => '[' + a + ']').join(','))) {
    if (el.closest('iframe, [data-nb-content]')) continue;
    for (const a of attrs) { const v = clean(el.getAttribute(a)); if (v) out.add(v); }
  }
  // Texts shown on state changes (the autosave indicator, validation summaries) even while hidden.
  for (const el of document.querySelectorAll('.w-autosave-indicator__text, .help-block, .error-message'))
    if (clean(el.textContent)) out.add(clean(el.textContent));
  if (clean(document.title)) out.add(clean(document.title));
  return Array.from(out);
}
"""


def english_on(page, ignore=()):
    """{text: reason} of the English texts on the open page."""
    found = {}
    for text in page.evaluate(COLLECT_JS):
        if any(part in text for part in ignore):
            continue
        reason = english_in(text)
        if reason:
            found[text] = reason
    return found
