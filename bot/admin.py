"""What admins do through the bot: upload, preview, publish or cancel, roll back, history, stats.

Every change goes through the same parser and store as `python -m bot import`; only ids listed in
CITYBOT_ADMINS may make one, and a refusal changes nothing. A preview is stored (operations store),
so Publish still works after a restart; it is planned again against the facts when pressed, and
taken from the store by exactly one press. When a write fails the admin is told, and the bot goes
on answering what the store holds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot import publishing, render
from bot.reply import Reply
from bot.texts import number, problem, t
from knowledge.errors import Problem, SnapshotError
from knowledge.facts import Plan, Similar
from knowledge.identity import simple
from knowledge.models import Snapshot
from knowledge.parse import RECORD_ONLY, parse_bytes
from knowledge.patch import UploadMode, apply_to, read_json_object, removed, wants_replace, without_replace
from knowledge.storage import NotStored

if TYPE_CHECKING:
    from bot.service import Service


@dataclass
class Upload:
    """A validated upload waiting for the admin's Publish or Cancel; stored as JSON under its button token."""

    snapshot: Snapshot  # records who uploaded it
    warnings: list[Problem]  # worded when the preview is shown, in the admin's language
    similar: Similar = "ask"  # the admin's answer to "resembles a stored city": update it, or add new
    mode: UploadMode = "replace"  # a merge patch onto the current version, or a whole page replacing it

    def to_json(self) -> dict[str, Any]:
        return {"snapshot": self.snapshot.model_dump(mode="json"), "warnings": [w.to_json() for w in self.warnings],
                "similar": self.similar,
                "mode": self.mode}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Upload:
        # A preview stored before warnings were data holds them as English sentences: they were shown
        # with that preview, and Publish must still work after the deploy, so they are left out.
        warnings = [Problem.from_json(w) for w in data["warnings"] if isinstance(w, dict)]
        return cls(Snapshot.model_validate(data["snapshot"]), warnings, data["similar"],
                   data.get("mode", "replace"))


