import type { HostBridge } from '@shared/bridge/contract';
import { bytesToBase64 } from '@shared/signing/certificate';
import { AppError } from '@shared/errors';

/**
 * Sends a PDF to the printer. In Electron the host prints it (`print.pdf`: chosen or default printer, silent or
 * with the system dialog); on the loopback transport the PDF goes into a hidden same-origin frame and the
 * browser's own print dialog opens.
 */
export async function printPdf(bridge: HostBridge, pdf: Uint8Array, frame: HTMLIFrameElement, options: { silent?: boolean; printer?: string; title?: string } = {}): Promise<'host' | 'browser'> {
  if (bridge.transport === 'ipc') {
    const result = await bridge.call('print.pdf', { pdfBase64: bytesToBase64(pdf), silent: options.silent ?? false, ...(options.printer ? { printer: options.printer } : {}), ...(options.title ? { title: options.title } : {}) });
    if (!result.printed) throw new AppError('print:errors.printFailed', { reason: result.failureReason ?? '' });
    return 'host';
  }
  const url = URL.createObjectURL(new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
  await new Promise<void>((resolve, reject) => {
    frame.onload = () => resolve();
    frame.onerror = () => reject(new AppError('print:errors.printFailed', { reason: 'load' }));
    frame.src = url;
  });
  frame.contentWindow?.focus();
  frame.contentWindow?.print();
  // the dialog has taken the document by now; keep the URL a minute for slow print previews
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return 'browser';
}
