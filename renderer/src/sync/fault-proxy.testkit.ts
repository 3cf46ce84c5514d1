import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FaultOptions {
  /** Link bandwidth in bytes per second, each direction; headers cost link time too. */
  bytesPerSecond?: number;
  /** Cut every connection after about this many bytes crossed the link since the last cut (± cutJitter). */
  cutEveryBytes?: number;
  /** Spread of the cut interval, as a fraction (seeded); 0.25 unless set. */
  cutJitter?: number;
  /** After a cut the link stays dead (every request is reset) until `down` is set back to false. */
  staysDown?: boolean;
  down?: boolean;
  /** Probability that any request (HEAD, PATCH and POST included) ends in a 500/502/503 from the "proxy". */
  errorRate?: number;
  /** Probability that an answer is cut off halfway (the client sees a truncated body or a reset). */
  truncateRate?: number;
  /** Round-trip latency added to every request, in ms; half of it is the link's own delay line (lost on a cut). */
  delayMs?: number;
  random?: () => number;
  /** Debugging: one line per finished exchange. */
  log?: (line: string) => void;
}

/** A seeded pseudo-random source (mulberry32): a run's faults can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((r) => (ms > 0 ? setTimeout(r, ms) : r()));
const headerBytes = (raw: string[]) => raw.reduce((n, h) => n + Buffer.byteLength(h) + 2, 16);

/**
 * A loopback fault proxy between workstation and API, the field link of a district office: throttled both ways,
 * delayed, cut every few hundred KB (whatever is in flight is lost), 5xx on any kind of request — some before
 * the API sees it, some after the API did the work — and truncated answers. Wire bytes are counted on the
 * workstation's TCP connections, headers and lost bytes included. `failNext` injects deterministic faults.
 */
