/**
 * Telling a secret value from a reference. The cluster file is committed to git, so a literal
 * password in it is a leak; these decide what the config checks refuse.
 */

/** Variable names that carry credentials: ADMIN_TOKEN, DB_PASSWORD, GITEA__security__SECRET_KEY, API_KEY... */
const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASS|TOKEN|SECRET|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)(_|$)/i;
/** ...unless they only point at one (PASSWORD_FILE, TOKEN_URL) or tune it (TOKEN_TTL). */
const NOT_A_VALUE = /_(FILE|PATH|DIR|URL|URI|NAME|LENGTH|TTL|EXPIRY|HEADER|ENABLED)$/i;

export function isSecretEnvName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_VALUE.test(name);
}

/**
 * Whether a value is kubeseal output (`kubeseal --raw`): base64 of the RSA-encrypted session key
 * (256 or 512 bytes) plus the AES-GCM ciphertext, so at least ~360 characters.
 */
export function isSealedValue(value: string): boolean {
  return value.length >= 360 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}
