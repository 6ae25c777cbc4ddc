"""Problems with a source file, as data a person can act on: where, what, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    where: str  # "line 14", "field population.text", "file"
    what: str
    fix: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.what}" + (f" — {self.fix}" if self.fix else "")


class SnapshotError(ValueError):
    """A file that cannot become a snapshot; nothing from it is stored."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [f"{self.source}: not stored"] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)


def from_validation(source: str, error: ValidationError, prefix: str = "") -> SnapshotError:
    """Turn pydantic's located errors into problems that name the field path."""
    problems = []
    for e in error.errors():
        path = ".".join(str(p) for p in e["loc"]) or "(top level)"
        fix = {
            "extra_forbidden": "remove this key, or check its spelling against `python -m bot schema`",
            "missing": "add this key",
        }.get(e["type"], "see `python -m bot schema` for the expected type")
        problems.append(Problem(f"field {prefix}{path}", e["msg"], fix))
    return SnapshotError(source, problems)
