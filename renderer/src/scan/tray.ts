import type { PageInfo, Rotation } from '@shared/scanning/bridge';

/**
 * The scanned pages of one checklist document before they are attached: groups of pages, each group becoming
 * one PDF. Pure functions over plain data, so every gesture (drag, keys, buttons) goes through the same code.
 */
export interface TrayPage {
  page: PageInfo;
  rotation: Rotation;
}
export interface TrayGroup {
  id: string;
  pages: TrayPage[];
}
export type Tray = TrayGroup[];

let counter = 0;
const newGroup = (pages: TrayPage[] = []): TrayGroup => ({ id: `g${++counter}`, pages });

export const emptyTray = (): Tray => [];

/** New pages join the last group (the document being scanned now). */
export function addPages(tray: Tray, pages: PageInfo[]): Tray {
  if (pages.length === 0) return tray;
  const fresh = pages.map((page) => ({ page, rotation: 0 as Rotation }));
  if (tray.length === 0) return [newGroup(fresh)];
  const last = tray[tray.length - 1] as TrayGroup;
  return [...tray.slice(0, -1), { ...last, pages: [...last.pages, ...fresh] }];
}

export function locate(tray: Tray, pageId: string): { group: number; index: number } | null {
  for (const [group, g] of tray.entries()) {
    const index = g.pages.findIndex((p) => p.page.id === pageId);
    if (index >= 0) return { group, index };
  }
  return null;
}

const dropEmpty = (tray: Tray) => tray.filter((g) => g.pages.length > 0);

/** Moves a page to a position in a group (the same or another); a position past the end appends. */
export function movePage(tray: Tray, pageId: string, toGroup: number, toIndex: number): Tray {
  const from = locate(tray, pageId);
  if (!from || toGroup < 0 || toGroup >= tray.length) return tray;
  const moving = tray[from.group]!.pages[from.index]!;
  const without = tray.map((g, i) => (i === from.group ? { ...g, pages: g.pages.filter((p) => p.page.id !== pageId) } : g));
  const target = without[toGroup]!;
  const at = Math.max(0, Math.min(toIndex, target.pages.length));
  without[toGroup] = { ...target, pages: [...target.pages.slice(0, at), moving, ...target.pages.slice(at)] };
  return dropEmpty(without);
}

/** One step earlier or later in reading order, crossing into the neighbouring group at the edges. */
export function shiftPage(tray: Tray, pageId: string, delta: -1 | 1): Tray {
  const at = locate(tray, pageId);
  if (!at) return tray;
  const size = tray[at.group]!.pages.length;
  const index = at.index + delta;
  // movePage inserts into the list without the page, so the new index is simply one step away.
  if (index >= 0 && index < size) return movePage(tray, pageId, at.group, index);
  if (delta < 0 && at.group > 0) return movePage(tray, pageId, at.group - 1, Infinity);
  if (delta > 0 && at.group < tray.length - 1) return movePage(tray, pageId, at.group + 1, 0);
  return tray;
}

export function rotatePage(tray: Tray, pageId: string, quarterTurns: 1 | -1): Tray {
  return tray.map((g) => ({
    ...g,
    pages: g.pages.map((p) => (p.page.id === pageId ? { ...p, rotation: (((p.rotation + quarterTurns * 90) % 360) + 360) % 360 as Rotation } : p)),
  }));
}

export function removePage(tray: Tray, pageId: string): Tray {
  return dropEmpty(tray.map((g) => ({ ...g, pages: g.pages.filter((p) => p.page.id !== pageId) })));
}

/** The page and those after it start a new document. */
export function splitBefore(tray: Tray, pageId: string): Tray {
  const at = locate(tray, pageId);
  if (!at || at.index === 0) return tray;
  const g = tray[at.group]!;
  return [...tray.slice(0, at.group), { ...g, pages: g.pages.slice(0, at.index) }, newGroup(g.pages.slice(at.index)), ...tray.slice(at.group + 1)];
}

/** A group and the next become one document. */
export function mergeWithNext(tray: Tray, group: number): Tray {
  if (group < 0 || group >= tray.length - 1) return tray;
  const a = tray[group]!;
  const b = tray[group + 1]!;
  return [...tray.slice(0, group), { ...a, pages: [...a.pages, ...b.pages] }, ...tray.slice(group + 2)];
}

export function removeGroup(tray: Tray, groupId: string): Tray {
  return tray.filter((g) => g.id !== groupId);
}
