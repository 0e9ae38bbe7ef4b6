// What a registry may be given to prove who we are. Values are secrets: never log or format them.
import type { Secrets } from '../../log.js';

export type Credential =
  | { kind: 'anonymous' }
  | { kind: 'basic'; username: string; password: string }
  /** An identity (refresh) token, exchanged at the token realm with `grant_type=refresh_token`. */
  | { kind: 'token'; token: string; username?: string };

export const ANONYMOUS: Credential = { kind: 'anonymous' };

export interface CredentialSource {
  /** Resolves the credential to use now; cached by the implementation. */
  credential(): Promise<Credential>;
  /** Where the credential came from, for messages (never the secret itself). */
  describe(): string;
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Teaches the run's secrets a credential before it is used: the password with its Basic form, or the token. */
export function learnCredential(secrets: Secrets, cred: Credential): void {
  if (cred.kind === 'basic') secrets.addBasic(cred.username, cred.password);
  else if (cred.kind === 'token') secrets.add(cred.token);
}

/** What to do about refused credentials: correct them where they were written, or give some. */
export function credentialsHint(registry: string, from: string | undefined): string {
  if (from !== undefined && from !== 'anonymous')
    return `the credentials for ${registry} from ${from} were refused: correct them there, or check that the account may do this`;
  return `no credentials were sent to ${registry}: give them with --host reg=${registry},user=…,pass=…, regkit registry login ${registry}, docker login ${registry} or a creds entry in the config`;
}
