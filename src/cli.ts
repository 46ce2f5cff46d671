import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { buildSite, type BuildResult } from './build.js';
import { checkSite, formatFinding, type CheckOptions, type CheckProgress } from './check.js';
import { buildProgressOn, progressBar, type ProgressBar } from './io/progress-bar.js';
import { removeOpenStagingNow } from './io/staging-folders.js';
import { assertReportFolder, writeReport } from './io/write-report.js';
import { formatProblem, UserError, type Problem } from './core/problems.js';

/** Where the CLI prints; tests pass their own. */
export interface CliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A terminal to show a build's progress bar on (see progressBar); none when output goes to a file or a pipe. */
  progress?: { stream: NodeJS.WritableStream; delayMs?: number } | undefined;
}

const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  progress: process.stderr.isTTY ? { stream: process.stderr } : undefined,
};

/** Run the CLI with arguments (without `node` and the script) and return the exit code: 0, 1 user error, 2 bug. */
export async function runCli(args: string[], output: CliOutput = processOutput): Promise<number> {
  let debug = args.includes('--debug');
  let exitCode = 0;
  const program = new Command('clinic-seo')
    .description('Build local SEO pages, schema.org JSON-LD, a sitemap and robots.txt for a clinic.')
    .version(packageVersion(), '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: output.stdout, writeErr: output.stderr });

  program
    .command('build')
    .description('build the site from a data folder into an output folder')
    .option('-d, --data <dir>', 'data folder with site.yaml, locations/, services/ and conditions/', 'data')
    .option('-o, --out <dir>', 'output folder (replaced atomically; only folders made by clinic-seo are replaced)', 'dist')
    .option('-b, --base-url <url>', "absolute URL the site is served from; overrides site.yaml's baseUrl")
    .option('-t, --templates <dir>', 'templates folder (a copy of the bundled templates/ to restyle the site)')
    .option('--strict', 'treat warnings as errors (for CI)')
    .option('--check', 'audit the output after building (as clinic-seo check); errors make the command fail')
    .option('--threads <n>', 'render threads (default: one per core, up to 4, for sites of over 2,000 pages)')
    .option('--load-threads <n>', 'threads that load the location files (default: 1 for 1,000 files or more); more load faster and take more memory')
    .option('--no-progress', 'no progress bar (one is shown on a terminal when a build takes more than a second)')
    .option('--debug', 'print the stack trace of internal errors')
    .action(async (options: { data: string; out: string; baseUrl?: string; templates?: string; strict?: boolean; check?: boolean; threads?: string; loadThreads?: string; progress: boolean; debug?: boolean }) => {
      debug = options.debug === true;
      if (options.baseUrl !== undefined) assertBaseUrl(options.baseUrl);
      const threads = options.threads === undefined ? undefined : threadCount('--threads', options.threads);
      const loadThreads = options.loadThreads === undefined ? undefined : threadCount('--load-threads', options.loadThreads);
      const bar = options.progress ? terminalBar(output) : undefined;
      // Ctrl-C during a long build: take the progress bar and the half-built staging folder away, and exit. Once
      // the output folder is being updated, that is let finish (a second Ctrl-C stops at once, as Node does).
      let stoppedBy: NodeJS.Signals | undefined;
      const stop = (signal: NodeJS.Signals) => {
        bar?.stop();
        if (removeOpenStagingNow().updatingOutput) {
          stoppedBy = signal;
          output.stderr('Finishing the update of the output folder first (stopping now would leave it half updated).\n');
          return;
        }
        output.stderr(`Stopped (${signal}). The output folder was left as it was.\n`);
        process.exit(exitCodeOf(signal));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      let result: BuildResult;
      try {
        result = await buildSite({
          dataDir: options.data,
          outDir: options.out,
          ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
          ...(options.templates ? { templatesDir: options.templates } : {}),
          ...(options.strict ? { strict: true } : {}),
          ...(threads !== undefined ? { threads } : {}),
          ...(loadThreads !== undefined ? { loadThreads } : {}),
          ...(bar ? { onProgress: buildProgressOn(bar) } : {}),
        });
      } finally {
        bar?.stop();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      printProblems(output, result.warnings);
      const where = path.relative(process.cwd(), result.outDir) || '.';
      const warnings = result.warnings.length > 0 ? `, ${plural(result.warnings.length, 'warning')}` : '';
      output.stdout(
        `Built ${plural(result.pages, 'page')} (${result.written} written, ${result.unchanged} unchanged, ${result.removed} removed) ` +
          `and ${plural(result.sitemapFiles.length, 'sitemap file')} in ${(result.durationMs / 1000).toFixed(2)} s into ${where}/${warnings}\n`,
      );
      if (stoppedBy) {
        output.stderr(`Stopped (${stoppedBy}) once the output folder was updated.\n`);
        exitCode = exitCodeOf(stoppedBy);
      } else if (options.check) exitCode = await runCheck(output, { dir: result.outDir }, 'text', undefined, options.progress);
    });

  program
    .command('check')
    .description('audit a folder of static HTML: JSON-LD, schema.org terms, Google rules, pages, sitemap, robots.txt, NAP, doorways')
    .argument('[dir]', 'the folder to audit', 'dist')
    .option('-b, --base-url <url>', "the URL the folder is served from (default: index.html's canonical, or robots.txt's sitemap)")
    .option('-f, --format <format>', 'text or json', 'text')
    .option('-r, --report <dir>', 'also write an HTML report into this folder (new, empty or an earlier report; outside the folder checked); open its index.html')
    .option('--threads <n>', 'threads that parse the pages (default: one per core, up to 4, for 2,000 pages or more); 1 parses them in the main thread')
    .option('--no-progress', 'no progress bar (one is shown on a terminal when reading the pages takes more than a second)')
    .option('--debug', 'print the stack trace of internal errors')
    .action(async (dir: string, options: { baseUrl?: string; format: string; report?: string; threads?: string; progress: boolean; debug?: boolean }) => {
      debug = options.debug === true;
      if (options.format !== 'text' && options.format !== 'json') {
        throw new UserError([{ severity: 'error', file: '--format', message: `"${options.format}" is not a format`, hint: 'use --format text or --format json' }]);
      }
      if (options.baseUrl !== undefined) assertBaseUrl(options.baseUrl);
      const threads = options.threads === undefined ? undefined : threadCount('--threads', options.threads);
      if (options.report !== undefined) {
        assertReportOutside(options.report, dir);
        // Before the audit, which can take minutes, rather than after it.
        await assertReportFolder(options.report);
      }
      exitCode = await runCheck(output, { dir, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...(threads !== undefined ? { threads } : {}) }, options.format, options.report, options.progress);
    });

  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UserError) {
      printProblems(output, error.problems);
      const count = error.problems.filter((problem) => problem.severity === 'error').length || error.problems.length;
      output.stderr(`Failed: ${plural(count, 'problem')} to fix. Nothing was written.\n`);
      return 1;
    }
    output.stderr(
      `clinic-seo hit an internal error: ${(error as Error)?.message ?? String(error)}\n` +
        'This is a bug in clinic-seo, not in your data. Please report it with the command you ran' +
        (debug ? '.\n' : ' and the output of the same command with --debug.\n'),
    );
    if (debug && error instanceof Error && error.stack) output.stderr(`${error.stack}\n`);
    return 2;
  }
}

/** Run `check` and print its findings; the exit code is 1 when there are errors. */
async function runCheck(output: CliOutput, options: CheckOptions, format: string, reportDir: string | undefined, progress: boolean): Promise<number> {
  const bar = progress ? terminalBar(output) : undefined;
  let result: Awaited<ReturnType<typeof checkSite>>;
  try {
    result = await checkSite({ ...options, ...(bar ? { onProgress: ({ stage, done, total }: CheckProgress) => bar.update(stage === 'read' ? 'Reading pages' : 'Checking the rules', done, total) } : {}) });
  } finally {
    bar?.stop();
  }
  if (format === 'json') {
    const { snapshot: _snapshot, ...json } = result;
    output.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    for (const finding of result.findings) output.stdout(`${formatFinding(finding)}\n`);
    const { error, warning, note } = result.counts;
    output.stdout(
      `Checked ${plural(result.pages, 'page')} and ${plural(result.sitemapFiles, 'sitemap file')} of ${result.baseUrl}: ` +
        `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${plural(note, 'note')}\n`,
    );
  }
  if (reportDir) {
    const file = await writeReport(reportDir, result);
    output.stderr(`Wrote the report to ${path.relative(process.cwd(), file)}\n`);
  }
  return result.counts.error > 0 ? 1 : 0;
}

/**
 * A report written into the audited folder would be published with the site and audited next time as pages;
 * a folder audited inside the report's could lose pages to it. Compared through symbolic links.
 */
function assertReportOutside(reportDir: string, auditedDir: string): void {
  const report = realPathOf(reportDir);
  const audited = realPathOf(auditedDir);
  const within = (inner: string, outer: string) => {
    const relative = path.relative(outer, inner);
    return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
  };
  if (within(report, audited) || within(audited, report)) {
    const where = within(report, audited) ? `is inside the folder being checked (${auditedDir})` : `holds the folder being checked (${auditedDir})`;
    throw new UserError([{ severity: 'error', file: '--report', message: `"${reportDir}" ${where}`, hint: 'write the report to a folder of its own, outside the site, e.g. --report check-report' }]);
  }
}

/** The real path of a file that may not exist yet: its nearest existing folder's real path, then the rest. */
function realPathOf(file: string): string {
  const absolute = path.resolve(file);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(realPathOf(parent), path.basename(absolute));
  }
}

