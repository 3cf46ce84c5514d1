import { z } from 'zod';
import { appErrorSchema } from '../errors';

/**
 * What crosses the host bridge for scanning. Pages live in the host (normalised with sharp, on disk) and the
 * renderer holds only their ids and thumbnails; a finished document comes back as PDF bytes with its SHA-256,
 * which the renderer stores in the outbox. Merge into the host contract: `{ ...hostContract, ...scanningBridgeMethods }`.
 */

export const pageSourceSchema = z.enum(['file', 'inbox', 'hot-folder', 'sane', 'escl']);
export type PageSource = z.infer<typeof pageSourceSchema>;

/** `text`: bilevel (1-bit, CCITT G4) for typed or handwritten pages; `photo`: grey JPEG at the configured quality. */
export const pageEncodingSchema = z.enum(['text', 'photo']);
export type PageEncoding = z.infer<typeof pageEncodingSchema>;

const pageId = z.string().regex(/^[a-f0-9-]{36}$/);

export const pageInfoSchema = z.strictObject({
  id: pageId,
  source: pageSourceSchema,
  /** The file or device the page came from, and its 1-based page number there. */
  origin: z.string().max(300),
  originPage: z.number().int().positive(),
  /** `raster`: an image normalised to the configured dpi; `pdf`: a page of an imported PDF, kept as it was. */
  kind: z.enum(['raster', 'pdf']),
  widthPt: z.number().positive(),
  heightPt: z.number().positive(),
  /** A small JPEG as a data URL; null when the host cannot draw the page (a PDF page without poppler). */
  thumbnail: z.string().startsWith('data:image/jpeg;base64,').nullable(),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

export const rotationSchema = z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]);
export type Rotation = z.infer<typeof rotationSchema>;

export const scanSettingsSchema = z.strictObject({
  dpi: z.number().int().positive(),
  jpegQuality: z.number().int().min(1).max(100),
  maxFileBytes: z.number().int().positive(),
  maxPagesPerFile: z.number().int().positive(),
  /** Files the import accepts, checked by their first bytes whatever the name says. */
  acceptedTypes: z.array(z.enum(['jpeg', 'png', 'tiff', 'pdf'])),
});
export type ScanSettings = z.infer<typeof scanSettingsSchema>;

const fileName = z.string().min(1).max(255);
/** Base64 of at most 24 MiB: the loopback transport refuses bodies over 32 MiB; the host enforces the real limit. */
const bytesBase64 = z.base64().max(32 * 1024 * 1024);

export const importResultSchema = z.strictObject({ pages: z.array(pageInfoSchema) });

export const rejectedFileSchema = z.strictObject({ fileName: z.string(), error: appErrorSchema });

export const hotFolderResultSchema = z.strictObject({
  folder: z.string(),
  pages: z.array(pageInfoSchema),
  rejected: z.array(rejectedFileSchema),
  /** Files seen but still being written (size changing or a temporary name). */
  waiting: z.number().int().nonnegative(),
});

export const saneDeviceSchema = z.strictObject({ id: z.string(), vendor: z.string(), model: z.string(), type: z.string() });
export type SaneDevice = z.infer<typeof saneDeviceSchema>;

export const scanModeSchema = z.enum(['color', 'gray', 'lineart']);
export type ScanMode = z.infer<typeof scanModeSchema>;
export const scanSourceSchema = z.enum(['flatbed', 'adf']);
export type ScanSource = z.infer<typeof scanSourceSchema>;

export const scannerOptionsSchema = z.strictObject({
  resolutions: z.array(z.number().int().positive()),
  modes: z.array(scanModeSchema),
  sources: z.array(scanSourceSchema),
});
export type ScannerOptions = z.infer<typeof scannerOptionsSchema>;

export const scanRequestSchema = z.strictObject({
  resolution: z.number().int().min(50).max(1200),
  mode: scanModeSchema,
  source: scanSourceSchema,
});
export type ScanRequest = z.infer<typeof scanRequestSchema>;

const esclUrl = z.url({ protocol: /^https?$/ }).max(300);

export const esclScannerSchema = z.strictObject({
  url: z.string(),
  make: z.string(),
  model: z.string(),
  state: z.string(),
  options: scannerOptionsSchema,
});
export type EsclScanner = z.infer<typeof esclScannerSchema>;

const jobId = z.string().regex(/^[a-f0-9-]{36}$/);

export const scanJobSchema = z.strictObject({
  jobId,
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** Of the page being scanned now, 0–100; null when the device does not report it. */
  progress: z.number().min(0).max(100).nullable(),
  /** Every page scanned so far, in order; kept whatever happens to the job afterwards. */
  pages: z.array(pageInfoSchema),
  error: appErrorSchema.nullable(),
});
export type ScanJob = z.infer<typeof scanJobSchema>;

export const buildDocumentArgsSchema = z.strictObject({
  pages: z.array(z.strictObject({ id: pageId, rotation: rotationSchema })).min(1).max(500),
  encoding: pageEncodingSchema,
});
export type BuildDocumentArgs = z.infer<typeof buildDocumentArgsSchema>;

export const builtDocumentSchema = z.strictObject({
  pdfBase64: z.base64(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  pageCount: z.number().int().positive(),
});
export type BuiltDocument = z.infer<typeof builtDocumentSchema>;

const none = z.strictObject({});

export const scanningBridgeMethods = {
  'scan.settings': { args: none, result: scanSettingsSchema },
  /** A file the renderer read from its file input or a drop. */
  'scan.importFile': { args: z.strictObject({ fileName, bytesBase64 }), result: importResultSchema },
  /** A file from the host's inbox folder (see `files.pick`). */
  'scan.importInbox': { args: z.strictObject({ fileName }), result: importResultSchema },
  /** One look at the hot folder: files whose writing has finished become pages; the renderer polls. */
  'scan.hotFolder.poll': { args: none, result: hotFolderResultSchema },
  'scan.sane.devices': { args: none, result: z.strictObject({ devices: z.array(saneDeviceSchema) }) },
  'scan.sane.options': { args: z.strictObject({ device: z.string().min(1).max(200) }), result: scannerOptionsSchema },
  'scan.sane.start': {
    args: z.strictObject({ device: z.string().min(1).max(200), request: scanRequestSchema }),
    result: scanJobSchema,
  },
  'scan.escl.probe': { args: z.strictObject({ url: esclUrl }), result: esclScannerSchema },
  'scan.escl.start': { args: z.strictObject({ url: esclUrl, request: scanRequestSchema }), result: scanJobSchema },
  'scan.job.status': { args: z.strictObject({ jobId }), result: scanJobSchema },
  'scan.job.cancel': { args: z.strictObject({ jobId }), result: scanJobSchema },
  'scan.document.build': { args: buildDocumentArgsSchema, result: builtDocumentSchema },
} as const;
export type ScanningBridgeMethod = keyof typeof scanningBridgeMethods;
