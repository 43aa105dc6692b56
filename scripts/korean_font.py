#!/usr/bin/python3
"""The Korean font of the playground (make fonts; Debian's fonts-nanum and
python3-fonttools).

Writes assets/fonts/ConvPlaygroundHangul.ttf, a subset of NanumGothic
(/usr/share/fonts/truetype/nanum/NanumGothic.ttf, TrueType outlines, SIL OFL
1.1), and its licence, assets/fonts/LICENSE-Hangul. The subset holds:

- the 2,350 Hangul syllables of KS X 1001 (every syllable U+AC00..U+D7A3
  that Python's euc_kr codec encodes in two bytes) and its compatibility jamo
  (U+3131..U+318E, what an input method shows while a syllable is being
  composed), so that typed or future text renders;
- every character of the message table's source (i18n/*.go, not the
  tests): the Hangul it uses beyond KS X 1001 and its punctuation;
- printable ASCII.

And assets/fonts/ConvPlaygroundHangul-Switch.ttf, the same font with only
the characters of the language switch's "한국어": small enough (about
1 KB) to embed, so that the English page shows the switch without
fetching the whole font.

Characters NanumGothic lacks are left out (the view draws Latin text and
those, such as U+2212 −, with the Go fonts first; a test checks that every
character of the Korean table has a glyph in one of them).

The OFL reserves the names Nanum and NanumGothic: a modified version (a
subset is one) must not use them, so the font is renamed Conv Playground
Hangul; the copyright notice and the licence stay. Hinting is dropped (the
playground draws with golang.org/x/image/font/opentype, which never runs
it). Deterministic: the same input writes the same bytes.
"""
import glob
import os
import re

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "assets", "fonts")
SRC = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
COPYRIGHT = "/usr/share/doc/fonts-nanum/copyright"
NAME = "ConvPlaygroundHangul"
FAMILY = "Conv Playground Hangul"


def in_ks_x_1001(ch):
    """Whether KS X 1001 has ch: Python's euc_kr codec writes it in two
    bytes. (The codec also encodes every other syllable, as KS X 1001's
    eight-byte jamo sequence starting with the filler 0xA4D4: those are
    not in the character set.)"""
    try:
        return len(ch.encode("euc_kr")) == 2
    except UnicodeEncodeError:
        return False


def ks_x_1001():
    """The KS X 1001 Hangul: syllables and compatibility jamo."""
    syllables = [c for c in map(chr, range(0xAC00, 0xD7A4)) if in_ks_x_1001(c)]
    assert len(syllables) == 2350, len(syllables)
    jamo = [c for c in map(chr, range(0x3131, 0x318F)) if in_ks_x_1001(c)]
    return syllables + jamo


def table_chars():
    """Every non-ASCII character of the message table's source."""
    chars = set()
    for path in sorted(glob.glob(os.path.join(ROOT, "i18n", "*.go"))):
        if path.endswith("_test.go"):
            continue
        with open(path, encoding="utf-8") as f:
            chars |= {c for c in f.read() if ord(c) > 0x7E}
    return chars


def rename(font):
    """New names for the reserved ones, keeping copyright and licence."""
    version = font["head"].fontRevision
    new = {1: FAMILY, 3: "%s-Regular;%.3f" % (NAME, version), 4: FAMILY,
           6: NAME + "-Regular", 16: FAMILY}
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in new:
            name.setName(new[rec.nameID], rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID != 0 and re.search("nanum", rec.toUnicode(), re.I):
            name.removeNames(nameID=rec.nameID, platformID=rec.platformID,
                             platEncID=rec.platEncID, langID=rec.langID)


def write_subset(chars, path):
    """Writes the renamed subset of NanumGothic with chars; returns the
    ones NanumGothic lacks."""
    font = TTFont(SRC, recalcTimestamp=False)
    cmap = font.getBestCmap()
    missing = sorted(c for c in chars if ord(c) not in cmap)
    opts = subset.Options()
    opts.hinting = False
    opts.drop_tables += ["TSI0", "TSI1", "TSI2", "TSI3", "TSI5", "gasp"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars if ord(c) in cmap])
    sub.subset(font)
    rename(font)
    font.save(path)
    return missing


def main():
    chars = set(ks_x_1001()) | table_chars() | set(map(chr, range(0x20, 0x7F)))
    os.makedirs(OUT, exist_ok=True)
    missing = write_subset(chars, os.path.join(OUT, NAME + ".ttf"))
    write_subset(set("한국어"), os.path.join(OUT, NAME + "-Switch.ttf"))
    with open(COPYRIGHT, encoding="utf-8") as f:
        licence = f.read()
    with open(os.path.join(OUT, "LICENSE-Hangul"), "w", encoding="utf-8") as f:
        f.write("%s.ttf and %s-Switch.ttf are subsets of NanumGothic (Debian's\n"
                "fonts-nanum, NanumGothic.ttf), made by scripts/korean_font.py. As the SIL Open\n"
                "Font License 1.1 asks of a Modified Version, they do not use the\n"
                "Reserved Font Names: they are named %s. The\n"
                "licence, as Debian's package states it:\n\n" % (NAME, NAME, FAMILY))
        f.write(licence)
    print("wrote %s.ttf: %d characters (%d wanted ones not in NanumGothic: %s)"
          % (NAME, len(chars) - len(missing), len(missing), " ".join("U+%04X" % ord(c) for c in missing)))


if __name__ == "__main__":
    main()
