import fontkit from '@pdf-lib/fontkit';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const fontsDir = new URL('./fonts/', import.meta.url);
const kazakh = 'әғқңөұүһіӘҒҚҢӨҰҮҺІ';
const cyrillic = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
const marks = '«»№—–✓';

describe('committed form fonts', () => {
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    it(`${file} has a glyph for every Kazakh and Russian letter and the marks the forms print`, () => {
      const font = fontkit.create(new Uint8Array(readFileSync(new URL(file, fontsDir))));
      const missing = [...kazakh, ...cyrillic, ...marks].filter(
        (ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!),
      );
      expect(missing).toEqual([]);
    });
  }

  it('ships the font licence next to the fonts', () => {
    const licence = readFileSync(new URL('LICENSE.txt', fontsDir), 'utf8');
    expect(licence).toContain('Bitstream');
    expect(existsSync(new URL('DejaVuSans.ttf', fontsDir))).toBe(true);
  });
});
