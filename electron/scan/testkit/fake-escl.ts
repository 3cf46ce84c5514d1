import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/**
 * A loopback eSCL scanner for tests and e2e: capabilities, status, jobs, NextDocument until 404, DELETE to cancel.
 * The feeder holds `feederPages` sheets and can jam after `jamAfter` of them; `busy` makes it refuse new jobs.
 */
export interface FakeEsclOptions {
  feederPages?: number;
  jamAfter?: number;
  busy?: boolean;
  /** NextDocument answers 503 this many times before each page, like a scanner still moving paper. */
  warmups?: number;
}

export interface FakeEscl {
  url: string;
  options: FakeEsclOptions;
  requests: string[];
  cancelled: string[];
  close(): Promise<void>;
}

const capabilities = `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.63</pwg:Version><pwg:MakeAndModel>Qabyldau FakeScan 3000</pwg:MakeAndModel><scan:Manufacturer>Qabyldau</scan:Manufacturer>
  <scan:Platen><scan:PlatenInputCaps><scan:SettingProfiles><scan:SettingProfile>
    <scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
    <scan:SupportedResolutions><scan:DiscreteResolutions>
      <scan:DiscreteResolution><scan:XResolution>150</scan:XResolution><scan:YResolution>150</scan:YResolution></scan:DiscreteResolution>
      <scan:DiscreteResolution><scan:XResolution>300</scan:XResolution><scan:YResolution>300</scan:YResolution></scan:DiscreteResolution>
    </scan:DiscreteResolutions></scan:SupportedResolutions>
  </scan:SettingProfile></scan:SettingProfiles></scan:PlatenInputCaps></scan:Platen>
  <scan:Adf><scan:AdfSimplexInputCaps><scan:SettingProfiles><scan:SettingProfile>
    <scan:ColorModes><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
  </scan:SettingProfile></scan:SettingProfiles></scan:AdfSimplexInputCaps></scan:Adf>
</scan:ScannerCapabilities>`;

const status = (state: string, adf: string) => `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.63</pwg:Version><pwg:State>${state}</pwg:State><scan:AdfState>${adf}</scan:AdfState>
</scan:ScannerStatus>`;

/** A page the fake "scans": a numbered sheet as a JPEG at the requested resolution (A5 keeps tests quick). */
async function sheet(n: number, dpi: number): Promise<Buffer> {
  const w = Math.round((148 / 25.4) * dpi);
  const h = Math.round((210 / 25.4) * dpi);
  const s = dpi / 150;
  const lines = Array.from({ length: 14 }, (_, i) => `<rect x="${60 * s}" y="${(200 + i * 40) * s}" width="${(560 - (i % 3) * 90) * s}" height="${12 * s}" fill="#333"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#f6f3ea"/><text x="${60 * s}" y="${140 * s}" font-size="${64 * s}" font-family="DejaVu Sans" fill="#111">eSCL ${n}</text>${lines}</svg>`;
  return sharp(Buffer.from(svg)).flatten({ background: '#fff' }).jpeg({ quality: 85 }).withMetadata({ density: dpi }).toBuffer();
}

export async function startFakeEscl(options: FakeEsclOptions = {}, port = 0): Promise<FakeEscl> {
  const requests: string[] = [];
  const cancelled: string[] = [];
  let feeder = options.feederPages ?? 3;
  let jammed = false;
  const jobs = new Map<string, { source: string; dpi: number; sent: number; warm: number; done: boolean }>();
  let busyJob: string | null = null;

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] as string;
    requests.push(`${req.method} ${path}`);
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      void (async () => {
        const xml = (text: string, code = 200) => res.writeHead(code, { 'content-type': 'text/xml' }).end(text);
        if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities') return xml(capabilities);
        if (req.method === 'GET' && path === '/eSCL/ScannerStatus')
          return xml(status(options.busy || busyJob ? 'Processing' : 'Idle', jammed ? 'ScannerAdfJam' : feeder > 0 ? 'ScannerAdfLoaded' : 'ScannerAdfEmpty'));
        if (req.method === 'POST' && path === '/eSCL/ScanJobs') {
          if (options.busy || busyJob) return res.writeHead(503).end();
          const settings = Buffer.concat(body).toString('utf8');
          const id = randomUUID();
          const source = /<pwg:InputSource>Feeder</.test(settings) ? 'Feeder' : 'Platen';
          const dpi = Number(/<scan:XResolution>(\d+)</.exec(settings)?.[1] ?? 300);
          jobs.set(id, { source, dpi, sent: 0, warm: 0, done: false });
          busyJob = id;
          return res.writeHead(201, { location: `/eSCL/ScanJobs/${id}` }).end();
        }
        const m = /^\/eSCL\/ScanJobs\/([\w-]+)(\/NextDocument)?$/.exec(path);
        const job = m ? jobs.get(m[1] as string) : undefined;
        if (!m || !job) return res.writeHead(404).end();
        const finish = () => {
          job.done = true;
          if (busyJob === m[1]) busyJob = null;
        };
        if (req.method === 'DELETE' && !m[2]) {
          cancelled.push(m[1] as string);
          finish();
          return res.writeHead(200).end();
        }
        if (req.method !== 'GET' || !m[2]) return res.writeHead(405).end();
        if (job.done) return res.writeHead(404).end();
        if (job.warm < (options.warmups ?? 0)) {
          job.warm++;
          return res.writeHead(503).end();
        }
        job.warm = 0;
        if (job.source === 'Platen') {
          if (job.sent === 1) {
            finish();
            return res.writeHead(404).end();
          }
        } else {
          if (options.jamAfter !== undefined && job.sent >= options.jamAfter) {
            jammed = true;
            finish();
            return res.writeHead(409).end();
          }
          if (feeder === 0) {
            finish();
            return res.writeHead(404).end();
          }
          feeder--;
        }
        job.sent++;
        const jpeg = await sheet(job.sent, job.dpi);
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length }).end(jpeg);
      })();
    });
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/eSCL`,
    options,
    requests,
    cancelled,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
