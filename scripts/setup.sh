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

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
extras="${1:-}"
target="."
[ -n "$extras" ] && target=".[$extras]"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$target"
