#!/usr/bin/env bash
# Prepares a fresh Debian machine for Rapport: Qt's system libraries, fonts,
# and a project virtual environment. Safe to run any number of times: it only
# installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's xcb platform needs icccm/keysyms (its error message names another
# library); multimedia and speech need libpulse0; without a font every glyph
# renders as a box. xvfb lets the app run in a real window on a machine with no
# screen (screenshots, demos on a headless box).
SYSTEM_PACKAGES=(
  libpulse0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1
  libxkbcommon0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3
  libglib2.0-0 fonts-dejavu-core xvfb xauth
)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Debian's own python3 ships without venv/ensurepip; a Python built elsewhere
# (pyenv, the official images) has them, so only ask when they are missing.
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Python packages come from the lock only (exact versions, checked by hash), so every
# machine gets the same environment: requirements.txt to run the app, and
# requirements-test.txt (the app's set plus the test tools) to test it. The venv remembers
# which lock it holds; when a lock file changes the venv is rebuilt from scratch, so nothing
# left over from an older lock lingers. scripts/lock.sh rewrites the lock.
set_name="${1:-app}"
case "$set_name" in
  app|test) ;;
  *) echo "usage: scripts/setup.sh [app|test]" >&2; exit 2 ;;
esac
lock="requirements.txt"
[ "$set_name" = test ] && lock="requirements-test.txt"
want="$set_name $(sha256sum "$lock" | cut -d' ' -f1)"
stamp=.venv/rapport-lock
have="$(cat "$stamp" 2>/dev/null || true)"
test_have="test $(sha256sum requirements-test.txt | cut -d' ' -f1)"
# The test set holds the app set at the same versions, so it serves for the app too.
if [ "$have" = "$want" ] || { [ "$set_name" = app ] && [ "$have" = "$test_have" ]; }; then
  [ -x .venv/bin/python ] && exit 0
fi
if [ -d .venv ]; then
  echo "The lock has changed since .venv was made: rebuilding it."
  rm -rf .venv
fi
echo "Installing the Python packages in $lock into .venv"
python3 -m venv .venv
pip_install() { .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@"; }
pip_install --require-hashes --no-deps -r "$lock"
# Rapport itself, editable so `rapport` and `main.py` run this checkout; its build tool
# (setuptools) came from the lock above, so nothing unlocked is fetched here.
pip_install --no-deps --no-build-isolation -e .
echo "$want" > "$stamp"
