"""The Q&A service: when the bot speaks in a group, what it stores, votes and gaps."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.answers import Matcher
from bot.answers.cards import message_link
from bot.answers.categories import Categories
from bot.answers.service import Answer, AnswerLimits, AnswerService
from bot.messages import Inbound, Sender
from bot.storage import Database
from bot.texts import Texts
from content import CONTENT_DIR

GROUP = -1001234567890
BOT = "nova_bot"


@dataclass
class FakeClock:
    current: datetime = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


def ask(
    text: str,
    *,
    user: int = 7,
    message_id: int = 1,
    addressed: bool = False,
    chat_id: int = GROUP,
    lang: str = "en",
) -> Inbound:
    return Inbound(
        chat_id=chat_id,
        chat_type="supergroup" if chat_id < 0 else "private",
        message_id=message_id,
        text=text,
        language=lang,
        sender=Sender(user, "Ann"),
        addressed_to_bot=addressed,
    )


@pytest.fixture
async def db(database_target: Path | str) -> AsyncIterator[Database]:
    database = await Database.open(database_target)
    yield database
    await database.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def redact_digits(text: str) -> str:
    """Stand-in for the privacy scanner: replaces any run of 6+ digits."""
    import re

    return re.sub(r"\d{6,}", "[ACCOUNT_ID]", text)


@pytest.fixture
def service(matcher: Matcher, db: Database, clock: FakeClock) -> AnswerService:
    return AnswerService(
        matcher,
        db,
        Texts.load("Nova"),
        clock,
        AnswerLimits(chat_cooldown_seconds=20, user_limit_per_hour=3, repeat_window_seconds=600),
        help_center_base_url=None,
        redact=redact_digits,
    )


async def test_confident_question_gets_a_threaded_card_with_votes(service: AnswerService) -> None:
    answer = await service.answer_in_group(
        ask("how do I reset my 2FA, lost my phone?", message_id=41),
        "how do I reset my 2FA, lost my phone?",
        BOT,
    )
    reply, answer_id = answer.reply, answer.answer_id
    assert reply is not None and answer_id is not None
    assert reply.reply_to_message_id == 41
    assert "https://t.me/nova_bot?start=art_reset-2fa_en" in reply.text
    assert [b.callback_data for b in reply.buttons[0]] == [
        f"vote:{answer_id}:1",
        f"vote:{answer_id}:0",
    ]


@pytest.mark.parametrize(
    "chatter",
    ["gm everyone", "BTC to the moon 🚀", "ETH 3500 了", "哈哈哈", "wen lambo", "今天行情不错"],
)
async def test_chatter_gets_nothing(service: AnswerService, chatter: str) -> None:
    assert await service.answer_in_group(ask(chatter), chatter, BOT) == Answer()


async def test_help_center_url_is_used_when_configured(
    matcher: Matcher, db: Database, clock: FakeClock
) -> None:
    service = AnswerService(
        matcher,
        db,
        Texts.load("Nova"),
        clock,
        AnswerLimits(),
        "https://help.nova.example/",
        redact_digits,
    )
    reply = (
        await service.answer_in_group(ask("充值没到账怎么办", lang="zh"), "充值没到账怎么办", BOT)
    ).reply
    assert reply is not None
    assert "https://help.nova.example/zh/articles/deposit-not-credited" in reply.text
    assert "查看完整指南" in reply.text


async def test_chat_cooldown_then_repeat_pointer(service: AnswerService, clock: FakeClock) -> None:
    q = "my deposit has not arrived after 2 hours, why?"
    first = await service.answer_in_group(ask(q, user=1, message_id=10), q, BOT)
    assert first.reply is not None and first.answer_id is not None
    await service.record_reply_message(first.answer_id, 11)
    # Another member asks something else a few seconds later: the group cooldown holds.
    q2 = "how to enable google authenticator?"
    assert await service.answer_in_group(ask(q2, user=2, message_id=12), q2, BOT) == Answer()
    # After the cooldown, the same question again gets a pointer to the earlier answer.
    clock.advance(30)
    pointer = await service.answer_in_group(ask(q, user=3, message_id=13), q, BOT)
    assert pointer.reply is not None and pointer.answer_id is None
    assert str(message_link(GROUP, 11)) in pointer.reply.text
    # Outside the repeat window it is answered in full again.
    clock.advance(601)
    again = await service.answer_in_group(ask(q, user=3, message_id=14), q, BOT)
    assert again.reply is not None and again.answer_id is not None
    assert "<b>" in again.reply.text


async def test_addressed_questions_skip_the_cooldown_but_not_the_user_limit(
    service: AnswerService,
) -> None:
    questions = [
        "how to withdraw usdt",
        "what is the funding rate",
        "how to do kyc",
        "how do I find my uid",
    ]
    replies = []
    for n, q in enumerate(questions):
        answer = await service.answer_in_group(ask(q, addressed=True, message_id=n), q, BOT)
        replies.append(answer.reply)
    assert all(r is not None for r in replies[:3])
    assert replies[3] is None  # 3 per user per hour


@pytest.mark.parametrize("addressed", [False, True])
@pytest.mark.parametrize(
    "spam",
    [
        "free airdrop claim now at bit.ly/xxx",
        "deposit 1 eth get 2 eth back, limited time!!",
        "send me your seed phrase to verify your wallet",
    ],
)
async def test_spam_gets_nothing_and_uses_no_cooldown(
    service: AnswerService, db: Database, spam: str, addressed: bool
) -> None:
    assert await service.answer_in_group(ask(spam, addressed=addressed), spam, BOT) == Answer()
    assert await db.fetch_value("SELECT COUNT(*) FROM answers_given") == 0
    assert await service.gaps() == []
    # A real question right after it is answered: no cooldown was started.
    q = "my deposit has not arrived after 2 hours, why?"
    answer = await service.answer_in_group(ask(q, user=2, message_id=2), q, BOT)
    assert answer.reply is not None and answer.answer_id is not None


async def test_addressed_questions_share_a_per_chat_limit(
    matcher: Matcher, db: Database, clock: FakeClock
) -> None:
    limits = AnswerLimits(user_limit_per_hour=6, chat_replies_per_minute=3)
    service = AnswerService(matcher, db, Texts.load("Nova"), clock, limits, None, redact_digits)
    questions = [
        "how to withdraw usdt",
        "what is the funding rate",
        "how do I find my uid",
        "how to enable google authenticator",
    ]
    # Four members each /ask once within a minute: three replies, then the bot holds back.
    replies = [
        (await service.answer_in_group(ask(q, user=n, message_id=n, addressed=True), q, BOT))
        for n, q in enumerate(questions)
    ]
    assert [r.reply is not None for r in replies] == [True, True, True, False]
    # Another chat is not affected, and a minute later this chat gets answers again.
    other = await service.answer_in_group(
        ask(questions[3], addressed=True, chat_id=-1009, message_id=5), questions[3], BOT
    )
    assert other.reply is not None
    clock.advance(61)
    later = await service.answer_in_group(
        ask(questions[3], user=9, addressed=True, message_id=6), questions[3], BOT
    )
    assert later.reply is not None


async def test_addressed_nonsense_is_declined_politely_and_kept_as_a_gap(
    service: AnswerService,
) -> None:
    q = "can you recommend a good pizza place near 12345678 street?"
    answer = await service.answer_in_group(ask(q, addressed=True), q, BOT)
    assert answer.reply is not None and answer.answer_id is None
    assert "private" in answer.reply.text.lower()
    gaps = await service.gaps()
    assert gaps == [
        ("can you recommend a good pizza place near [ACCOUNT_ID] street?", 1, "declined")
    ]


async def test_votes_are_stored_once_per_person(service: AnswerService, db: Database) -> None:
    q = "how do I reset my 2FA"
    answer_id = (await service.answer_in_group(ask(q, addressed=True), q, BOT)).answer_id
    assert answer_id is not None
    assert "Thanks" in await service.vote(answer_id, 5, True, "en")
    await service.vote(answer_id, 5, False, "en")  # changed their mind: the latest counts
    await service.vote(answer_id, 6, False, "zh")
    rows = await db.fetch_all("SELECT user_id, helpful FROM answer_votes ORDER BY user_id")
    assert rows == [{"user_id": 5, "helpful": 0}, {"user_id": 6, "helpful": 0}]


async def test_downvote_keeps_the_redacted_question_once_per_person(
    service: AnswerService, db: Database
) -> None:
    q = "how do I reset my 2FA, my uid is 12345678"
    answer_id = (await service.answer_in_group(ask(q, addressed=True), q, BOT)).answer_id
    assert answer_id is not None
    stored = await db.fetch_value(
        "SELECT question FROM answers_given WHERE answer_id = ?", (answer_id,)
    )
    assert stored == "how do I reset my 2FA, my uid is [ACCOUNT_ID]"
    for _ in range(4):  # pressing 👎 again and again is still one gap
        await service.vote(answer_id, 5, False, "en")
    await service.vote(answer_id, 6, False, "en")
    assert await service.gaps() == [(stored, 2, "downvoted")]
    # Changing a 👎 to a 👍 withdraws that person's gap.
    await service.vote(answer_id, 6, True, "en")
    assert await service.gaps() == [(stored, 1, "downvoted")]
    rows = await db.fetch_all("SELECT slug, answer_id, user_id FROM question_gaps")
    assert rows == [{"slug": "reset-2fa", "answer_id": answer_id, "user_id": 5}]


async def test_stored_times_are_whole_seconds(
    service: AnswerService, db: Database, clock: FakeClock
) -> None:
    # Six microsecond digits in a stored time once matched a posted 6-digit code in the
    # no-secret-stored audit; whole seconds leave no such stray digits.
    clock.current = clock.current.replace(microsecond=345720)
    q = "how do I reset my 2FA"
    answer_id = (await service.answer_in_group(ask(q, addressed=True), q, BOT)).answer_id
    assert answer_id is not None
    await service.vote(answer_id, 5, False, "en")
    nonsense = "can you recommend a good pizza place?"
    await service.answer_in_group(ask(nonsense, addressed=True, message_id=2), nonsense, BOT)
    times = [
        row["created_at"]
        for table in ("answers_given", "answer_votes", "question_gaps")
        for row in await db.fetch_all(f"SELECT created_at FROM {table}")
    ]
    assert len(times) == 5
    assert set(times) == {"2026-11-26T12:00:00+00:00"}


async def test_unknown_answer_vote_is_explained(service: AnswerService) -> None:
    assert "too old" in await service.vote(999, 5, True, "en")


async def test_private_chat_always_offers_something(service: AnswerService) -> None:
    offer = await service.answer_in_private(ask("how to withdraw", chat_id=7), BOT)
    assert "start=art_withdraw-crypto_en" in offer.text  # answered: a support question
    vague = await service.answer_in_private(ask("account", chat_id=7), BOT)
    assert vague.buttons and len(vague.buttons) <= 3


async def test_private_answer_keeps_the_question_for_votes(
    service: AnswerService, db: Database
) -> None:
    card = await service.answer_in_private(ask("how do I find my uid", chat_id=7), BOT)
    assert "start=art_find-uid_en" in card.text
    answer_id = int(str(card.buttons[0][1].callback_data).split(":")[1])
    await service.vote(answer_id, 7, False, "en")
    assert await service.gaps() == [("how do I find my uid", 1, "downvoted")]


# -- "did you mean" buttons -------------------------------------------------------------------


def press(*, user: int = 8, question_id: int = 50, chat_id: int = GROUP) -> Inbound:
    """A button press as the handler converts it: the presser, and the question replied to."""
    return Inbound(
        chat_id=chat_id,
        chat_type="supergroup" if chat_id < 0 else "private",
        message_id=question_id,
        text="",
        language="en",
        sender=Sender(user, "Bo"),
        addressed_to_bot=True,
    )


async def test_button_in_a_group_posts_only_the_card_threaded_to_the_question(
    service: AnswerService, db: Database
) -> None:
    q = "how to withdraw my 1234567 coins"
    suggested = await service.answer_in_group(ask(q, addressed=True, message_id=50), q, BOT)
    assert suggested.reply is not None and suggested.reply.buttons
    answer = await service.open_article(press(), "withdraw-crypto", "en", BOT)
    assert answer.reply is not None and answer.answer_id is not None and answer.notice is None
    assert answer.reply.reply_to_message_id == 50
    assert "start=art_withdraw-crypto_en" in answer.reply.text
    assert len(answer.reply.text) < 600  # the card, not the guide
    assert [b.callback_data for b in answer.reply.buttons[0]] == [
        f"vote:{answer.answer_id}:1",
        f"vote:{answer.answer_id}:0",
    ]
    row = await db.fetch_one(
        "SELECT user_id, kind, slug, question FROM answers_given WHERE answer_id = ?",
        (answer.answer_id,),
    )
    # Logged for the presser, with the question the suggestions answered.
    assert row == {
        "user_id": 8,
        "kind": "answer",
        "slug": "withdraw-crypto",
        "question": "how to withdraw my [ACCOUNT_ID] coins",
    }


async def test_buttons_in_a_group_count_towards_the_hourly_limit(service: AnswerService) -> None:
    answers = [await service.open_article(press(), "find-uid", "en", BOT) for _ in range(4)]
    assert all(a.reply is not None for a in answers[:3])
    assert answers[3].reply is None and answers[3].answer_id is None
    assert answers[3].notice is not None and "privately" in answers[3].notice


async def test_button_in_private_opens_the_whole_guide(service: AnswerService) -> None:
    answer = await service.open_article(press(chat_id=8), "withdraw-crypto", "en", BOT)
    assert answer.reply is not None and answer.answer_id is None
    assert len(answer.reply.text) > 1000 and "/ticket" in answer.reply.text


@pytest.mark.parametrize(
    ("chat_id", "has_reply", "has_notice"), [(GROUP, False, True), (8, True, False)]
)
async def test_button_for_a_removed_guide(
    service: AnswerService, chat_id: int, has_reply: bool, has_notice: bool
) -> None:
    answer = await service.open_article(press(chat_id=chat_id), "no-such-guide", "en", BOT)
    assert (answer.reply is not None, answer.notice is not None) == (has_reply, has_notice)


async def test_forget_user_removes_their_rows(service: AnswerService, db: Database) -> None:
    q = "zzz qqq unanswerable thing?"
    await service.answer_in_group(ask(q, user=9, addressed=True), q, BOT)
    answer_id = (
        await service.answer_in_group(
            ask("how do I reset my 2FA", user=9, addressed=True), "how do I reset my 2FA", BOT
        )
    ).answer_id
    assert answer_id is not None
    await service.vote(answer_id, 9, False, "en")
    await service.forget_user(9)
    for table in ("answers_given", "answer_votes", "question_gaps"):
        assert await db.fetch_value(f"SELECT COUNT(*) FROM {table} WHERE user_id = 9") == 0
    assert (
        await db.fetch_value("SELECT COUNT(*) FROM answers_given WHERE question IS NOT NULL") == 0
    )


async def test_forget_user_removes_another_members_vote_on_their_question(
    service: AnswerService, db: Database
) -> None:
    q = "how do I reset my 2FA"
    answer_id = (await service.answer_in_group(ask(q, user=9, addressed=True), q, BOT)).answer_id
    assert answer_id is not None
    await service.vote(answer_id, 10, False, "en")  # member 10's 👎 keeps 9's question
    assert await db.fetch_value("SELECT COUNT(*) FROM question_gaps WHERE user_id = 10") == 1
    await service.forget_user(9)
    assert await db.fetch_value("SELECT COUNT(*) FROM question_gaps") == 0


def test_full_article_fits_in_one_message(service: AnswerService, matcher: Matcher) -> None:
    for article in matcher.knowledge_base:
        reply = service.article_reply(article.slug, article.lang, BOT)
        assert len(reply.text) <= 4096
        assert article.title.replace("&", "&amp;").replace("<", "&lt;") in reply.text


def test_full_article_links_open_the_next_guides(
    service: AnswerService, matcher: Matcher, db: Database, clock: FakeClock
) -> None:
    # Without a help center: deep links that open the linked guide in the private chat.
    reply = service.article_reply("deposit-crypto", "en", BOT)
    assert (
        '<a href="https://t.me/nova_bot?start=art_deposit-not-credited_en">'
        "My deposit has not arrived</a>" in reply.text
    )
    assert "slug:" not in reply.text
    # With one: the help-center page of the guide, in the article's language.
    web = AnswerService(
        matcher, db, Texts.load("Nova"), clock, AnswerLimits(), "https://help.nova.example",
        redact_digits,
    )  # fmt: skip
    zh = web.article_reply("deposit-crypto", "zh", BOT).text
    assert '<a href="https://help.nova.example/zh/articles/deposit-not-credited">' in zh


def test_topics_follow_the_categories_file(service: AnswerService) -> None:
    menu = service.browse("", "zh")
    datas = [b.callback_data for row in menu.buttons for b in row]
    order = list(Categories.load(CONTENT_DIR / "categories.yaml").ordered(["events", "account"]))
    assert order == ["account", "events"]
    assert datas[0] == "faq:account:zh" and menu.buttons[0][0].text == "账户"
    assert len(datas) == 7
    category = service.browse("account", "en")
    assert category.text.startswith("<b>Account</b>\nSign-up, login")
    assert any(b.callback_data == "art:find-uid:en" for row in category.buttons for b in row)
    assert category.buttons[-1][0].callback_data == "faq::en"


@pytest.mark.parametrize(
    ("chat_id", "with_help", "starts", "reply_to"),
    [
        (7, True, "Here is what I can do for you:", None),
        (GROUP, True, "Ask me a question with /ask", 3),
        (GROUP, False, "Choose a topic:", 3),
    ],
)
def test_help_and_faq_are_one_message(
    service: AnswerService, chat_id: int, with_help: bool, starts: str, reply_to: int | None
) -> None:
    reply = service.help_and_topics(
        ask("/help", chat_id=chat_id, message_id=3), "en", with_help=with_help
    )
    assert reply.text.startswith(starts) and reply.text.endswith("Choose a topic:")
    assert reply.reply_to_message_id == reply_to
    assert reply.buttons[0][0].callback_data == "faq:account:en"


def test_inline_results(service: AnswerService) -> None:
    results = service.inline_results("deposit not arrived", "en", BOT)
    assert results and results[0].slug == "deposit-not-credited"
    assert service.inline_results("   ", "en", BOT) == []
