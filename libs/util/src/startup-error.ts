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
