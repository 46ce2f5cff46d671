import { describe, expect, it, vi } from 'vitest';

// A bug inside the build (not bad data) must not look like a user error.
vi.mock('../src/build.js', () => ({
  buildSite: vi.fn(async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'slug')");
  }),
}));

const { runCli } = await import('../src/cli.js');

async function run(...args: string[]) {
  let stderr = '';
  const code = await runCli(args, { stdout: () => {}, stderr: (text) => (stderr += text) });
  return { code, stderr };
}

describe('internal errors', () => {
  it('exit with 2 and ask for a report, without a stack trace', async () => {
    const { code, stderr } = await run('build');
    expect(code).toBe(2);
    expect(stderr).toContain("clinic-seo hit an internal error: Cannot read properties of undefined (reading 'slug')");
    expect(stderr).toContain('This is a bug in clinic-seo, not in your data. Please report it');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('print the stack with --debug', async () => {
    const { code, stderr } = await run('build', '--debug');
    expect(code).toBe(2);
    expect(stderr).toMatch(/TypeError: Cannot read properties[^\n]*\n\s+at /);
  });
});
