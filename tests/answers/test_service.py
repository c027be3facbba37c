"""The Q&A service: when the bot speaks in a group, what it stores, votes and gaps."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.answers import Matcher
from bot.answers.service import AnswerLimits, AnswerService, markdown_to_telegram_html, message_link
from bot.messages import Inbound, Sender
from bot.storage import Database
from bot.texts import Texts

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
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "a.db")
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
    reply, answer_id = await service.answer_in_group(
        ask("how do I reset my 2FA, lost my phone?", message_id=41),
        "how do I reset my 2FA, lost my phone?",
        BOT,
    )
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
    assert await service.answer_in_group(ask(chatter), chatter, BOT) == (None, None)


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
    reply, _ = await service.answer_in_group(
        ask("充值没到账怎么办", lang="zh"), "充值没到账怎么办", BOT
    )
    assert reply is not None
    assert "https://help.nova.example/zh/articles/deposit-not-credited" in reply.text
    assert "查看完整指南" in reply.text


async def test_chat_cooldown_then_repeat_pointer(service: AnswerService, clock: FakeClock) -> None:
    q = "my deposit has not arrived after 2 hours, why?"
    first, answer_id = await service.answer_in_group(ask(q, user=1, message_id=10), q, BOT)
    assert first is not None and answer_id is not None
    await service.record_reply_message(answer_id, 11)
    # Another member asks something else a few seconds later: the group cooldown holds.
    q2 = "how to enable google authenticator?"
    assert await service.answer_in_group(ask(q2, user=2, message_id=12), q2, BOT) == (None, None)
    # After the cooldown, the same question again gets a pointer to the earlier answer.
    clock.advance(30)
    pointer, pointer_id = await service.answer_in_group(ask(q, user=3, message_id=13), q, BOT)
    assert pointer is not None and pointer_id is None
    assert message_link(GROUP, 11) in pointer.text
    # Outside the repeat window it is answered in full again.
    clock.advance(601)
    again, again_id = await service.answer_in_group(ask(q, user=3, message_id=14), q, BOT)
    assert again is not None and again_id is not None and "<b>" in again.text


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
        reply, _ = await service.answer_in_group(ask(q, addressed=True, message_id=n), q, BOT)
        replies.append(reply)
    assert all(r is not None for r in replies[:3])
    assert replies[3] is None  # 3 per user per hour


async def test_addressed_nonsense_is_declined_politely_and_kept_as_a_gap(
    service: AnswerService,
) -> None:
    q = "can you recommend a good pizza place near 12345678 street?"
    reply, answer_id = await service.answer_in_group(ask(q, addressed=True), q, BOT)
    assert reply is not None and answer_id is None
    assert "private" in reply.text.lower()
    gaps = await service.gaps()
    assert gaps == [
        ("can you recommend a good pizza place near [ACCOUNT_ID] street?", 1, "declined")
    ]


async def test_votes_are_stored_once_per_person_and_downvotes_become_gaps(
    service: AnswerService, db: Database
) -> None:
    q = "how do I reset my 2FA"
    _, answer_id = await service.answer_in_group(ask(q, addressed=True), q, BOT)
    assert answer_id is not None
    assert "Thanks" in await service.vote(answer_id, 5, True, "en")
    await service.vote(answer_id, 5, False, "en")  # changed their mind: the latest counts
    await service.vote(answer_id, 6, False, "zh")
    rows = await db.fetch_all("SELECT user_id, helpful FROM answer_votes ORDER BY user_id")
    assert rows == [{"user_id": 5, "helpful": 0}, {"user_id": 6, "helpful": 0}]
    assert (await service.gaps())[0] == ("[👎 reset-2fa]", 2, "downvoted")


async def test_unknown_answer_vote_is_explained(service: AnswerService) -> None:
    assert "too old" in await service.vote(999, 5, True, "en")


async def test_private_chat_always_offers_something(service: AnswerService) -> None:
    card = await service.answer_in_private(ask("how to withdraw", chat_id=7), BOT)
    offered = card.text + " ".join(b.callback_data or "" for row in card.buttons for b in row)
    assert "withdraw-crypto" in offered or "withdraw" in card.text.lower()
    vague = await service.answer_in_private(ask("account", chat_id=7), BOT)
    assert vague.buttons and len(vague.buttons) <= 3


async def test_forget_user_removes_their_rows(service: AnswerService, db: Database) -> None:
    q = "zzz qqq unanswerable thing?"
    await service.answer_in_group(ask(q, user=9, addressed=True), q, BOT)
    _, answer_id = await service.answer_in_group(
        ask("how do I reset my 2FA", user=9, addressed=True), "how do I reset my 2FA", BOT
    )
    assert answer_id is not None
    await service.vote(answer_id, 9, True, "en")
    await service.forget_user(9)
    for table in ("answers_given", "answer_votes", "question_gaps"):
        assert await db.fetch_value(f"SELECT COUNT(*) FROM {table} WHERE user_id = 9") == 0


def test_article_reply_and_markdown() -> None:
    assert markdown_to_telegram_html("## Steps\n- **Open** the [app](slug:find-uid) <now>") == (
        "<b>Steps</b>\n• <b>Open</b> the app &lt;now&gt;"
    )
    assert message_link(-100555, 9) == "https://t.me/c/555/9"
    assert message_link(-555, 9) is None


def test_full_article_fits_in_one_message(service: AnswerService, matcher: Matcher) -> None:
    for article in matcher.knowledge_base:
        reply = service.article_reply(article.slug, article.lang)
        assert len(reply.text) <= 4096
        assert article.title.replace("&", "&amp;").replace("<", "&lt;") in reply.text


def test_categories_menu_lists_every_category(service: AnswerService) -> None:
    names = {"account": {"en": "Account", "zh": "账户"}}
    menu = service.categories_menu("zh", names)
    datas = [b.callback_data for row in menu.buttons for b in row]
    assert datas[0] == "faq:account:zh"
    assert len(datas) == 7
    category = service.category_menu("account", "en", names, {})
    assert any(b.callback_data == "art:find-uid:en" for row in category.buttons for b in row)


def test_inline_results(service: AnswerService) -> None:
    results = service.inline_results("deposit not arrived", "en", BOT)
    assert results and results[0].slug == "deposit-not-credited"
    assert service.inline_results("   ", "en", BOT) == []
