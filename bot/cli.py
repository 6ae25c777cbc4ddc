"""python -m bot run | chat | ask | import | export | history | rollback | schema | migrate-store.

Every command works on the configured store: the embedded one (`--db`, $CITYBOT_DB) or, with
$CITYBOT_DATABASE_URL set, the PostgreSQL database the bot's replicas share."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bot import publishing
from bot.answer import Engine
from bot.config import HEARTBEAT_EVERY, load_limits
from bot.conversation import MemoryContexts, converse
from bot.render import change_line, history_lines, plain
from bot.render import describe as describe_plan
from bot.texts import problem, problems
from knowledge.diff import changes
from knowledge.errors import Problem, SnapshotError
from knowledge.facts import Facts
from knowledge.models import Snapshot
from knowledge.parse import Parsed, parse_path
from knowledge.storage import NotStored, StoreCorrupted, StoreUnavailable
from knowledge.store import Stores, open_stores


def _stores(args: argparse.Namespace, news: bool = False) -> Stores:
    """The configured stores, closed when the command ends (`main`): SQLite then folds its log into the file.

    `news`: the command queues news for subscribers, so an operations store it cannot open stops it."""
    opened: contextlib.ExitStack = args.opened
    return opened.enter_context(contextlib.closing(open_stores(args.db, operations_in_memory=not news)))


def _store(args: argparse.Namespace) -> Facts:
    return _stores(args).facts


def _city_key(store: Facts, name: str) -> str | None:
    from bot.understand import resolve_city

    key, close = resolve_city(name, Engine(store).catalog)
    if key is None:
        names = ", ".join(store.cities()[k].current.city for k in close)
        print(f"unknown city {name!r}" + (f"; did you mean: {names}?" if names else ""), file=sys.stderr)
    return key


def _batch_line(line: str) -> tuple[str | None, str]:
    """A batch line: plain text (its own one-line conversation) or {"chat": ID, "q": TEXT}."""
    if line.startswith("{"):
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            return None, line
        if isinstance(row, dict) and isinstance(row.get("q"), str):
            chat = row.get("chat")
            return (None if chat is None else str(chat)), row["q"]
    return None, line


def cmd_ask(args: argparse.Namespace) -> int:
    engine = Engine(_store(args))
    if args.batch:
        contexts = MemoryContexts()
        for raw in sys.stdin:
            line = raw.strip()
            if not line:
                continue
            chat, question = _batch_line(line)
            _, answer = converse(engine, contexts, chat, question)
            row = ({"chat": chat} if chat is not None else {}) | {"question": question, "answer": plain(answer)}
            print(json.dumps(row, ensure_ascii=False), flush=True)
        return 0
    if not args.question:
        print("ask what? e.g. python -m bot ask \"who is the mayor of Saltillo?\"", file=sys.stderr)
        return 2
    print(plain(engine.ask(" ".join(args.question))))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """One conversation: follow-ups ("and Tulsa?") use what was just asked."""
    engine = Engine(_store(args))
    contexts = MemoryContexts()
    print(f"CityBot — {len(engine.store.cities())} cities. Ask a question; an empty line or Ctrl-D quits.")
    while True:
        try:
            line = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if not line:
            return 0
        _, answer = converse(engine, contexts, "terminal", line)
        print(plain(answer) + "\n")


def _files(paths: list[str]) -> list[Path]:
    """The files named, and the .json and .txt files of each folder named.

    A folder that cannot be listed, or holds none, is a problem like a bad file: an import that
    silently stored nothing would look like a success."""
    out: list[Path] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append(p)
            continue
        try:
            found = sorted(f for f in p.iterdir() if f.suffix in (".json", ".txt"))
        except OSError as e:
            raise SnapshotError(str(p), [Problem("folder_unreadable", reason=e.strerror)]) from None
        if not found:
            raise SnapshotError(str(p), [Problem("folder_empty")])
        out += found
    return out


def cmd_import(args: argparse.Namespace) -> int:
    """Validate every file first; store all of them or none."""
    limit = load_limits().max_upload_bytes
    stores = _stores(args, news=True)
    store = stores.facts
    parsed: list[Parsed] = []
    failed = False
    try:
        files = _files(args.files)
    except SnapshotError as e:  # a folder unreadable or empty: refused like a bad file
        print("\n  ".join(problems(e, "en")), file=sys.stderr)
        files, failed = [], True
    for path in files:
        try:
            parsed.append(parse_path(path, uploaded_by=args.user, max_bytes=limit))
            for w in parsed[-1].warnings:
                print(f"{path}: warning: {problem(w, 'en')}")
        except SnapshotError as e:
            print("\n  ".join(problems(e, "en")), file=sys.stderr)
            failed = True
    if failed:
        print("nothing stored: fix the files above and import again", file=sys.stderr)
        return 1
    plans = store.plan_all([p.snapshot for p in parsed], similar=args.similar)
    ambiguous = [p for p in plans if p.kind == "resembles"]
    if ambiguous:
        for p in ambiguous:
            print(describe_plan(p, "en"), file=sys.stderr)
        print("nothing stored: rerun with --similar update (update that city) or --similar new "
              "(add a new city)", file=sys.stderr)
        return 1
    publishing.publish(store, stores.operations, plans)  # a running bot tells the subscribers
    for p in plans:
        print(describe_plan(p, "en"))
        for c in p.changes if p.kind in ("update", "older") else []:
            print(f"  {change_line(c)}")
    return 0


def _with_city(command: Callable[[Stores, str, argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Resolve the CITY argument (typos and exonyms allowed) before a command that needs one."""

    def run(args: argparse.Namespace) -> int:
        stores = _stores(args, news=command is cmd_rollback)
        key = _city_key(stores.facts, args.city)
        return 1 if key is None else command(stores, key, args)

    return run


