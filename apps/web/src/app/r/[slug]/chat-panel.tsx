'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CHAT_MAX_LENGTH, personColour, type ChatMessage } from '@padmeet/contract';
import { useTRPC } from '../../../trpc/client';
import { splitLinks } from './chat-text';
import { useRoomActivity } from './room-activity';

/**
 * The room's chat (issue 11). The room page places this panel (a side tab on wide screens, a tab
 * of its own on phones); everything inside it is this file's.
 */
export interface RoomPanelProps {
  /** The room's slug. */
  slug: string;
  /** The name this person joined under (pseudonym or account name). */
  displayName: string;
}

/** The room's event (for its stream), as the page already asked for it. */
export function useRoomEvent(slug: string): string | undefined {
  const trpc = useTRPC();
  return useQuery({ ...trpc.room.bySlug.queryOptions({ slug }), staleTime: Infinity }).data?.eventSlug;
}

function MessageText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((piece, index) =>
        piece.kind === 'link' ? (
          <a key={index} href={piece.href} target="_blank" rel="noopener noreferrer nofollow">
            {piece.text}
          </a>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </>
  );
}

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function Message({ message, mine }: { message: ChatMessage; mine: boolean }) {
  return (
    <li data-testid="chat-message" data-subject={message.subject} style={{ margin: '0 0 0.5rem', overflowWrap: 'anywhere' }}>
      <div style={{ fontSize: '0.85rem' }}>
        <strong style={{ color: personColour(message.subject) }}>{message.name}</strong>
        {mine && <span className="muted"> (you)</span>} <time dateTime={message.sentAt} className="muted">{timeOf(message.sentAt)}</time>
      </div>
      <div data-testid="chat-text" style={{ whiteSpace: 'pre-wrap' }}>
        <MessageText text={message.text} />
      </div>
    </li>
  );
}

export function ChatPanel({ slug, displayName }: RoomPanelProps) {
  const trpc = useTRPC();
  const eventSlug = useRoomEvent(slug);
  const { messages, you, live, closed, addMessage } = useRoomActivity(eventSlug, slug);
  const [text, setText] = useState('');
  const send = useMutation(
    trpc.roomActivity.sendChat.mutationOptions({
      onSuccess: (message) => {
        addMessage(message);
        setText('');
      },
    }),
  );
  const list = useRef<HTMLOListElement>(null);
  // New messages scroll into view, unless the person scrolled up to read older ones.
  const atBottom = useRef(true);
  useEffect(() => {
    const element = list.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [messages]);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim() || send.isPending) return;
    send.mutate({ slug, displayName, text });
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends; Shift+Enter is a new line.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <section aria-label="Chat" data-testid="chat-panel" data-live={live ? 'yes' : 'no'} style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem', minHeight: 0 }}>
      <h2 style={{ fontSize: '1rem', margin: 0 }}>Chat</h2>
      {closed && (
        <p className="error" role="alert">
          The chat is not connected (were you signed out, or is the room closed to you?); trying again…
        </p>
      )}
      <ol
        ref={list}
        role="log"
        aria-live="polite"
        aria-label="Chat messages"
        onScroll={(event) => {
          const element = event.currentTarget;
          atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
        }}
        style={{ listStyle: 'none', padding: 0, margin: 0, overflowY: 'auto', flex: 1, maxHeight: '50vh' }}
      >
        {messages.length === 0 && <li className="muted">{live ? 'No messages yet.' : 'Connecting…'}</li>}
        {messages.map((message) => (
          <Message key={message.id} message={message} mine={you?.subject === message.subject} />
        ))}
      </ol>
      <form onSubmit={submit} style={{ display: 'flex', gap: '0.5rem', alignItems: 'flex-end' }}>
        <label htmlFor={`chat-input-${slug}`} className="visually-hidden" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
          Message to the room
        </label>
        <textarea
          id={`chat-input-${slug}`}
          name="message"
          rows={2}
          maxLength={CHAT_MAX_LENGTH}
          value={text}
          placeholder="Message to the room"
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          style={{ flex: 1, minWidth: 0, resize: 'vertical' }}
        />
        <button type="submit" disabled={send.isPending || !text.trim()}>
          Send
        </button>
      </form>
      {send.error && (
        <p className="error" role="alert" data-testid="chat-error">
          {send.error.message}
        </p>
      )}
    </section>
  );
}
