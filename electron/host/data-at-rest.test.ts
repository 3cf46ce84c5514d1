import { lstat, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../logger';
import { createScanning } from '../scan/services';
import { createHost } from './services';

const IIN = '900101300811';

async function walk(dir: string): Promise<{ path: string; dir: boolean }[]> {
  const out: { path: string; dir: boolean }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push({ path, dir: entry.isDirectory() });
    if (entry.isDirectory()) out.push(...(await walk(path)));
  }
  return out;
}

const magic = { jpeg: Buffer.from([0xff, 0xd8, 0xff]), png: Buffer.from([0x89, 0x50, 0x4e, 0x47]), pdf: Buffer.from('%PDF'), tiff: Buffer.from('II*\0', 'latin1') };

describe("the host's data folder at rest", () => {
  it('holds no scan bytes, no ИИН and nothing readable by other OS accounts after imports through the host', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'qabyldau-at-rest-'));
    await writeFile(join(dataDir, 'centre.json'), JSON.stringify({ centreId: 'CON-REST', centreKey: 'r'.repeat(32) }));
    const host = await createHost(
      { appName: 'Qabyldau', appVersion: '0', apiUrl: 'http://127.0.0.1:1/', dataDir, rendererDir: dataDir, trustedCaPemFiles: [], idleLockSeconds: 300, crlMaxAgeHours: 168 },
      'loopback',
      { log: createFileLogger(join(dataDir, 'logs')).warn },
    );
    const s = host.services;

    // A photo of an ID card, a PDF certificate naming the applicant, both named by ИИН as desks often do.
    const photo = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#c8d8e8' } }).jpeg().toBuffer();
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]).drawText(`IIN ${IIN} TESTOV TEST`, { font: await pdf.embedFont(StandardFonts.Helvetica), x: 50, y: 700 });
    const pdfBytes = await pdf.save({ useObjectStreams: false });
    const imported = [
      ...(await s['scan.importFile']({ fileName: `${IIN}-udostoverenie.jpg`, bytesBase64: photo.toString('base64') })).pages,
      ...(await s['scan.importFile']({ fileName: `${IIN}-spravka.pdf`, bytesBase64: Buffer.from(pdfBytes).toString('base64') })).pages,
    ];
    expect(imported).toHaveLength(2);
    // The hot folder, with the host's own key (its stability wait set to zero for the test).
    const { services: scanning } = createScanning({ dataDir, cipher: host.keys.files }, { hotFolderStableMs: 0 });
    await scanning['scan.hotFolder.poll']({});
    await writeFile(join(dataDir, 'hot-folder', `${IIN}.jpg`), photo);
    await scanning['scan.hotFolder.poll']({});
    expect((await scanning['scan.hotFolder.poll']({})).pages).toHaveLength(1);
    // Pages still open for building documents: encrypted is not lost.
    const built = await s['scan.document.build']({ pages: imported.map((p) => ({ id: p.id, rotation: 0 as const })), encoding: 'photo' });
    expect(built.pageCount).toBe(2);

    const entries = await walk(dataDir);
    expect(entries.some((e) => e.path.endsWith('.page'))).toBe(true);
    expect(entries.some((e) => e.path.includes(join('hot-folder', 'done')) && e.path.endsWith('.sealed'))).toBe(true);
    for (const entry of entries) {
      const info = await lstat(entry.path);
      if (entry.dir) {
        expect(info.mode & 0o077, `${entry.path} is private`).toBe(0);
        continue;
      }
      expect(info.mode & 0o777, entry.path).toBe(0o600);
      const bytes = await readFile(entry.path);
      for (const [kind, m] of Object.entries(magic)) expect(bytes.includes(m), `${kind} bytes in ${entry.path}`).toBe(false);
      expect(bytes.includes(Buffer.from(IIN)), `ИИН in ${entry.path}`).toBe(false);
      expect(entry.path).not.toContain(IIN);
    }
    expect(entries.map((e) => e.path)).not.toContain(join(dataDir, 'centre.json'));
  });

  it('refuses a page whose sealed file was changed, with a clear error', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'qabyldau-tamper-'));
    const host = await createHost(
      { appName: 'Qabyldau', appVersion: '0', apiUrl: 'http://127.0.0.1:1/', dataDir, rendererDir: dataDir, trustedCaPemFiles: [], idleLockSeconds: 300, crlMaxAgeHours: 168 },
      'loopback',
      { log: () => undefined },
    );
    const photo = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#ccc' } }).jpeg().toBuffer();
    const [page] = (await host.services['scan.importFile']({ fileName: 'a.jpg', bytesBase64: photo.toString('base64') })).pages;
    const file = join(dataDir, 'scan-pages', `${page!.id}.page`);
    const sealed = await readFile(file);
    sealed[sealed.length - 40]! ^= 0x01;
    await writeFile(file, sealed);
    await expect(host.services['scan.document.build']({ pages: [{ id: page!.id, rotation: 0 }], encoding: 'photo' })).rejects.toMatchObject({ code: 'scanning:page.tampered' });
  });
});
