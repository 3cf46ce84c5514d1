import { useEffect, useSyncExternalStore } from 'react';
import { useWorkstation } from '../context';
import { builtInCatalogue, loadCachedCatalogue, refreshCatalogue, type ActiveCatalogue } from './active-catalogue';

// One load and one refresh per page life, however often the intake screen mounts.
let current: ActiveCatalogue = builtInCatalogue;
let started: Promise<void> | null = null;
const listeners = new Set<() => void>();

function publish(next: ActiveCatalogue) {
  current = next;
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};
const snapshot = () => current;

/**
 * The catalogue the intake runs on: the built-in one at first paint, then the cached copy from Dexie, then the
 * server's when it differs. The built-in catalogue stays the fallback whatever happens to the cache or network.
 */
export function useActiveCatalogue(): ActiveCatalogue {
  const { db, info } = useWorkstation();
  useEffect(() => {
    started ??= (async () => {
      publish(await loadCachedCatalogue(db).catch(() => builtInCatalogue));
      const fresh = await refreshCatalogue(db, info.apiUrl).catch(() => null);
      if (fresh) publish(fresh);
    })();
  }, [db, info.apiUrl]);
  return useSyncExternalStore(subscribe, snapshot);
}
