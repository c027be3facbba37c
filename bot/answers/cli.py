"""`beacon ask` and `beacon ask --jsonl`: the matcher from the command line.

JSON-lines contract: one input line `{"id": ..., "text": ...}` gives one output line, in order,
flushed at once: `{"id": ..., "answer": "<slug>" | null, "suggestions": [...], "score": float}`.
Each input is read as a question addressed to the bot (a mention, a reply or a private chat),
so `answer` is the matcher's "answer" decision: the article the bot would post in the group
when its answer threshold is met, null when it would suggest or stay quiet. The unprompted
group filter (`looks_like_support_question`) is not applied: it is a separate, earlier gate for
messages nobody addressed to the bot. `suggestions` lists the slugs the bot would offer (best
first, the answered slug included), empty when it declines. A line that is not a JSON object
with a string `text` gets `{"id": ..., "answer": null, "suggestions": [], "score": 0.0,
"error": "..."}` and the stream goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TextIO

from bot.answers.matcher import Match, Matcher
from bot.jsonl import run_jsonl
from content import ARTICLES_DIR, CONTENT_DIR, SYNONYMS_PATH

__all__ = ["DEFAULT_BRAND", "load_default_matcher", "run_ask", "run_ask_jsonl"]

DEFAULT_BRAND = "Beacon"


def load_default_matcher(brand: str = DEFAULT_BRAND) -> Matcher:
    """The matcher over the shipped content."""
    return Matcher.build(ARTICLES_DIR, brand, SYNONYMS_PATH, CONTENT_DIR / "jieba_dict.txt")


def run_ask(
    text: str, out: TextIO, matcher_factory: Callable[[], Matcher] = load_default_matcher
) -> int:
    """Print what the bot would do with one question; exit code 0."""
    matcher = matcher_factory()
    match = matcher.match(text)
    print(f"decision: {match.decision} (score {match.score:.2f}, lang {match.lang})", file=out)
    if match.article is not None:
        print(f"article: {match.article.title} [{match.article.slug}]", file=out)
        print(f"summary: {match.article.summary}", file=out)
    kb = matcher.knowledge_base
    for rank, slug in enumerate(match.suggestions, 1):
        article = kb.get_any(slug, match.lang)
        title = article.title if article is not None else slug
        print(f"suggestion {rank}: {title} [{slug}]", file=out)
    unprompted = matcher.match_unprompted(text)
    print(f"unaddressed in a group: {unprompted.decision}", file=out)
    t = matcher.thresholds
    print(
        f"shape: {matcher.shape(text)}; thresholds: answer >= {t.answer_score:g} with margin"
        f" >= {t.answer_margin:g} (support questions: {t.question_score:g} / "
        f"{t.question_margin:g}; chit-chat: {t.chatter_score} / {t.chatter_margin}), "
        f"suggest >= {t.suggest_score:g}",
        file=out,
    )
    return 0


def _result(request_id: Any, match: Match) -> dict[str, Any]:
    return {
        "id": request_id,
        "answer": match.article.slug if match.article is not None else None,
        "suggestions": list(match.suggestions),
        "score": round(match.score, 4),
    }


def run_ask_jsonl(
    stdin: TextIO,
    stdout: TextIO,
    matcher_factory: Callable[[], Matcher] = load_default_matcher,
) -> int:
    """Answer a stream of JSON lines (the stream rules are in `bot.jsonl`)."""
    matcher = matcher_factory()
    return run_jsonl(
        stdin,
        stdout,
        lambda request_id, text: _result(request_id, matcher.match(text)),
        empty={"answer": None, "suggestions": [], "score": 0.0},
    )
