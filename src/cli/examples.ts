/** Examples shown at the end of each command's --help, keyed by the command path. */
import type { Command } from 'commander';

export const EXAMPLES: Record<string, string[]> = {
  '': ['reposentry init config.yaml && reposentry validate -c config.yaml', 'reposentry run -c config.yaml', 'reposentry status'],
  run: ['reposentry run -c /etc/reposentry/config.yaml', 'reposentry run --once -c config.yaml     # poll once, deliver, exit 0/1 (cron, CI)', 'reposentry run --demo --port 9090'],
  validate: ['reposentry validate -c config.yaml', 'reposentry validate -c config.yaml --json --strict', 'reposentry validate --allow-unknown-keys   # a config written for a newer version'],
  config: ['reposentry config validate config.yaml'],
  'config validate': ['reposentry config validate config.yaml'],
  status: ['reposentry status', 'reposentry status --url http://10.0.0.5:8080 --json'],
  events: ['reposentry events list --status dead', 'reposentry events show 3f2a9c1e', 'reposentry events redeliver 3f2a9c1e --only-dead'],
  'events list': ['reposentry events list', 'reposentry events list --repo my-service --status pending --limit 20', 'reposentry events list --json'],
  'events show': ['reposentry events show 3f2a9c1e        # a unique prefix of the id is enough'],
  'events redeliver': ['reposentry events redeliver 3f2a9c1e', 'reposentry events redeliver 3f2a9c1e --only-dead'],
  'events drop': ['reposentry events drop --target old-hook'],
  init: ['reposentry init                 # writes ./config.yaml', 'reposentry init /etc/reposentry/config.yaml'],
  version: ['reposentry version'],
  completion: ['source <(reposentry completion bash)', 'source <(reposentry completion zsh)', 'reposentry completion fish > ~/.config/fish/completions/reposentry.fish'],
  db: ['reposentry db check -c config.yaml', 'reposentry db backup /var/backups/reposentry.db -c config.yaml'],
  'db check': ['reposentry db check -c config.yaml', 'reposentry db check --full -c config.yaml'],
  'db backup': ['reposentry db backup /var/backups/reposentry.db -c config.yaml'],
  'db vacuum': ['systemctl stop reposentry && reposentry db vacuum -c config.yaml && systemctl start reposentry'],
  discover: ['reposentry discover --dry-run -c config.yaml', 'reposentry discover --dry-run --json -c config.yaml'],
  credentials: ['reposentry credentials check -c config.yaml'],
  'credentials check': ['reposentry credentials check -c config.yaml', 'reposentry credentials check --json -c config.yaml'],
};

/** Adds "Examples:" to the help of every command that has some (all of them; a test checks). */
export function addExamples(cmd: Command, path = ''): void {
  const list = EXAMPLES[path];
  if (list) cmd.addHelpText('after', `\nExamples:\n${list.map((e) => `  $ ${e}`).join('\n')}\n`);
  for (const sub of cmd.commands) addExamples(sub, path ? `${path} ${sub.name()}` : sub.name());
}
