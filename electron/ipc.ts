import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { hostMethods, ipcChannel } from '@shared/bridge/contract';
import { AppError } from '@shared/errors';
import { dispatch, type HostServices } from './host/dispatch';
import { isTrustedSender } from './security/window-policy';

/** One ipcMain.handle per contract method; every call is checked for its sender frame, then validated by dispatch. */
export function registerIpc(ipcMain: IpcMain, services: HostServices, log: (m: string) => void): void {
  for (const method of hostMethods) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, args: unknown) => {
      const frame = event.senderFrame;
      if (!frame || !isTrustedSender(frame.url, frame === event.sender.mainFrame)) {
        log(`refused IPC ${method} from ${frame?.url ?? 'unknown frame'}`);
        return { ok: false, error: new AppError('errors:host.untrustedSender').toJSON() };
      }
      return dispatch(services, method, args);
    });
  }
}
