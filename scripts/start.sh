#!/usr/bin/env bash
# Installs what is missing, then starts the Rapport desktop app.
# Any arguments are passed on (e.g. --scenario dui-group).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No screen found: starting Rapport on a virtual screen (xvfb-run)."
  exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python main.py "$@"
fi
exec .venv/bin/python main.py "$@"
