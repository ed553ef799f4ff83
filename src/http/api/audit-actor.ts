import type { FastifyRequest } from 'fastify';
import { OmniError } from '../../errors.js';
import type { AuditActor, AuditBy } from '../../store/audit-log.js';
import type { Principal } from './authenticate.js';

/** The audit log's actor for an API caller: the agent by its email, or the token by its name. */
export function auditActorOf(principal: Principal): AuditActor {
  return principal.kind === 'agent'
    ? { kind: 'agent', id: principal.agent.id, name: principal.agent.email }
    : { kind: 'token', id: principal.token.id, name: principal.token.name };
}

/** Who made a request and from where, for the audit row of the change it asks for (after `authenticate`). */
export function auditedBy(request: FastifyRequest): AuditBy {
  if (!request.principal) throw new OmniError('OMNI_ERR_AUTH_REQUIRED');
  return { actor: auditActorOf(request.principal), ip: request.ip };
}
