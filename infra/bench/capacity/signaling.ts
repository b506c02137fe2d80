/** The SFU's signaling over a WebSocket, as a synthetic participant speaks it (requests by id, notifications to a listener). */
import WebSocket from 'ws';
import type { SignalingRequestBody, SignalingRequestType, SignalingResponseData, SignalingServerMessage } from '@padmeet/contract';

export type Notification = Exclude<SignalingServerMessage, { type: 'response' }>;

export class BenchSignaling {
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void; type: string }>();
  onNotification: (message: Notification) => void = () => undefined;
  closed = false;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as SignalingServerMessage;
      if (message.type !== 'response') return this.onNotification(message);
      const pending = this.#pending.get(Number(message.id));
      if (!pending) return;
      this.#pending.delete(Number(message.id));
      if (message.ok) pending.resolve(message.data);
      else pending.reject(new Error(`${pending.type}: ${message.error.code} ${message.error.message}`));
    });
    socket.on('close', () => {
      this.closed = true;
      for (const pending of this.#pending.values()) pending.reject(new Error(`${pending.type}: the signaling socket closed`));
      this.#pending.clear();
    });
  }

  static open(sfuUrl: string, token: string, origin: string): Promise<BenchSignaling> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${sfuUrl}/ws?token=${encodeURIComponent(token)}`, { headers: { Origin: origin } });
      socket.once('open', () => resolve(new BenchSignaling(socket)));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`signaling upgrade refused: ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  request<T extends SignalingRequestType>(type: T, body: SignalingRequestBody<T> | Record<string, unknown>): Promise<SignalingResponseData<T>> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (data: unknown) => void, reject, type });
      this.socket.send(JSON.stringify({ id, type, ...body }));
    });
  }

  close(): void {
    this.socket.close();
  }
}
