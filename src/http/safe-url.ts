/** A URL as it may appear in messages and logs: userinfo (a credential) removed. */
export function withoutUserinfo(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    // scp-style git@host:path: a user name without a password is not a secret
    return url.replace(/^[^@/]*:[^@/]*@/, '');
  }
}
