/** Auth layer: the token goes into exactly one header, chosen by the provider's scheme. */
import type { AuthScheme } from './types.js';

export function authHeaders(token: string | undefined, scheme: AuthScheme = 'bearer'): Record<string, string> {
  if (!token) return {};
  switch (scheme) {
    case 'bearer':
      return { authorization: `Bearer ${token}` };
    case 'private-token':
      return { 'private-token': token };
    case 'token':
      return { authorization: `token ${token}` };
  }
}
