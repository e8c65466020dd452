/** Removes secrets from git's stderr before it reaches an error message or a log line. */
export function scrubSecrets(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out
    .replace(/(\w+:\/\/)[^/@\s]+@/g, '$1[redacted]@')
    .replace(/(authorization:\s*)(basic|bearer|token)?\s*\S+/gi, '$1[redacted]')
    .replace(/(private-token:\s*)\S+/gi, '$1[redacted]');
}
