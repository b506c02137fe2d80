'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { RouterOutputs } from '@padmeet/api';
import type { AccountRole } from '@padmeet/contract';
import { useTRPC } from '../../trpc/client';
import { fieldOf, useHydrated } from '../account/use-hydrated';

type Created = RouterOutputs['invite']['create'];
const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString());

export function InviteManager({ roles }: { roles: AccountRole[] }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const [created, setCreated] = useState<Created | null>(null);
  const queryClient = useQueryClient();
  const listKey = trpc.invite.list.queryKey();
  const list = useQuery(trpc.invite.list.queryOptions());
  /**
   * Reads the list again after a change (`shown` goes into it at once). A read still in flight
   * began before the change and would show the list without it, so it is cancelled first: a plain
   * refetch reuses it while the list has no data yet, and a token minted just after the page
   * opened never showed in the list.
   */
  const refresh = async (shown?: Created['invite']) => {
    await queryClient.cancelQueries({ queryKey: listKey });
    if (shown) queryClient.setQueryData(listKey, (old) => [shown, ...(old ?? []).filter((invite) => invite.id !== shown.id)]);
    await queryClient.refetchQueries({ queryKey: listKey });
  };
  const create = useMutation(
    trpc.invite.create.mutationOptions({
      onSuccess: (result) => {
        setCreated(result);
        void refresh(result.invite);
      },
    }),
  );
  const revoke = useMutation(trpc.invite.revoke.mutationOptions({ onSuccess: () => void refresh() }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const hours = fieldOf(form, 'expiresInHours');
    create.mutate({ role: fieldOf(form, 'role') as AccountRole, note: fieldOf(form, 'note').trim() || undefined, expiresInHours: hours ? Number(hours) : undefined });
    form.reset();
  }

  const registerLink = created ? `${window.location.origin}/register?token=${encodeURIComponent(created.token)}` : '';

  return (
    <>
      <form className="join" onSubmit={onSubmit}>
        <label htmlFor="invite-role">Role of the new account</label>
        <select id="invite-role" name="role" defaultValue={roles[0]}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <label htmlFor="invite-note">Note (who it is for; shown in the list)</label>
        <input id="invite-note" name="note" maxLength={200} />
        <label htmlFor="invite-hours">Expires after (hours; empty = never)</label>
        <input id="invite-hours" name="expiresInHours" type="number" min={1} max={2160} defaultValue="168" />
        {create.error && (
          <p className="error" role="alert">
            {create.error.message}
          </p>
        )}
        <button type="submit" disabled={create.isPending || !hydrated}>
          Create invite token
        </button>
      </form>

      {created && (
        <section aria-label="New invite token" style={{ margin: '1rem 0', padding: '0.8rem', border: '1px solid var(--border)', borderRadius: 8 }}>
          <p>
            <strong>Copy this token now: it is shown only once.</strong> It works once, for a {created.invite.role} account.
          </p>
          <code data-testid="invite-token" style={{ wordBreak: 'break-all' }}>
            {created.token}
          </code>
          <p className="muted">
            Or send this link: <span data-testid="invite-link">{registerLink}</span>
          </p>
          <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(created.token)}>
            Copy token
          </button>
        </section>
      )}

      <h2>Your invites</h2>
      {list.error && <p className="error">{list.error.message}</p>}
      <table data-testid="invite-list" data-loaded={list.isSuccess}>
        <thead>
          <tr>
            <th align="left">Created</th>
            <th align="left">Role</th>
            <th align="left">Note</th>
            <th align="left">Status</th>
            <th align="left">Expires</th>
            <th align="left">Used by</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((invite) => (
            <tr key={invite.id} data-testid="invite-row" data-status={invite.status}>
              <td>{when(invite.createdAt)}</td>
              <td>{invite.role}</td>
              <td>{invite.note ?? ''}</td>
              <td>{invite.status}</td>
              <td>{when(invite.expiresAt)}</td>
              <td>{invite.usedBy ?? ''}</td>
              <td>
                {invite.status === 'active' && (
                  <button type="button" className="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: invite.id })}>
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
