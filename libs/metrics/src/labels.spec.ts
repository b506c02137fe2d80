import { describe, expect, it } from 'vitest';
import { LabelCap, OTHER_LABEL, routeLabel } from './labels';
import { metricValue } from './parse';

describe('LabelCap', () => {
  it('keeps the first `cap` distinct values and folds every later one into _other', () => {
    const cap = new LabelCap(2);
    expect(cap.label('a')).toBe('a');
    expect(cap.label('b')).toBe('b');
    expect(cap.label('a')).toBe('a');
    expect(cap.label('c')).toBe(OTHER_LABEL);
    expect(cap.label('d')).toBe(OTHER_LABEL);
    expect(cap.size).toBe(2);
  });

  it('never holds more than `cap` values, however many are offered', () => {
    const cap = new LabelCap(50);
    const labels = new Set(Array.from({ length: 10_000 }, (_, i) => cap.label(`room-${i}`)));
    expect(labels.size).toBe(51);
    expect(labels.has(OTHER_LABEL)).toBe(true);
  });

  it('frees the places of values no longer seen', () => {
    const cap = new LabelCap(1);
    expect(cap.label('a')).toBe('a');
    expect(cap.label('b')).toBe(OTHER_LABEL);
    cap.retain(['b']);
    expect(cap.label('b')).toBe('b');
    expect(cap.label('a')).toBe(OTHER_LABEL);
  });

  it('refuses a cap that is not a whole number ≥ 0', () => {
    expect(() => new LabelCap(-1)).toThrow(RangeError);
    expect(() => new LabelCap(1.5)).toThrow(RangeError);
    expect(new LabelCap(0).label('a')).toBe(OTHER_LABEL);
  });
});

describe('routeLabel', () => {
  const patterns = [
    { label: '/', pattern: /^\/$/ },
    { label: '/r/[slug]', pattern: /^\/r\/[^/]+$/ },
    { label: '/r/[slug]/notes', pattern: /^\/r\/[^/]+\/notes$/ },
    { label: '/api/trpc', pattern: /^\/api\/trpc(\/|$)/ },
  ];

  it('names a path by its pattern, never by the raw URL', () => {
    expect(routeLabel('/r/ptg-nova', patterns)).toBe('/r/[slug]');
    expect(routeLabel('/r/ptg-nova/notes?x=1', patterns)).toBe('/r/[slug]/notes');
    expect(routeLabel('/api/trpc/room.join,room.list?batch=1', patterns)).toBe('/api/trpc');
    expect(routeLabel('/', patterns)).toBe('/');
  });

  it('gives _other to any path no pattern names', () => {
    expect(routeLabel('/wp-admin/../../etc/passwd', patterns)).toBe(OTHER_LABEL);
    expect(routeLabel('/r/a/b/c', patterns)).toBe(OTHER_LABEL);
    expect(routeLabel('', patterns)).toBe(OTHER_LABEL);
    const many = new Set(Array.from({ length: 1000 }, (_, i) => routeLabel(`/random-${i}`, patterns)));
    expect([...many]).toEqual([OTHER_LABEL]);
  });
});

describe('metricValue', () => {
  const text = [
    '# HELP padmeet_x_total x',
    '# TYPE padmeet_x_total counter',
    'padmeet_x_total{route="/a",app="web"} 3',
    'padmeet_x_total{route="/b",app="web"} 4',
    'padmeet_y 1.5',
  ].join('\n');
  it('finds a series by name and labels', () => {
    expect(metricValue(text, 'padmeet_x_total', { route: '/b' })).toBe(4);
    expect(metricValue(text, 'padmeet_x_total')).toBe(3);
    expect(metricValue(text, 'padmeet_y')).toBe(1.5);
    expect(metricValue(text, 'padmeet_x_total', { route: '/c' })).toBeUndefined();
    expect(metricValue(text, 'padmeet_x')).toBeUndefined();
  });
});