export async function startFaultProxy(targetUrl: string, initial: FaultOptions = {}) {
  const target = new URL(targetUrl);
  const options: FaultOptions = { ...initial };
  const stats = {
    /** Request-body bytes of PATCH requests that crossed the link. */
    patchBytes: 0,
    cuts: 0,
    injectedErrors: 0,
    truncated: 0,
    requests: 0,
    /** Requests per method, and uploads the API created (201 to POST /v1/uploads). */
    byMethod: {} as Record<string, number>,
    uploadsCreated: 0,
  };
  const random = () => (options.random ?? Math.random)();
  const injections: Array<{ method: string; status: number; count: number }> = [];
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  /** Read from the workstation's socket into this proxy's buffers but never sent over the "link" (cut first). */
  let neverCrossed = 0;
  let sinceCut = 0;
  let cutBudget = 0;
  const newBudget = () => {
    const jitter = options.cutJitter ?? 0.25;
    return options.cutEveryBytes ? options.cutEveryBytes * (1 - jitter + random() * 2 * jitter) : Infinity;
  };
  cutBudget = newBudget();
  /** Every exchange in progress registers how to cut it. */
  const live = new Set<() => void>();

  function cutAll() {
    stats.cuts++;
    sinceCut = 0;
    if (options.staysDown) options.down = true;
    cutBudget = newBudget();
    for (const cut of [...live]) cut();
  }

  /**
   * When each direction of the link is next free. Pacing against this clock (rather than sleeping per slice)
   * keeps the link at its rate on a loaded machine, where every timer fires late, and shares it between
   * concurrent requests as a real link would.
   */
  const freeAt = { up: 0, down: 0 };

  /** Bytes crossing the link: counted towards the next cut, paced at the link's rate. */
  async function cross(bytes: number, direction: 'up' | 'down'): Promise<void> {
    sinceCut += bytes;
    if (options.bytesPerSecond) {
      const now = performance.now();
      freeAt[direction] = Math.max(now, freeAt[direction]) + (bytes / options.bytesPerSecond) * 1000;
      await sleep(freeAt[direction] - now);
    }
    if (options.cutEveryBytes && sinceCut >= cutBudget) cutAll();
  }

  const slice = 4096;
  const server = createServer(
    (req, res) =>
      // A cut makes the streams throw; the exchange is over either way.
      void handle(req, res).catch(() => {
        req.socket.destroy();
      }),
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      closedBytes += socket.bytesRead + socket.bytesWritten;
      sockets.delete(socket);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    stats.requests++;
    const method = req.method ?? 'GET';
    stats.byMethod[method] = (stats.byMethod[method] ?? 0) + 1;
    if (options.down) {
      req.socket.destroy();
      return;
    }
    let cut = false;
    let upstream: ReturnType<typeof httpRequest> | null = null;
    let heldBack = 0;
    const kill = () => {
      if (cut) return;
      cut = true;
      // On a real link these bytes would still sit in the workstation's send buffer: not on the wire.
      neverCrossed += heldBack + req.readableLength;
      upstream?.destroy();
      req.socket.destroy();
    };
    live.add(kill);
    const t0 = performance.now();
    res.on('close', () => {
      live.delete(kill);
      options.log?.(
        `${Math.round(t0)} +${Math.round(performance.now() - t0)}ms ${method} ${req.url} → ${cut ? 'CUT' : res.statusCode}`,
      );
    });
    req.pause();

    const injected = injections.find((i) => i.method === method && i.count > 0);
    if (injected) injected.count--;
    const fault = injected
      ? injected.status
      : options.errorRate && random() < options.errorRate
        ? [500, 502, 503][Math.floor(random() * 3)]!
        : 0;
    // Half of the random faults strike after the API did the work (its answer is lost): the dangerous half.
    const faultAfter = !injected && fault !== 0 && random() < 0.5;
    const truncate = !!options.truncateRate && random() < options.truncateRate;

    await sleep((options.delayMs ?? 0) / 2);
    await cross(headerBytes(req.rawHeaders), 'up');
    if (cut) return;
    const forward = fault === 0 || faultAfter;
    const answerFault = () => {
      stats.injectedErrors++;
      if (!res.headersSent) res.writeHead(fault, { 'content-type': 'text/plain' }).end('injected fault');
    };
    if (forward) {
      upstream = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method, headers: req.headers },
        (up) => void respond(up).catch(kill),
      );
      upstream.on('error', kill);
    }

    async function respond(up: IncomingMessage) {
      up.pause();
      await cross(headerBytes(up.rawHeaders), 'down');
      await sleep((options.delayMs ?? 0) / 2);
      if (cut) return;
      if (method === 'POST' && up.statusCode === 201 && (req.url ?? '').startsWith('/v1/uploads'))
        stats.uploadsCreated++;
      if (faultAfter) {
        up.resume();
        answerFault();
        return;
      }
      res.writeHead(up.statusCode ?? 502, up.headers);
      if (truncate) stats.truncated++;
      let first = true;
      for await (const chunk of up as AsyncIterable<Buffer>) {
        for (let at = 0; at < chunk.length && !cut; at += slice) {
          const part = chunk.subarray(at, at + slice);
          await cross(part.length, 'down');
          if (cut) return;
          if (truncate && first) {
            res.write(part.subarray(0, Math.ceil(part.length / 2)));
            res.destroy();
            return;
          }
          first = false;
          res.write(part);
        }
      }
      if (!cut) res.end();
    }

    // The request body crosses the link slice by slice and reaches the API half a round trip later: a cut loses
    // what is still on the way (the link's delay line), as well as what the workstation's buffers still held.
    const arrive = (fn: () => void) => setTimeout(() => !cut && fn(), (options.delayMs ?? 0) / 2);
    for await (const chunk of req as AsyncIterable<Buffer>) {
      for (let at = 0; at < chunk.length; at += slice) {
        if (cut) return;
        const part = chunk.subarray(at, at + slice);
        if (method === 'PATCH') stats.patchBytes += part.length;
        heldBack = chunk.length - at - part.length;
        await cross(part.length, 'up');
        if (cut) return;
        arrive(() => upstream?.write(part));
      }
    }
    if (cut) return;
    arrive(() => (upstream ? upstream.end() : answerFault()));
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    options,
    stats,
    /**
     * TCP bytes exchanged with the workstation so far, both directions, headers and bytes lost in flight included
     * (less what a cut left unsent in this proxy's own read buffers, which a real link never carried).
     */
    wireBytes: () =>
      closedBytes + [...sockets].reduce((n, s) => n + s.bytesRead + s.bytesWritten, 0) - neverCrossed,
    /** Answers the next `count` requests of `method` with `status` before they reach the API. */
    failNext(method: string, status: number, count = 1) {
      injections.push({ method, status, count });
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
