// Per-host request admission: at most `concurrent` requests between send and response headers, and at most
// `perSecond` request starts per second when set. A slot is released when the response headers arrive, not when
// the body has been read: a blob GET whose body streams into a PUT on the same host must not hold the slot the
// PUT is waiting for. A request with a streamed body (a blob upload) is only admitted: the client releases its slot
// at once, since its response comes after the last byte and the copy engine already bounds how many run.

export type Release = () => void;

export class RequestLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private nextStart = 0;

  constructor(
    private readonly concurrent: number,
    private readonly perSecond?: number,
  ) {
    if (!(concurrent >= 1)) throw new RangeError(`concurrent requests must be at least 1, got ${concurrent}`);
  }

  async acquire(): Promise<Release> {
    if (this.active >= this.concurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    if (this.perSecond && this.perSecond > 0) {
      const interval = 1000 / this.perSecond;
      const now = Date.now();
      const start = Math.max(now, this.nextStart);
      this.nextStart = start + interval;
      if (start > now) await new Promise((r) => setTimeout(r, start - now));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}
