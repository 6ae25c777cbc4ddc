"""Knowledge-core benchmark (run by hand): store load time and answer latency by store size.

    python benchmarks/bench_core.py            # 1, 100, 1,000 and 10,000 synthetic cities + the real set

Synthetic cities are drawn from the survey's real vocabularies with a fixed seed; the question mix
covers every kind of question. Numbers are printed, never asserted.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.answer import Engine  # noqa: E402
from bot.conversation import MemoryContexts, converse  # noqa: E402
from knowledge import vocabulary as v  # noqa: E402
from knowledge.bundled import load_bundled  # noqa: E402
from knowledge.models import Snapshot  # noqa: E402
from knowledge.store import Store  # noqa: E402

COUNTRIES = ["Mexico", "United States", "Argentina", "Brazil", "Chile", "Canada", "Austria", "Korea"]
SYLLABLES = ["sal", "ti", "llo", "mon", "te", "rey", "va", "len", "cia", "ber", "lin", "o", "pa", "ra", "do", "ki"]


def synthetic_snapshot(rng: random.Random, i: int) -> Snapshot:
    name = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() + f" {i}"
    return Snapshot.model_validate({
        "city": name, "country": rng.choice(COUNTRIES), "leader_title": "Mayor", "leader": f"Synthetic Mayor {i}",
        "population": f"{rng.randint(10_000, 9_000_000):,} ({rng.randint(2010, 2020)})",
        "lead_innovation_officers": [f"Synthetic Officer {i}"],
        "helping_to": rng.sample(v.HELPING_TO, 3), "success_factors": rng.sample(v.SUCCESS_FACTORS, 4),
        "explicit_strategy": rng.random() < 0.5, "approach": rng.choice(v.APPROACHES),
        "benchmarks": [{"topic": "strategy", "share": "50%",
                        "sentence": "50% of cities surveyed have an explicit innovation strategy."}],
        "prioritises_policy_areas": True, "policy_areas": rng.sample(v.POLICY_AREAS, 3),
        "roles_count": 3, "roles": rng.sample(v.ROLES, 3), "terms": rng.sample(v.TERMS, 2),
        "dedicated_funding": rng.random() < 0.8, "funding_sources": list(v.FUNDING_SOURCES),
        "data_availability": {"sufficient": rng.sample(v.POLICY_AREAS, 5), "insufficient": [], "no_response": []},
        "complete": True,
    })


def questions(names: list[str]) -> list[str]:
    a, b = names[0], names[-1]
    return [
        f"who is the mayor of {a}?", f"{a.lower()} population", f"¿quién es el alcalde de {b}?",
        f"tell me about {b}", f"does {a} have dedicated funding?", f"compare {a} and {b} on policy areas",
        "which cities focus on transport?", "how many cities have dedicated funding?",
        "which cities in Mexico do you know?", "what share of cities have an explicit strategy?",
        "largest city", f"{a[:-3]}x mayor", "who is the mayor of Atlantis?",
        # follow-ups, read in the conversation's context
        f"who runs {a}?", "how many inhabitants?", f"and {b}?", "compare the two", "which one is larger?",
        "which cities focus on transport?", "which of those are in Mexico?", "the smallest of them?",
        f"is it raining in {a}?", "cities under 300,000 inhabitants",
        "which city has the most innovation roles?", "who is its mayor?", "which cities focus on transport?",
        "how many are there?", "largest city in South America", f"{a} policy areas",
        "does any other city focus on housing?",
    ]


def measure(store: Store, names: list[str], rounds: int) -> tuple[float, float, float, float]:
    started = time.perf_counter()
    fresh = Store(store.path)
    engine = Engine(fresh)
    engine.ask("hello")  # loads the store and builds the name catalog
    load = time.perf_counter() - started
    timings, cpu = [], []
    qs = questions(names)
    contexts = MemoryContexts()  # conversation context on: every question is one turn of a chat
    for _ in range(rounds):
        for q in qs:
            t0, c0 = time.perf_counter(), time.thread_time()
            converse(engine, contexts, "bench", q)
            timings.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)  # this thread's CPU only: what a busy machine adds is left out
    timings.sort()
    cpu.sort()
    p99 = int(len(timings) * 0.99) - 1
    return load, statistics.median(timings), timings[p99], cpu[p99]


def main() -> None:
    rng = random.Random(7)
    print(f"{'cities':>8} {'load s':>8} {'p50 ms':>8} {'p99 ms':>8} {'p99 cpu':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        real = Store(Path(tmp) / "real.json")
        load_bundled(real)
        names = sorted(s.city for s in real.current())
        load, p50, p99, cpu = measure(real, names, 40)
        print(f"{'real ' + str(len(names)):>8} {load:8.3f} {p50:8.3f} {p99:8.3f} {cpu:8.3f}")
        for n in (1, 100, 1_000, 10_000):
            store = Store(Path(tmp) / f"{n}.json")
            snaps = [synthetic_snapshot(rng, i) for i in range(n)]
            store.publish(store.plan_all(snaps, similar="new"))
            load, p50, p99, cpu = measure(store, [s.city for s in snaps], 40 if n <= 1000 else 10)
            print(f"{n:>8} {load:8.3f} {p50:8.3f} {p99:8.3f} {cpu:8.3f}")


if __name__ == "__main__":
    main()
