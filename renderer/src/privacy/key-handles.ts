import Dexie from 'dexie';
import type { HostBridge } from '@shared/bridge/contract';
import { RecordVault } from './vault';

/**
 * Loopback (browser-tab) mode only: the host is reached over the network stack, which goes offline together with
 * the link, so a reload while offline could not fetch the keys. There the non-extractable CryptoKey handles are
 * kept in a separate IndexedDB database (script can use them but never read their bytes) as a fallback. Under
 * Electron's IPC the host is always there and nothing is kept: the keys live in memory only.
 */
const handles = () => {
  const db = new Dexie('qabyldau-key-handles');
  db.version(1).stores({ keys: 'keyId' });
  return db;
};

export async function loadVault(bridge: HostBridge): Promise<RecordVault> {
  try {
    const vault = await RecordVault.fromHost(bridge);
    if (bridge.transport === 'loopback') {
      const db = handles();
      await db.table('keys').clear();
      await db.table('keys').put(vault.handles());
      db.close();
    }
    return vault;
  } catch (error) {
    if (bridge.transport !== 'loopback') throw error;
    const db = handles();
    const saved = (await db.table('keys').toArray())[0] as ReturnType<RecordVault['handles']> | undefined;
    db.close();
    if (!saved) throw error;
    return RecordVault.fromHandles(saved);
  }
}
