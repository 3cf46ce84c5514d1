// The globals shared/ may use: web standards that both Chromium and Node (>= 20) provide. Everything else —
// window, document, Buffer, process — is absent from tsconfig.shared.json on purpose, so using it fails typecheck.
// Only tsconfig.shared.json includes this file; the renderer and Node configs get the real DOM / Node declarations.
export {};

declare global {
  type BufferSource = ArrayBufferView<ArrayBuffer> | ArrayBuffer;

  interface CryptoKey {
    readonly type: string;
  }
  interface SubtleCrypto {
    digest(algorithm: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512', data: BufferSource): Promise<ArrayBuffer>;
    importKey(
      format: 'spki' | 'raw',
      keyData: BufferSource,
      algorithm: { name: string; hash?: string; namedCurve?: string },
      extractable: boolean,
      keyUsages: readonly ('verify' | 'sign' | 'encrypt' | 'decrypt')[],
    ): Promise<CryptoKey>;
    verify(algorithm: string | { name: string; hash?: string }, key: CryptoKey, signature: BufferSource, data: BufferSource): Promise<boolean>;
  }
  var crypto: {
    readonly subtle: SubtleCrypto;
    getRandomValues<T extends ArrayBufferView>(array: T): T;
    randomUUID(): `${string}-${string}-${string}-${string}-${string}`;
  };

  class TextEncoder {
    encode(input?: string): Uint8Array<ArrayBuffer>;
  }
  class TextDecoder {
    constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
    decode(input?: ArrayBufferView | ArrayBuffer): string;
  }
  class URLSearchParams {
    constructor(init?: string | Record<string, string> | [string, string][]);
    get(name: string): string | null;
    has(name: string): boolean;
    set(name: string, value: string): void;
    append(name: string, value: string): void;
    toString(): string;
  }
  class URL {
    constructor(url: string, base?: string | URL);
    readonly href: string;
    readonly origin: string;
    readonly protocol: string;
    readonly host: string;
    readonly hostname: string;
    readonly pathname: string;
    readonly search: string;
    readonly searchParams: URLSearchParams;
    toString(): string;
  }
  function atob(data: string): string;
  function btoa(data: string): string;
  var console: {
    log(...data: unknown[]): void;
    warn(...data: unknown[]): void;
    error(...data: unknown[]): void;
  };
}
