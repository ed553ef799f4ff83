import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PlatformName } from '../../src/platforms/types.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures', import.meta.url));

export interface Fixture {
  id: string;
  file: string;
  source: string;
  body: unknown;
  expect: {
    messages: {
      externalId: string;
      from: string;
      account: string | null;
      type: string;
      text: string | null;
      timestamp: string;
    }[];
    statuses: { externalId: string; status: string; recipient: string; timestamp: string }[];
    other: string[];
  };
}

export function loadFixtures(platform: PlatformName): Fixture[] {
  const dir = `${FIXTURES_DIR}/${platform}`;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file: `${dir}/${file}`,
      ...(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Omit<Fixture, 'file'>),
    }));
}

export function loadFixture(platform: PlatformName, id: string): Fixture {
  const fixture = loadFixtures(platform).find((f) => f.id === id);
  if (!fixture) throw new Error(`no fixture ${platform}/${id}`);
  return fixture;
}
