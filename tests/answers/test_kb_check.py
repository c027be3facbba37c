from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.answers.kb_check import (
    Problem,
    check_knowledge_base,
    load_spec_slugs,
    run_kb_check,
)
from content import CONTENT_DIR
from tests.answers.fixtures import write_article, write_categories

SPEC = ["find-uid", "reset-2fa"]


def _valid(root: Path) -> None:
    write_categories(root, ["account", "security"])
    for lang in ("en", "zh"):
        write_article(root, "find-uid", lang, related=["reset-2fa"])
        write_article(
            root,
            "reset-2fa",
            lang,
            category="security",
            body=BODY_WITH_LINK,
        )


BODY_WITH_LINK = "Intro.\n\n## Next\n\nSee [Find your UID](slug:find-uid).\n"


def _problems(root: Path, spec: list[str] | None = SPEC) -> list[str]:
    return [str(p) for p in check_knowledge_base(root, spec)]


def test_valid_fixture_has_no_problems(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    _valid(root)
    assert check_knowledge_base(root, SPEC) == []


Mutation = Callable[[Path], object]


def _remove(root: Path, slug: str) -> None:
    for path in root.glob(f"*/{slug}.md"):
        path.unlink()


CASES: list[tuple[str, Mutation, str]] = [
    (
        "missing field",
        lambda r: write_article(r, "find-uid", "en", title=None),
        "en/find-uid.md: title: missing or empty",
    ),
    (
        "empty field",
        lambda r: write_article(r, "find-uid", "en", summary="  "),
        "en/find-uid.md: summary: missing or empty",
    ),
    (
        "list field of the wrong type",
        lambda r: write_article(r, "find-uid", "en", aliases="just one string"),
        "en/find-uid.md: aliases: must be a list of non-empty strings",
    ),
    (
        "bad lang",
        lambda r: write_article(r, "find-uid", "en", lang="fr"),
        "en/find-uid.md: lang: 'fr' is not one of en, zh",
    ),
    (
        "lang not matching the folder",
        lambda r: write_article(r, "find-uid", "en", lang="zh"),
        "en/find-uid.md: lang: 'zh' but the file is in en/",
    ),
    (
        "bad category",
        lambda r: write_article(r, "find-uid", "en", category="misc"),
        "en/find-uid.md: category: 'misc' is not one of: account, security",
    ),
    (
        "slug differs from the file name",
        lambda r: write_article(r, "find-uid", "en", slug="find-my-uid"),
        "en/find-uid.md: slug: 'find-my-uid' differs from the file name 'find-uid'",
    ),
    (
        "slug with bad characters",
        lambda r: write_article(r, "Find_UID", "en"),
        "en/Find_UID.md: slug: 'Find_UID' must be lower-case words joined by '-'",
    ),
    (
        "duplicate slug",
        lambda r: write_article(r, "find-uid-copy", "en", slug="find-uid"),
        "en/find-uid.md: slug: duplicate 'find-uid' (also in",
    ),
    (
        "missing translation",
        lambda r: write_article(r, "extra-article", "en"),
        "zh/extra-article.md: missing translation: 'extra-article' exists only in en",
    ),
    (
        "missing contract slug",
        lambda r: _remove(r, "reset-2fa"),
        "en/reset-2fa.md: contract slug 'reset-2fa' missing",
    ),
    (
        "broken link",
        lambda r: write_article(r, "reset-2fa", "zh", body="## A\n\n[x](slug:no-such)\n"),
        "zh/reset-2fa.md: body: broken link (slug:no-such): no zh article",
    ),
    (
        "broken related entry",
        lambda r: write_article(r, "find-uid", "zh", related=["gone-article"]),
        "zh/find-uid.md: related: 'gone-article' is not a zh article",
    ),
    (
        "summary too long",
        lambda r: write_article(r, "find-uid", "zh", summary="很长" * 70),
        "zh/find-uid.md: summary: 140 characters, at most 120",
    ),
    (
        "invalid YAML",
        lambda r: (r / "en" / "find-uid.md").write_text("---\ntitle: [oops\n---\nx\n"),
        "en/find-uid.md: front matter: invalid YAML front matter",
    ),
    (
        "no front matter",
        lambda r: (r / "en" / "find-uid.md").write_text("# Just markdown\n"),
        "en/find-uid.md: front matter: no YAML front matter",
    ),
    (
        "empty body",
        lambda r: write_article(r, "find-uid", "en", body="\n"),
        "en/find-uid.md: body: empty",
    ),
    (
        "body without sections",
        lambda r: write_article(r, "find-uid", "en", body="One paragraph only.\n"),
        "en/find-uid.md: body: has no '## ' sections",
    ),
    (
        "unknown placeholder",
        lambda r: write_article(r, "find-uid", "en", title="Find your {brnad} UID"),
        "en/find-uid.md: placeholder: unknown {brnad}",
    ),
    (
        "file outside the language folders",
        lambda r: write_article(r, "find-uid", "fr"),
        "fr/find-uid.md: not in a language folder",
    ),
]


@pytest.mark.parametrize(("kind", "mutate", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_problem_is_reported_with_file_and_field(
    tmp_path: Path, kind: str, mutate: Mutation, expected: str
) -> None:
    root = tmp_path / "articles"
    _valid(root)
    mutate(root)
    problems = _problems(root)
    assert any(expected in p for p in problems), problems


def test_problem_string_form() -> None:
    assert str(Problem("a.md", "title", "missing")) == "a.md: title: missing"
    assert str(Problem("a.md", None, "odd")) == "a.md: odd"


def test_missing_folder(tmp_path: Path) -> None:
    assert "articles folder not found" in _problems(tmp_path / "nope")[0]


def test_spec_list_is_optional(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    _valid(root)
    assert _problems(root, None) == []
    assert _problems(root, [*SPEC, "brand-new"]) == [
        f"{root}/en/brand-new.md: contract slug 'brand-new' missing",
        f"{root}/zh/brand-new.md: contract slug 'brand-new' missing",
    ]


def test_contract_list_matches_the_spec_table() -> None:
    slugs = load_spec_slugs(CONTENT_DIR / "spec_slugs.txt")
    assert len(slugs) == 44 == len(set(slugs))
    spec = Path(CONTENT_DIR).parent.parent / "shared" / "help-center-spec.md"
    if spec.is_file():  # beside the repository on a developer machine, not in CI
        table = [line.split("|")[1].strip() for line in spec.read_text().splitlines()
                 if line.startswith("| ") and line.count("|") == 4]
        assert sorted(slugs) == sorted(s for s in table if s not in {"slug"})


def test_shipped_content_passes() -> None:
    out = io.StringIO()
    code = run_kb_check(out)
    assert code == 0, out.getvalue()
    assert out.getvalue().rstrip().endswith("OK")
