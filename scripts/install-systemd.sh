#!/bin/sh
# Installs reposentry's systemd unit, an example config and an environment file for tokens.
#
#   sudo scripts/install-systemd.sh [--binary FILE] [--prefix DIR] [--destdir DIR] [--no-systemctl]
#
#   --binary FILE   also install FILE (e.g. dist-sea/reposentry) as PREFIX/bin/reposentry
#   --prefix DIR    where the reposentry executable lives at run time (default /usr/local;
#                   the unit's ExecStart becomes DIR/bin/reposentry)
#   --destdir DIR   stage every file under DIR instead of / (packaging, tests); also DESTDIR=DIR.
#                   No user is created and owners are only set when the user exists.
#   --no-systemctl  do not run "systemctl daemon-reload"
#
# Existing /etc/reposentry/config.yaml and /etc/reposentry/environment are never overwritten.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
prefix=/usr/local
destdir=${DESTDIR:-}
binary=
systemctl=yes
user=reposentry

while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary=$2; shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --destdir) destdir=$2; shift 2 ;;
    --no-systemctl) systemctl=no; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "install-systemd.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$prefix" in /*) ;; *) echo "install-systemd.sh: --prefix must be an absolute path, got $prefix" >&2; exit 2 ;; esac
if [ -n "$binary" ] && [ ! -x "$binary" ]; then
  echo "install-systemd.sh: --binary $binary is not an executable file" >&2; exit 2
fi

etc="$destdir/etc/reposentry"
unit_dir="$destdir/etc/systemd/system"
state="$destdir/var/lib/reposentry"
logs="$destdir/var/log/reposentry"

# The user: a system account without a login shell or home of its own (HOME is the state dir).
have_user=no
if id "$user" >/dev/null 2>&1; then
  have_user=yes
elif [ -z "$destdir" ]; then
  useradd --system --user-group --home-dir /var/lib/reposentry --no-create-home \
    --shell /usr/sbin/nologin --comment "reposentry daemon" "$user"
  have_user=yes
  echo "created system user $user"
fi

# own MODE OWNER:GROUP FILE: owners only when the user exists (a DESTDIR build may run as anyone).
own() {
  chmod "$1" "$3"
  if [ "$have_user" = yes ]; then chown "$2" "$3"; fi
}

install -d -m 0755 "$unit_dir"
install -d -m 0750 "$etc" "$state" "$logs"
own 0750 root:$user "$etc"
own 0750 $user:$user "$state"
own 0750 $user:$user "$logs"

if [ -n "$binary" ]; then
  install -d -m 0755 "$destdir$prefix/bin"
  install -m 0755 "$binary" "$destdir$prefix/bin/reposentry"
fi

# The operations guide, which the unit's Documentation= points at.
install -d -m 0755 "$destdir$prefix/share/doc/reposentry"
install -m 0644 "$root/docs/operations.md" "$destdir$prefix/share/doc/reposentry/operations.md"

sed -e "s#/usr/local/bin/reposentry#$prefix/bin/reposentry#" -e "s#/usr/local/share/doc/reposentry#$prefix/share/doc/reposentry#" \
  "$root/systemd/reposentry.service" > "$unit_dir/reposentry.service.tmp"
chmod 0644 "$unit_dir/reposentry.service.tmp"
mv "$unit_dir/reposentry.service.tmp" "$unit_dir/reposentry.service"

# The config is read by the service user, so root:reposentry 0640; tokens stay in the environment
# file, which only systemd (as root) reads: root:root 0600.
if [ -e "$etc/config.yaml" ]; then
  echo "kept existing $etc/config.yaml"
else
  cp "$root/systemd/config.yaml" "$etc/config.yaml"
  own 0640 root:$user "$etc/config.yaml"
fi
if [ -e "$etc/environment" ]; then
  echo "kept existing $etc/environment"
else
  cat > "$etc/environment" <<'ENV'
# Tokens and secrets for reposentry, as NAME=value lines (systemd EnvironmentFile syntax).
# Reference them from config.yaml as ${NAME}. This file is root-only (0600).
#GITHUB_TOKEN=ghp_...
#GITLAB_TOKEN=glpat-...
#TEKTON_SECRET=...
ENV
  own 0600 root:root "$etc/environment"
fi

if [ "$systemctl" = yes ] && [ -z "$destdir" ]; then
  systemctl daemon-reload
fi

cat <<MSG
reposentry installed.
  unit:        $unit_dir/reposentry.service (ExecStart=$prefix/bin/reposentry)
  config:      $etc/config.yaml        <- set repositories and the tekton/triggers targets
  tokens:      $etc/environment        <- GITHUB_TOKEN=..., TEKTON_SECRET=...
  data:        $state (SQLite), logs: journalctl -u reposentry
Next:
  $prefix/bin/reposentry validate -c /etc/reposentry/config.yaml
  systemctl enable --now reposentry
MSG
if [ -z "$binary" ] && [ ! -x "$destdir$prefix/bin/reposentry" ]; then
  echo "note: $prefix/bin/reposentry does not exist yet: pass --binary dist-sea/reposentry, or npm install -g reposentry (use --prefix to match)"
fi
