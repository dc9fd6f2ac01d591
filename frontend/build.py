"""Build the site's vendor CSS and fonts from npm packages into static/vendor/ (run by `make static`).

* Designsystemet (@digdir/designsystemet-css): the light colour scheme of the theme and only the components
  the templates use, each in the cascade layer the package's own index.css puts it in.
* Inter (@fontsource-variable/inter): the variable font's Latin and Latin Extended subsets, under the family
  name "Inter" that Designsystemet's --ds-font-family token asks for.

Prints the CSS bytes of the full package and of the subset, so the saving stays visible.
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DS = ROOT / "node_modules" / "@digdir" / "designsystemet-css" / "dist"
INTER = ROOT / "node_modules" / "@fontsource-variable" / "inter"
OUT = ROOT / "static" / "vendor"

# In the order of the package's index.css (later components may build on earlier ones).
COMPONENTS = [
    "heading",
    "label",
    "paragraph",
    "link",
    "validation-message",
    "data-size-workaround",
    "button",
    "input",
    "field",
    "fieldset",
    "alert",
    "skip-link",
    "details",
    "card",
    "pagination",
    "tag",
    "error-summary",
    "table",
    "breadcrumbs",
    "search",
]
# Theme layers the site never uses: it always sets data-color-scheme="light" and one typography.
DROPPED_THEME_LAYERS = ("ds.theme.color-scheme.dark", "ds.theme.typography.secondary")
FONT_SUBSETS = ("latin", "latin-ext")


def top_level_blocks(css):
    """Split a minified stylesheet into its top-level statements (at-rules and rule sets)."""
    blocks, depth, start = [], 0, 0
    for index, char in enumerate(css):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append(css[start : index + 1])
                start = index + 1
        elif char == ";" and depth == 0:
            blocks.append(css[start : index + 1])
            start = index + 1
    return [block for block in blocks if block.strip()]


def theme():
    css = (DS / "theme" / "designsystemet.css").read_text(encoding="utf-8")
    kept = [
        b
        for b in top_level_blocks(css)
        if not b.lstrip().startswith(tuple(f"@layer {n}{{" for n in DROPPED_THEME_LAYERS))
    ]
    return "".join(kept)


def components():
    parts = ["@layer ds.theme, ds.base, ds.components;"]
    parts.append("@layer ds.base{" + (DS / "src" / "base.css").read_text(encoding="utf-8") + "}")
    for name in COMPONENTS:
        css = (DS / "src" / f"{name}.css").read_text(encoding="utf-8")
        parts.append(css if css.startswith("@layer ds.components{") else "@layer ds.components{" + css + "}")
    return "".join(parts)


def fonts():
    target = OUT / "inter"
    (target / "files").mkdir(parents=True, exist_ok=True)
    faces = []
    for style in ("normal", "italic"):
        source = (INTER / ("wght.css" if style == "normal" else "wght-italic.css")).read_text(encoding="utf-8")
        for subset in FONT_SUBSETS:
            name = f"inter-{subset}-wght-{style}"
            face = re.search(r"/\* " + re.escape(name) + r" \*/\s*(@font-face\s*\{.*?\})", source, re.S).group(1)
            faces.append(face.replace("'Inter Variable'", "Inter"))
            shutil.copyfile(INTER / "files" / f"{name}.woff2", target / "files" / f"{name}.woff2")
    (target / "inter.css").write_text("\n".join(faces) + "\n", encoding="utf-8")


def main():
    (OUT / "designsystemet").mkdir(parents=True, exist_ok=True)
    bundle = theme() + "\n" + components() + "\n"
    (OUT / "designsystemet" / "designsystemet.css").write_text(bundle, encoding="utf-8")
    fonts()
    full = (DS / "theme" / "designsystemet.css").stat().st_size + (DS / "src" / "index.css").stat().st_size
    subset = len(bundle.encode("utf-8"))
    sys.stdout.write(f"Designsystemet CSS: {full:,} bytes in the package (theme + index), {subset:,} served\n")


if __name__ == "__main__":
    main()
