import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';

export interface FaultOptions {
  /** Request-body bandwidth in bytes per second (both directions of the link are assumed symmetrical). */
  bytesPerSecond?: number;
  /** Cut the connection after this many upload bytes since the last cut (a flaky radio link). */
  cutEveryBytes?: number;
  /** Probability that a non-upload request is answered 500/502/503 without reaching the API. */
  errorRate?: number;
  /** Probability that an answer is cut off halfway (the client sees a truncated body or a reset). */
  truncateRate?: number;
  /** Added latency per request, in ms. */
  delayMs?: number;
  random?: () => number;
}

/**
 * A loopback fault proxy between workstation and API: throttles, cuts uploads every few hundred KB, injects
 * 5xx answers, delays and truncated responses. Counts the bytes that crossed the "wire".
 */
export async function startFaultProxy(targetUrl: string, initial: FaultOptions = {}) {
  const target = new URL(targetUrl);
  const options: FaultOptions = { ...initial };
  const stats = { wireBytes: 0, patchBytes: 0, cuts: 0, injectedErrors: 0, truncated: 0, requests: 0 };
  let sinceCut = 0;
  const random = () => (options.random ?? Math.random)();

  // Bytes leave in small slices at the link's pace, so a cut loses at most one slice in flight, as on a real link.
  const slice = 4096;
  const throttle = () =>
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        const rate = options.bytesPerSecond;
        if (!rate) return done(null, chunk);
        let offset = 0;
        const next = () => {
          if (offset >= chunk.length) return done();
          const part = chunk.subarray(offset, offset + slice);
          offset += part.length;
          setTimeout(() => {
            this.push(part);
            next();
          }, (part.length / rate) * 1000);
        };
        next();
      },
    });

  const server = createServer(async (req: IncomingMessage, res) => {
    stats.requests++;
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const isUpload = req.method === 'PATCH';
    if (!isUpload && options.errorRate && random() < options.errorRate) {
      stats.injectedErrors++;
      const status = [500, 502, 503][Math.floor(random() * 3)]!;
      req.resume();
      res.writeHead(status, { 'content-type': 'text/plain' }).end('injected fault');
      return;
    }
    const truncate = !!options.truncateRate && random() < options.truncateRate;
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      if (truncate) {
        stats.truncated++;
        up.once('data', (chunk: Buffer) => {
          res.write(chunk.subarray(0, Math.ceil(chunk.length / 2)));
          res.destroy();
        });
        up.on('end', () => res.destroy());
        return;
      }
      up.on('data', (c: Buffer) => (stats.wireBytes += c.length));
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    const limited = throttle();
    let cut = false;
    limited.on('data', (chunk: Buffer) => {
      if (cut) return;
      stats.wireBytes += chunk.length;
      if (isUpload) {
        stats.patchBytes += chunk.length;
        sinceCut += chunk.length;
      }
      const cutNow = isUpload && !!options.cutEveryBytes && sinceCut >= options.cutEveryBytes;
      // What crossed the link reaches the API; then the link drops.
      upstream.write(chunk, () => {
        if (!cutNow) return;
        upstream.destroy();
        req.socket.destroy();
      });
      if (cutNow) {
        cut = true;
        sinceCut = 0;
        stats.cuts++;
        limited.destroy();
      }
    });
    limited.on('end', () => upstream.end());
    req.pipe(limited);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    options,
    stats,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
