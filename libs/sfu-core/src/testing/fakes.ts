import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';

/** Hand-written stand-ins for the few mediasoup objects the pure logic touches. */
export class FakeRouter {
  readonly observer = new EventEmitter();
  closed = false;
  rtpCapabilities = { codecs: [] };
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.observer.emit('close');
  }
}

export class FakeWorker extends EventEmitter {
  static nextPid = 1000;
  readonly pid = FakeWorker.nextPid++;
  died = false;
  closed = false;
  readonly routers: FakeRouter[] = [];
  routerDelayMs = 0;
  async createRouter(): Promise<FakeRouter> {
    if (this.routerDelayMs) await new Promise((resolve) => setTimeout(resolve, this.routerDelayMs));
    const router = new FakeRouter();
    this.routers.push(router);
    return router;
  }
  die(): void {
    this.died = true;
    for (const router of this.routers) router.close();
    this.emit('died', new Error('killed'));
  }
  close(): void {
    this.closed = true;
  }
  asWorker(): types.Worker {
    return this as unknown as types.Worker;
  }
}
