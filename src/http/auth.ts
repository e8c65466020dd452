/** Auth layer: the token goes into exactly one header, chosen by the provider's scheme. */

/** How the token is sent: GitHub `Authorization: Bearer`, GitLab `PRIVATE-TOKEN`, Gitea `Authorization: token`. */
export type AuthScheme = 'bearer' | 'private-token' | 'token';

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
