// The part of `qrcode` that shared/ uses. @types/qrcode pulls in Node's types (its canvas/stream helpers), which
// would make Buffer and process type-check in the isomorphic layer; tsconfig.shared.json and
// tsconfig.renderer.json map `qrcode` here instead.
export interface BitMatrix {
  size: number;
  get(row: number, col: number): number;
}
export interface QRCode {
  modules: BitMatrix;
}
export interface QRCodeOptions {
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
}
export function create(text: string, options?: QRCodeOptions): QRCode;
declare const qrcode: { create: typeof create };
export default qrcode;
