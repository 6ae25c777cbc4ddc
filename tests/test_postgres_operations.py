"""Operations in PostgreSQL, against a real server: what replicas share, and claims that outlive a dead replica."""

from __future__ import annotations

import time

import pytest

from knowledge.operations import event
from knowledge.operations.postgres import CLAIM_BATCH, SEND_RATE, PostgresOperations
from knowledge.postgres import Database


@pytest.fixture
def replicas(pg_url):
    """Two replicas' operations on one database, each through its own pool, as two processes would have."""
    one, two = Database(pg_url), Database(pg_url)
    yield PostgresOperations(one, "replica-1"), PostgresOperations(two, "replica-2")
    one.close()
    two.close()


def saltillo_update() -> dict:
    return event("update", "saltillo|mexico", "Saltillo", [])


def test_subscriptions_keep_order_and_the_latest_language(replicas):
    a, b = replicas
    assert a.subscribe(7, "saltillo|mexico", "en") is True
    assert b.subscribe(7, "saltillo|mexico", "en") is False
    assert b.subscribe(7, "all", "es") is True
    assert a.subscriptions(7) == ["saltillo|mexico", "all"]
    assert a.subscribers("saltillo|mexico") == [7]
    assert a.enqueue([saltillo_update()]) == 1  # once per chat, though it follows the city and "all"
    (notice,) = b.pending()
    assert (notice.chat, notice.lang, notice.event["city"]) == (7, "es", "Saltillo")
    assert a.unsubscribe(7, "all") is True and a.unsubscribe(7, "all") is False
    assert a.chats() == 1


def test_a_button_remembered_by_one_replica_is_recalled_by_the_other(replicas):
    a, b = replicas
    token = a.remember(["saltillo|mexico", "funding", "es"])
    assert len(token) <= 16
    assert b.recall(token) == ["saltillo|mexico", "funding", "es"]
    assert b.recall("never-given") is None
    assert a.remember("x") != a.remember("x")  # a token is never reused for another payload


def test_a_conversation_follows_the_chat_to_another_replica(replicas):
    a, b = replicas
    a.put_context("42", {"cities": ["saltillo|mexico"], "topic": "leader", "lang": "es"})
    assert b.get_context("42") == {"cities": ["saltillo|mexico"], "topic": "leader", "lang": "es"}
    b.put_context("42", {"cities": ["vienna|austria"]})
    assert a.get_context("42") == {"cities": ["vienna|austria"]}
    assert a.get_context("43") is None


def test_of_two_publish_presses_on_two_replicas_exactly_one_gets_the_preview(replicas):
    a, b = replicas
    token = a.remember(None)
    a.put_preview(token, {"plan": "synthetic"})
    assert b.get_preview(token) == {"plan": "synthetic"}
    assert [b.take_preview(token), a.take_preview(token)] == [{"plan": "synthetic"}, None]


def test_an_update_is_handled_once_whichever_replica_sees_it(replicas):
    a, b = replicas
    assert a.first_time("update:1001") is True
    assert b.first_time("update:1001") is False


def test_question_counts_are_shared(replicas):
    a, b = replicas
    a.record_question("what is the capital of mars", understood=False)
    b.record_question("What is the capital of Mars", understood=False)
    b.record_question("saltillo mayor", understood=True)
    stats = a.question_stats()
    assert stats.asked == 3
    assert len(stats.unanswered) == 1 and stats.unanswered[0][1] == 2


def test_two_replicas_never_claim_the_same_notice(replicas):
    a, b = replicas
    for chat in range(1, 251):
        a.subscribe(chat, "all", "en")
    assert a.enqueue([saltillo_update()]) == 250
    first, second = a.pending(), b.pending()
    assert len(first) == CLAIM_BATCH and len(second) == CLAIM_BATCH
    assert not {n.id for n in first} & {n.id for n in second}
    assert [n.id for n in a.pending()] == [n.id for n in first]  # its own claims again, lease renewed
    a.delivered([n.id for n in first])
    b.delivered([n.id for n in second])
    rest = a.pending()
    assert len(rest) == 50 and b.pending() == []
    a.delivered([n.id for n in rest])
    assert a.owed() == 0


def test_a_dead_replicas_claims_are_taken_over_when_the_lease_runs_out(replicas):
    a, b = replicas
    a.subscribe(1, "all", "en")
    a.enqueue([saltillo_update()])
    (claimed,) = a.pending()
    assert b.pending() == []  # a holds it
    with a.db.transaction() as conn:  # a dies; time passes beyond its lease
        conn.execute("UPDATE outbox SET lease_until = now() - interval '1 second'")
    (taken,) = b.pending()
    assert taken.id == claimed.id
    assert a.pending() == []  # now b's


def test_a_replica_stopping_cleanly_hands_its_claims_back_at_once(replicas):
    a, b = replicas
    a.subscribe(1, "all", "en")
    a.enqueue([saltillo_update()])
    (claimed,) = a.pending()
    assert b.pending() == []
    a.release()
    assert [n.id for n in b.pending()] == [claimed.id]


def test_the_send_budget_is_shared_by_every_replica(replicas):
    a, b = replicas
    started = time.monotonic()
    waits = [r.send_slot() for _ in range(30) for r in (a, b)]  # 60 reservations as fast as possible
    elapsed = time.monotonic() - started
    # Slots are 1/29.5 s apart whichever replica asks: the 60th waits about two seconds from the first.
    assert waits[-1] + elapsed == pytest.approx(59 / SEND_RATE, abs=0.15)


def test_drop_and_move_chat(replicas):
    a, b = replicas
    a.subscribe(-100, "saltillo|mexico", "es")
    a.put_context("-100", {"topic": "leader"})
    a.enqueue([saltillo_update()])
    b.move_chat(-100, -1001)
    assert a.subscriptions(-1001) == ["saltillo|mexico"] and a.subscriptions(-100) == []
    assert [n.chat for n in a.pending()] == [-1001]
    assert a.get_context("-1001") == {"topic": "leader"}
    b.drop_chat(-1001)
    assert a.owed() == 0 and a.chats() == 0


def test_a_replica_that_stalled_past_its_lease_does_not_send_what_another_took_over(replicas):
    a, b = replicas
    a.subscribe(1, "all", "en")
    a.enqueue([saltillo_update()])
    (notice,) = a.pending()
    assert a.take(notice.id) is True
    with a.db.transaction() as conn:
        conn.execute("UPDATE outbox SET lease_until = now() - interval '1 second'")
    (taken,) = b.pending()
    assert b.take(taken.id) is True
    assert a.take(notice.id) is False  # a wakes up: the notice is b's now
