"""User-facing texts, as data: `content/texts/<feature>.yaml`, every key in English and Chinese."""

from __future__ import annotations

import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from content import TEXTS_DIR

__all__ = ["LANGUAGES", "Texts", "TextsError"]

LANGUAGES = ("en", "zh")


class TextsError(Exception):
    """A texts file is malformed or a key is missing; raised at load time, not mid-chat."""


class Texts:
    """Look up `feature.key` in a language and fill its fields; `{brand}` is filled for you."""

    def __init__(self, entries: Mapping[str, Mapping[str, str]], brand: str) -> None:
        self._entries = dict(entries)
        self.brand = brand

    @classmethod
    def load(cls, brand: str, directory: Path = TEXTS_DIR) -> Texts:
        entries: dict[str, dict[str, str]] = {}
        for path in sorted(directory.glob("*.yaml")):
            data = yaml.safe_load(path.read_text("utf-8")) or {}
            if not isinstance(data, dict):
                raise TextsError(f"{path.name}: expected a mapping of keys to {{en, zh}}")
            for key, versions in data.items():
                if not isinstance(versions, dict) or set(versions) != set(LANGUAGES):
                    raise TextsError(f"{path.name}: {key} must have exactly the keys en and zh")
                entries[f"{path.stem}.{key}"] = {lang: str(versions[lang]) for lang in LANGUAGES}
        return cls(entries, brand)

    def keys(self) -> list[str]:
        return sorted(self._entries)

    def raw(self, key: str, lang: str) -> str:
        try:
            versions = self._entries[key]
        except KeyError:
            raise TextsError(f"no text {key!r} in content/texts") from None
        return versions.get(lang) or versions["en"]

    def get(self, key: str, lang: str, **fields: Any) -> str:
        template = self.raw(key, lang)
        try:
            return template.format(brand=self.brand, **fields)
        except (KeyError, IndexError) as exc:
            raise TextsError(f"text {key!r} needs the field {exc}") from None


def template_fields(template: str) -> set[str]:
    """The `{field}` names a template uses (for the content tests)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
