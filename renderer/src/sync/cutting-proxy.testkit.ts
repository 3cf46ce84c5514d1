import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy that counts upload (PATCH) bytes and can cut the connection once a byte budget is spent:
 * the broken link of a district office, reproducible in tests and benchmarks. With `staysDown` the link stays
 * dead after the cut (every request is reset) until the test sets `down` back to false.
 */
export async function startCuttingProxy(targetUrl: string) {
  const target = new URL(targetUrl);
  const state = {
    patchBytes: 0,
    cutAfter: Infinity,
    staysDown: false,
    down: false,
    requests: [] as string[],
  };
  const server = createServer((req, res) => {
    state.requests.push(req.method ?? '');
    if (state.down) {
      req.socket.destroy();
      return;
    }
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.on('data', (chunk: Buffer) => {
      if (req.method !== 'PATCH') return;
      state.patchBytes += chunk.length;
      if (state.patchBytes > state.cutAfter) {
        state.cutAfter = Infinity;
        state.down = state.staysDown;
        req.socket.destroy();
        upstream.destroy();
      }
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
