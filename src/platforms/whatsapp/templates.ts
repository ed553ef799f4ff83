import { OmniError } from '../../errors.js';
import { getGraph } from '../meta/graph-get.js';
import { asShape, listAt, objectAt, textAt } from '../meta/json.js';
import type { PlatformApis, PlatformTemplate } from '../platform.js';
import type { ChannelSecrets } from '../types.js';
import type { WhatsAppTemplatePage } from './template-types.js';

const FIELDS = ['name', 'language', 'status', 'category', 'components', 'id'] as const;

/** Templates asked for per page: Graph's default is 25; fewer round trips for a large WABA. */
const PAGE_SIZE = '100';

/**
 * A WABA holds at most a few thousand templates (250 per unverified business, 6,000 per verified):
 * more pages than this is a cursor going round, not a catalogue.
 */
const MAX_PAGES = 100;

/**
 * Every template of a WhatsApp Business Account: `GET /{waba-id}/message_templates`, then the next
 * page (`after` = `paging.cursors.after`) while Graph names one in `paging.next`. The next page is
 * asked of the configured Graph origin with the cursor only: a URL from an answer never gets the token.
 * A template without a name, language or status fails the whole listing, so a partial answer can
 * never make the sync mark the rest deleted.
 */
export async function listWhatsAppTemplates(
  secrets: ChannelSecrets,
  apis: PlatformApis,
  wabaId: string,
): Promise<PlatformTemplate[]> {
  if (!secrets.accessToken) throw new OmniError('OMNI_ERR_PLATFORM_NO_TOKEN', 'the channel has no access token');
  const label = `Graph GET /${wabaId}/message_templates`;
  const templates: PlatformTemplate[] = [];
  const seen = new Set<string>();
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const params: Record<string, string> = after ? { limit: PAGE_SIZE, after } : { limit: PAGE_SIZE };
    const answer = await getGraph(
      apis,
      secrets.accessToken,
      `${encodeURIComponent(wabaId)}/message_templates`,
      FIELDS,
      label,
      params,
    );
    if (!answer.ok)
      throw new OmniError(
        answer.refused ? 'OMNI_ERR_PLATFORM_REFUSED' : 'OMNI_ERR_PLATFORM_UNAVAILABLE',
        answer.problem,
      );
    const body = asShape<WhatsAppTemplatePage>(answer.body);
    for (const element of listAt(body, 'data')) templates.push(readTemplate(element, label));
    const paging = objectAt(body, 'paging');
    after = textAt(objectAt(paging, 'cursors'), 'after');
    if (textAt(paging, 'next') === undefined || after === undefined) return templates;
    if (seen.has(after)) break;
    seen.add(after);
  }
  throw new OmniError('OMNI_ERR_PLATFORM_UNAVAILABLE', `${label}: the pages did not end after ${MAX_PAGES}`);
}

function readTemplate(element: unknown, label: string): PlatformTemplate {
  const template = asShape<WhatsAppTemplatePage['data'][number]>(element);
  const metaId = textAt(template, 'id');
  const name = textAt(template, 'name');
  const language = textAt(template, 'language');
  const status = textAt(template, 'status');
  if (!metaId || !name || !language || !status)
    throw new OmniError(
      'OMNI_ERR_PLATFORM_UNAVAILABLE',
      `${label}: a template without an id, name, language or status`,
    );
  const components = listAt(template, 'components');
  return { metaId, name, language, status, category: textAt(template, 'category') ?? null, components };
}
