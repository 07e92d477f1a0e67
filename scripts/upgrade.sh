#!/usr/bin/env bash
# For maintainers: move the lock to the newest versions pyproject.toml allows, rebuild the
# venv from it and run the whole test suite. Commit requirements*.txt only if the tests pass.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/lock.sh --upgrade
bash scripts/test.sh "$@"
git --no-pager diff --stat -- 'requirements*.txt' 2>/dev/null || true
