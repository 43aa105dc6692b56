#!/usr/bin/python3
"""The playground's fonts (make fonts; Debian's python3-fonttools).

Writes assets/fonts/: Go Regular and Go Mono from the golang.org/x/image
module that go.mod names, without their TrueType hinting (the fpgm, prep and
cvt tables and every glyph's instructions), and the fonts' licence. Nothing
else changes: same glyphs, outlines, metrics and names. The playground draws
with golang.org/x/image/font/opentype, which never runs hinting
instructions, so the text looks exactly the same, and the browser build is
58 KB (brotli) smaller. Deterministic: the timestamps are kept.
"""
import os
import shutil
import subprocess

from fontTools.ttLib import TTFont

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "assets", "fonts")
FONTS = ["Go-Regular.ttf", "Go-Mono.ttf"]


def main():
    mod = subprocess.run(["go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/image"],
                         cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    src = os.path.join(mod, "font", "gofont", "ttfs")
    os.makedirs(OUT, exist_ok=True)
    for name in FONTS:
        font = TTFont(os.path.join(src, name), recalcTimestamp=False)
        for tag in ("fpgm", "prep", "cvt "):
            if tag in font:
                del font[tag]
        glyf = font["glyf"]
        for g in glyf.keys():
            glyf[g].removeHinting()
        font["maxp"].maxSizeOfInstructions = 0
        font.save(os.path.join(OUT, name))
    # The licence asks that redistributions keep it.
    shutil.copyfile(os.path.join(src, "README"), os.path.join(OUT, "LICENSE"))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
