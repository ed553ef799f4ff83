import type { FastifyReply } from 'fastify';
import { ERRORS, type ErrorCode } from '../errors.js';

/** Every error answer has one shape: `{ error: { code, message } }` with the catalogue's status. */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string = ERRORS[code].message) {
  return reply.code(ERRORS[code].status).send({ error: { code, message } });
}

/** The 404 for an id that names nothing: "conversation 7 not found". */
export function sendNotFound(reply: FastifyReply, what: string, id: number) {
  return sendError(reply, 'OMNI_ERR_API_NOT_FOUND', `${what} ${id} not found`);
}
