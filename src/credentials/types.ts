/** The outcome of checking one credential against its provider (validate --online, the daemon's checks). */
export interface CredentialCheck {
  /** epoch ms */
  at: number;
  /** false: the credential cannot be used (refused, App not installed, …) */
  ok: boolean;
  /** one line for humans: what was checked and what came back */
  message: string;
  /** epoch ms, when the provider tells (GitHub token expiration header, GitLab expires_at, App token) */
  expiresAt?: number;
  scopes?: string[];
  missingScopes?: string[];
}
