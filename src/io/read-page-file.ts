import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../core/problems.js';

/** The text of one HTML file of an audited folder; a file that cannot be read is a UserError naming it. */
export function readPageFile(dir: string, file: string): string {
  try {
    return readFileSync(path.join(dir, file), 'utf8');
  } catch (error) {
    throw unreadablePage(dir, file, error);
  }
}

/** The error for a page of the audited folder that cannot be read. */
export function unreadablePage(dir: string, file: string, error: unknown): UserError {
  return new UserError([{ severity: 'error', file: path.relative(process.cwd(), path.join(dir, file)) || file,
    message: `the page cannot be read (${(error as Error)?.message ?? String(error)})`, hint: 'check that the file exists and is readable, then run check again' }]);
}
