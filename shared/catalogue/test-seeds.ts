// Raw seeds for verbatim checks in tests (Vite `?raw` import of docs/regulations/seeds, copied into the repository).
import seed000 from '../../docs/regulations/seeds/000_eb18e13b5e04e00c.txt?raw';
import seed001 from '../../docs/regulations/seeds/001_cba228d149a96c2a.txt?raw';
import seed002 from '../../docs/regulations/seeds/002_9bcd46ef47b39d61.txt?raw';
import seed003 from '../../docs/regulations/seeds/003_ade045b4bb6f1d37.txt?raw';
import seed004 from '../../docs/regulations/seeds/004_38fc2361195363be.txt?raw';

/** The digests' convention: Latin i/I typed for Kazakh і/І is normalised, markdown emphasis and whitespace collapsed. */
export function normalizeSeedText(text: string): string {
  return text.replace(/\*\*/g, '').replace(/i/g, 'і').replace(/I/g, 'І').replace(/\s+/g, ' ').trim();
}

export const seeds: Record<string, string> = Object.fromEntries(
  Object.entries({
    '000_eb18e13b5e04e00c.txt': seed000,
    '001_cba228d149a96c2a.txt': seed001,
    '002_9bcd46ef47b39d61.txt': seed002,
    '003_ade045b4bb6f1d37.txt': seed003,
    '004_38fc2361195363be.txt': seed004,
  }).map(([name, text]) => [name, normalizeSeedText(text)]),
);
