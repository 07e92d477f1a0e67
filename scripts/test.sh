#!/usr/bin/env bash
# Installs what is missing (with the test tools), then runs lint and the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
.venv/bin/ruff check simulator tests benchmarks training main.py
.venv/bin/python -m pytest "$@"
