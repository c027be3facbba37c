"""What Beacon says under a mention: the real matcher and the real privacy scanner."""

from __future__ import annotations

import dataclasses

import pytest

from bot.answers import Article, Match, Matcher, article_link
from bot.deep_links import deep_link
from bot.texts import Texts
from bot.x import Mention, MentionResponder, fits_in_tweet, is_addressed, question_text
from privacy import PrivacyScanner
from tests.fakes.x_fixtures import BOT_USERNAME

SEED = "legal winner thank year wave sausage worth useful legal winner thank yellow"
CONTACT = deep_link(BOT_USERNAME, "ticket")


@pytest.fixture
def responder(matcher: Matcher, scanner: PrivacyScanner, texts: Texts) -> MentionResponder:
    return MentionResponder(
        matcher=matcher,
        articles=matcher.knowledge_base,
        scanner=scanner,
        texts=texts,
        link_for=lambda article: article_link(article, None, BOT_USERNAME),
        contact_link=CONTACT,
    )


def _mention(text: str, *, reply_to_user: str | None = None, user: str = "alice") -> Mention:
    return Mention("50", "2000", user, text, None, reply_to_user)


@pytest.mark.parametrize(
    ("text", "slug", "lang"),
    [
        ("@AcmeSupport How do I reset my 2FA?", "reset-2fa", "en"),
        ("@AcmeSupport My deposit has not arrived after 2 hours", "deposit-not-credited", "en"),
        ("@AcmeSupport 我的充值没到账怎么办", "deposit-not-credited", "zh"),
    ],
)
def test_a_question_gets_the_article_link(
    responder: MentionResponder, texts: Texts, text: str, slug: str, lang: str
) -> None:
    reply = responder.respond(_mention(text), "AcmeSupport")
    assert reply is not None
    assert (reply.kind, reply.lang) == ("answered", lang)
    assert f"https://t.me/{BOT_USERNAME}?start=art_{slug}_{lang}" in reply.text
    assert reply.text.startswith("@alice ")
    assert fits_in_tweet(reply.text)
    head = texts.raw("x.answer", lang).split("{title}")[0].replace("{mention} ", "")
    assert head in reply.text  # in the question's language


@pytest.mark.parametrize(
    "text",
    [
        f"@AcmeSupport help, my wallet is empty. my seed is {SEED}",
        f"@AcmeSupport 我的助记词是 {SEED} 资产不见了",
    ],
)
def test_private_data_gets_a_warning_that_does_not_repeat_it(
    responder: MentionResponder, text: str
) -> None:
    reply = responder.respond(_mention(text), "AcmeSupport")
    assert reply is not None
    assert reply.kind == "warned"
    assert CONTACT in reply.text
    assert not set(SEED.split()) & set(reply.text.lower().split())
    assert fits_in_tweet(reply.text)


def test_chinese_warning_for_a_chinese_post(responder: MentionResponder, texts: Texts) -> None:
    reply = responder.respond(_mention(f"@AcmeSupport 我的助记词是 {SEED}"), "AcmeSupport")
    assert reply is not None and reply.lang == "zh"
    assert reply.text == texts.get(
        "x.privacy_warning_critical", "zh", mention="@alice", link=CONTACT
    )


@pytest.mark.parametrize(
    "text", ["@AcmeSupport lol", "@AcmeSupport great news, thanks!", "@AcmeSupport"]
)
def test_chitchat_gets_nothing(responder: MentionResponder, text: str) -> None:
    assert responder.respond(_mention(text), "AcmeSupport") is None


def test_a_reply_under_our_post_is_answered_only_when_confident(
    responder: MentionResponder,
) -> None:
    confident = _mention("@AcmeSupport How do I reset my 2FA?", reply_to_user="1000")
    reply = responder.respond(confident, "AcmeSupport")
    assert reply is not None and reply.kind == "answered"
    vague = _mention("@AcmeSupport when is the maintenance over?", reply_to_user="1000")
    assert responder.respond(vague, "AcmeSupport") is None


@pytest.mark.parametrize(
    ("text", "reply_to", "addressed"),
    [
        ("@AcmeSupport how do I deposit?", None, True),
        ("@AcmeSupport @bob nice", "2001", False),
        ("@bob @AcmeSupport nice", "2001", False),
        ("@bob what do you think @acmesupport?", "2001", True),
    ],
)
def test_is_addressed(text: str, reply_to: str | None, addressed: bool) -> None:
    assert is_addressed(_mention(text, reply_to_user=reply_to), "AcmeSupport") is addressed


def test_question_text_drops_handles_only() -> None:
    assert question_text("@AcmeSupport  @bob how do I pay@home? mail a@b.co") == (
        "how do I pay@home? mail a@b.co"
    )


def test_a_title_too_long_for_a_tweet_falls_back_to_the_link_only(
    matcher: Matcher, scanner: PrivacyScanner, texts: Texts
) -> None:
    class LongTitles:
        def get_any(self, slug: str, lang: str) -> Article | None:
            article = matcher.knowledge_base.get_any(slug, lang)
            assert article is not None
            return dataclasses.replace(article, title="Very long title " * 20)

    class AlwaysSuggest:
        def match(self, text: str) -> Match:
            found = matcher.match(text)
            return dataclasses.replace(found, decision="suggest", article=None)

        match_unprompted = match

    responder = MentionResponder(
        matcher=AlwaysSuggest(),
        articles=LongTitles(),
        scanner=scanner,
        texts=texts,
        link_for=lambda article: article_link(article, None, BOT_USERNAME),
        contact_link=CONTACT,
    )
    reply = responder.respond(_mention("@AcmeSupport How do I reset my 2FA?"), "AcmeSupport")
    assert reply is not None and reply.kind == "suggested"
    assert "Very long title" not in reply.text
    assert "start=art_reset-2fa_en" in reply.text
    assert fits_in_tweet(reply.text)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "key",
    ["x.answer_short", "x.suggest_short", "x.privacy_warning", "x.privacy_warning_critical"],
)
def test_every_x_text_fits_a_tweet_with_the_longest_handle(
    texts: Texts, key: str, lang: str
) -> None:
    link = "https://t.me/" + "b" * 32 + "?start=art_" + "s" * 40 + "_en"
    text = texts.get(key, lang, mention="@" + "u" * 15, link=link)
    assert fits_in_tweet(text), (key, lang)
