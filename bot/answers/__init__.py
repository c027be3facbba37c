"""Help-center answers: knowledge base, `kb check`, tokenizer, synonyms, BM25 index, matcher.

    matcher = Matcher.build(ARTICLES_DIR, settings.brand, SYNONYMS_PATH,
                            CONTENT_DIR / "jieba_dict.txt")          # once, at start-up
    match = matcher.match("提币三个小时了还没到")                   # addressed to the bot
    if match.decision == "answer":
        link = article_link(match.article, settings.help_center_base_url, bot_username)
    elif match.decision == "suggest":
        ...  # offer match.suggestions (slugs, best first)
    matcher.match_unprompted(text)   # group message nobody addressed: "answer" or "decline"
"""

from __future__ import annotations

from bot.answers.calibration import Decision, Evaluation, Scored, Thresholds, calibrate, evaluate
from bot.answers.cli import load_default_matcher, run_ask, run_ask_jsonl
from bot.answers.index import ArticleIndex, Hit, Ranking
from bot.answers.kb_check import Problem, check_knowledge_base, load_spec_slugs, run_kb_check
from bot.answers.knowledge_base import (
    Article,
    KnowledgeBase,
    KnowledgeBaseError,
    article_link,
    parse_start_payload,
    start_payload,
)
from bot.answers.matcher import DEFAULT_THRESHOLDS, Match, Matcher
from bot.answers.synonyms import SynonymTable, load_synonym_groups
from bot.answers.tokenize import Analysis, Analyzer, Vocabulary, detect_language, normalize
from bot.answers.triage import SupportQuestionFilter

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Analysis",
    "Analyzer",
    "Article",
    "ArticleIndex",
    "Decision",
    "Evaluation",
    "Hit",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "Match",
    "Matcher",
    "Problem",
    "Ranking",
    "Scored",
    "SupportQuestionFilter",
    "SynonymTable",
    "Thresholds",
    "Vocabulary",
    "article_link",
    "calibrate",
    "check_knowledge_base",
    "detect_language",
    "evaluate",
    "load_default_matcher",
    "load_spec_slugs",
    "load_synonym_groups",
    "normalize",
    "parse_start_payload",
    "run_ask",
    "run_ask_jsonl",
    "run_kb_check",
    "start_payload",
]
