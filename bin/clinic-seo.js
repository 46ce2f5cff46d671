#!/usr/bin/env node
// Thin launcher: the CLI lives in lib/cli.js (compiled from src/cli.ts by `npm run compile`).
import { runCli } from '../lib/cli.js';

process.exitCode = await runCli(process.argv.slice(2));
