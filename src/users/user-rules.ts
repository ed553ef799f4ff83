import { OmniError } from '../errors.js';
import type { AgentRole } from '../store/agents.js';

/** Shorter passwords are refused: the hash slows guessing, it cannot make "1234" strong. */
export const MIN_PASSWORD_LENGTH = 12;
/** Longer ones are refused too: scrypt takes any length, but a megabyte "password" is an attack on the CPU. */
export const MAX_PASSWORD_LENGTH = 1024;

export const ROLES: readonly AgentRole[] = ['agent', 'admin'];

const invalid = (message: string) => new OmniError('OMNI_ERR_USER_INVALID', message);

export function checkEmail(email: string): string {
  if (email.length > 320 || !/^[^@\s]+@[^@\s]+$/.test(email)) throw invalid('the email must be an email address');
  return email;
}

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw invalid('the name must be 1 to 200 characters');
  return trimmed;
}

export function checkRole(role: string): AgentRole {
  const known = ROLES.find((r) => r === role);
  if (!known) throw invalid(`the role must be ${ROLES.join(' or ')}`);
  return known;
}

export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw invalid(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw invalid(`the password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  return password;
}
