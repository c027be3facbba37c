"""Help-center articles, the synonym table and user-facing texts, as data."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ARTICLES_DIR",
    "CONTENT_DIR",
    "IMPERSONATION_DIR",
    "JIEBA_DICT_PATH",
    "SYNONYMS_PATH",
    "TEXTS_DIR",
]

CONTENT_DIR = Path(__file__).resolve().parent
ARTICLES_DIR = CONTENT_DIR / "articles"
TEXTS_DIR = CONTENT_DIR / "texts"
SYNONYMS_PATH = CONTENT_DIR / "synonyms.yaml"
JIEBA_DICT_PATH = CONTENT_DIR / "jieba_dict.txt"
IMPERSONATION_DIR = CONTENT_DIR / "impersonation"
