import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { appendFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scanPaths } from './config';
import { esclProbe } from './escl';
import { HotFolder } from './hot-folder';
import { ingest } from './ingest';
import { createScanning } from './services';
import { startFakeEscl, type FakeEscl } from './testkit/fake-escl';
import { scanConfigSchema } from './config';
import { PageStore } from './page-store';
import { textPage } from './testkit/pages';
import { randomBytes } from 'node:crypto';
import { fileCipher } from '../secrets/envelope';

const cipher = fileCipher(randomBytes(32));

/** A data folder whose SANE config lists only the `test` backend (the system one may not enable it). */
function dataDirWithSaneTest(testConf = '', esclScanners: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'qabyldau-scan-src-'));
  mkdirSync(scanPaths(dir).saneConfig, { recursive: true });
  writeFileSync(join(scanPaths(dir).saneConfig, 'dll.conf'), 'test\n');
  writeFileSync(join(scanPaths(dir).saneConfig, 'test.conf'), `number_of_devices 1\ntest-picture "Grid"\n${testConf}`);
  // The administrator's list of network scanners the host may reach.
  writeFileSync(join(dir, 'scanners.json'), JSON.stringify({ escl: esclScanners }));
  return dir;
}

describe('SANE through scanimage and the test backend', () => {
  it('lists the test device and its options', async () => {
    const { services } = createScanning({ cipher, dataDir: dataDirWithSaneTest() });
    const { devices } = await services['scan.sane.devices']({});
    expect(devices.map((d) => d.id)).toContain('test:0');
    const options = await services['scan.sane.options']({ device: 'test:0' });
    expect(options.modes).toEqual(['color', 'gray']);
    expect(options.sources).toEqual(['flatbed', 'adf']);
    expect(options.resolutions).toContain(300);
  });

  it('scans one flatbed page and a ten-sheet feeder batch into stored pages', async () => {
    const { services, jobs } = createScanning({ cipher, dataDir: dataDirWithSaneTest() });
    const flat = await services['scan.sane.start']({ device: 'test:0', request: { resolution: 150, mode: 'gray', source: 'flatbed' } });
    const one = await jobs.settled(flat.jobId);
    expect([one.state, one.pages.length, one.error]).toEqual(['done', 1, null]);
    expect(one.pages[0]!.widthPt).toBeCloseTo((80 / 25.4) * 72, 0); // the test device's 80 mm default width
    const batch = await services['scan.sane.start']({ device: 'test:0', request: { resolution: 100, mode: 'color', source: 'adf' } });
    const ten = await jobs.settled(batch.jobId);
    expect([ten.state, ten.pages.length]).toEqual(['done', 10]);
    const doc = await services['scan.document.build']({ pages: ten.pages.map((p) => ({ id: p.id, rotation: 0 })), encoding: 'text' });
    expect(doc.pageCount).toBe(10);
  });

  it('reports a jam and an absent device as localised errors', async () => {
    const { services, jobs } = createScanning({ cipher, dataDir: dataDirWithSaneTest('read-status-code "SANE_STATUS_JAMMED"\n') });
    const jam = await jobs.settled((await services['scan.sane.start']({ device: 'test:0', request: { resolution: 100, mode: 'gray', source: 'adf' } })).jobId);
    expect([jam.state, jam.error?.code, jam.pages.length]).toEqual(['failed', 'scanning:scanner.jammed', 0]);
    // A device that was neither discovered nor configured is not even tried.
    await expect(services['scan.sane.start']({ device: 'test:7', request: { resolution: 100, mode: 'gray', source: 'flatbed' } })).rejects.toMatchObject({ code: 'scanning:scanner.notAllowed' });
    await expect(services['scan.sane.options']({ device: 'net:203.0.113.9:test:0' })).rejects.toMatchObject({ code: 'scanning:scanner.notAllowed' });
  });

  it('cancels a slow feeder batch and keeps what was scanned', async () => {
    const { services, jobs } = createScanning({ cipher, dataDir: dataDirWithSaneTest('read-delay true\nread-delay-duration 20000\n') });
    const job = await services['scan.sane.start']({ device: 'test:0', request: { resolution: 150, mode: 'gray', source: 'adf' } });
    await expect.poll(() => jobs.status(job.jobId).progress ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
    const cancelled = await services['scan.job.cancel']({ jobId: job.jobId });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.pages.length).toBeLessThan(10);
  });
});

