/**
 * The one catalogue of Omni's errors: each has a stable code, a message and the HTTP status it
 * answers with. Code throws by code; the status travels with the error.
 */
export const ERRORS = {
  OMNI_ERR_WEBHOOK_PLATFORM_UNKNOWN: { status: 404, message: 'Unknown or disabled platform' },
  OMNI_ERR_WEBHOOK_SIGNATURE_MISSING: { status: 401, message: 'Missing webhook signature' },
  OMNI_ERR_WEBHOOK_SIGNATURE_INVALID: { status: 401, message: 'Invalid webhook signature' },
  OMNI_ERR_WEBHOOK_HANDSHAKE_REJECTED: { status: 403, message: 'Verification token mismatch' },
  OMNI_ERR_WEBHOOK_BODY_MALFORMED: { status: 400, message: 'Malformed webhook body' },
  OMNI_ERR_WEBHOOK_BODY_TOO_LARGE: { status: 413, message: 'Webhook body too large' },
  OMNI_ERR_STORE_UNAVAILABLE: { status: 503, message: 'Storage unavailable, retry later' },
  OMNI_ERR_STORE_MIGRATION_LOCK_TIMEOUT: {
    status: 503,
    message: 'Another process kept the migration lock for longer than MIGRATION_LOCK_TIMEOUT_MS',
  },
  OMNI_ERR_CONFIG_INVALID: { status: 500, message: 'Invalid configuration' },
  OMNI_ERR_CLI_INVALID_ARGUMENT: { status: 400, message: 'Invalid command-line argument' },
  OMNI_ERR_CLI_NOT_FOUND: { status: 404, message: 'The command names a record that does not exist' },
  OMNI_ERR_QUEUE_ITEM_MISSING: { status: 500, message: 'Queued item not found in the store' },
  OMNI_ERR_QUEUE_MESSAGE_INVALID: { status: 400, message: 'Not an Omni queue message' },
  OMNI_ERR_OUTBOUND_REFUSED: { status: 400, message: 'Outgoing request refused by the outbound policy' },
  OMNI_ERR_ENDPOINT_INVALID: { status: 400, message: 'Invalid subscribed endpoint' },
  OMNI_ERR_ENDPOINT_NOT_FOUND: { status: 404, message: 'No subscribed endpoint has this id' },
  OMNI_ERR_ENDPOINT_DELIVERY_FAILED: {
    status: 502,
    message: 'The endpoint did not take the event; the delivery is retried',
  },
  OMNI_ERR_MEDIA_GONE: { status: 404, message: 'The platform no longer has this media (expired or unknown id or url)' },
  OMNI_ERR_MEDIA_REJECTED: { status: 400, message: 'The platform refused the media request' },
  OMNI_ERR_MEDIA_TOO_LARGE: { status: 413, message: 'The media is larger than the size cap' },
  OMNI_ERR_MEDIA_NO_CHANNEL: {
    status: 409,
    message:
      'No channel can download this media: its message is unrouted (no channel verified it), or its channel was removed',
  },
  OMNI_ERR_MEDIA_NO_TOKEN: { status: 500, message: 'No access token is configured for this platform' },
  OMNI_ERR_MEDIA_UNAVAILABLE: {
    status: 502,
    message: 'The platform could not serve the media; the download is retried',
  },
  OMNI_ERR_PLATFORM_REFUSED: { status: 400, message: 'The platform refused the request (a wrong or revoked token?)' },
  OMNI_ERR_PLATFORM_UNAVAILABLE: { status: 502, message: 'The platform did not answer as expected; try again later' },
  OMNI_ERR_PLATFORM_NO_TOKEN: { status: 400, message: 'The channel has no token for this platform call' },
  OMNI_ERR_JOB_UNSUPPORTED: { status: 500, message: 'This process has no handler for the job' },
  OMNI_ERR_JOB_PAYLOAD_INVALID: { status: 500, message: 'The job payload is not what its handler expects' },
  OMNI_ERR_AUTH_REQUIRED: { status: 401, message: 'A valid session or API token is required' },
  OMNI_ERR_AUTH_LOGIN_FAILED: { status: 401, message: 'Wrong email or password' },
  OMNI_ERR_AUTH_RATE_LIMITED: { status: 429, message: 'Too many login attempts, try again later' },
  OMNI_ERR_AUTH_CSRF_REJECTED: {
    status: 403,
    message:
      'A state-changing request with a session cookie must be sent as application/json or with an X-Requested-With header',
  },
  OMNI_ERR_AUTH_ADMIN_REQUIRED: {
    status: 403,
    message: "This takes an admin: an admin's session or an admin API token",
  },
  OMNI_ERR_METRICS_TOKEN_REQUIRED: { status: 401, message: 'The METRICS_TOKEN bearer token is required' },
  OMNI_ERR_API_BAD_REQUEST: { status: 400, message: 'Invalid request' },
  OMNI_ERR_API_NOT_FOUND: { status: 404, message: 'Not found' },
  OMNI_ERR_EVENTS_STREAM_LIMIT: {
    status: 429,
    message: 'Too many open event streams for this agent or API token (EVENT_STREAMS_PER_USER); close one first',
  },
  OMNI_ERR_API_RANGE_NOT_SATISFIABLE: { status: 416, message: 'The requested range is outside the attachment' },
  OMNI_ERR_API_ASSIGNEE_NOT_MEMBER: {
    status: 400,
    message: "The agent is not a member of the conversation's channel (only admins hold unrouted conversations)",
  },
  OMNI_ERR_API_LABEL_LIMIT: {
    status: 409,
    message: 'The conversation already has the most labels it may hold (20); remove one first',
  },
  OMNI_ERR_INTERNAL: { status: 500, message: 'Internal error' },
  OMNI_ERR_RUNTIME_DATABASE_START_FAILED: { status: 503, message: 'The embedded PostgreSQL did not start' },
  OMNI_ERR_RUNTIME_EMBEDDED_NOT_INSTALLED: {
    status: 500,
    message: 'Embedded mode needs a package this install leaves out (production installs and the container image)',
  },
  OMNI_ERR_PRUNE_LOCKED: {
    status: 409,
    message: 'Another process is pruning right now (it holds the prune lock); nothing was removed',
  },
  OMNI_ERR_ERASURE_INCOMPLETE: {
    status: 503,
    message: "The contact's records are erased, but stored files remain to delete: run the erasure again",
  },
  OMNI_ERR_REPLY_INVALID: { status: 400, message: 'This reply cannot be sent on this platform' },
  OMNI_ERR_REPLY_UPLOAD_UNKNOWN: { status: 400, message: 'No upload has this id' },
  OMNI_ERR_REPLY_FILE_TOO_LARGE: { status: 400, message: 'The file is larger than the platform accepts' },
  OMNI_ERR_REPLY_INSTAGRAM_NEEDS_URL: {
    status: 400,
    message: 'Instagram takes media by URL only, not an uploaded file',
  },
  OMNI_ERR_REPLY_TOO_LONG: { status: 400, message: 'The reply is longer than the platform allows' },
  OMNI_ERR_REPLY_WINDOW_CLOSED: {
    status: 400,
    message: 'The customer service window is closed for this kind of reply',
  },
  OMNI_ERR_REPLY_TEMPLATE_NO_WABA: {
    status: 400,
    message:
      "This conversation's channel names no WhatsApp Business Account (wabaId), whose templates a template reply is checked against",
  },
  OMNI_ERR_REPLY_TEMPLATE_UNKNOWN: {
    status: 400,
    message: "No synced template of the channel's WhatsApp Business Account has this name and language",
  },
  OMNI_ERR_REPLY_TEMPLATE_NOT_APPROVED: {
    status: 400,
    message: 'The template is not approved: Meta sends only approved templates',
  },
  OMNI_ERR_REPLY_TEMPLATE_PARAMETERS: {
    status: 400,
    message: "The reply's parameters do not match the template's placeholders",
  },
  OMNI_ERR_REPLY_TEMPLATE_HEADER_MEDIA: {
    status: 400,
    message: "The template's header needs its image, video, document or location",
  },
  OMNI_ERR_REPLY_TEMPLATE_BUTTON: {
    status: 400,
    message: "The reply's buttons do not match the template's URL buttons",
  },
  OMNI_ERR_REPLY_CONTACT_ERASED: {
    status: 410,
    message: "This conversation's contact was erased: there is nobody to reply to",
  },
  OMNI_ERR_REPLY_UNROUTED: {
    status: 409,
    message:
      'This conversation belongs to no channel (no channel held its account when it arrived): add one for the account, then reply',
  },
  OMNI_ERR_REPLY_CHANNEL_REMOVED: {
    status: 409,
    message: "This conversation's channel was removed: there is no account to reply from",
  },
  OMNI_ERR_REPLY_CHANNEL_DISABLED: {
    status: 409,
    message: "This conversation's channel is disabled: enable it to reply",
  },
  OMNI_ERR_REPLY_CHANNEL_UNREADABLE: {
    status: 503,
    message:
      "This conversation's channel's secrets cannot be opened by this server (sealed with an encryption key it lacks: OMNI_ENCRYPTION_PREVIOUS_KEYS)",
  },
  OMNI_ERR_REPLY_PLATFORM_NOT_CONFIGURED: {
    status: 503,
    message: "No access token is configured for sending through this conversation's channel",
  },
  OMNI_ERR_REPLY_REJECTED: { status: 502, message: 'The platform refused the reply' },
  OMNI_ERR_REPLY_UNAVAILABLE: {
    status: 503,
    message: 'The platform could not take the reply now; the send is retried',
  },
  OMNI_ERR_REPLY_OUTCOME_UNKNOWN: {
    status: 504,
    message: 'An earlier send got no answer and may have been delivered; not sent again to avoid a double',
  },
  OMNI_ERR_REPLY_RETRIES_EXHAUSTED: { status: 503, message: 'The platform kept failing; the reply was not sent' },
  OMNI_ERR_VAULT_KEY_UNKNOWN: {
    status: 500,
    message: 'A stored secret was sealed with a key that is not configured (OMNI_ENCRYPTION_PREVIOUS_KEYS)',
  },
  OMNI_ERR_VAULT_UNREADABLE: { status: 500, message: 'A stored secret cannot be opened (altered or misplaced)' },
  OMNI_ERR_USER_INVALID: { status: 400, message: 'Invalid user' },
  OMNI_ERR_USER_EXISTS: { status: 409, message: 'Another user already has this email' },
  OMNI_ERR_USER_NOT_FOUND: { status: 404, message: 'No user has this email or id' },
  OMNI_ERR_USER_CHANNEL_UNKNOWN: {
    status: 400,
    message: 'A channel given for a user or an API token does not exist (or was removed)',
  },
  OMNI_ERR_TOKEN_NAME_TAKEN: { status: 409, message: 'An active API token already has this name' },
  OMNI_ERR_TOKEN_ACCESS_INVALID: { status: 400, message: "Invalid channels for this token's role" },
  OMNI_ERR_TOKEN_NOT_FOUND: { status: 404, message: 'No active API token has this id' },
  OMNI_ERR_CHANNEL_INVALID: { status: 400, message: 'Invalid channel' },
  OMNI_ERR_TEMPLATES_NO_WABA: {
    status: 400,
    message: 'Templates belong to a WABA: the channel must be a WhatsApp channel with a WABA id (--waba-id)',
  },
  OMNI_ERR_CHANNEL_NOT_FOUND: { status: 404, message: 'No channel has this name or id' },
  OMNI_ERR_CHANNEL_AMBIGUOUS: { status: 409, message: 'Channels of several platforms have this name' },
  OMNI_ERR_CHANNEL_ACCOUNT_TAKEN: { status: 409, message: 'Another channel already holds this account' },
  OMNI_ERR_CHANNEL_NAME_TAKEN: { status: 409, message: 'Another channel of this platform has this name' },
  OMNI_ERR_CHANNEL_SECRET_TAKEN: { status: 409, message: 'Another channel already uses this webhook secret' },
  OMNI_ERR_CHANNEL_FROM_ENVIRONMENT: {
    status: 409,
    message: 'This channel comes from the environment: change its variables, not the channel',
  },
  OMNI_ERR_CONTACT_SAME_PERSON: { status: 409, message: 'These contacts are already one person' },
  OMNI_ERR_CONTACT_ALREADY_MERGED: {
    status: 409,
    message: 'The contact is merged into another contact: unmerge it first',
  },
  OMNI_ERR_CONTACT_ERASED: { status: 409, message: 'An erased contact cannot be merged' },
  OMNI_ERR_CANNED_SHORTCODE_TAKEN: { status: 409, message: 'Another canned response already has this shortcode' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class OmniError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ?? ERRORS[code].message, options);
    this.name = 'OmniError';
    this.code = code;
    this.statusCode = ERRORS[code].status;
  }
}

export function isOmniError(error: unknown, code?: ErrorCode): error is OmniError {
  return error instanceof OmniError && (code === undefined || error.code === code);
}
