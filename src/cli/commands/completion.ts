/**
 * `reposentry completion bash|zsh|fish`: a shell completion script, generated from the commander
 * tree so it lists exactly the commands and options this version has.
 *   bash:  source <(reposentry completion bash)        (or save it in /etc/bash_completion.d/)
 *   zsh:   source <(reposentry completion zsh)         (bash-style completion through bashcompinit)
 *   fish:  reposentry completion fish > ~/.config/fish/completions/reposentry.fish
 */
import type { Command } from 'commander';
import { ReposentryError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { EXIT_OK } from '../exit.js';

interface Node {
  /** "events list" */
  path: string;
  name: string;
  description: string;
  subcommands: Node[];
  options: Array<{ long?: string; short?: string; description: string }>;
}

function tree(cmd: Command, prefix = ''): Node[] {
  return cmd.commands.map((c) => {
    const path = prefix ? `${prefix} ${c.name()}` : c.name();
    return {
      path,
      name: c.name(),
      description: c.description(),
      subcommands: tree(c, path),
      options: [...c.options.map((o) => ({ long: o.long, short: o.short, description: o.description })), { long: '--help', short: '-h', description: 'show help' }],
    };
  });
}

function flatten(nodes: Node[]): Node[] {
  return nodes.flatMap((n) => [n, ...flatten(n.subcommands)]);
}

function words(n: Node): string {
  return [...n.subcommands.map((s) => s.name), ...n.options.flatMap((o) => [o.long, o.short].filter((x): x is string => !!x))].join(' ');
}

export function bashScript(program: Command): string {
  const nodes = flatten(tree(program));
  const cases = nodes.map((n) => `    "${n.path}") opts="${words(n)}" ;;`).join('\n');
  const top = [...tree(program).map((n) => n.name), '--help', '--version'].join(' ');
  return `# reposentry completion for bash: source <(reposentry completion bash)
_reposentry() {
  local cur path word i opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  path=""
  # the command path typed so far: words before the cursor that name a (sub)command
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    case "$word" in -*) continue ;; esac
    case " $(_reposentry_subcommands "$path") " in *" $word "*) path="\${path:+$path }$word" ;; esac
  done
  case "$path" in
    "") opts="${top}" ;;
${cases}
    *) opts="" ;;
  esac
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  # files for -c/--config and FILE arguments
  if [[ \${#COMPREPLY[@]} -eq 0 && "$cur" != -* ]]; then COMPREPLY=($(compgen -f -- "$cur")); fi
}
_reposentry_subcommands() {
  case "$1" in
    "") echo "${tree(program).map((n) => n.name).join(' ')}" ;;
${nodes.map((n) => `    "${n.path}") echo "${n.subcommands.map((s) => s.name).join(' ')}" ;;`).join('\n')}
  esac
}
complete -F _reposentry reposentry
`;
}

function zshScript(program: Command): string {
  return `#compdef reposentry
# reposentry completion for zsh: source <(reposentry completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bashScript(program).split('\n').slice(1).join('\n')}`;
}

function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function fishScript(program: Command): string {
  const lines = ['# reposentry completion for fish: reposentry completion fish > ~/.config/fish/completions/reposentry.fish', 'complete -c reposentry -f'];
  const walk = (nodes: Node[], parents: string[]): void => {
    for (const n of nodes) {
      const cond = parents.length === 0 ? '__fish_use_subcommand' : `__fish_seen_subcommand_from ${parents.at(-1)}; and not __fish_seen_subcommand_from ${nodes.map((s) => s.name).join(' ')}`;
      lines.push(`complete -c reposentry -n ${fishQuote(cond)} -a ${n.name} -d ${fishQuote(n.description)}`);
      for (const o of n.options) {
        const flags = [o.long ? `-l ${o.long.slice(2)}` : '', o.short ? `-s ${o.short.slice(1)}` : ''].filter(Boolean).join(' ');
        lines.push(`complete -c reposentry -n ${fishQuote(`__fish_seen_subcommand_from ${n.name}`)} ${flags} -d ${fishQuote(o.description)}`);
      }
      walk(n.subcommands, [...parents, n.name]);
    }
  };
  walk(tree(program), []);
  return `${lines.join('\n')}\n`;
}

export function registerCompletionCommand(program: Command, ctx: CliContext): void {
  program
    .command('completion <shell>')
    .description('print a shell completion script for bash, zsh or fish')
    .action((shell: string) => {
      const scripts: Record<string, (p: Command) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };
      const make = scripts[shell];
      if (!make) throw new ReposentryError('usage', `unknown shell "${shell}"; choose one of bash, zsh, fish`);
      ctx.out(make(program).trimEnd());
      ctx.exitCode = EXIT_OK;
    });
}
