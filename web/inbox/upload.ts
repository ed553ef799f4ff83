import { type Outcome, outcomeOf } from '../api.js';
import { STRINGS } from '../strings.js';

/** What `POST /api/uploads` answers: the id a reply names as `media.upload`. */
export interface Uploaded {
  id: number;
  mimeType: string;
}

/** How far an upload has got, in bytes. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/** An upload's progress as a whole percentage (an empty file is done at once). */
export function uploadPercent({ loaded, total }: UploadProgress): number {
  return total > 0 ? Math.min(100, Math.floor((loaded * 100) / total)) : 100;
}

/**
 * Uploads a file attached in the reply box: its bytes as the body, reporting progress as they
 * leave (fetch has no upload progress; XMLHttpRequest's `upload` events do). X-Requested-With
 * stands in for JSON in the cookie's CSRF check.
 */
export function uploadFile(file: File, onProgress: (progress: UploadProgress) => void): Promise<Outcome<Uploaded>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/uploads?filename=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('x-requested-with', 'omni-dashboard');
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) onProgress({ loaded: file.size, total: file.size });
      resolve(outcomeOf<Uploaded>(xhr.status, xhr.response, STRINGS.reply.notUploaded));
    });
    // A network failure or an abort: no status to tell, only that it did not arrive.
    xhr.addEventListener('error', () => resolve({ ok: false, error: STRINGS.reply.notUploaded }));
    xhr.addEventListener('abort', () => resolve({ ok: false, error: STRINGS.reply.notUploaded }));
    xhr.send(file);
  });
}
