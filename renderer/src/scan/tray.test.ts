import { describe, expect, it } from 'vitest';
import type { PageInfo } from '@shared/scanning/bridge';
import { addPages, mergeWithNext, movePage, removePage, rotatePage, shiftPage, splitBefore, type Tray } from './tray';

const page = (n: number): PageInfo => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  source: 'file',
  origin: `p${n}.png`,
  originPage: 1,
  kind: 'raster',
  widthPt: 595,
  heightPt: 842,
  thumbnail: null,
});
const names = (t: Tray) => t.map((g) => g.pages.map((p) => p.page.origin.replace('.png', '')));
const id = (n: number) => page(n).id;

describe('the page tray', () => {
  const tray = addPages([], [page(1), page(2), page(3), page(4)]);

  it('adds pages to the last document, splits and merges', () => {
    const split = splitBefore(tray, id(3));
    expect(names(split)).toEqual([['p1', 'p2'], ['p3', 'p4']]);
    expect(names(addPages(split, [page(5)]))).toEqual([['p1', 'p2'], ['p3', 'p4', 'p5']]);
    expect(names(mergeWithNext(split, 0))).toEqual([['p1', 'p2', 'p3', 'p4']]);
    expect(splitBefore(tray, id(1))).toBe(tray);
  });

  it('reorders by one step (as the keyboard does) and by drop position, across documents', () => {
    expect(names(shiftPage(tray, id(1), 1))).toEqual([['p2', 'p1', 'p3', 'p4']]);
    expect(names(shiftPage(tray, id(3), -1))).toEqual([['p1', 'p3', 'p2', 'p4']]);
    expect(shiftPage(tray, id(1), -1)).toBe(tray);
    const split = splitBefore(tray, id(3));
    expect(names(shiftPage(split, id(2), 1))).toEqual([['p1'], ['p2', 'p3', 'p4']]);
    expect(names(shiftPage(split, id(3), -1))).toEqual([['p1', 'p2', 'p3'], ['p4']]);
    expect(names(movePage(split, id(4), 0, 0))).toEqual([['p4', 'p1', 'p2'], ['p3']]);
    expect(names(movePage(splitBefore(tray, id(4)), id(4), 0, 1))).toEqual([['p1', 'p4', 'p2', 'p3']]);
  });

  it('rotates in quarter turns both ways and deletes pages, dropping emptied documents', () => {
    const turned = rotatePage(rotatePage(tray, id(2), -1), id(2), -1);
    expect(turned[0]!.pages[1]!.rotation).toBe(180);
    expect(rotatePage(tray, id(2), -1)[0]!.pages[1]!.rotation).toBe(270);
    expect(names(removePage(splitBefore(tray, id(4)), id(4)))).toEqual([['p1', 'p2', 'p3']]);
  });
});
