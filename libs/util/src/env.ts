import { exitWithStartupError, formatZodIssues, type IssueLike } from './startup-error';

interface SafeParser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<IssueLike> } };
}

/**
 * Validates an app's environment once at start-up. On a bad value it prints
 * one line naming every offending variable and exits 1: nothing starts half-configured.
 */
export function parseEnvOrExit<T>(service: string, schema: SafeParser<T>, env: Record<string, string | undefined>): T {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  return exitWithStartupError(
    service,
    `invalid environment: ${formatZodIssues(result.error.issues)}`,
    'fix these variables (see README "Configuration"), or run `npm start` for a local set-up',
  );
}
