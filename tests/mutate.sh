#!/usr/bin/env bash
# Mutation testing of one module at a time (slow; by hand, not in CI), with mutmut 3 from `.[dev]`.
#
#   tests/mutate.sh knowledge.page "test_page or test_parse_seed or test_bad_files or test_records"
#
# The first argument is the module; the second (optional) a pytest -k expression naming the test
# files that should kill its mutants (fewer tests, much faster). MUTMUT_WORKERS sets the worker count
# (default 2: the development machine is shared). Prints killed/total for the module; `mutmut
# results` and `mutmut show NAME` then list and show the survivors. mutmut copies the sources and
# tests into mutants/ (git-ignored) and runs pytest there; mutants of unchanged files are kept between
# runs, the record of which tests reach which function is made afresh for each run's selection.
set -euo pipefail
cd "$(dirname "$0")/.."
module=$1
tests=${2:-}
mutmut=${MUTMUT:-.venv/bin/mutmut}
rm -f mutants/mutmut-stats.json
PYTEST_ADDOPTS="${tests:+-k '$tests'}" "$mutmut" run --max-children "${MUTMUT_WORKERS:-2}" "$module.*" > mutants.log 2>&1 || true
"$mutmut" results --all true 2>/dev/null | awk -v m="    $module." '
    index($0, m) == 1 { total++; count[substr($0, index($0, ": ") + 2)]++ }
    END {
        killed = count["killed"] + ("timeout" in count ? count["timeout"] : 0)
        printf "%s: %d/%d killed (%.0f%%)", substr(m, 5, length(m) - 5), killed, total, total ? 100 * killed / total : 0
        for (s in count) if (s != "killed" && count[s]) printf ", %s %d", s, count[s]
        print ""
    }'