/** The exit code of a command stopped by a signal, as shells report it. */
function exitCodeOf(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/** A progress bar on the CLI's terminal, if it has one. */
function terminalBar(output: CliOutput): ProgressBar | undefined {
  return output.progress ? progressBar(output.progress.stream, output.progress) : undefined;
}

/** Print problems; a warning repeated in many files (every location lacks a photo) is shown three times, then counted. */
function printProblems(output: CliOutput, problems: Problem[]): void {
  const shown = new Map<string, { problem: Problem; count: number }>();
  for (const problem of problems) {
    const key = JSON.stringify([problem.severity, problem.path, problem.message]);
    const entry = shown.get(key) ?? { problem, count: 0 };
    entry.count++;
    shown.set(key, entry);
    if (problem.severity === 'error' || entry.count <= REPEATS_SHOWN) output.stderr(`${problem.severity}: ${formatProblem(problem)}\n`);
  }
  for (const { problem, count } of shown.values()) {
    if (problem.severity === 'warning' && count > REPEATS_SHOWN) {
      const more = count - REPEATS_SHOWN;
      output.stderr(`warning: … and ${more} more ${more === 1 ? 'file' : 'files'} with the same warning${problem.path ? ` (${problem.path})` : ''}: ${problem.message}\n`);
    }
  }
}

const REPEATS_SHOWN = 3;

function assertBaseUrl(value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new UserError([{ severity: 'error', file: '--base-url', message: `"${value}" is not an absolute http:// or https:// URL`, hint: 'write it in full, e.g. --base-url https://www.example.com' }]);
  }
}

/** Threads are memory: each holds its own heap and compiled code. */
const MAX_THREADS = 64;

/** The value of a thread-count option, 1 to MAX_THREADS; else a clear error naming the option. */
function threadCount(option: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_THREADS) {
    throw new UserError([{ severity: 'error', file: option, message: `"${value}" is not a number of threads from 1 to ${MAX_THREADS}`, hint: `write it as digits, e.g. ${option} 2` }]);
  }
  return Number(value);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function packageVersion(): string {
  const file = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
