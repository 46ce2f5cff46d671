import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePage, type AuditPage, type PageContext } from '../core/check/snapshot.js';
import type { SharedValues } from '../core/check/shared-values.js';
import { isStackOverflow, UserError } from '../core/problems.js';

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

/**
 * Parse a page of the audited folder. The HTML parser recurses on some markup (thousands of `<template>` tags
 * left open); a page that overflows its stack is a UserError naming it, not an internal error.
 */
export function parsePageFile(dir: string, file: string, html: string, context: PageContext, shared: SharedValues): AuditPage {
  try {
    return parsePage(file, html, context, shared);
  } catch (error) {
    // Only a stack overflow: another RangeError is a bug to report, not the page's nesting.
    if (!isStackOverflow(error)) throw error;
    throw new UserError([{ severity: 'error', file: path.relative(process.cwd(), path.join(dir, file)) || file,
      message: `the page cannot be parsed: its elements are nested too deeply (${error.message})`, hint: 'close the elements the page leaves open (a tag opened thousands of times), then run check again' }]);
  }
}
