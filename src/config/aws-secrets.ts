import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { OmniError } from '../errors.js';
import { loadConfig, type OmniConfig } from './load-config.js';
import { VARIABLES } from './variables.js';

/** Returns a secret's SecretString; injectable so tests need no AWS. */
export type SecretReader = (secretId: string) => Promise<string>;

export function createSecretReader(region: string): SecretReader {
  const client = new SecretsManagerClient({ region });
  return async (secretId) => {
    const result = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (result.SecretString === undefined)
      throw new OmniError('OMNI_ERR_CONFIG_INVALID', `secret ${secretId} has no SecretString`);
    return result.SecretString;
  };
}

function secretObject(text: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below, without echoing the secret's text
  }
  throw new OmniError('OMNI_ERR_CONFIG_INVALID', `${what} must hold a JSON object`);
}

/**
 * The connection string for the JSON that RDS and Secrets Manager keep for a cluster (a generated
 * secret with a target attachment): username, password, host, port and dbname.
 */
export function databaseUrlFromSecret(text: string, what = 'AURORA_SECRET_ARN'): string {
  const secret = secretObject(text, what);
  for (const key of ['username', 'password', 'host'] as const) {
    if (typeof secret[key] !== 'string' || secret[key] === '') {
      throw new OmniError(
        'OMNI_ERR_CONFIG_INVALID',
        `${what} has no "${key}" (expected username, password, host, port, dbname)`,
      );
    }
  }
  const url = new URL('postgres://localhost');
  url.username = encodeURIComponent(secret.username as string);
  url.password = encodeURIComponent(secret.password as string);
  url.hostname = secret.host as string;
  url.port = String(secret.port ?? 5432);
  url.pathname = `/${encodeURIComponent(String(secret.dbname ?? 'postgres'))}`;
  // TLS with the server's certificate checked. Aurora's CA is Amazon's own: Lambda has it in
  // /var/runtime/ca-cert.pem (deploy/ sets NODE_EXTRA_CA_CERTS to it); a container needs the RDS bundle.
  url.searchParams.set('sslmode', 'verify-full');
  return url.toString();
}

const KNOWN = new Set(VARIABLES.map((v) => v.name));

/**
 * The environment with what its AWS secrets hold: the platform variables of PLATFORM_SECRETS_ARN
 * (a variable already set wins) and DATABASE_URL from AURORA_SECRET_ARN when it is unset. The
 * variables are validated first, so a malformed ARN fails before any AWS call.
 */
export async function resolveAwsSecrets(
  env: Record<string, string | undefined>,
  read?: SecretReader,
): Promise<Record<string, string | undefined>> {
  const base = loadConfig(env);
  const { platformSecretsArn, auroraSecretArn, auroraClusterArn } = base.aws;
  const needsDatabase = !base.databaseUrl && auroraSecretArn !== undefined;
  if (!platformSecretsArn && !needsDatabase) return env;
  const reader = read ?? createSecretReader(base.awsRegion);
  const resolved: Record<string, string | undefined> = { ...env };
  if (platformSecretsArn) {
    const values = secretObject(await reader(platformSecretsArn), 'PLATFORM_SECRETS_ARN');
    for (const [name, value] of Object.entries(values)) {
      // Only Omni's own names, as strings: the secret cannot set NODE_OPTIONS or the like.
      if (KNOWN.has(name) && typeof value === 'string' && !env[name]?.trim()) resolved[name] = value;
    }
  }
  if (needsDatabase) {
    const what = `AURORA_SECRET_ARN${auroraClusterArn ? ` (cluster ${auroraClusterArn})` : ''}`;
    resolved.DATABASE_URL = databaseUrlFromSecret(await reader(auroraSecretArn), what);
  }
  return resolved;
}

/** `loadConfig` over the environment and its AWS secrets: what a Lambda or a container starts with. */
export async function loadConfigWithAwsSecrets(
  env: Record<string, string | undefined> = process.env,
  read?: SecretReader,
): Promise<OmniConfig> {
  return loadConfig(await resolveAwsSecrets(env, read));
}
