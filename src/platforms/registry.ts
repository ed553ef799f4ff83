import { instagram } from './instagram/platform.js';
import { messenger } from './messenger/platform.js';
import type { Platform } from './platform.js';
import { telegram } from './telegram/platform.js';
import type { PlatformName } from './types.js';
import { whatsapp } from './whatsapp/platform.js';

/** The one registry: every platform's object by name. Other rooms reach a platform only through it. */
export const PLATFORMS: Readonly<Record<PlatformName, Platform>> = { whatsapp, messenger, instagram, telegram };

export function platformFor(name: PlatformName): Platform {
  return PLATFORMS[name];
}
