#!/usr/bin/env bash
# Mutation testing of one module at a time (slow; by hand, not in CI), with mutmut 3 from `.[dev]`.
#
#   tests/mutate.sh knowledge.page "test_page or test_parse_seed or test_bad_files or test_records"
#   SAMPLE=150 tests/mutate.sh bot.facts "test_answers_exact or test_key_facts"
#
# The first argument is the module; the second (optional) a pytest -k expression naming the test
# files that should kill its mutants (fewer tests, much faster). SAMPLE=N tries N of the module's
# mutants drawn at random (seeded; an estimate for the largest modules), MUTMUT_WORKERS sets the
# worker count (default 2: the development machine is shared). Prints killed/total for the module;
# `mutmut results` and `mutmut show NAME` then list and show the survivors. mutmut copies the sources
# and tests into mutants/ (git-ignored) and runs pytest there; mutants of unchanged files are kept
# between runs, the record of which tests reach which function is made afresh for each selection.
set -euo pipefail
cd "$(dirname "$0")/.."
module=$1
tests=${2:-}
mutmut=${MUTMUT:-.venv/bin/mutmut}
workers=${MUTMUT_WORKERS:-2}
export PYTEST_ADDOPTS="${tests:+-k '$tests'}"
rm -f mutants/mutmut-stats.json
names=mutants/selected.txt
list() { "$mutmut" results --all true 2>/dev/null | awk -v m="    $module.x" 'index($0, m) == 1 { sub(/^ +/, ""); sub(/: [^:]*$/, ""); print }'; }
if [ -n "${SAMPLE:-}" ]; then
    "$mutmut" run --max-children "$workers" "no.such.module.x*" > mutants.log 2>&1 || true  # make the mutants
    list | python3 -c "import random, sys; names = sys.stdin.read().split(); random.seed(11)
print('\\n'.join(random.sample(names, min(len(names), $SAMPLE))))" > "$names.new" && mv "$names.new" "$names"
    xargs -a "$names" "$mutmut" run --max-children "$workers" >> mutants.log 2>&1 || true
else
    "$mutmut" run --max-children "$workers" "$module.x*" > mutants.log 2>&1 || true
    list > "$names"
fi
"$mutmut" results --all true 2>/dev/null | awk -v m="$module" -v names="$names" '
    BEGIN { while ((getline n < names) > 0) chosen[n] = 1 }
    { name = $1; sub(/:$/, "", name) }
    name in chosen { total++; count[substr($0, index($0, ": ") + 2)]++ }
    END {
        killed = count["killed"] + ("timeout" in count ? count["timeout"] : 0)
        printf "%s: %d/%d killed (%.0f%%)", m, killed, total, total ? 100 * killed / total : 0
        for (s in count) if (s != "killed" && count[s]) printf ", %s %d", s, count[s]
        print ENVIRON["SAMPLE"] ? " (a random sample)" : ""
    }'
