import { useEffect, useState } from 'react';
import type { HostBridge } from '@shared/bridge/contract';

/** The licensor CAs the host trusts; an empty list (nothing configured, host unreachable) means print nothing. */
export function useLicensorTrust(bridge: HostBridge): string[] | undefined {
  const [caPems, setCaPems] = useState<string[]>();
  useEffect(() => {
    let live = true;
    bridge
      .call('decisions.trust', {})
      .then((r) => live && setCaPems(r.caPems))
      .catch(() => live && setCaPems([]));
    return () => {
      live = false;
    };
  }, [bridge]);
  return caPems;
}
