import { RecordVault } from './vault';

/** A vault with fresh random keys, as the host would hand over; for tests and benchmarks only. */
export function testVault(keyId = '0123456789abcdef'): Promise<RecordVault> {
  return RecordVault.fromRaw(
    keyId,
    crypto.getRandomValues(new Uint8Array(32)),
    crypto.getRandomValues(new Uint8Array(32)),
  );
}
