"""Public answers through the real bot process: when it speaks, what it posts, votes, browsing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sandbox import ControlClient
from sandbox.models import ChatMessage
from tests.e2e.harness import BotProcess


async def _group(control: ControlClient) -> int:
    chat = await control.create_chat(
        "supergroup",
        title="Nova Community",
        bot_status="administrator",
        bot_rights={"can_delete_messages": True},
    )
    return chat.id


async def test_group_question_gets_a_threaded_card(
    beacon: BotProcess, control: ControlClient
) -> None:
    group = await _group(control)
    ann = await control.create_user("Ann", language_code="en")
    li = await control.create_user("小李", language_code="zh-hans")

    question = await control.send_message(
        group, "my deposit still not there after 2 hours, why?", from_user=ann.id
    )
    card = await control.wait_for_message(group, lambda m: m.from_bot, timeout=10)
    assert card.reply_to_message_id == question.message_id
    assert "start=art_deposit-not-credited_en" in (card.text or "") or any(
        "deposit-not-credited" in str(e) for e in card.raw.get("entities", [])
    )
    assert len(card.callback_data()) == 2  # 👍 / 👎

    # /ask in Chinese is answered in Chinese, after the first answer (no cooldown for /ask).
    await control.send_message(group, "/ask 谷歌验证器丢了怎么办", from_user=li.id)
    zh = await control.wait_for_message(
        group, lambda m: m.from_bot and "查看完整指南" in (m.text or "")
    )
    assert zh.reply_to_message_id is not None

    # A vote is stored.
    answer_id = int(card.callback_data()[0].split(":")[1])
    query = await control.press_button(group, card.message_id, ann.id, card.callback_data()[0])
    await control.wait_for_call("answerCallbackQuery")
    assert (await control.callback_query(query)).text == "Thanks for the feedback!"
    with sqlite3.connect(beacon.database_path) as db:
        assert db.execute(
            "SELECT helpful FROM answer_votes WHERE answer_id = ? AND user_id = ?",
            (answer_id, ann.id),
        ).fetchone() == (1,)


async def test_chatter_gets_no_reply(beacon: BotProcess, control: ControlClient) -> None:
    group = await _group(control)
    ann = await control.create_user("Ann")
    for text in ("gm gm", "BTC to the moon 🚀🚀", "今天行情不错", "lol same", "ETH 3500 了"):
        await control.send_message(group, text, from_user=ann.id)
    await control.wait_until_consumed()
    # A question after the chatter proves the bot was listening all along.
    ask = await control.send_message(group, "/ask how do I find my uid", from_user=ann.id)
    await control.wait_for_message(group, lambda m: m.reply_to_message_id == ask.message_id)
    await control.wait_until_consumed()
    assert [m.reply_to_message_id for m in await control.bot_messages(group)] == [ask.message_id]


def _links_to(message: ChatMessage, slug: str) -> bool:
    """The card's "Read the full guide" link (a text_link entity) opens `slug`."""
    return any(
        f"start=art_{slug}_" in str(e.get("url", "")) for e in message.raw.get("entities", [])
    )


async def test_did_you_mean_button_in_a_group_posts_the_card_threaded_to_the_question(
    bot_process: Callable[..., BotProcess], control: ControlClient
) -> None:
    beacon = bot_process(ANSWER_USER_LIMIT_PER_HOUR="2")
    await beacon.start()
    group = await _group(control)
    ann = await control.create_user("Ann")
    bob = await control.create_user("Bob")
    # A bare topic, not a question: the bot offers the closest guides.
    question = await control.send_message(group, "/ask withdrawal", from_user=ann.id)
    offer = await control.wait_for_message(group, lambda m: bool(m.callback_data()))
    assert offer.reply_to_message_id == question.message_id
    data = "art:withdraw-crypto:en"
    assert data in offer.callback_data()

    # Bob presses the button again and again: two cards (his hourly limit), then a note.
    notes = []
    for _ in range(3):
        query_id = await control.press_button(group, offer.message_id, bob.id, data)
        await control.wait_for_call(
            "answerCallbackQuery",
            predicate=lambda c, q=query_id: c.params.get("callback_query_id") == q,
        )
        notes.append((await control.callback_query(query_id)).text)
    await control.wait_until_consumed()
    cards = [m for m in await control.bot_messages(group) if m.message_id != offer.message_id]
    assert len(cards) == 2
    for card in cards:
        assert card.reply_to_message_id == question.message_id
        assert _links_to(card, "withdraw-crypto")
        assert len(card.text or "") < 600  # the card, never the whole guide
        assert [d.split(":")[2] for d in card.callback_data()] == ["1", "0"]
    assert notes[:2] == [None, None] and "privately" in (notes[2] or "")

    # The cards are logged for Bob, with the question the suggestions answered.
    with sqlite3.connect(beacon.database_path) as db:
        rows = db.execute(
            "SELECT user_id, kind, slug, question, question_message_id FROM answers_given"
            " WHERE chat_id = ? ORDER BY answer_id",
            (group,),
        ).fetchall()
    assert rows == [
        (ann.id, "suggest", None, "withdrawal", question.message_id),
        (bob.id, "answer", "withdraw-crypto", "withdrawal", question.message_id),
        (bob.id, "answer", "withdraw-crypto", "withdrawal", question.message_id),
    ]


async def test_faq_browsing_and_full_article_in_private(
    beacon: BotProcess, control: ControlClient
) -> None:
    ann = await control.create_user("Ann")
    await control.send_message(ann.id, "/faq")
    menu = await control.wait_for_message(ann.id, lambda m: bool(m.callback_data()))
    assert "faq:security:en" in menu.callback_data()
    await control.press_button(ann.id, menu.message_id, ann.id, "faq:security:en")
    edited = await control.wait_for_message(
        ann.id,
        lambda m: m.message_id == menu.message_id and "art:reset-2fa:en" in m.callback_data(),
    )
    await control.press_button(ann.id, edited.message_id, ann.id, "art:reset-2fa:en")
    article = await control.wait_for_message(ann.id, lambda m: "/ticket" in (m.text or ""))
    assert len(article.text or "") > 500  # the whole guide, not a stub


async def test_deep_link_opens_the_article(beacon: BotProcess, control: ControlClient) -> None:
    li = await control.create_user("小李", language_code="zh-hans")
    await control.send_message(li.id, "/start art_withdrawal-pending_zh")
    article = await control.wait_for_message(li.id)
    assert "提币" in (article.text or "")


async def test_private_question_and_inline_mode(beacon: BotProcess, control: ControlClient) -> None:
    ann = await control.create_user("Ann")
    await control.send_message(ann.id, "withdrawal stuck pending for hours")
    reply = await control.wait_for_message(ann.id)
    assert (reply.text or "").startswith("My withdrawal is pending")

    query_id = await control.inline_query(ann.id, "deposit not arrived")
    await control.wait_for_call("answerInlineQuery")
    answer = await control.inline_answer(query_id)
    assert answer.answered and answer.results
    assert answer.results[0]["id"].startswith("deposit-not-credited")
