#!/usr/bin/env bash
# The tests need a few programs from the system: tmux (the end-to-end tests drive the real
# binary in it), espeak-ng and sox (the voice tests make their recordings with them), and
# PortAudio's library (the microphone path). Install what is missing if we can, else say how.
set -euo pipefail

have_portaudio() {
    ldconfig -p 2>/dev/null | grep -q 'libportaudio\.so\.2' \
        || [ -e /usr/lib/x86_64-linux-gnu/libportaudio.so.2 ] \
        || [ -e /usr/lib/aarch64-linux-gnu/libportaudio.so.2 ] \
        || [ -e /opt/homebrew/lib/libportaudio.dylib ] || [ -e /usr/local/lib/libportaudio.dylib ]
}

missing() {
    local found=()
    command -v tmux >/dev/null 2>&1 || found+=(tmux)
    command -v espeak-ng >/dev/null 2>&1 || found+=(espeak-ng)
    command -v sox >/dev/null 2>&1 || found+=(sox)
    have_portaudio || found+=(libportaudio2)
    echo "${found[@]:-}"
}

need="$(missing)"
if [ -z "$need" ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "make test: installing $need for the tests (apt-get)..." >&2
    # shellcheck disable=SC2086  # one word per package
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need) >/dev/null
    need="$(missing)"
    [ -z "$need" ] && exit 0
fi
cat >&2 <<MSG
make test: these are needed by the tests and could not be installed: $need
  tmux:          the end-to-end tests drive the real binary in it
  espeak-ng, sox: the voice tests make their recordings with them
  libportaudio2: the microphone (sounddevice loads it)
Install them with your package manager, e.g.
  apt install tmux espeak-ng sox libportaudio2
  brew install tmux espeak-ng sox portaudio
  dnf install tmux espeak-ng sox portaudio
and run \`make test\` again.
MSG
exit 1
