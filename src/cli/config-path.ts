/** Which config file a command reads: -c/--config, else $REPOSENTRY_CONFIG, else ./config.yaml. */
export interface ConfigPathChoice {
  path: string;
  source: 'argument' | 'env' | 'default';
}

export const DEFAULT_CONFIG_FILE = 'config.yaml';

export function resolveConfigPath(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ConfigPathChoice {
  if (flag !== undefined && flag !== '') return { path: flag, source: 'argument' };
  const fromEnv = env.REPOSENTRY_CONFIG;
  if (fromEnv !== undefined && fromEnv !== '') return { path: fromEnv, source: 'env' };
  return { path: DEFAULT_CONFIG_FILE, source: 'default' };
}