describe('eSCL against a loopback fake scanner', () => {
  const servers: FakeEscl[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));
  const fake = async (o: Parameters<typeof startFakeEscl>[0]) => {
    const s = await startFakeEscl(o);
    servers.push(s);
    return s;
  };

  it('reads capabilities and scans a feeder batch, polling through 503s until 404', async () => {
    const scanner = await fake({ feederPages: 3, warmups: 2 });
    const probe = await esclProbe(scanner.url.replace('/eSCL', '/'));
    expect(probe).toMatchObject({ model: 'Qabyldau FakeScan 3000', state: 'Idle', options: { resolutions: [150, 300], sources: ['flatbed', 'adf'] } });
    const { services, jobs } = createScanning({ cipher, dataDir: dataDirWithSaneTest('', [`${scanner.url}/`]) });
    const job = await jobs.settled((await services['scan.escl.start']({ url: scanner.url, request: { resolution: 150, mode: 'gray', source: 'adf' } })).jobId);
    expect([job.state, job.pages.length]).toEqual(['done', 3]);
    // Each sheet: two 503s then the page; the end of the batch: two 503s then 404.
    expect(scanner.requests.filter((r) => r.endsWith('/NextDocument')).length).toBe(4 * 3);
  });

  it('keeps the pages before a jam and says the feeder jammed', async () => {
    const scanner = await fake({ feederPages: 5, jamAfter: 2 });
    const { services, jobs } = createScanning({ cipher, dataDir: dataDirWithSaneTest('', [scanner.url]) });
    const job = await jobs.settled((await services['scan.escl.start']({ url: scanner.url, request: { resolution: 150, mode: 'gray', source: 'adf' } })).jobId);
    expect([job.state, job.error?.code, job.pages.length]).toEqual(['failed', 'scanning:scanner.jammed', 2]);
    const doc = await services['scan.document.build']({ pages: job.pages.map((p) => ({ id: p.id, rotation: 0 })), encoding: 'text' });
    expect(doc.pageCount).toBe(2);
  });

  it('says busy, unreachable and cancelled clearly', async () => {
    const busy = await fake({ busy: true });
    const slow = await fake({ feederPages: 5, warmups: 1000 });
    const { services, jobs } = createScanning({ cipher, dataDir: dataDirWithSaneTest('', [busy.url, slow.url]) });
    const b = await jobs.settled((await services['scan.escl.start']({ url: busy.url, request: { resolution: 150, mode: 'gray', source: 'flatbed' } })).jobId);
    expect(b.error?.code).toBe('scanning:scanner.busy');
    await busy.close();
    servers.splice(servers.indexOf(busy), 1);
    const gone = await jobs.settled((await services['scan.escl.start']({ url: busy.url, request: { resolution: 150, mode: 'gray', source: 'flatbed' } })).jobId);
    expect(gone.error?.code).toBe('scanning:scanner.unreachable');

    const job = await services['scan.escl.start']({ url: slow.url, request: { resolution: 150, mode: 'gray', source: 'adf' } });
    await expect.poll(() => slow.requests.some((r) => r.endsWith('/NextDocument'))).toBe(true);
    expect((await services['scan.job.cancel']({ jobId: job.jobId })).state).toBe('cancelled');
    await expect.poll(() => slow.cancelled.length).toBe(1);
  });

  it('reaches no eSCL address the administrator did not configure, whatever the renderer sends', async () => {
    const scanner = await fake({ feederPages: 1 });
    const { services } = createScanning({ cipher, dataDir: dataDirWithSaneTest() });
    for (const url of [scanner.url, 'http://169.254.169.254/latest/meta-data', 'http://127.0.0.1:8787/v1'])
      await expect(services['scan.escl.probe']({ url })).rejects.toMatchObject({ code: 'scanning:scanner.notAllowed' });
    await expect(services['scan.escl.start']({ url: scanner.url, request: { resolution: 150, mode: 'gray', source: 'adf' } })).rejects.toMatchObject({ code: 'scanning:scanner.notAllowed' });
    expect(scanner.requests).toEqual([]);
  });
});

describe('hot folder', () => {
  it('takes a file only once its chunked write has finished, and ignores temporary names until renamed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qabyldau-hot-'));
    const config = scanConfigSchema.parse({ dataDir: dir });
    const store = new PageStore(join(dir, 'pages'), cipher);
    let clock = 0;
    const hot = new HotFolder(join(dir, 'hot'), (bytes, name) => ingest({ bytes, source: 'hot-folder', origin: name }, store, config), 1000, cipher, () => clock);
    expect(await hot.poll()).toMatchObject({ pages: [], waiting: 0 });

    const page = await textPage(100, 'png');
    const path = join(dir, 'hot', 'scan0001.png');
    const third = Math.ceil(page.length / 3);
    await writeFile(path, page.subarray(0, third));
    for (const start of [third, 2 * third]) {
      clock += 2000;
      expect(await hot.poll()).toMatchObject({ pages: [], waiting: 1 }); // size changed since the last look
      await appendFile(path, page.subarray(start, Math.min(start + third, page.length)));
    }
    clock += 2000;
    expect((await hot.poll()).pages).toHaveLength(0); // first look at the final size
    clock += 500;
    expect((await hot.poll()).pages).toHaveLength(0); // not stable for long enough yet
    clock += 1000;
    const taken = await hot.poll();
    expect(taken.rejected).toEqual([]);
    expect(taken.pages.map((p) => [p.source, p.origin])).toEqual([['hot-folder', 'scan0001.png']]);
    // The original is kept sealed, not in clear, and comes back byte for byte.
    const archived = readdirSync(join(dir, 'hot', 'done'));
    expect(archived).toEqual([expect.stringMatching(/^[\dT-]+Z-[a-f0-9-]{36}\.sealed$/)]);
    expect(readFileSync(join(dir, 'hot', 'done', archived[0]!)).includes(page.subarray(0, 8))).toBe(false);
    expect(Buffer.compare(await hot.openArchived(archived[0]!), page)).toBe(0);

    await writeFile(join(dir, 'hot', 'scan0002.pdf.part'), page);
    clock += 5000;
    expect(await hot.poll()).toMatchObject({ pages: [], waiting: 1 });
    await rename(join(dir, 'hot', 'scan0002.pdf.part'), join(dir, 'hot', 'scan0002.pdf'));
    await writeFile(join(dir, 'hot', 'empty.jpg'), new Uint8Array());
    await hot.poll();
    clock += 5000;
    const last = await hot.poll();
    expect(last.pages.map((p) => p.origin)).toEqual(['scan0002.pdf']); // a PNG with a .pdf name
    expect(last.rejected.map((r) => [r.fileName, r.error.code])).toEqual([['empty.jpg', 'scanning:file.empty']]);
    expect(readdirSync(join(dir, 'hot', 'refused'))).toHaveLength(1);
  });
});
