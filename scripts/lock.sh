#!/usr/bin/env bash
# For maintainers: rewrite the lock files (requirements*.txt) from pyproject.toml.
#   bash scripts/lock.sh            keep every locked version that still fits pyproject.toml
#   bash scripts/lock.sh --upgrade  move to the newest versions pyproject.toml allows
# The lock holds exact versions and hashes for CPython 3.11; scripts/setup.sh installs it
# with pip's --require-hashes, so every machine gets the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools/venv"
"$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2

compile() {
  "$tools/venv/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
    --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
    --build-deps-for editable --resolver backtracking "$@" pyproject.toml
}
# The test set first; the app set is then held to the same versions, so installing the
# test tools never moves an app package.
compile "$@" --extra test --output-file requirements-test.txt
compile "$@" --constraint requirements-test.txt --output-file requirements.txt
# For maintainers who rebuild the free-text coder (training/): the app's set plus numpy,
# scipy and scikit-learn, held to the same versions as the rest.
compile "$@" --extra train --constraint requirements-test.txt --output-file requirements-train.txt
echo "Wrote requirements.txt, requirements-test.txt and requirements-train.txt"
