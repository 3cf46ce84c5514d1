import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '@shared/errors';
import type { SaneDevice, ScanMode, ScannerOptions, ScanRequest, ScanSource } from '@shared/scanning/bridge';

const run = promisify(execFile);

export interface SaneEnv {
  scanimage: string;
  /** A SANE config folder searched before the system one (SANE_CONFIG_DIR), when it exists. */
  configDir?: string;
}

function env(s: SaneEnv): NodeJS.ProcessEnv {
  return s.configDir && existsSync(s.configDir) ? { ...process.env, SANE_CONFIG_DIR: `${s.configDir}:` } : process.env;
}

/** What scanimage printed, as the operator's message. */
export function saneError(stderr: string, device: string): AppError {
  const detail = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300);
  if (/jammed/i.test(stderr)) return new AppError('scanning:scanner.jammed', { device }, detail);
  if (/busy/i.test(stderr)) return new AppError('scanning:scanner.busy', { device }, detail);
  if (/cover (is )?open/i.test(stderr)) return new AppError('scanning:scanner.coverOpen', { device }, detail);
  if (/out of documents|no documents/i.test(stderr)) return new AppError('scanning:scanner.noPaper', { device }, detail);
  if (/open of device .* failed|no such device|invalid argument/i.test(stderr)) return new AppError('scanning:scanner.absent', { device }, detail);
  if (/I\/O|device i\/o|disconnected/i.test(stderr)) return new AppError('scanning:scanner.disconnected', { device }, detail);
  if (/ENOENT|not found/i.test(stderr)) return new AppError('scanning:sane.missing', undefined, detail);
  return new AppError('scanning:scanner.failed', { detail }, detail);
}

export async function listSaneDevices(s: SaneEnv): Promise<SaneDevice[]> {
  try {
    const { stdout } = await run(s.scanimage, ['-f', '%d\t%v\t%m\t%t%n'], { env: env(s), timeout: 30_000 });
    return stdout
      .split('\n')
      .filter((l) => l.includes('\t'))
      .map((l) => {
        const [id = '', vendor = '', model = '', type = ''] = l.split('\t');
        return { id, vendor, model, type };
      });
  } catch (error) {
    throw saneError(String((error as { stderr?: string }).stderr || error), '');
  }
}

const commonResolutions = [100, 150, 200, 300, 400, 600];

