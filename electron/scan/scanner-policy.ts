import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '@shared/errors';
import type { SaneDevice } from '@shared/scanning/bridge';

/**
 * Which scanners the renderer may make the host talk to. The renderer names a scanner; the host only reaches one
 * that was discovered (SANE's device list, which includes network scanners SANE found) or configured by the
 * administrator in `<dataDir>/scanners.json` — `{"escl": ["http://10.0.0.7/eSCL"], "sane": ["net:10.0.0.8:…"]}`.
 * So a compromised page cannot point the host at an arbitrary URL (SSRF) or a SANE `net:` backend of its choosing.
 */
const scannersFileSchema = z.object({
  escl: z.array(z.url({ protocol: /^https?$/ })).default([]),
  sane: z.array(z.string().min(1)).default([]),
});

/** An eSCL root compared by origin and path, so `http://h/eSCL/` and `http://H/eSCL` name the same scanner. */
export function esclKey(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** SANE names eSCL scanners it discovered (escl and airscan backends) with their URL inside the device id. */
function esclUrlOfSaneDevice(id: string): string | null {
  const m = /^(?:escl|airscan):[^:]*:?(https?:\/\/\S+)$/i.exec(id) ?? /(https?:\/\/\S+)$/i.exec(id);
  return m ? m[1]! : null;
}

export class ScannerAllowList {
  private discovered: SaneDevice[] | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly discoverSane: () => Promise<SaneDevice[]>,
  ) {}

  /** Called with every device list the operator asked for, so the devices shown are the devices allowed. */
  noteDiscovered(devices: SaneDevice[]): void {
    this.discovered = devices;
  }

  private async configured() {
    try {
      return scannersFileSchema.parse(JSON.parse(await readFile(join(this.dataDir, 'scanners.json'), 'utf8')));
    } catch {
      return scannersFileSchema.parse({});
    }
  }

  private async saneDevices(): Promise<SaneDevice[]> {
    // After a restart the remembered device is checked against a fresh discovery, once.
    if (!this.discovered) this.discovered = await this.discoverSane().catch(() => []);
    return this.discovered;
  }

  async requireSane(device: string): Promise<void> {
    if ((await this.configured()).sane.includes(device)) return;
    if ((await this.saneDevices()).some((d) => d.id === device)) return;
    throw new AppError('scanning:scanner.notAllowed', { scanner: device.slice(0, 100) });
  }

  async requireEscl(url: string): Promise<void> {
    const key = esclKey(url);
    if (key) {
      const config = await this.configured();
      if (config.escl.some((u) => esclKey(u) === key)) return;
      const found = (this.discovered ?? []).map((d) => esclUrlOfSaneDevice(d.id)).filter((u): u is string => u !== null);
      if (found.some((u) => esclKey(u) === key)) return;
    }
    throw new AppError('scanning:scanner.notAllowed', { scanner: url.slice(0, 100) });
  }
}
