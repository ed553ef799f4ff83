#!/usr/bin/env node
import { buildOmniProgram } from '../dist/cli/omni.js';

await buildOmniProgram().parseAsync(process.argv);