/** Parses `scanimage -A` for the three options the desk offers; device-specific names are matched loosely. */
export function parseSaneOptions(text: string): ScannerOptions & { raw: { modes: string[]; sources: string[] } } {
  const values = (name: string) => {
    const m = new RegExp(`^\\s*--${name} ([^\\[]+?)\\s*\\[`, 'm').exec(text);
    return m ? (m[1] as string).split('|').map((v) => v.trim()) : [];
  };
  const modes = values('mode');
  const sources = values('source');
  const resText = /^\s*--resolution ([^[]+)\[/m.exec(text)?.[1] ?? '';
  let resolutions: number[];
  const range = /(\d+)\.\.(\d+)/.exec(resText);
  if (range) resolutions = commonResolutions.filter((r) => r >= Number(range[1]) && r <= Number(range[2]));
  else resolutions = resText.split('|').map((v) => parseInt(v, 10)).filter((v) => v > 0);
  return {
    resolutions,
    modes: (['color', 'gray', 'lineart'] as const).filter((m) => modes.some((v) => modePattern[m].test(v))),
    sources: sources.length === 0 ? ['flatbed'] : (['flatbed', 'adf'] as const).filter((src) => sources.some((v) => sourcePattern[src].test(v))),
    raw: { modes, sources },
  };
}

const modePattern: Record<ScanMode, RegExp> = { color: /colou?r/i, gray: /gr[ae]y/i, lineart: /lineart|binary|black/i };
const sourcePattern: Record<ScanSource, RegExp> = { flatbed: /flatbed|platen/i, adf: /adf|feeder/i };

async function deviceOptionsText(device: string, s: SaneEnv): Promise<string> {
  try {
    return (await run(s.scanimage, ['-d', device, '-A'], { env: env(s), timeout: 30_000 })).stdout;
  } catch (error) {
    throw saneError(String((error as { stderr?: string }).stderr || error), device);
  }
}

export async function saneOptions(device: string, s: SaneEnv): Promise<ScannerOptions> {
  const { resolutions, modes, sources } = parseSaneOptions(await deviceOptionsText(device, s));
  return { resolutions, modes, sources };
}

export interface SaneScanHooks {
  signal: AbortSignal;
  onProgress(percent: number): void;
  /** Called with each complete page, in order; awaited before the next page is handed over. */
  onPage(tiff: Uint8Array, page: number): Promise<void>;
}

/**
 * One `scanimage --batch` run: flatbed scans one page, the feeder scans until it is empty. A page is taken only
 * when scanimage reports it good (status 5); a jam or a pulled cable ends the run with an error, and the pages
 * before it have already been handed over. Cancel is SIGINT, which scanimage turns into sane_cancel.
 */
export async function saneScan(device: string, request: ScanRequest, s: SaneEnv, hooks: SaneScanHooks): Promise<void> {
  const opts = parseSaneOptions(await deviceOptionsText(device, s));
  const mode = opts.raw.modes.find((v) => modePattern[request.mode].test(v)) ?? opts.raw.modes.find((v) => modePattern.gray.test(v));
  const source = opts.raw.sources.find((v) => sourcePattern[request.source].test(v));
  if (request.source === 'adf' && !source) throw new AppError('scanning:scanner.noFeeder', { device });
  const dir = await mkdtemp(join(tmpdir(), 'qabyldau-sane-'));
  const args = ['-d', device, '--format=tiff', '--resolution', String(request.resolution), '-p', `--batch=${join(dir, 'p%d.tif')}`];
  if (mode) args.push('--mode', mode);
  if (source) args.push('--source', source);
  if (request.source === 'flatbed') args.push('--batch-count=1');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(s.scanimage, args, { env: env(s), stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      let good = 0;
      let chain = Promise.resolve();
      // scanimage reports "Scanned page n" before it closes p<n>.tif.part and renames it into place, so a page is
      // read only once scanimage has moved on: at the next "Scanning page", "Batch terminated" or its exit.
      const ready: number[] = [];
      const handOver = () => {
        for (const n of ready.splice(0)) chain = chain.then(async () => hooks.onPage(new Uint8Array(await readFile(join(dir, `p${n}.tif`))), n));
        // The close handler reports a failed page; until then a rejection here is expected, not unhandled.
        chain.catch(() => undefined);
      };
      const onAbort = () => child.kill('SIGINT');
      hooks.signal.addEventListener('abort', onAbort, { once: true });
      child.stderr.setEncoding('utf8');
      let pending = '';
      child.stderr.on('data', (data: string) => {
        stderr += data;
        // Whole lines only: a status line may arrive split across two reads.
        const lines = (pending + data).split(/[\r\n]/);
        pending = lines.pop() ?? '';
        for (const line of lines) {
          const progress = /Progress: ([\d.]+)%/.exec(line);
          if (progress) hooks.onProgress(Number(progress[1]));
          const scanned = /Scanned page (\d+)\. \(scanner status = (\d+)\)/.exec(line);
          if (scanned && scanned[2] === '5') {
            good++;
            ready.push(Number(scanned[1]));
          }
          if (/^Scanning page \d+|^Batch terminated/.test(line)) handOver();
        }
      });
      child.on('error', (error) => reject(new AppError('scanning:sane.missing', undefined, error.message)));
      child.on('close', (code) => {
        hooks.signal.removeEventListener('abort', onAbort);
        handOver();
        chain.then(() => {
          if (hooks.signal.aborted) return resolve();
          const emptiedFeeder = /out of documents/i.test(stderr) && good > 0;
          if (code === 0 && !/jammed|error/i.test(stderr.replace(/out of documents/gi, ''))) return resolve();
          if (emptiedFeeder && !/jammed/i.test(stderr)) return resolve();
          reject(saneError(stderr || `exit ${code}`, device));
        }, reject);
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
