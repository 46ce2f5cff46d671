import { UserError, type Problem } from '../core/problems.js';

/** How a worker thread reports a failure: the problems of bad input, or an internal error's message and stack. */
export type WorkerFailure = { ok: false; problems?: Problem[]; message?: string; stack?: string };

/** The message a worker posts for an error it caught. */
export function failureMessage(error: unknown): WorkerFailure {
  return error instanceof UserError
    ? { ok: false, problems: error.problems }
    : { ok: false, message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack };
}

/** The error a worker's failure message stands for, as this thread throws it. */
export function failureError(failure: WorkerFailure): Error {
  return failure.problems ? new UserError(failure.problems) : Object.assign(new Error(failure.message), { stack: failure.stack });
}
