import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saneScan } from './sane';

// A stand-in for scanimage that behaves as the real one does in --batch mode: it reports "Scanned page n"
// and only afterwards closes p<n>.tif.part and renames it into place.
function fakeScanimage(pages: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'qabyldau-fake-scanimage-'));
  const path = join(dir, 'scanimage');
  writeFileSync(
    path,
    `#!/bin/sh
case "$*" in *-A*) printf '  --mode Gray|Color [Gray]\\n  --resolution 50..600dpi [100]\\n  --source Flatbed|ADF [Flatbed]\\n'; exit 0;; esac
for a in "$@"; do case "$a" in --batch=*) pattern="\${a#--batch=}";; esac; done
n=1
while [ $n -le ${pages} ]; do
  echo "Scanning page $n" >&2
  out=$(printf "$pattern" $n)
  printf 'TIFF page %d' $n > "$out.part"
  echo "Scanned page $n. (scanner status = 5)" >&2
  sleep 0.3
  mv "$out.part" "$out"
  n=$((n+1))
done
echo "Batch terminated, ${pages} pages scanned" >&2
`,
  );
  chmodSync(path, 0o755);
  return path;
}

describe('saneScan', () => {
  it('reads each page only after scanimage has renamed it into place', async () => {
    const pages: string[] = [];
    await saneScan('fake:0', { resolution: 100, mode: 'gray', source: 'adf' }, { scanimage: fakeScanimage(3) }, {
      signal: new AbortController().signal,
      onProgress: () => undefined,
      onPage: async (tiff, n) => {
        pages.push(`${n}:${new TextDecoder().decode(tiff)}`);
      },
    });
    expect(pages).toEqual(['1:TIFF page 1', '2:TIFF page 2', '3:TIFF page 3']);
  });
});
