#!/usr/bin/env bash
# Installs the system tools some tests drive as a person would: a real headless browser (the web-chat
# example) and a terminal multiplexer (the interactive CLI). Debian's packages, installed only when
# missing, and only where we may (root, or passwordless sudo). Elsewhere it says what is missing and
# exits 0: those tests then skip locally, and fail under CI=true, where skipping would hide a gap.
set -euo pipefail

# command -> Debian package
declare -A TOOLS=([chromium]=chromium [tmux]=tmux)

missing=()
for cmd in "${!TOOLS[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${TOOLS[$cmd]}")
done
# Chromium only recommends fonts; with none installed a page renders its text as empty boxes.
if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; }; then
  missing+=(fontconfig fonts-dejavu-core)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "install_test_tools: missing ${missing[*]} (not root, no sudo): the tests that need them will skip" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_test_tools: missing ${missing[*]} and no apt-get: install them by hand" >&2
  exit 0
fi
echo "install_test_tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
