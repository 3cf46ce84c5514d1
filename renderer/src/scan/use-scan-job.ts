import { useEffect, useRef, useState } from 'react';
import type { HostBridge } from '@shared/bridge/contract';
import type { PageInfo, ScanJob } from '@shared/scanning/bridge';

/**
 * Follows a host scan job by polling (the bridge is request/response); each page is handed over once, as soon
 * as the host has stored it, so a jam later in the batch never takes back what is already in the tray.
 */
export function useScanJob(bridge: HostBridge, onPages: (pages: PageInfo[]) => void) {
  const [job, setJob] = useState<ScanJob | null>(null);
  const delivered = useRef(new Set<string>());
  const onPagesRef = useRef(onPages);
  useEffect(() => {
    onPagesRef.current = onPages;
  });

  const absorb = (next: ScanJob) => {
    const fresh = next.pages.filter((p) => !delivered.current.has(p.id));
    fresh.forEach((p) => delivered.current.add(p.id));
    if (fresh.length) onPagesRef.current(fresh);
    setJob(next);
  };

  const running = job?.state === 'running' ? job.jobId : null;
  useEffect(() => {
    if (!running) return;
    let stop = false;
    const tick = async () => {
      if (stop) return;
      try {
        absorb(await bridge.call('scan.job.status', { jobId: running }));
      } catch {
        // A missed poll is retried on the next tick.
      }
      if (!stop) timer = setTimeout(tick, 400);
    };
    let timer = setTimeout(tick, 300);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [bridge, running]);

  return {
    job,
    start: (started: ScanJob) => absorb(started),
    cancel: async () => {
      if (running) absorb(await bridge.call('scan.job.cancel', { jobId: running }));
    },
  };
}
