import type { ReactNode } from 'react';

/** A failed tRPC call as the browser sees it: the API's error formatter names the field a message belongs to. */
export interface ServerError {
  message: string;
  data?: { field?: string; fieldErrors?: Record<string, string> } | null;
}

/** The server's message for `field`: the field the refusal names, or that field's input-validation issue. */
export function messageFor(error: ServerError | null | undefined, field: string): string | undefined {
  if (!error) return undefined;
  return (error.data?.field === field ? error.message : undefined) ?? error.data?.fieldErrors?.[field];
}

/**
 * The message next to its field (`data-testid="error-<field>"`), or nothing: the form's own
 * check of the field (`local`, e.g. a time that does not parse) first, else the server's.
 * Every form shows its field errors through this and FormError.
 */
export function FieldError({ error, field, local }: { error: ServerError | null | undefined; field: string; local?: string | undefined }): ReactNode {
  const message = local ?? messageFor(error, field);
  return message ? (
    <span className="error" role="alert" data-testid={`error-${field}`}>
      {message}
    </span>
  ) : null;
}

/** A refusal that names none of the form's `fields` (forbidden, not found, server trouble), shown once under the form. */
export function FormError({ error, fields }: { error: ServerError | null | undefined; fields: readonly string[] }): ReactNode {
  if (!error || fields.some((field) => messageFor(error, field))) return null;
  return (
    <span className="error" role="alert" data-testid="error-form">
      {error.message}
    </span>
  );
}
