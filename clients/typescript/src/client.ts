import createClient, { type Client } from 'openapi-fetch';
import { followEvents, type FollowEventsOptions, type OmniStreamEvent } from './event-stream.js';
import type { paths } from './schema.js';

export interface OmniClientOptions {
  /** Where Omni serves, such as `https://omni.example.com` (without `/api`). */
  baseUrl: string;
  /** An API token from `omni token create`, sent as `Authorization: Bearer`. */
  token: string;
  /** The fetch to send requests with (a proxy's, a test's); the global one by default. */
  fetch?: typeof fetch;
}

type UploadOperation = paths['/api/uploads']['post'];
/** A stored upload, to name as `media.upload` in a reply. */
export type OmniUpload = UploadOperation['responses'][201]['content']['application/json'];
/** Omni's error body: `{ error: { code, message } }`, the code from its error catalogue. */
export type OmniErrorBody = UploadOperation['responses'][413]['content']['application/json'];

/** What `upload` answers, in openapi-fetch's shape: `data` on 201, else `error`. */
export type OmniUploadResult =
  | { data: OmniUpload; error?: never; response: Response }
  | { data?: never; error: OmniErrorBody; response: Response };

export interface UploadOptions {
  /** The file's type; Omni keeps the type its bytes show when it can tell (a PNG sent as octet-stream is a PNG). */
  contentType: string;
  filename?: string;
}

/**
 * Omni's API for an integration: every `/api` operation typed from the OpenAPI document
 * (openapi-fetch: `omni.GET('/api/conversations')` answers `{ data, error, response }`), and the
 * two operations a JSON schema cannot type: `upload` (the request body is the raw file) and
 * `followEvents` (server-sent events).
 */
export interface OmniClient extends Client<paths> {
  /** `POST /api/uploads`: stores a file to reply with; its `id` goes in a reply's `media.upload`. */
  upload(file: Blob | ArrayBuffer | Uint8Array<ArrayBuffer>, options: UploadOptions): Promise<OmniUploadResult>;
  /** `GET /api/events`, followed across reconnects: see `followEvents`. */
  followEvents(options?: FollowEventsOptions): AsyncGenerator<OmniStreamEvent, void, undefined>;
}

export function createOmniClient(options: OmniClientOptions): OmniClient {
  if (!options.baseUrl) throw new TypeError('baseUrl is required: where Omni serves, such as https://omni.example.com');
  if (!options.token) throw new TypeError('token is required: an API token from `omni token create`');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const authorization = `Bearer ${options.token}`;
  const api = createClient<paths>({
    baseUrl,
    headers: { authorization },
    fetch: (request) => fetchImpl(request),
  });
  return {
    ...api,
    async upload(file, { contentType, filename }) {
      const query = filename === undefined ? '' : `?${new URLSearchParams({ filename })}`;
      const response = await fetchImpl(`${baseUrl}/api/uploads${query}`, {
        method: 'POST',
        headers: { authorization, 'content-type': contentType },
        body: file,
      });
      // Omni's answer to its own route: the upload, or its error body.
      return response.status === 201
        ? { data: (await response.json()) as OmniUpload, response }
        : { error: (await response.json()) as OmniErrorBody, response };
    },
    followEvents(followOptions) {
      return followEvents(
        { url: `${baseUrl}/api/events`, headers: { authorization }, fetch: fetchImpl },
        followOptions,
      );
    },
  };
}
