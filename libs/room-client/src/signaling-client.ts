import {
  signalingServerMessageSchema,
  SFU_WS_PATH,
  type SignalingNotification,
  type SignalingRequestBody,
  type SignalingRequestType,
  type SignalingResponseData,
} from '@padmeet/contract';
import { RequestCorrelator, SignalingRequestError } from './request-correlator';

export interface SignalingClientOptions {
  /** Per-request timeout. */
  timeoutMs?: number;
  onNotification?: (notification: SignalingNotification) => void;
  /** The socket closed (after open) or never opened; `wasOpen` tells which. */
  onClose?: (info: { wasOpen: boolean; code: number; reason: string }) => void;
  /** For tests: a WebSocket constructor. */
  WebSocketImpl?: typeof WebSocket;
}

/** The SFU's WebSocket URL for a join token, from a base such as ws://127.0.0.1:3002 or https://sfu.example.org. */
export function sfuSocketUrl(sfuUrl: string, token: string): string {
  const url = new URL(sfuUrl);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (!url.pathname.endsWith(SFU_WS_PATH)) url.pathname = `${url.pathname.replace(/\/+$/, '')}${SFU_WS_PATH}`;
  url.searchParams.set('token', token);
  return url.toString();
}

/** Request/response and notifications over the SFU's signaling WebSocket. */
export class SignalingClient {
  readonly #socket: WebSocket;
  readonly #correlator: RequestCorrelator;
  readonly opened: Promise<void>;
  #open = false;

  constructor(url: string, private readonly options: SignalingClientOptions = {}) {
    this.#correlator = new RequestCorrelator(options.timeoutMs ?? 10_000);
    const Impl = options.WebSocketImpl ?? WebSocket;
    this.#socket = new Impl(url);
    this.opened = new Promise<void>((resolve, reject) => {
      this.#socket.addEventListener('open', () => {
        this.#open = true;
        resolve();
      });
      this.#socket.addEventListener('close', (event) => {
        const wasOpen = this.#open;
        this.#open = false;
        this.#correlator.failAll('the connection to the media server closed');
        if (!wasOpen) reject(new SignalingRequestError('DISCONNECTED', 'Could not connect to the media server.'));
        options.onClose?.({ wasOpen, code: event.code, reason: event.reason });
      });
    });
    this.opened.catch(() => undefined);
    this.#socket.addEventListener('message', (event) => this.#onMessage(event.data));
  }

  get isOpen(): boolean {
    return this.#open;
  }

  #onMessage(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return;
    }
    const parsed = signalingServerMessageSchema.safeParse(value);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'response') this.#correlator.settle(message);
    else this.options.onNotification?.(message);
  }

  async request<T extends SignalingRequestType>(type: T, body: SignalingRequestBody<T>): Promise<SignalingResponseData<T>> {
    if (!this.#open) throw new SignalingRequestError('DISCONNECTED', `Cannot send "${type}": not connected to the media server.`);
    const { id, response } = this.#correlator.start<SignalingResponseData<T>>(type);
    this.#socket.send(JSON.stringify({ ...body, id, type }));
    return response;
  }

  close(): void {
    this.#correlator.failAll('closed by the client');
    this.#socket.close(1000, 'bye');
  }
}
