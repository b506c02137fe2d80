import { describe, expect, it } from 'vitest';
import { routeLabel } from '@padmeet/metrics';
import { WEB_ROUTES } from './request-metrics';

const label = (path: string) => routeLabel(path, WEB_ROUTES);

describe('WEB_ROUTES: bounded route labels of the web app', () => {
  it('names each kind of page and API path by its Next route pattern', () => {
    expect(label('/')).toBe('/');
    expect(label('/r/ptg-nova')).toBe('/r/[slug]');
    expect(label('/r/ptg-nova/notes')).toBe('/r/[slug]/notes');
    expect(label('/e/ptg-2026?day=2')).toBe('/e/[slug]');
    expect(label('/e/ptg-2026/notes/room/nova')).toBe('/e/[slug]/notes/room/[room]');
    expect(label('/e/ptg-2026/notes/0b7c')).toBe('/e/[slug]/notes/[session]');
    expect(label('/api/trpc/room.join,room.list?batch=1')).toBe('/api/trpc/[trpc]');
    expect(label('/api/events/ptg/now-next')).toBe('/api/events/[slug]/now-next');
    expect(label('/api/calendar/ptg/room/nova')).toBe('/api/calendar/[event]');
    expect(label('/pad/p/g.x$nova')).toBe('/pad/…');
    expect(label('/_next/static/chunks/a.js')).toBe('/_next/…');
    expect(label('/admin')).toBe('/admin');
  });

  it('folds every unknown path into _other, however many there are', () => {
    const labels = new Set(Array.from({ length: 500 }, (_, i) => label(`/wp-login-${i}.php`)));
    expect([...labels]).toEqual(['_other']);
    expect(label('/r/a/b/c/d')).toBe('_other');
  });
});
