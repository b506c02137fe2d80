'use client';

import { useEffect, useSyncExternalStore } from 'react';
import {
  chatEventSchema,
  handsEventSchema,
  roomActivityViewerSchema,
  type ChatMessage,
  type HandsEvent,
  type RoomActivityViewer,
} from '@padmeet/contract';

/**
 * A room's raised hands and chat in this page, live: one stream for both panels (the event's
 * now/next stream with `?room=`, which the server opens only to someone the room lets in), kept
 * while any panel shows. Messages are kept by id (a reconnect re-sends the latest 100).
 */
export interface RoomActivityState {
  you: RoomActivityViewer | null;
  hands: HandsEvent | null;
  messages: ChatMessage[];
  /** The stream is open. */
  live: boolean;
  /** The server refused the stream (EventSource gives no reason); asked again with backoff. */
  closed: boolean;
}

/** Messages kept in the page (the room's latest; older ones scroll away). */
const KEEP_MESSAGES = 500;

interface Store {
  state: RoomActivityState;
  listeners: Set<() => void>;
  users: number;
  source?: EventSource;
  closeTimer?: ReturnType<typeof setTimeout>;
  retryTimer?: ReturnType<typeof setTimeout>;
  /** Refused opens in a row (backoff). */
  failures: number;
}

const stores = new Map<string, Store>();
const EMPTY: RoomActivityState = { you: null, hands: null, messages: [], live: false, closed: false };

function storeFor(key: string): Store {
  let store = stores.get(key);
  if (!store) {
    store = { state: EMPTY, listeners: new Set(), users: 0, failures: 0 };
    stores.set(key, store);
  }
  return store;
}

function update(store: Store, change: Partial<RoomActivityState>) {
  store.state = { ...store.state, ...change };
  for (const listener of store.listeners) listener();
}

/** Adds messages, each once, in id order. */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(current.map((message) => [message.id, message]));
  for (const message of incoming) byId.set(message.id, message);
  const merged = [...byId.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
  return merged.slice(-KEEP_MESSAGES);
}

function open(store: Store, eventSlug: string, roomSlug: string) {
  const source = new EventSource(`/api/events/${encodeURIComponent(eventSlug)}/now-next?room=${encodeURIComponent(roomSlug)}`);
  store.source = source;
  source.onopen = () => {
    store.failures = 0;
    update(store, { live: true, closed: false });
  };
  source.onerror = () => {
    const closed = source.readyState === EventSource.CLOSED;
    update(store, { live: false, closed });
    // EventSource gives up on a refusal (403, or 429/503 when too many streams are open): ask again
    // later, backing off up to 30 s, while a panel still shows.
    if (!closed || store.source !== source) return;
    store.source = undefined;
    store.failures += 1;
    store.retryTimer = setTimeout(() => {
      if (store.users > 0 && !store.source) open(store, eventSlug, roomSlug);
    }, Math.min(30_000, 1_000 * 2 ** Math.min(store.failures, 5)));
  };
  const on = <T,>(name: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, apply: (data: T) => void) =>
    source.addEventListener(name, (event) => {
      const parsed = schema.safeParse(JSON.parse((event as MessageEvent<string>).data));
      if (parsed.success) apply(parsed.data);
    });
  on('you', roomActivityViewerSchema, (you) => update(store, { you }));
  on('hands', handsEventSchema, (hands) => update(store, { hands }));
  on('chat', chatEventSchema, ({ messages }) => update(store, { messages: mergeMessages(store.state.messages, messages) }));
}

/** The room's live hands and chat; `addMessage` shows one's own message at once (the stream's copy merges with it). */
export function useRoomActivity(eventSlug: string | undefined, roomSlug: string) {
  const key = `${eventSlug ?? ''}/${roomSlug}`;
  const store = storeFor(key);
  useEffect(() => {
    if (!eventSlug) return;
    clearTimeout(store.closeTimer);
    store.users += 1;
    if (!store.source) open(store, eventSlug, roomSlug);
    return () => {
      store.users -= 1;
      // A panel switching (tabs on a phone) keeps the stream; the page leaving closes it.
      store.closeTimer = setTimeout(() => {
        if (store.users > 0) return;
        clearTimeout(store.retryTimer);
        store.source?.close();
        store.source = undefined;
        stores.delete(key);
      }, 1_000);
    };
  }, [store, key, eventSlug, roomSlug]);
  const state = useSyncExternalStore(
    (listener) => {
      store.listeners.add(listener);
      return () => store.listeners.delete(listener);
    },
    () => store.state,
    () => EMPTY,
  );
  return {
    ...state,
    addMessage: (message: ChatMessage) => update(store, { messages: mergeMessages(store.state.messages, [message]) }),
  };
}
