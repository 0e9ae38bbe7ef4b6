// What a registry may be given to prove who we are. Values are secrets: never log or format them.

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
