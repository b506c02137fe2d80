import { eventSlugSchema } from '@padmeet/contract';

/**
 * "OpenInfra PTG 2026" → "openinfra-ptg-2026": the URL name the form suggests
 * from the event's name until one is typed by hand ("" when nothing usable is left).
 */
export function slugFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents split off by NFKD: é → e
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return eventSlugSchema.safeParse(slug).success ? slug : '';
}
