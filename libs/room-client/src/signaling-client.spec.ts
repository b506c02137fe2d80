import { describe, expect, it } from 'vitest';
import type { SignalingNotification } from '@padmeet/contract';
import { SignalingClient, sfuSocketUrl } from './signaling-client';

/** The browser WebSocket surface the client uses, driven by the test. */
class FakeSocket extends EventTarget {
  static last: FakeSocket | undefined;
  readonly sent: string[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code = 1000, reason = '') {
    this.dispatchEvent(Object.assign(new Event('close'), { code, reason }));
  }
  open() {
    this.dispatchEvent(new Event('open'));
  }
  receive(message: unknown) {
    this.dispatchEvent(Object.assign(new Event('message'), { data: typeof message === 'string' ? message : JSON.stringify(message) }));
  }
}

const Impl = FakeSocket as unknown as typeof WebSocket;

describe('sfuSocketUrl', () => {
  it('adds the /ws path and the token, mapping http(s) to ws(s)', () => {
    expect(sfuSocketUrl('ws://127.0.0.1:3002', 'a.b.c')).toBe('ws://127.0.0.1:3002/ws?token=a.b.c');
    expect(sfuSocketUrl('https://sfu.example.org/media/', 't')).toBe('wss://sfu.example.org/media/ws?token=t');
    expect(sfuSocketUrl('ws://h:1/ws', 't')).toBe('ws://h:1/ws?token=t');
  });
});

describe('SignalingClient', () => {
  it('sends requests with ids, resolves responses and passes notifications on', async () => {
    const notifications: SignalingNotification[] = [];
    const client = new SignalingClient('ws://x/ws?token=t', { WebSocketImpl: Impl, onNotification: (n) => notifications.push(n) });
    const socket = FakeSocket.last!;
    socket.open();
    await client.opened;
    const pending = client.request('createTransport', { direction: 'recv' });
    const sent = JSON.parse(socket.sent[0] ?? '{}') as { id: number; type: string; direction: string };
    expect(sent).toMatchObject({ type: 'createTransport', direction: 'recv' });
    socket.receive('not json');
    socket.receive({ type: 'peerLeft', peerId: 'p1' });
    socket.receive({ type: 'response', id: sent.id, ok: true, data: { transportId: 't1' } });
    await expect(pending).resolves.toEqual({ transportId: 't1' });
    expect(notifications).toEqual([{ type: 'peerLeft', peerId: 'p1' }]);
  });

  it('rejects outstanding and new requests once the socket closes, and reports whether it was open', async () => {
    const closes: boolean[] = [];
    const client = new SignalingClient('ws://x', { WebSocketImpl: Impl, onClose: ({ wasOpen }) => closes.push(wasOpen) });
    const socket = FakeSocket.last!;
    socket.open();
    await client.opened;
    const pending = client.request('leave', {});
    socket.close(1006);
    await expect(pending).rejects.toMatchObject({ code: 'DISCONNECTED' });
    await expect(client.request('leave', {})).rejects.toThrow(/not connected/);
    expect(closes).toEqual([true]);

    const refused = new SignalingClient('ws://x', { WebSocketImpl: Impl, onClose: ({ wasOpen }) => closes.push(wasOpen) });
    FakeSocket.last!.close(1006);
    await expect(refused.opened).rejects.toThrow(/Could not connect/);
    expect(closes).toEqual([true, false]);
  });
});
