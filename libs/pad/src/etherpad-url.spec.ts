import { AppError } from '@padmeet/util';
import { describe, expect, it } from 'vitest';
import { parseEtherpadUrl } from './etherpad-url';

describe('parseEtherpadUrl', () => {
  it('reads host, port and a default port per protocol', () => {
    expect(parseEtherpadUrl('http://127.0.0.1:9001')).toEqual({
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 9001,
      basePath: '',
      baseUrl: 'http://127.0.0.1:9001',
    });
    expect(parseEtherpadUrl('https://notes.example.org/').port).toBe(443);
    expect(parseEtherpadUrl('http://notes.example.org').port).toBe(80);
  });

  it('keeps a path prefix without its trailing slash', () => {
    const location = parseEtherpadUrl('https://example.org/etherpad/');
    expect(location.basePath).toBe('/etherpad');
    expect(location.baseUrl).toBe('https://example.org/etherpad');
  });

  it('strips IPv6 brackets for Node but keeps them in the URL', () => {
    const location = parseEtherpadUrl('http://[::1]:9001');
    expect(location.hostname).toBe('::1');
    expect(location.baseUrl).toBe('http://[::1]:9001');
  });

  it.each(['', 'not a url', 'ftp://host', 'http://user:pw@host', 'http://host/?a=1', 'http://host/#x'])(
    'rejects %j with BAD_INPUT naming the field',
    (raw) => {
      let caught: unknown;
      try {
        parseEtherpadUrl(raw, 'publicUrl');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect((caught as AppError).code).toBe('BAD_INPUT');
      expect((caught as AppError).field).toBe('publicUrl');
    },
  );
});
