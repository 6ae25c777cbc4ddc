"""What admins do through the bot: upload, preview, publish or cancel, roll back, history, stats.

Every change goes through the same parser and store as `python -m bot import`; only ids listed in
CITYBOT_ADMINS may make one, and a refusal changes nothing. A preview is stored (operations store),
so Publish still works after a restart; it is planned again against the facts when pressed, and
taken from the store by exactly one press. When a write fails the admin is told, and the bot goes
on answering what the store holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot import publishing, render
from bot.reply import Reply
from bot.texts import t
from knowledge.errors import SnapshotError
from knowledge.facts import Plan, Similar
from knowledge.models import Snapshot
from knowledge.parse import parse_bytes
from knowledge.storage import NotStored

if TYPE_CHECKING:
    from bot.service import Service


@dataclass
class Upload:
    """A validated upload waiting for the admin's Publish or Cancel; stored as JSON under its button token."""

    snapshot: Snapshot  # records who uploaded it
    warnings: list[str]
    similar: Similar = "ask"  # the admin's answer to "resembles a stored city": update it, or add new

    def to_json(self) -> dict[str, Any]:
        return {"snapshot": self.snapshot.model_dump(mode="json"), "warnings": self.warnings, "similar": self.similar}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Upload:
        return cls(Snapshot.model_validate(data["snapshot"]), list(data["warnings"]), data["similar"])


class Admin:
    def __init__(self, service: Service, admins: set[int], max_upload_bytes: int) -> None:
        self.service = service
        self.admins = admins
        self.max_upload_bytes = max_upload_bytes
        self.awaiting_file: set[int] = set()

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins

    def refuse(self) -> Reply:
        return Reply("Sorry, only CityBot's admins can change data.", toast="Only admins can do that")

    def upload(self, user_id: int | None, filename: str, size: int | None, fetch: bytes | None) -> Reply:
        """Validate a file and preview what publishing it would do; nothing is stored yet."""
        if user_id is None or not self.is_admin(user_id):
            return self.refuse()
        self.awaiting_file.discard(user_id)
        if size is not None and size > self.max_upload_bytes:
            return Reply(f"That file is {size:,} bytes; the limit is {self.max_upload_bytes:,}. "
                         "Send one city's snapshot (.txt page or .json) per file.")
        if not filename.lower().endswith((".txt", ".json")):
            return Reply(f"“{render.escape(filename)}” is neither a .txt page nor a .json snapshot. "
                         "Send the page text as .txt, or JSON as <code>python -m bot schema</code> describes.")
        try:
            parsed = parse_bytes(filename, fetch or b"", uploaded_by=str(user_id), max_bytes=self.max_upload_bytes)
        except SnapshotError as e:
            return Reply("<b>Not stored.</b> " + render.escape(str(e)) + "\nFix the file and send it again.")
        upload = Upload(parsed.snapshot, [str(w) for w in parsed.warnings])
        plan = self.service.facts.plan(upload.snapshot)
        if plan.kind == "same":
            return self._preview("", upload, plan)
        try:
            token = self.service.remember("preview")
            self.service.operations.put_preview(token, upload.to_json())
        except NotStored as e:
            return Reply(t(f"not_stored_{e.reason}", "en"))
        return self._preview(token, upload, plan)

    def _preview(self, token: str, up: Upload, p: Plan) -> Reply:
        lines = [f"<b>Preview</b> — {render.escape(p.describe())}"]
        lines += [f"• {render.escape(str(c))}" for c in p.changes[:40] if p.kind in ("update", "older")]
        if len(p.changes) > 40:
            lines.append(f"…and {len(p.changes) - 40} more changes")
        lines += [f"⚠ {render.escape(w)}" for w in up.warnings]
        if p.kind == "same":
            return Reply("\n".join(lines))
        if p.kind == "resembles":
            buttons = [[(f"Update {p.resembles[0]}", f"pub:{token}:update"), ("Add as new city", f"pub:{token}:new")],
                       [("Cancel", f"cancel:{token}")]]
        else:
            buttons = [[("✅ Publish", f"pub:{token}:as-is"), ("Cancel", f"cancel:{token}")]]
        return Reply("\n".join(lines), buttons)

    def decide(self, user_id: int | None, token: str, choice: str) -> Reply:
        """Publish (or re-plan for an ambiguous name) an upload the admin previewed."""
        if not self.is_admin(user_id):
            return self.refuse()
        operations = self.service.operations
        data = operations.take_preview(token)  # one press of Publish wins; a second finds nothing
        if data is None:
            return Reply(t("preview_expired", "en"), edit=True)
        up = Upload.from_json(data)
        if choice in ("update", "new"):
            up.similar = choice  # type: ignore[assignment]
        plan = self.service.facts.plan(up.snapshot, similar=up.similar)
        if choice == "update" or plan.kind == "resembles":  # show what updating means; Publish confirms
            operations.put_preview(token, up.to_json())
            preview = self._preview(token, up, plan)
            preview.edit = True
            return preview
        try:
            stored = publishing.publish(self.service.facts, operations, [plan])
        except NotStored as e:
            operations.put_preview(token, up.to_json())  # Publish can be pressed again once there is room
            self.service.refresh()
            return Reply(t(f"not_stored_{e.reason}", "en"), toast="Not stored")
        self.service.refresh()
        if not stored:
            return Reply("Nothing to publish: that version is already stored.", edit=True)
        subs = len(operations.subscribers(plan.key))
        return Reply(f"<b>Published</b> {render.escape(plan.describe())}. Notifying {subs} subscriber(s).",
                     edit=True, toast="Published", published=True)

    def cancel(self, user_id: int | None, token: str) -> Reply:
        if not self.is_admin(user_id):
            return self.refuse()
        self.service.operations.take_preview(token)
        return Reply("Cancelled; nothing was stored.", edit=True, toast="Cancelled")

    def _admin_city(self, user_id: int | None, name: str) -> str | Reply:
        """An admin command's city, or the reply refusing a non-admin or offering closest names."""
        if not self.is_admin(user_id):
            return self.refuse()
        return self.service.city_arg(name)

    def rollback(self, user_id: int | None, name: str) -> Reply:
        key = self._admin_city(user_id, name)
        if isinstance(key, Reply):
            return key
        try:
            _, _, news = publishing.rollback(self.service.facts, self.service.operations, key)
        except ValueError as e:
            return Reply(render.escape(f"{self.service.engine.current[key].city}: {e}."))
        except NotStored as e:
            self.service.refresh()
            return Reply(t(f"not_stored_{e.reason}", "en"))
        self.service.refresh()
        return Reply(render.notification(news, "en"), published=True)

    def history(self, user_id: int | None, name: str) -> Reply:
        key = self._admin_city(user_id, name)
        if isinstance(key, Reply):
            return key
        city = self.service.facts.cities()[key]
        head = f"<b>{render.escape(city.current.city)}</b>: {len(city.versions)} version(s)"
        return Reply("\n".join([head] + [render.escape(line) for line in render.history_lines(city)]))

    def stats(self, user_id: int | None) -> Reply:
        if not self.is_admin(user_id):
            return self.refuse()
        stats = self.service.operations.question_stats()
        top = stats.unanswered
        lines = [f"<b>Cities</b>: {len(self.service.engine.current)}",
                 f"<b>Subscribers</b>: {self.service.operations.chats()}",
                 f"<b>Questions asked</b>: {stats.asked}",
                 "<b>Most frequent unanswered</b>:" if top else "No unanswered questions yet."]
        lines += [f"{n}× {render.escape(q)}" for q, n in top]
        return Reply("\n".join(lines))
