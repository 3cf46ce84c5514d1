import { useCallback, useEffect, useRef, useState } from 'react';
import type { Outbox } from '../../outbox/outbox';
import type { IntakeState } from './intake-state';

const debounceMs = 300;

/**
 * Autosaves the intake as a Dexie draft ~300 ms after the last change. `flush` writes a pending change now (before
 * switching drafts or leaving the page); `cancel` drops it (the draft is about to be queued or discarded, and a
 * late save would resurrect it or be refused).
 */
export function useDraftAutosave(outbox: Outbox, id: string, state: IntakeState, dirty: boolean) {
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [failed, setFailed] = useState(false);
  const pending = useRef<{ id: string; state: IntakeState; timer: ReturnType<typeof setTimeout> } | null>(null);

  const write = useCallback(
    async (draftId: string, draft: IntakeState) => {
      try {
        await outbox.saveDraft(draftId, draft, draft.serviceId);
        setSavedAt(new Date());
        setFailed(false);
      } catch {
        setFailed(true);
      }
    },
    [outbox],
  );

  const flush = useCallback(async () => {
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    pending.current = null;
    await write(p.id, p.state);
  }, [write]);

  const cancel = useCallback(() => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
  }, []);

  useEffect(() => {
    if (!dirty) return;
    if (pending.current) clearTimeout(pending.current.timer);
    const timer = setTimeout(() => {
      pending.current = null;
      void write(id, state);
    }, debounceMs);
    pending.current = { id, state, timer };
  }, [id, state, dirty, write]);

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  const reset = useCallback(() => setSavedAt(null), []);
  return { savedAt, failed, flush, cancel, reset };
}
