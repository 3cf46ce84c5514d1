import boldUrl from '@shared/forms/fonts/DejaVuSans-Bold.ttf?url';
import regularUrl from '@shared/forms/fonts/DejaVuSans.ttf?url';

export interface FormFonts {
  font: Uint8Array;
  boldFont: Uint8Array;
}
/** What the loader hands out: fetched bytes, always ArrayBuffer-backed (the receipt renderer requires that). */
type LoadedFonts = { font: Uint8Array<ArrayBuffer>; boldFont: Uint8Array<ArrayBuffer> };

let loading: Promise<LoadedFonts> | undefined;

/**
 * The one loader of the form fonts for every printed form (licences, refusals, receipts). They are bundle assets
 * (the service worker precaches *.ttf), so printing works offline. The same byte arrays are reused for every form:
 * shared/forms caches the parsed font per array, so a second loader would parse the fonts a second time.
 */
export function loadFormFonts(): Promise<LoadedFonts> {
  const get = async (url: string) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`font ${url}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  loading ??= Promise.all([get(regularUrl), get(boldUrl)])
    .then(([font, boldFont]) => ({ font, boldFont }))
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}
