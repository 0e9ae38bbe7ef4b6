// A TCP-level delay in front of a registry, to make loopback behave like a long link: every chunk is held `rttMs / 2`
// in each direction and a new connection carries no bytes until one round trip after it was accepted (the handshake a
// real link pays), while bytes still stream at loopback speed. Unlike the HTTP-level proxy (proxy.ts, kept for
// faults), it parses nothing, so it costs the tools no CPU and adds no latency of its own beyond the round trips.
// It also counts what a link counts: connections, requests (each time a connection's client speaks again after the
// server spoke) and request waves (requests that start within half a round trip of the wave's first one go together;
// a request that starts later had to wait for an answer, so the waves are the round trips on the critical path).
import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

export interface TcpDelayCounts {
  connections: number;
  requests: number;
  /** Sequential request waves, connects included: round trips on the critical path. */
  waves: number;
}

/** Counts for one or more delayed links on one clock, so waves across a source and a target link add up once. */
export class LinkCounter {
  private c: TcpDelayCounts = { connections: 0, requests: 0, waves: 0 };
  private waveStart = Number.NEGATIVE_INFINITY;

  constructor(private readonly waveGapMs: number) {}

  connection(): void {
    this.c.connections++;
    this.event();
  }

  request(): void {
    this.c.requests++;
    this.event();
  }

  counts(): TcpDelayCounts {
    return { ...this.c };
  }

  clear(): void {
    this.c = { connections: 0, requests: 0, waves: 0 };
    this.waveStart = Number.NEGATIVE_INFINITY;
  }

  private event(): void {
    const now = performance.now();
    if (now - this.waveStart >= this.waveGapMs) {
      this.c.waves++;
      this.waveStart = now;
    }
  }
}

export interface RunningTcpDelay {
  host: string;
  counter: LinkCounter;
  stop(): Promise<void>;
}

// Bytes held in one direction before the sender is paused: a window large enough that a 25 ms link still moves
// hundreds of MB/s, so the round trips and not the window bound a copy.
const WINDOW_BYTES = 16 * 1024 * 1024;

/** Forwards `from`'s bytes to `to`, each chunk released `holdMs` after it arrived but never before `gate()`. */
function delayedPipe(from: Socket, to: Socket, holdMs: number, notBefore: () => number, onChunk: () => void): void {
  const queue: { at: number; chunk: Buffer }[] = [];
  let held = 0;
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  const drain = (): void => {
    timer = undefined;
    const now = performance.now();
    while (queue.length && queue[0]!.at <= now) {
      const { chunk } = queue.shift()!;
      held -= chunk.length;
      if (!to.destroyed) to.write(chunk);
    }
    if (held < WINDOW_BYTES && from.isPaused()) from.resume();
    if (queue.length) timer = setTimeout(drain, Math.max(0, queue[0]!.at - now));
    else if (ended && !to.destroyed) to.end();
  };
  from.on('data', (chunk: Buffer) => {
    onChunk();
    queue.push({ at: Math.max(performance.now(), notBefore()) + holdMs, chunk });
    held += chunk.length;
    if (held >= WINDOW_BYTES) from.pause();
    timer ??= setTimeout(drain, holdMs);
  });
  from.once('end', () => {
    ended = true;
    timer ??= setTimeout(drain, 0);
  });
}

export async function startTcpDelay(target: string, rttMs: number, counter = new LinkCounter(rttMs / 2)): Promise<RunningTcpDelay> {
  const [targetHost, targetPort] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const oneWay = rttMs / 2;
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (client) => {
    counter.connection();
    const accepted = performance.now();
    const upstream = createConnection({ host: targetHost, port: targetPort, allowHalfOpen: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.once('close', () => sockets.delete(s));
      s.once('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    // Ends travel through the queues like data (half-open on both sides), so a close never overtakes held bytes.
    // Whose turn it is on this connection: a client chunk after the server spoke (or the first one) opens a request.
    let clientTurn = false;
    delayedPipe(
      client,
      upstream,
      oneWay,
      () => accepted + rttMs,
      () => {
        if (!clientTurn) {
          clientTurn = true;
          counter.request();
        }
      },
    );
    delayedPipe(
      upstream,
      client,
      oneWay,
      () => 0,
      () => (clientTurn = false),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    counter,
    stop: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
