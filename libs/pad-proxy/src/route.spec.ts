import { describe, expect, it } from 'vitest';
import { classifyPadRequest } from './route';

const pad = 'g.AbCdEfGh12345678$zuul-planning';

describe('classifyPadRequest', () => {
  it('passes a pad page, its timeslider and its text/HTML/Markdown exports to the pad, with the path rebuilt', () => {
    expect(classifyPadRequest('GET', `/pad/p/${pad}?showChat=false`)).toEqual({
      kind: 'pad',
      padId: pad,
      groupId: 'g.AbCdEfGh12345678',
      roomSlug: 'zuul-planning',
      page: 'editor',
      upstreamPath: `/p/${encodeURIComponent(pad)}?showChat=false`,
    });
    expect(classifyPadRequest('GET', `/pad/p/${pad}/timeslider`)).toMatchObject({ kind: 'pad', page: 'timeslider' });
    for (const type of ['txt', 'html', 'markdown']) {
      expect(classifyPadRequest('GET', `/pad/p/${pad}/export/${type}`)).toMatchObject({ kind: 'pad', page: 'export', upstreamPath: `/p/${encodeURIComponent(pad)}/export/${type}` });
    }
    expect(classifyPadRequest('GET', `/pad/p/${pad}/12/export/txt`)).toMatchObject({ kind: 'pad', upstreamPath: `/p/${encodeURIComponent(pad)}/12/export/txt` });
    // A percent-encoded $ (some clients encode it) is the same pad.
    expect(classifyPadRequest('GET', `/pad/p/${encodeURIComponent(pad)}`)).toMatchObject({ kind: 'pad', padId: pad });
  });

  it('routes socket.io by the pad it names, polling and WebSocket alike', () => {
    const url = `/pad/socket.io/?padId=${encodeURIComponent(pad)}&EIO=3&transport=websocket`;
    expect(classifyPadRequest('GET', url)).toEqual({ kind: 'socket', padId: pad, upstreamPath: url.slice(4) });
    expect(classifyPadRequest('POST', `/pad/socket.io/?padId=${encodeURIComponent(pad)}&EIO=3&transport=polling&sid=x`)).toMatchObject({ kind: 'socket' });
    expect(classifyPadRequest('GET', '/pad/socket.io/?EIO=3&transport=polling')).toMatchObject({ kind: 'refused', status: 400 });
    expect(classifyPadRequest('GET', '/pad/socket.io/?padId=zuul-planning&EIO=3')).toMatchObject({ kind: 'refused', status: 400 });
  });

  it('passes static files and error reports', () => {
    expect(classifyPadRequest('GET', '/pad/static/css/pad.css?v=1')).toEqual({ kind: 'static', upstreamPath: '/static/css/pad.css?v=1' });
    expect(classifyPadRequest('GET', '/pad/javascripts/lib/ep_etherpad-lite/static/js/pad.js?callback=require.define')).toMatchObject({ kind: 'static' });
    expect(classifyPadRequest('GET', '/pad/pluginfw/plugin-definitions.json')).toMatchObject({ kind: 'static' });
    expect(classifyPadRequest('GET', '/pad/locales.json')).toMatchObject({ kind: 'static' });
    expect(classifyPadRequest('POST', '/pad/jserror')).toEqual({ kind: 'static', upstreamPath: '/jserror' });
    expect(classifyPadRequest('GET', '/pad/socket.io/socket.io.js?v=1')).toEqual({ kind: 'static', upstreamPath: '/socket.io/socket.io.js?v=1' });
  });

  // Etherpad's router is case-insensitive and decodes escapes; none of these may reach its API, admin or import.
  const refusedSpellings = [
    '/pad/api',
    '/pad/api/1.2.15/getText?padID=x&apikey=k',
    '/pad/API/1.2.15/getText',
    '/pad/Api/',
    '/pad//api/1.2.15/getText',
    '/pad/%61pi/1.2.15/getText',
    '/pad/%2561pi/1.2.15/getText',
    '/pad/static/..%2fapi/1.2.15/getText',
    '/pad/static/%2e%2e/api',
    '/pad/static/../admin',
    '/pad/static\\..\\api',
    '/pad/admin',
    '/pad/ADMIN/settings',
    '/pad/%61dmin',
    '/pad/admin/plugins',
    `/pad/p/${pad}/import`,
    `/pad/p/${pad}/IMPORT`,
    `/pad/p/${encodeURIComponent(pad)}%2fimport`,
    `/pad/P/${pad}`,
    `/pad/p/${pad}/export/etherpad`,
    `/pad/p/${pad}/Export/txt`,
    '/pad/p/zuul-planning',
    '/pad/p/r.0123456789abcdef0123456789abcdef',
    '/pad/ro/r.0123',
    '/pad/stats',
    '/pad/tests/frontend/index.html',
    '/pad/',
    '/pad/socket.io/x',
    '/padx/api',
  ];
  it.each(refusedSpellings)('refuses %s', (url) => {
    expect(classifyPadRequest('GET', url).kind).toBe('refused');
    expect(classifyPadRequest('POST', url).kind).toBe('refused');
  });

  it('refuses writes to pads and static files', () => {
    expect(classifyPadRequest('POST', `/pad/p/${pad}`)).toMatchObject({ kind: 'refused', status: 405 });
    expect(classifyPadRequest('PUT', '/pad/static/css/pad.css')).toMatchObject({ kind: 'refused', status: 405 });
    expect(classifyPadRequest('DELETE', `/pad/socket.io/?padId=${encodeURIComponent(pad)}`)).toMatchObject({ kind: 'refused', status: 405 });
  });

  it('refuses malformed escapes', () => {
    expect(classifyPadRequest('GET', '/pad/static/%E0%A4%A')).toMatchObject({ kind: 'refused', status: 400 });
  });
});
