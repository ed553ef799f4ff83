import { config as loadDotenv } from 'dotenv';
import type { Logger } from 'pino';
import { loadConfigWithAwsSecrets } from '../config/aws-secrets.js';
import { loadConfig, type OmniConfig } from '../config/load-config.js';
import { isOmniError } from '../errors.js';
import { createLogger } from '../logger.js';

/** Reads `.env` (if present) and the environment once, for every command. */
export function commandContext(name: string): { config: OmniConfig; logger: Logger } {
  loadDotenv({ quiet: true });
  const config = loadConfig();
  return { config, logger: createLogger(config.logLevel, name) };
}

/**
 * `commandContext` plus what AURORA_SECRET_ARN and PLATFORM_SECRETS_ARN hold, for the commands that
 * connect: the same `omni serve` then runs as a long-lived container beside the Lambda functions.
 */
export async function commandContextWithAwsSecrets(name: string): Promise<{ config: OmniConfig; logger: Logger }> {
  loadDotenv({ quiet: true });
  const config = await loadConfigWithAwsSecrets();
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
