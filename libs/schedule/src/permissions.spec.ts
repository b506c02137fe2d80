import { describe, expect, it } from 'vitest';
import type { Viewer } from '@padmeet/contract';
import { canCreateEvent, canEditEvent, canEditTrackSessions, canViewEvent } from './permissions';

const v = (userId: string, role: Viewer['role']): Viewer => ({ userId, username: userId, role });
const event = { organiserIds: ['org'], published: false };
const zuul = { event, chairIds: ['zuul-chair'] };

describe('schedule permissions', () => {
  it('lets admins do everything', () => {
    const admin = v('root', 'admin');
    expect(canCreateEvent(admin) && canEditEvent(admin, event) && canEditTrackSessions(admin, zuul) && canViewEvent(admin, event)).toBe(true);
  });

  it('lets an event organiser edit that event and all its tracks, not other events', () => {
    expect(canEditEvent(v('org', 'organiser'), event)).toBe(true);
    expect(canEditTrackSessions(v('org', 'organiser'), zuul)).toBe(true);
    expect(canEditEvent(v('other-org', 'organiser'), event)).toBe(false);
    expect(canEditTrackSessions(v('other-org', 'organiser'), zuul)).toBe(false);
    expect(canCreateEvent(v('other-org', 'organiser'))).toBe(true);
  });

  it('lets a chair edit only their own track', () => {
    expect(canEditTrackSessions(v('zuul-chair', 'chair'), zuul)).toBe(true);
    expect(canEditTrackSessions(v('nova-chair', 'chair'), zuul)).toBe(false);
    expect(canEditEvent(v('zuul-chair', 'chair'), event)).toBe(false);
    expect(canCreateEvent(v('zuul-chair', 'chair'))).toBe(false);
  });

  it('hides drafts from everyone else and shows published events to all', () => {
    expect(canViewEvent(null, event)).toBe(false);
    expect(canViewEvent(v('p', 'participant'), event)).toBe(false);
    expect(canViewEvent(null, { ...event, published: true })).toBe(true);
    expect(canEditTrackSessions(null, zuul)).toBe(false);
  });
});
