import type { VariableName } from '../config/variables.js';

/** The secrets a channel may hold, by the JSON (camelCase) names the API takes. */
export const SECRET_FIELDS = ['appSecret', 'verifyToken', 'accessToken', 'botToken', 'webhookSecret'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/**
 * A field an operator gives a channel: `name` in the API's JSON, `flag` on the CLI. Commander
 * camel-cases a flag back to its name (`--phone-number-id` → `phoneNumberId`); a test holds the two together.
 */
export interface ChannelField<Name extends string = string> {
  name: Name;
  flag: `--${string}`;
  /** The flag's placeholder in the help (`<id>`, `<secret>`). */
  value: `<${string}>`;
  /** What it is, for the API's schema and the CLI's help. */
  description: string;
}

/** A secret a channel takes: required on add or not, and the form the platform demands of it, if any. */
export interface ChannelSecretField extends ChannelField<SecretField> {
  required: boolean;
  format?: { pattern: RegExp; rule: string };
}

/**
 * The account a channel holds: an id the operator gives (Meta's phone_number_id, Page id, Instagram
 * id), or one learned from a secret (Telegram's bot id, from `getMe` with the bot token).
 */
export type ChannelAccount =
  | { given: ChannelField }
  | { learned: { name: string; from: SecretField; description: string } };

/**
 * What one platform's channel holds, declared once: channel input validation, the channel view,
 * the store's messages, the CLI's flags, the API's schema and the environment channel derive from it.
 */
export interface ChannelShape {
  account: ChannelAccount;
  /** In the order an error lists them: the required ones first. */
  secrets: readonly ChannelSecretField[];
  /** Optional fields besides the secrets (WhatsApp's WABA id). */
  extras: readonly ChannelField<'wabaId'>[];
  /** The secret that sends and downloads media: named when a channel has none. */
  token: SecretField;
  /** The variables the environment's `default` channel is made of. */
  environment: {
    /** The webhook secrets; the platform's webhook is off without them. */
    secretVariables: readonly VariableName[];
    tokenVariable: VariableName;
    sendsPerSecondVariable: VariableName;
  };
}

/** The account's JSON name in a channel's view (phoneNumberId, pageId, instagramId, botId). */
export function accountName(shape: ChannelShape): string {
  return 'given' in shape.account ? shape.account.given.name : shape.account.learned.name;
}

/** The field an account comes from (Telegram: the bot token): named when another channel holds it. */
export function accountSource(shape: ChannelShape): string {
  return 'given' in shape.account ? shape.account.given.name : shape.account.learned.from;
}

/** The field the operator gives the account by; undefined where it is learned. */
export function givenAccount(shape: ChannelShape): ChannelField | undefined {
  return 'given' in shape.account ? shape.account.given : undefined;
}

/** The platform's description of one secret; undefined where its channel takes no such secret. */
export function secretField(shape: ChannelShape, name: SecretField): ChannelSecretField | undefined {
  return shape.secrets.find((secret) => secret.name === name);
}

/** What an add requires (the account given, the required secrets), then what else it takes. */
export function channelFields(shape: ChannelShape): { required: ChannelField[]; optional: ChannelField[] } {
  const account = givenAccount(shape);
  return {
    required: [...(account ? [account] : []), ...shape.secrets.filter((secret) => secret.required)],
    optional: [...shape.secrets.filter((secret) => !secret.required), ...shape.extras],
  };
}

/** Every variable of the environment channel, for a sentence: "A, B, C and D". */
export function environmentVariables(shape: ChannelShape): string {
  const { secretVariables, tokenVariable, sendsPerSecondVariable } = shape.environment;
  const all = [...secretVariables, tokenVariable, sendsPerSecondVariable];
  return `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`;
}
