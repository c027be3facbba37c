"""Help-center categories for /faq browsing: display order, names and descriptions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Categories", "Category"]


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    names: dict[str, str]
    descriptions: dict[str, str]

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get("en") or self.key

    def description(self, lang: str) -> str:
        return self.descriptions.get(lang) or self.descriptions.get("en") or ""


class Categories:
    """The categories in `content/categories.yaml`, in file (display) order."""

    def __init__(self, categories: list[Category]) -> None:
        self._by_key = {c.key: c for c in categories}

    @classmethod
    def load(cls, path: Path) -> Categories:
        data: Any = yaml.safe_load(path.read_text("utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of category keys")
        return cls(
            [
                Category(
                    str(key),
                    {str(k): str(v) for k, v in (value or {}).get("name", {}).items()},
                    {str(k): str(v) for k, v in (value or {}).get("description", {}).items()},
                )
                for key, value in data.items()
            ]
        )

    def get(self, key: str) -> Category:
        """The category, or a bare one named after its key when the file does not list it."""
        return self._by_key.get(key) or Category(key, {}, {})

    def ordered(self, keys: list[str]) -> list[str]:
        """`keys` in display order; keys the file does not list come last, alphabetically."""
        order = list(self._by_key)
        return sorted(keys, key=lambda k: (order.index(k) if k in order else len(order), k))