def cmd_export(stores: Stores, key: str, args: argparse.Namespace) -> int:
    print(stores.facts.cities()[key].current.model_dump_json(indent=2))
    return 0


def cmd_history(stores: Stores, key: str, args: argparse.Namespace) -> int:
    print("\n".join(history_lines(stores.facts.cities()[key])))
    return 0


def cmd_rollback(stores: Stores, key: str, args: argparse.Namespace) -> int:
    try:
        undone, now, _ = publishing.rollback(stores.facts, stores.operations, key)
    except ValueError as e:
        print(f"{args.city}: {e}", file=sys.stderr)
        return 1
    print(f"{now.city}: rolled back; current is now the earlier version")
    for c in changes(undone, now):
        print(f"  {change_line(c)}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(Snapshot.model_json_schema(), indent=2))
    return 0


def cmd_migrate_store(args: argparse.Namespace) -> int:
    from knowledge.transfer import describe, move

    try:
        moved = move(args.source, args.target)
    except ValueError as e:
        print(f"not moved: {e}", file=sys.stderr)
        return 1
    print(f"moved {moved.summary()}\nfrom {describe(args.source)}\nto   {describe(args.target)}\n"
          "and read both back: they hold the same. Point the bot at the new store and start it.")
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    """For a container's health check: is the bot process alive and its event loop turning?"""
    beat = load_limits().heartbeat
    if beat is None:
        print("CITYBOT_HEARTBEAT is not set: the bot keeps no heartbeat to check", file=sys.stderr)
        return 1
    try:
        age = time.time() - beat.stat().st_mtime
    except OSError:
        print(f"not running: no heartbeat at {beat}", file=sys.stderr)
        return 1
    if age > 3 * HEARTBEAT_EVERY:
        print(f"not responding: the last heartbeat ({beat}) is {age:.0f} s old", file=sys.stderr)
        return 1
    print(f"alive: last heartbeat {age:.0f} s ago")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from bot.telegram.app import run

    return run()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot", description="CityBot: how cities innovate.")
    p.add_argument("--db", help="the store (default: $CITYBOT_DB, else a per-user data directory)")
    sub = p.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question, or one per line with --batch")
    ask.add_argument("question", nargs="*")
    ask.add_argument("--batch", action="store_true", help="questions on stdin, JSON lines out")
    ask.set_defaults(func=cmd_ask)
    sub.add_parser("chat", help="chat in the terminal").set_defaults(func=cmd_chat)
    imp = sub.add_parser("import", help="validate and store snapshot files (all or none)")
    imp.add_argument("files", nargs="+", help="page text (.txt), JSON, or folders of them")
    imp.add_argument("--similar", choices=["ask", "update", "new"], default="ask",
                     help="a file that only resembles a stored city: stop and report (ask), update it, or add new")
    imp.add_argument("--user", default="cli", help="who is uploading, kept with each version")
    imp.set_defaults(func=cmd_import)
    for name, func, text in (("export", cmd_export, "print a city's current version as JSON"),
                             ("history", cmd_history, "list a city's versions and what changed"),
                             ("rollback", cmd_rollback, "restore a city's previous version")):
        c = sub.add_parser(name, help=text)
        c.add_argument("city")
        c.set_defaults(func=_with_city(func))
    sub.add_parser("schema", help="print the JSON Schema admins upload").set_defaults(func=cmd_schema)
    sub.add_parser("run", help="start the Telegram bot").set_defaults(func=cmd_run)
    sub.add_parser("health", help="exit 0 if the running bot's heartbeat is fresh").set_defaults(func=cmd_health)
    move = sub.add_parser("migrate-store", help="copy a whole store into an empty one: embedded <-> PostgreSQL",
                          description="SOURCE and TARGET are each an embedded store's .json path or a postgresql:// URL. "
                                      "Stop the bot first; the source is not changed.")
    move.add_argument("source")
    move.add_argument("target")
    move.set_defaults(func=cmd_migrate_store)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        with contextlib.ExitStack() as args.opened:
            return int(args.func(args))
    except (StoreCorrupted, StoreUnavailable) as e:
        print(f"cannot open the store: {e}", file=sys.stderr)
        return 1
    except NotStored as e:
        print(e, file=sys.stderr)
        return 1
    except BrokenPipeError:  # `python -m bot ask --batch … | head`: the reader left; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
