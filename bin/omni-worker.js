#!/usr/bin/env node
import { buildWorkerProgram } from '../dist/cli/omni-worker.js';

await buildWorkerProgram().parseAsync(process.argv);
