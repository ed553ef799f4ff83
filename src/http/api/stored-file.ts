/** How the API serves a file from the media store: attachments (`/api/media/:id`) and avatars alike. */

/** A stored file never changes (its bytes are content-addressed): browsers may keep it a year. */
const CACHE_CONTROL = 'private, max-age=31536000, immutable';

/**
 * Shown in the page only when a browser renders it without running anything: images (not SVG,
 * which can carry script), audio and video. Everything else is a download.
 */
export const isInline = (mimeType: string) =>
  /^(image|audio|video)\//.test(mimeType) && !mimeType.startsWith('image/svg');

/**
 * The headers of a stored file's answer: its type, how it is shown, its content address as the
 * ETag, and a response that is sandboxed and never sniffed, so a file a customer sent cannot run
 * in Omni's origin.
 */
export function storedFileHeaders(file: { mimeType: string; sha256: string; disposition: string }) {
  return {
    'content-type': file.mimeType,
    'content-disposition': file.disposition,
    'cache-control': CACHE_CONTROL,
    etag: `"${file.sha256}"`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
  };
}
