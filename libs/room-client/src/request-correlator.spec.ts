import { describe, expect, it } from 'vitest';
import { RequestCorrelator, SignalingRequestError, type TimerApi } from './request-correlator';

/** Timers fired by hand. */
class FakeTimers implements TimerApi {
  readonly due = new Map<number, () => void>();
  #next = 1;
  set(callback: () => void): unknown {
    const handle = this.#next++;
    this.due.set(handle, callback);
    return handle;
  }
  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }
  fireAll(): void {
    for (const [handle, callback] of [...this.due]) {
      this.due.delete(handle);
      callback();
    }
  }
}

describe('RequestCorrelator', () => {
  it('resolves each request with the data of the response carrying its id', async () => {
    const timers = new FakeTimers();
    const correlator = new RequestCorrelator(5000, timers);
    const first = correlator.start<{ a: number }>('join');
    const second = correlator.start<{ b: number }>('consume');
    expect(second.id).toBe(first.id + 1);
    expect(correlator.settle({ type: 'response', id: second.id, ok: true, data: { b: 2 } })).toBe(true);
    expect(correlator.settle({ type: 'response', id: first.id, ok: true, data: { a: 1 } })).toBe(true);
    await expect(first.response).resolves.toEqual({ a: 1 });
    await expect(second.response).resolves.toEqual({ b: 2 });
    expect(timers.due.size).toBe(0);
    expect(correlator.settle({ type: 'response', id: first.id, ok: true, data: {} })).toBe(false);
    expect(correlator.settle({ type: 'response', id: 'other', ok: true, data: {} })).toBe(false);
  });

  it('rejects with the server error code and message', async () => {
    const correlator = new RequestCorrelator(5000, new FakeTimers());
    const { id, response } = correlator.start('produce');
    correlator.settle({ type: 'response', id, ok: false, error: { code: 'FORBIDDEN', message: 'No publishing' } });
    await expect(response).rejects.toMatchObject({ name: 'SignalingRequestError', code: 'FORBIDDEN', message: 'No publishing' });
  });

  it('times out a request that gets no answer and ignores the late answer', async () => {
    const timers = new FakeTimers();
    const correlator = new RequestCorrelator(3000, timers);
    const { id, response } = correlator.start('createTransport');
    timers.fireAll();
    await expect(response).rejects.toThrow(/did not answer "createTransport" within 3 s/);
    expect(correlator.pendingCount).toBe(0);
    expect(correlator.settle({ type: 'response', id, ok: true, data: {} })).toBe(false);
  });

  it('fails everything outstanding when the socket closes', async () => {
    const timers = new FakeTimers();
    const correlator = new RequestCorrelator(3000, timers);
    const a = correlator.start('join');
    const b = correlator.start('consume');
    correlator.failAll('socket closed');
    await expect(a.response).rejects.toBeInstanceOf(SignalingRequestError);
    await expect(b.response).rejects.toMatchObject({ code: 'DISCONNECTED', message: '"consume" was not answered: socket closed' });
    expect(timers.due.size).toBe(0);
  });
});
