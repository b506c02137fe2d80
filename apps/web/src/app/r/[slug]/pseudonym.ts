'use client';

import { useEffect, useRef } from 'react';

const PSEUDONYM_KEY = 'padmeet:pseudonym';

/**
 * A guest's pseudonym field, filled with the one remembered in this browser once the page is
 * hydrated, unless the person already typed something (the field is uncontrolled: text typed
 * before hydration is kept, and forms read it with fieldOf on submit).
 */
export function usePseudonymField() {
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const input = field.current;
    if (input && !input.value) input.value = window.localStorage.getItem(PSEUDONYM_KEY) ?? '';
  }, []);
  return field;
}

export function rememberPseudonym(name: string) {
  window.localStorage.setItem(PSEUDONYM_KEY, name.trim());
}