class Admin:
    def __init__(self, service: Service, admins: set[int], max_upload_bytes: int) -> None:
        self.service = service
        self.admins = admins
        self.max_upload_bytes = max_upload_bytes
        self.awaiting_file: set[int] = set()

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins

    def refuse(self, lang: str = "en") -> Reply:
        return Reply(render.escape(t("refuse", lang)), toast=t("refuse_toast", lang))

    def upload(self, user_id: int | None, filename: str, size: int | None, fetch: bytes | None,
               lang: str = "en") -> Reply:
        """Validate a file and preview what publishing it would do; nothing is stored yet."""
        if user_id is None or not self.is_admin(user_id):
            return self.refuse(lang)
        self.awaiting_file.discard(user_id)
        if size is not None and size > self.max_upload_bytes:
            return Reply(render.escape(t("too_big", lang, size=number(size, lang), limit=number(self.max_upload_bytes, lang))))
        if filename.lower().endswith(".pdf") or (fetch or b"").startswith(b"%PDF"):
            return Reply(render.escape(t("pdf", lang)))
        if not filename.lower().endswith((".txt", ".json")):
            return Reply(render.escape(t("wrong_type", lang, name=filename)))
        raw, mode = self._as_patched(fetch or b"")
        try:
            parsed = parse_bytes(filename, raw, uploaded_by=str(user_id), max_bytes=self.max_upload_bytes)
        except SnapshotError as e:
            return Reply(render.upload_error(e, lang))
        upload = Upload(parsed.snapshot, parsed.warnings, mode=mode)
        plan = self.service.facts.plan(upload.snapshot)
        if plan.kind == "same":
            return self._preview("", upload, plan, lang)
        try:
            token = self.service.remember("preview", None)
            self.service.operations.put_preview(token, upload.to_json())
        except NotStored as e:
            return Reply(t(f"not_stored_{e.reason}", lang))
        return self._preview(token, upload, plan, lang)

    def _as_patched(self, raw: bytes) -> tuple[bytes, UploadMode]:
        """A JSON object naming a stored city is a merge patch onto its current version (knowledge/patch.py);
        page text, a city record and JSON with "replace": true are whole pages. Returns what to validate."""
        data = read_json_object(raw)
        if data is None or RECORD_ONLY & set(data) or not isinstance(data.get("city"), str):
            return raw, "replace"
        if wants_replace(data):
            return json.dumps(without_replace(data)).encode(), "replace"
        key = self.service.engine.catalog.names.get(simple(data["city"]))
        current = self.service.engine.current.get(key) if key else None
        country = data.get("country")
        if current is None or (isinstance(country, str) and simple(country) != simple(current.country)):
            return raw, "replace"  # a city not stored yet: the file is its first page
        return json.dumps(apply_to(current, data)).encode(), "merge"

    def _preview(self, token: str, up: Upload, p: Plan, lang: str = "en") -> Reply:
        gone = removed(p.existing, up.snapshot) if p.kind == "update" else []
        text = render.preview(p, lang, up.mode, gone, [problem(w, lang) for w in up.warnings])
        if p.kind == "same":
            return Reply(text)
        if p.kind == "resembles":
            buttons = [[(t("btn_update_city", lang, city=p.resembles[0]), f"pub:{token}:update"),
                        (t("btn_add_new", lang), f"pub:{token}:new")],
                       [(t("btn_cancel", lang), f"cancel:{token}")]]
        else:
            buttons = [[(t("btn_publish", lang), f"pub:{token}:as-is"), (t("btn_cancel", lang), f"cancel:{token}")]]
        return Reply(text, buttons)

    def decide(self, user_id: int | None, token: str, choice: str, lang: str = "en") -> Reply:
        """Publish (or re-plan for an ambiguous name) an upload the admin previewed."""
        if not self.is_admin(user_id):
            return self.refuse(lang)
        operations = self.service.operations
        data = operations.take_preview(token)  # one press of Publish wins; a second finds nothing
        if data is None:
            return Reply(render.escape(t("preview_expired", lang)), edit=True)
        up = Upload.from_json(data)
        if choice in ("update", "new"):
            up.similar = choice  # type: ignore[assignment]
        plan = self.service.facts.plan(up.snapshot, similar=up.similar)
        if choice == "update" or plan.kind == "resembles":  # show what updating means; Publish confirms
            operations.put_preview(token, up.to_json())
            preview = self._preview(token, up, plan, lang)
            preview.edit = True
            return preview
        try:
            stored = publishing.publish(self.service.facts, operations, [plan])
        except NotStored as e:
            operations.put_preview(token, up.to_json())  # Publish can be pressed again once there is room
            self.service.refresh()
            return Reply(t(f"not_stored_{e.reason}", lang), toast=t("not_stored", lang))
        self.service.refresh()
        if not stored:
            return Reply(render.escape(t("nothing_to_publish", lang)), edit=True)
        subs = len(operations.subscribers(plan.key))
        return Reply(render.published(plan, subs, lang), edit=True, toast=t("published_toast", lang), published=True)

    def cancel(self, user_id: int | None, token: str, lang: str = "en") -> Reply:
        if not self.is_admin(user_id):
            return self.refuse(lang)
        self.service.operations.take_preview(token)
        return Reply(render.escape(t("cancelled", lang)), edit=True, toast=t("cancelled_toast", lang))

    def _admin_city(self, user_id: int | None, name: str, lang: str, command: str) -> str | Reply:
        """An admin command's city, or the reply refusing a non-admin or offering closest names."""
        if not self.is_admin(user_id):
            return self.refuse(lang)
        return self.service.city_arg(name, lang, command)

    def rollback(self, user_id: int | None, name: str, lang: str = "en") -> Reply:
        key = self._admin_city(user_id, name, lang, "rollback")
        if isinstance(key, Reply):
            return key
        try:
            _, _, news = publishing.rollback(self.service.facts, self.service.operations, key)
        except ValueError:  # the store's one refusal: no earlier published version
            return Reply(render.escape(t("no_earlier_version", lang, city=self.service.engine.current[key].city)))
        except NotStored as e:
            self.service.refresh()
            return Reply(t(f"not_stored_{e.reason}", lang))
        self.service.refresh()
        return Reply(render.notification(news, lang), published=True)

    def history(self, user_id: int | None, name: str, lang: str = "en") -> Reply:
        key = self._admin_city(user_id, name, lang, "history")
        if isinstance(key, Reply):
            return key
        city = self.service.facts.cities()[key]
        head = render.labelled(city.current.city, t("versions", lang, count=len(city.versions)))
        return Reply("\n".join([head] + [render.escape(line) for line in render.history_lines(city, lang)]))

    def stats(self, user_id: int | None, lang: str = "en") -> Reply:
        if not self.is_admin(user_id):
            return self.refuse(lang)
        stats = self.service.operations.question_stats()
        top = stats.unanswered

        def row(key: str, value: int) -> str:
            return render.labelled(t(key, lang), number(value, lang))

        lines = [row("stats_cities", len(self.service.engine.current)),
                 row("stats_subscribers", self.service.operations.chats()),
                 row("stats_asked", stats.asked),
                 render.bold(t("stats_unanswered", lang)) + ":" if top else render.escape(t("stats_none", lang))]
        lines += [f"{n}× {render.escape(q)}" for q, n in top]
        return Reply("\n".join(lines))
