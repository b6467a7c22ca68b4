#!/usr/bin/env bash
# The learner's install (`make lab`: the course and its runtime dependencies) against the
# install every user got before (`-e ".[test]"`), each in a fresh venv with pip's cache off.
# Prints seconds, venv size and the number of installed distributions. Run from the repository root.
set -euo pipefail
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for what in "learner:." "with-test-tools:.[test]"; do
    name=${what%%:*}; target=${what#*:}
    python3 -m venv "$scratch/$name"
    "$scratch/$name/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip 2>/dev/null
    start=$(date +%s.%N)
    "$scratch/$name/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir \
        -c constraints.txt -e "$target" 2>/dev/null
    end=$(date +%s.%N)
    size=$(du -sm "$scratch/$name" | cut -f1)
    count=$("$scratch/$name/bin/python" -m pip list --format=freeze 2>/dev/null | wc -l)
    printf '%-16s %6.1f s  %5s MB  %3s distributions\n' "$name" "$(echo "$end - $start" | bc)" "$size" "$count"
done
