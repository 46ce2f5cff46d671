import { capitalize } from './text.js';

/** A problem found in the user's data or templates, located as precisely as we can. */
export interface Problem {
  severity: 'error' | 'warning';
  /** Path of the file, relative to the data folder's parent where possible. */
  file: string;
  line?: number;
  column?: number;
  /** Dotted field path inside the file, e.g. `address.addressLocality`. */
  path?: string;
  message: string;
  /** How to fix it, in plain words. */
  hint?: string;
}

/** A failure caused by the user's input (exit code 1), carrying every problem found. */
export class UserError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[], options?: { cause?: unknown }) {
    super(problems.map(formatProblem).join('\n'), options);
    this.name = 'UserError';
    this.problems = sortProblems(problems);
  }
}

/** `FILE:LINE:COLUMN field.path: message. hint` */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(':');
  const hint = problem.hint ? ` ${sentence(problem.hint)}` : '';
  return `${where}${problem.path ? ` ${problem.path}` : ''}: ${sentence(problem.message)}${hint}`;
}

/** Problems sorted by file, line and column, so output is stable and easy to follow. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.message.localeCompare(b.message),
  );
}

/** Capitalized, with a full stop, so message and hint read as two sentences. */
function sentence(text: string): string {
  const capitalized = capitalize(text);
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}

/** Whether an error is a stack overflow: parsers that recurse once per level of nesting hit it on hostile input. */
export function isStackOverflow(error: unknown): error is RangeError {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
