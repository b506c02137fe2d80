'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { useTRPC } from '../../../trpc/client';
import { fieldOf, useHydrated } from '../../account/use-hydrated';
import { FieldError, FormError } from '../../_forms/field-error';
import { browserTimeZone, timeZoneOptions } from '../../_forms/time-zones';
import { slugFrom } from './slug-suggestion';

const FIELDS = ['name', 'slug', 'startsOn', 'endsOn', 'timeZone'] as const;

export function NewEventForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const create = useMutation(trpc.event.create.mutationOptions({ onSuccess: (event) => router.push(`/e/${event.slug}`) }));
  const [slug, setSlug] = useState<{ value: string; typed: boolean }>({ value: '', typed: false });
  // The zone list and default come from the browser (after hydration: Node's ICU list differs).
  const [zones, setZones] = useState<{ own: string; options: string[] } | null>(null);
  useEffect(() => {
    const own = browserTimeZone();
    setZones({ own, options: timeZoneOptions(own) });
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    create.mutate({
      name: fieldOf(form, 'name'),
      slug: fieldOf(form, 'slug').trim(),
      startsOn: fieldOf(form, 'startsOn'),
      endsOn: fieldOf(form, 'endsOn'),
      timeZone: fieldOf(form, 'timeZone'),
    });
  }

  return (
    <form className="join" onSubmit={onSubmit} aria-label="New event" noValidate>
      <label htmlFor="event-name">Name</label>
      <input
        id="event-name"
        name="name"
        maxLength={120}
        placeholder="OpenInfra PTG 2026"
        onChange={(e) => setSlug((current) => (current.typed ? current : { value: slugFrom(e.target.value), typed: false }))}
      />
      <FieldError error={create.error} field="name" />
      <label htmlFor="event-slug">URL name (the schedule is at /e/&lt;URL name&gt;)</label>
      <input
        id="event-slug"
        name="slug"
        value={slug.value}
        onChange={(e) => setSlug({ value: e.target.value, typed: true })}
        placeholder="ptg-2026-12"
        autoCapitalize="none"
        spellCheck={false}
      />
      <FieldError error={create.error} field="slug" />
      <label htmlFor="event-starts">First day</label>
      <input id="event-starts" name="startsOn" type="date" />
      <FieldError error={create.error} field="startsOn" />
      <label htmlFor="event-ends">Last day</label>
      <input id="event-ends" name="endsOn" type="date" />
      <FieldError error={create.error} field="endsOn" />
      <label htmlFor="event-zone">Time zone (days begin and end at midnight here)</label>
      <select id="event-zone" name="timeZone" key={zones ? 'browser' : 'server'} defaultValue={zones?.own ?? 'UTC'}>
        {(zones?.options ?? ['UTC']).map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </select>
      <FieldError error={create.error} field="timeZone" />
      <FormError error={create.error} fields={FIELDS} />
      <button type="submit" disabled={create.isPending || create.isSuccess || !hydrated}>
        {create.isPending ? 'Creating…' : 'Create event'}
      </button>
    </form>
  );
}
