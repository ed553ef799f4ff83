import type { Channel } from '../channels/channel.js';
import { OmniError } from '../errors.js';
import { platformFor } from '../platforms/registry.js';
import type { ReplyContent } from '../platforms/types.js';
import type { Sql } from '../store/database.js';
import { findTemplate } from '../store/whatsapp-templates.js';

/**
 * A template reply names a template the channel's WhatsApp Business Account has synced, in that
 * language, and fills it as the platform's check requires (approved, every placeholder given).
 * Throws a 400 `OMNI_ERR_REPLY_TEMPLATE_*` saying what is wrong, so that nothing Meta would refuse
 * is queued. Other replies pass.
 */
export async function checkTemplateReply(sql: Sql, channel: Channel, content: ReplyContent): Promise<void> {
  if (content.kind !== 'template') return;
  const { templates } = platformFor(channel.platform).replyRules;
  // A platform without templates was refused by the reply rules already.
  if (!templates) return;
  const named = `template ${content.name} (${content.language})`;
  if (channel.wabaId === null) {
    throw new OmniError(
      'OMNI_ERR_REPLY_TEMPLATE_NO_WABA',
      `channel ${channel.name} (id ${channel.id}) has no wabaId, the WhatsApp Business Account whose templates it sends: set it (\`omni channel update ${channel.name} --waba-id <id>\`, or wabaId in PATCH /api/channels/${channel.id}) and sync its templates to send ${named}`,
    );
  }
  const template = await findTemplate(sql, channel.wabaId, content.name, content.language);
  if (!template) {
    throw new OmniError(
      'OMNI_ERR_REPLY_TEMPLATE_UNKNOWN',
      `${named} is not among the synced templates of WABA ${channel.wabaId}: check its name and language, or run \`omni templates sync --channel ${channel.name}\``,
    );
  }
  const problem = templates.check(template, content.components);
  if (problem) throw new OmniError(problem.code, `${named}: ${problem.message}`);
}
