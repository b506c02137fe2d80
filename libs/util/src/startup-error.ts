/**
 * Start-up failures are reported as one line a person can act on:
 * what is wrong and what to do about it. No stack traces for expected problems.
 */
export interface IssueLike {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

export function formatZodIssues(issues: ReadonlyArray<IssueLike>): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

export function describeStartupError(service: string, problem: string, remedy: string): string {
  return `padmeet ${service}: ${problem} -> ${remedy}`;
}

/** The first line of an error's message: enough for a start-up line, without stacks or SQL. */
export function firstLineOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** Prints one start-up error line (what is wrong -> what to do) and exits 1. */
export function exitWithStartupError(service: string, problem: string, remedy: string): never {
  process.stderr.write(`${describeStartupError(service, problem, remedy)}\n`);
  process.exit(1);
}
