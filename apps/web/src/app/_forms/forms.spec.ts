import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FieldError, FormError, messageFor } from './field-error';
import { timeZoneOptions } from './time-zones';

describe('messageFor', () => {
  it('gives the message to the field the refusal names, and zod issues to their own fields', () => {
    const named = { message: 'There is no account named "x".', data: { field: 'username' } };
    expect(messageFor(named, 'username')).toBe('There is no account named "x".');
    expect(messageFor(named, 'trackId')).toBeUndefined();
    const zod = { message: 'Use a date like 2026-12-01', data: { field: 'startsOn', fieldErrors: { startsOn: 'Use a date like 2026-12-01', slug: 'Use lower-case letters' } } };
    expect(messageFor(zod, 'slug')).toBe('Use lower-case letters');
    expect(messageFor(null, 'slug')).toBeUndefined();
  });
});

describe('FieldError and FormError (the one way forms show errors)', () => {
  const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);
  const server = { message: 'The room name /r/x is taken; pick another.', data: { field: 'slug' } };

  it("shows the form's own check of a field first, else the server's message for it, else nothing", () => {
    expect(html(createElement(FieldError, { error: server, field: 'slug', local: 'Use a time like 14:30' }))).toContain('Use a time like 14:30');
    expect(html(createElement(FieldError, { error: server, field: 'slug' }))).toBe('<span class="error" role="alert" data-testid="error-slug">The room name /r/x is taken; pick another.</span>');
    expect(html(createElement(FieldError, { error: server, field: 'name' }))).toBe('');
    expect(html(createElement(FieldError, { error: null, field: 'name', local: undefined }))).toBe('');
  });

  it('shows a refusal once under the form only when it names none of its fields', () => {
    expect(html(createElement(FormError, { error: server, fields: ['slug', 'name'] }))).toBe('');
    expect(html(createElement(FormError, { error: server, fields: ['name'] }))).toContain('data-testid="error-form"');
    expect(html(createElement(FormError, { error: { message: 'Only admins end the sessions of an account.' }, fields: ['username'] }))).toContain('Only admins');
  });
});

describe('timeZoneOptions', () => {
  it('offers UTC first, every supported zone, and the zones asked for even when not in the list', () => {
    const zones = timeZoneOptions('Etc/UTC');
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect(zones).toContain('Etc/UTC');
    expect(new Set(zones).size).toBe(zones.length);
  });
});
