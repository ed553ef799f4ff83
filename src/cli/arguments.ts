import { OmniError } from '../errors.js';
import { PLATFORM_NAMES, type PlatformName } from '../platforms/types.js';

/** A command-line argument its command cannot take; the message names the flag or argument. */
export function invalidArgument(message: string): OmniError {
  return new OmniError('OMNI_ERR_CLI_INVALID_ARGUMENT', message);
}

/** A `<platform>` argument or `--platform` value: one of Omni's platforms. */
export function platformArgument(value: string): PlatformName {
  const platform = PLATFORM_NAMES.find((name) => name === value);
  if (!platform) throw invalidArgument(`unknown platform ${value}: use ${PLATFORM_NAMES.join(', ')}`);
  return platform;
}

/** A `--since` value: an ISO-8601 time; undefined when not given. */
export function sinceOption(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const since = new Date(value);
  if (Number.isNaN(since.getTime())) throw invalidArgument(`--since ${value} is not a time`);
  return since;
}

/** A port flag's value (`--metrics-port`): a whole number from 0 (any free port) to 65535; undefined when not given. */
export function portOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw invalidArgument(`${flag} ${value} is not a port between 0 and 65535`);
  return port;
}

/** The parser of a repeatable option (`--channel a --channel b`): every value, in order. */
export const repeatable = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The `<id>` argument (or the flag `name`): a contact's id, a whole number from 1. */
export function contactId(value: string, name = '<id>'): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id < 1)
    throw invalidArgument(`${name}: ${JSON.stringify(value)} is not a contact id`);
  return id;
}
