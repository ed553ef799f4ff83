import { config as loadDotenv } from 'dotenv';
import type { Logger } from 'pino';
import { loadConfig, type OmniConfig } from '../config/load-config.js';
import { isOmniError } from '../errors.js';
import { createLogger } from '../logger.js';

/** Reads `.env` (if present) and the environment once, for every command. */
export function commandContext(name: string): { config: OmniConfig; logger: Logger } {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  return { config, logger: createLogger(config.logLevel, name) };
}

/** Runs a command body, turning a configuration error into one clear line and exit code 2. */
export async function runCommand(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (isOmniError(error, 'OMNI_ERR_CONFIG_INVALID')) {
      process.stderr.write(`omni: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`omni: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
