'use client';

import { useEffect, useState } from 'react';

/**
 * False during server rendering and until React has hydrated the page: forms
 * keep their submit button disabled until then, so an early click never falls
 * back to a plain browser form submission.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** A form field's text as submitted (forms read FormData on submit, so text typed before hydration is kept). */
export function fieldOf(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value : '';
}
