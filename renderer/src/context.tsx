import { createContext, useContext } from 'react';
import type { HostBridge } from '@shared/bridge/contract';
import type { AppInfo } from './boot-info';
import type { QabyldauDb } from './db/database';
import type { Outbox } from './outbox/outbox';
import type { SyncEngine } from './sync/engine';

export interface Workstation {
  bridge: HostBridge;
  db: QabyldauDb;
  outbox: Outbox;
  sync: SyncEngine;
  centreId: string;
  info: AppInfo;
}

export const WorkstationContext = createContext<Workstation | null>(null);

export function useWorkstation(): Workstation {
  const value = useContext(WorkstationContext);
  if (!value) throw new Error('WorkstationContext missing');
  return value;
}
