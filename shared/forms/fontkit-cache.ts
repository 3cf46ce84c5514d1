import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type ParsedFont = ReturnType<Fontkit['create']>;

// Parsing a 700 KB TTF (and copying it into fontkit's Buffer) is most of a render's cost, and the caller hands
// us the same bytes every time. A parsed font is read-only apart from its glyph and layout caches, and each
// PDF builds its own subset from it, so one parse per byte array serves every document.
//
// One trap: fontkit caches a glyph object with the code points of its first request, and a subset encoder
// fetches the components of composite glyphs (Cyrillic «Р» is built on Latin "P", «ы» on «ь») with none. A later
// document that types "P" would get that code-point-less glyph and its ToUnicode map would lose the letter.
// So every mapped glyph is bound to its code points once, up front, before any subset can touch it.
const parsed = new WeakMap<Uint8Array, ParsedFont>();

function bindAllGlyphs(font: ParsedFont): void {
  for (const codePoint of font.characterSet) font.glyphForCodePoint(codePoint);
}

export const cachingFontkit: Fontkit = {
  create(bytes: Uint8Array, postscriptName?: string): ParsedFont {
    if (postscriptName !== undefined) return fontkit.create(bytes, postscriptName);
    let font = parsed.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      bindAllGlyphs(font);
      parsed.set(bytes, font);
    }
    return font;
  },
};
