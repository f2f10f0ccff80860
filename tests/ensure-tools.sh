#!/usr/bin/env bash
# The end-to-end tests drive the real binary in tmux. Install it if we can, else say how.
set -euo pipefail
if command -v tmux >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "make test: installing tmux for the end-to-end tests (apt-get)..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux) >/dev/null
    command -v tmux >/dev/null 2>&1 && exit 0
fi
cat >&2 <<'MSG'
make test: tmux is required for the end-to-end tests and could not be installed.
Install it with your package manager (apt install tmux / brew install tmux / dnf install tmux)
and run `make test` again.
MSG
exit 1
