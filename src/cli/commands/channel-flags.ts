import type { ChannelField } from '../../platforms/channel-shape.js';
import { fieldUse, sharedChannelFields } from '../../platforms/channel-fields.js';

/** `add`'s and `update`'s flags: every platform's channel fields (as the platforms declare them), around the common ones. */
export function channelFlags(): ChannelField[] {
  return [
    { name: 'name', flag: '--name', value: '<name>', description: 'unique within the platform' },
    ...sharedChannelFields().map((field) => ({ ...field, description: `${fieldUse(field)}: ${field.description}` })),
    {
      name: 'register',
      flag: '--register',
      value: '<base-url>',
      description: 'telegram: set the bot webhook to <base-url>/webhook/telegram',
    },
    {
      name: 'sendsPerSecond',
      flag: '--sends-per-second',
      value: '<n>',
      description: "this channel's send cap (default: the platform's)",
    },
    {
      name: 'assignment',
      flag: '--assignment',
      value: '<mode>',
      description:
        'manual (default) or round_robin: each new or reopened conversation goes to the online member with the fewest open ones',
    },
    {
      name: 'assignmentCap',
      flag: '--assignment-cap',
      value: '<n>',
      description: 'round_robin: at most n open conversations a member (none: no cap, on update)',
    },
  ];
}

/** The JSON field → the flag that gives it (`platform` is `add`'s argument). */
const FLAGS = new Map<string, string>([
  ['platform', '<platform>'],
  ...channelFlags().map((field): [string, string] => [field.name, field.flag]),
]);

/** The flag giving a JSON field; a field no flag gives stays as it is. */
export const flagOf = (field: string) => FLAGS.get(field) ?? field;
