"""The desk end to end at the service level: real SQLite, a recording gateway, no Telegram."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime

import pytest

from bot.desk import Attachment, DeskMessage, Kind, Person, SupportDesk, build_desk
from bot.messages import Reply
from bot.storage import Database
from bot.texts import Texts
from tests.bot.desk.conftest import (
    AGENT,
    STAFF_CHAT,
    FakeClock,
    PatternDetector,
    RecordingGateway,
    make_settings,
)

ALICE = Person(5001, "Alice", "alice", "en")
LI = Person(5002, "小李", None, "zh")
_ids = itertools.count(100)


def dm(
    person: Person, text: str = "", attachment: Attachment | None = None, **extra: object
) -> DeskMessage:
    return DeskMessage(person, person.user_id, next(_ids), text, attachment, **extra)  # type: ignore[arg-type]


def staff_msg(
    text: str, thread_id: int | None = None, reply_to: int | None = None, user_id: int = AGENT
) -> DeskMessage:
    return DeskMessage(
        Person(user_id, "Anna", "nova_anna"),
        STAFF_CHAT,
        next(_ids),
        text,
        thread_id=thread_id,
        reply_to_message_id=reply_to,
    )


def texts_of(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


async def open_ticket(desk: SupportDesk, person: Person = ALICE) -> int:
    await desk.begin(person, Kind.TICKET)
    await desk.choose(person, "funds")
    for text in ("48213957", "today 09:10", "My USDT deposit has not arrived yet"):
        assert (await desk.on_message(dm(person, text))).handled
    await desk.on_message(dm(person, "", Attachment("photo")))
    await desk.on_message(dm(person, "0xabc0123 is the tx hash"))
    await desk.choose(person, "done")
    await desk.on_message(dm(person, "credit the 250 USDT"))
    replies = await desk.choose(person, "confirm")
    assert "T-" in texts_of(replies)
    ticket = await desk.store.latest_open_ticket(person.user_id)
    assert ticket is not None
    return ticket.ticket_id


async def all_rows_mentioning(db: Database, value: int) -> list[tuple[str, dict[str, object]]]:
    found = []
    for table in await db.table_names():
        for row in await db.fetch_all(f"SELECT * FROM {table}"):
            if any(v == value or (isinstance(v, str) and str(value) in v) for v in row.values()):
                found.append((table, row))
    return found


async def test_full_intake_hands_off_to_a_forum_topic(
    desk: SupportDesk, gateway: RecordingGateway
) -> None:
    ticket_id = await open_ticket(desk)
    ticket = await desk.store.ticket(ticket_id)
    assert ticket is not None
    assert ticket.number == f"T-{ticket_id:06d}"
    assert ticket.answers["uid"] == "48213957" and ticket.category == "funds"
    assert await desk.store.load_state(ALICE.user_id) is None  # the draft became the ticket
    [topic] = gateway.of("create_topic")
    assert topic.chat_id == STAFF_CHAT and ticket.number in topic.text
    header = gateway.of("send")[0]
    assert header.thread_id == ticket.staff_thread_id
    assert "48213957" in header.text and "Alice (@alice)" in header.text
    # The photo is copied into the topic; the typed hash travels as a text line.
    [photo] = gateway.of("copy")
    assert (photo.chat_id, photo.from_chat_id, photo.thread_id) == (
        STAFF_CHAT,
        ALICE.user_id,
        ticket.staff_thread_id,
    )
    assert any("0xabc0123" in c.text for c in gateway.of("send"))


async def test_without_a_forum_the_header_message_is_the_thread(
    db: Database, texts: Texts, clock: FakeClock
) -> None:
    gateway = RecordingGateway(forum=False)
    desk = build_desk(make_settings(), db, texts, clock, gateway, PatternDetector())
    ticket_id = await open_ticket(desk)
    ticket = await desk.store.ticket(ticket_id)
    assert ticket is not None and ticket.staff_thread_id is None
    assert gateway.of("create_topic") == []
    [photo] = gateway.of("copy")
    assert photo.reply_to == ticket.staff_header_message_id
    # An agent answers by replying to the header.
    await desk.staff.on_message(staff_msg("Checking now", reply_to=ticket.staff_header_message_id))
    assert gateway.of("copy")[-1].chat_id == ALICE.user_id


async def test_agent_and_user_talk_through_the_ticket(
    desk: SupportDesk, gateway: RecordingGateway
) -> None:
    ticket = await desk.store.ticket(await open_ticket(desk))
    assert ticket is not None
    assert (
        await desk.staff.on_message(staff_msg("Hi Alice, checking", ticket.staff_thread_id)) == []
    )
    to_user = gateway.of("copy")[-1]
    assert (to_user.chat_id, to_user.from_chat_id) == (ALICE.user_id, STAFF_CHAT)
    result = await desk.on_message(
        dm(ALICE, "Thanks! here is another screenshot", Attachment("photo"))
    )
    assert result.handled and result.replies == []
    to_staff = gateway.of("copy")[-1]
    assert (to_staff.chat_id, to_staff.thread_id) == (STAFF_CHAT, ticket.staff_thread_id)
    entries = await desk.store.entries(ticket.ticket_id)
    assert [e.direction for e in entries][-2:] == ["agent", "user"]
    assigned = await desk.store.ticket(ticket.ticket_id)
    assert assigned is not None and assigned.assignee_id == AGENT  # the first to answer


async def test_close_rate_comment_and_transcript(
    desk: SupportDesk, gateway: RecordingGateway, db: Database
) -> None:
    ticket = await desk.store.ticket(await open_ticket(desk))
    assert ticket is not None
    thread = ticket.staff_thread_id
    await desk.staff.on_message(staff_msg("The deposit is credited now.", thread))
    await desk.staff.command(staff_msg("/note user was polite", thread), "note", "user was polite")
    closed = await desk.staff.command(staff_msg("/close", thread), "close", "")
    assert ticket.number in texts_of(closed)
    notice = gateway.of("send")[-1]
    assert notice.chat_id == ALICE.user_id and notice.reply is not None
    assert [b.callback_data for b in notice.reply.buttons[0]] == [
        f"desk:rate:{ticket.ticket_id}:{n}" for n in range(1, 6)
    ]
    # An agent message after the close is not relayed.
    late = await desk.staff.on_message(staff_msg("one more thing", thread))
    assert "/reopen" in texts_of(late)
    assert gateway.of("copy")[-1].chat_id == ALICE.user_id  # still the earlier relay
    copies_before = len(gateway.of("copy"))
    await desk.staff.on_message(staff_msg("one more thing", thread))
    assert len(gateway.of("copy")) == copies_before

    await desk.rate(ALICE, ticket.ticket_id, 5)
    await desk.on_message(dm(ALICE, "Quick and kind, thank you"))
    assert await desk.store.rating(ticket.ticket_id) == {
        "score": 5,
        "comment": "Quick and kind, thank you",
    }

    await desk.records.transcript(ALICE, "")
    [document] = gateway.of("document")
    body = document.data.decode("utf-8")
    assert document.text == f"{ticket.number}.txt"
    assert "UID: 48213957" in body
    assert "Support: The deposit is credited now." in body
    assert "The ticket was closed." in body
    assert "user was polite" not in body  # internal notes never reach the user


@pytest.mark.parametrize(
    ("command", "argument", "expected_key_text"),
    [
        ("assign", "", "assigned to user id 9001"),
        ("assign", "9002", "assigned to user id 9002"),
        ("assign", "12345", "/assign <staff user id>"),
        ("note", "", "/note <text>"),
        ("reopen", "", "already open"),
        ("ban", "abc", "/ban <user id>"),
        ("ban", "99999999999999999999", "/ban <user id>"),
        ("ban", "9002", "is support staff"),
        ("unban", "", "can use the support desk again"),
    ],
)
async def test_staff_commands(
    desk: SupportDesk, command: str, argument: str, expected_key_text: str
) -> None:
    ticket = await desk.store.ticket(await open_ticket(desk))
    assert ticket is not None
    replies = await desk.staff.command(
        staff_msg(f"/{command}", ticket.staff_thread_id), command, argument
    )
    assert expected_key_text in texts_of(replies)


async def test_strangers_in_the_staff_chat(desk: SupportDesk, gateway: RecordingGateway) -> None:
    ticket = await desk.store.ticket(await open_ticket(desk))
    assert ticket is not None
    calls = len(gateway.calls)
    stranger = staff_msg("I can help you, DM me", ticket.staff_thread_id, user_id=777)
    assert await desk.staff.on_message(stranger) == []
    assert len(gateway.calls) == calls  # nothing reached the user
    refused = await desk.staff.command(stranger, "close", "")
    assert "only support staff" in texts_of(refused)
    still = await desk.store.ticket(ticket.ticket_id)
    assert still is not None and still.is_open
    outside = await desk.staff.command(staff_msg("/close"), "close", "")
    assert "inside a ticket" in texts_of(outside)


async def test_unsatisfied_complaint_gets_the_escalation_routes(
    desk: SupportDesk, gateway: RecordingGateway
) -> None:
    await desk.begin(LI, Kind.COMPLAINT)
    for text in ("48213957", "li@example.com", "2026-03-05 14:32 北京时间"):
        await desk.on_message(dm(LI, text))
    await desk.choose(LI, "futures")
    await desk.on_message(dm(LI, "我的合约订单被错误强平，订单号 778899"))
    await desk.choose(LI, "done")
    await desk.on_message(dm(LI, "赔偿 120 USDT"))
    replies = await desk.choose(LI, "confirm")
    assert "C-" in texts_of(replies)
    ticket = await desk.store.latest_open_ticket(LI.user_id)
    assert ticket is not None and ticket.kind is Kind.COMPLAINT and ticket.category == "futures"
    await desk.staff.command(staff_msg("/close", ticket.staff_thread_id), "close", "")
    notice = gateway.of("send")[-1].reply
    assert notice is not None
    assert f"desk:outcome:{ticket.ticket_id}:no" in [
        b.callback_data for row in notice.buttons for b in row
    ]
    answer = texts_of(await desk.outcome(LI, ticket.ticket_id, satisfied=False))
    for route in ("消费者协会", "金融监管机构", "仲裁机构", "在线争议解决平台", "律师"):
        assert route in answer
    closed = await desk.store.ticket(ticket.ticket_id)
    assert closed is not None and closed.outcome == "unsatisfied"


async def test_secrets_are_removed_and_never_stored(
    desk: SupportDesk, gateway: RecordingGateway, db: Database
) -> None:
    await desk.begin(ALICE, Kind.TICKET)
    await desk.choose(ALICE, "account")
    await desk.on_message(dm(ALICE, "48213957"))
    await desk.on_message(dm(ALICE, "this morning"))
    message = dm(ALICE, "I can't log in, my password hunter2secret stopped working")
    result = await desk.on_message(message)
    assert "a password" in texts_of(result.replies)
    assert gateway.of("delete")[-1].message_id == message.message_id
    state = await desk.store.load_state(ALICE.user_id)
    assert state is not None and "[PASSWORD]" in state[1].answers["what"]
    dumped = [json.dumps(r) for _, r in await all_rows_mentioning(db, ALICE.user_id)]
    assert not any("hunter2secret" in d for d in dumped)


async def test_banned_users_get_a_clear_answer(desk: SupportDesk, db: Database) -> None:
    async with db.write() as tx:
        await tx.execute(
            "INSERT INTO users (user_id, banned, updated_at) VALUES (?, 1, 'x')", (ALICE.user_id,)
        )
    for replies in (
        await desk.begin(ALICE, Kind.TICKET),
        (await desk.on_message(dm(ALICE, "hello"))).replies,
        await desk.start(ALICE, ""),
    ):
        assert "not available for your account" in texts_of(replies)
    assert await desk.store.load_state(ALICE.user_id) is None


async def test_staff_ban_a_ticket_user_and_lift_it(desk: SupportDesk, db: Database) -> None:
    ticket = await desk.store.ticket(await open_ticket(desk))
    assert ticket is not None
    banned = await desk.staff.command(staff_msg("/ban", ticket.staff_thread_id), "ban", "")
    assert f"User id {ALICE.user_id} can no longer use" in texts_of(banned)
    refused = await desk.on_message(dm(ALICE, "why is my deposit late?"))
    assert refused.handled and "not available for your account" in texts_of(refused.replies)
    entries = await desk.store.entries(ticket.ticket_id)
    assert [e.text for e in entries if e.direction == "note"] == ["User banned from the desk."]
    # /unban with an id works anywhere in the staff chat, outside any ticket too.
    lifted = await desk.staff.command(staff_msg(f"/unban {ALICE.user_id}"), "unban", "")
    assert "/ban <user id>" in texts_of(lifted)  # no ticket here: the id must be given
    lifted = await desk.staff.command(
        staff_msg(f"/unban {ALICE.user_id}"), "unban", str(ALICE.user_id)
    )
    assert "can use the support desk again" in texts_of(lifted)
    assert (await desk.on_message(dm(ALICE, "thanks"))).replies != refused.replies


async def test_forget_does_not_lift_a_ban(desk: SupportDesk, db: Database) -> None:
    async with db.write() as tx:  # the user is known by name, as the handlers record it
        await tx.execute(
            "INSERT INTO users (user_id, first_name, username, updated_at) VALUES (?, ?, ?, 'x')",
            (ALICE.user_id, "Alice", "alice"),
        )
    await desk.staff.command(staff_msg(f"/ban {ALICE.user_id}"), "ban", str(ALICE.user_id))
    await desk.records.forget(ALICE, confirmed=True)
    rows = await all_rows_mentioning(db, ALICE.user_id)
    # Only the bare ban is kept: no name, no username, no language.
    assert [(table, row["first_name"], row["username"]) for table, row in rows] == [
        ("users", None, None)
    ]
    refused = await desk.on_message(dm(ALICE, "hello again"))
    assert "not available for your account" in texts_of(refused.replies)


async def test_only_staff_can_ban(desk: SupportDesk) -> None:
    refused = await desk.staff.command(staff_msg("/ban 5001", user_id=777), "ban", "5001")
    assert "only support staff" in texts_of(refused)
    assert (await desk.on_message(dm(ALICE, "hello"))).replies == []


@pytest.mark.parametrize("caption", ["", "deposit screen"])
async def test_a_file_outside_a_ticket_is_offered_a_ticket(desk: SupportDesk, caption: str) -> None:
    result = await desk.on_message(dm(ALICE, caption, Attachment("photo")))
    assert result.handled
    (reply,) = result.replies
    assert "open a ticket" in reply.text
    assert [b.callback_data for row in reply.buttons for b in row] == ["desk:new"]


async def test_outside_hours_the_user_knows_when_to_expect_an_answer(
    db: Database, texts: Texts, gateway: RecordingGateway
) -> None:
    clock = FakeClock(datetime(2026, 3, 4, 22, 30, tzinfo=UTC))
    settings = make_settings(support_hours="09:00-18:00", support_timezone="UTC")
    desk = build_desk(settings, db, texts, clock, gateway, PatternDetector())
    await open_ticket(desk)
    # The submission said when agents are back; a follow-up says it once, not every time.
    first = await desk.on_message(dm(ALICE, "any news?"))
    second = await desk.on_message(dm(ALICE, "hello?"))
    assert "2026-03-05 09:00" in texts_of(first.replies)
    assert second.replies == []


async def test_restart_resumes_the_draft(
    db: Database, texts: Texts, clock: FakeClock, gateway: RecordingGateway
) -> None:
    first = build_desk(make_settings(), db, texts, clock, gateway, PatternDetector())
    await first.begin(ALICE, Kind.TICKET)
    await first.choose(ALICE, "trading")
    await first.on_message(dm(ALICE, "48213957"))
    again = build_desk(make_settings(), db, texts, clock, gateway, PatternDetector())
    resumed = await again.begin(ALICE, Kind.TICKET)
    assert "continue where we left off" in texts_of(resumed)
    assert "When did it happen" in texts_of(resumed)


async def test_verify_by_name_and_by_forward(desk: SupportDesk) -> None:
    await desk.staff.on_message(staff_msg("hello team"))  # records @nova_anna for AGENT
    assert "is official" in texts_of(await desk.verify(ALICE, "@nova_anna"))
    assert "NOT official" in texts_of(await desk.verify(ALICE, "@nova_anna_support"))
    assert "Send me the account" in texts_of(await desk.verify(ALICE, ""))
    forwarded = dm(
        ALICE, "send me your code", forwarded=True, forward_user_id=4242, forward_name="@scammer"
    )
    result = await desk.on_message(forwarded)
    assert "@scammer is NOT official" in texts_of(result.replies)
    assert "never message you first" in texts_of(result.replies)


async def test_forget_leaves_no_row_of_the_user(
    desk: SupportDesk, gateway: RecordingGateway, db: Database
) -> None:
    ticket = await desk.store.ticket(await open_ticket(desk))
    assert ticket is not None
    await desk.staff.on_message(staff_msg("Done", ticket.staff_thread_id))
    await desk.staff.command(staff_msg("/close", ticket.staff_thread_id), "close", "")
    await desk.rate(ALICE, ticket.ticket_id, 4)
    await desk.begin(ALICE, Kind.COMPLAINT)  # a draft in progress too
    # Submitting recorded who Alice is (for the agents); /forget must remove that too.
    assert await db.fetch_all(
        "SELECT first_name FROM users WHERE user_id = ?", (ALICE.user_id,)
    ) == [{"first_name": "Alice"}]
    assert await all_rows_mentioning(db, ALICE.user_id)
    kept = await desk.records.forget(ALICE, confirmed=False)
    assert "nothing was deleted" in texts_of(kept)
    assert await all_rows_mentioning(db, ALICE.user_id)
    await desk.records.forget(ALICE, confirmed=True)
    assert await all_rows_mentioning(db, ALICE.user_id) == []


async def test_verify_waits_for_a_name_but_lets_a_question_through(desk: SupportDesk) -> None:
    await desk.verify(ALICE, "")
    question = await desk.on_message(dm(ALICE, "How do I deposit USDT?"))
    assert question.handled is False  # the Q&A answers it
    assert await desk.store.load_state(ALICE.user_id) is None


async def test_my_tickets_lists_numbers_and_status(desk: SupportDesk) -> None:
    assert "no tickets yet" in texts_of(await desk.records.my_tickets(ALICE))
    first = await open_ticket(desk)
    ticket = await desk.store.ticket(first)
    assert ticket is not None
    await desk.staff.command(staff_msg("/close", ticket.staff_thread_id), "close", "")
    second = await open_ticket(desk)
    listing = texts_of(await desk.records.my_tickets(ALICE))
    assert f"T-{first:06d}: Deposits & withdrawals, closed" in listing
    assert f"T-{second:06d}: Deposits & withdrawals, open" in listing
    assert listing.index(f"T-{second:06d}") < listing.index(f"T-{first:06d}")  # newest first


async def test_reopen_lets_the_conversation_continue(
    desk: SupportDesk, gateway: RecordingGateway
) -> None:
    ticket = await desk.store.ticket(await open_ticket(desk))
    assert ticket is not None
    thread = ticket.staff_thread_id
    await desk.staff.command(staff_msg("/close", thread), "close", "")
    # After the close, Alice's messages are not a follow-up any more (Q&A may answer them).
    assert (await desk.on_message(dm(ALICE, "and one more question"))).handled is False
    reopened = await desk.staff.command(staff_msg("/reopen", thread), "reopen", "")
    assert "reopened" in texts_of(reopened)
    assert "has been reopened" in gateway.of("send")[-1].text
    await desk.staff.on_message(staff_msg("Back again: what else?", thread))
    assert gateway.of("copy")[-1].chat_id == ALICE.user_id
    entries = [e.direction + ":" + e.text for e in await desk.store.entries(ticket.ticket_id)]
    assert entries[-3:] == ["event:closed", "event:reopened", "agent:Back again: what else?"]


@pytest.mark.parametrize(
    ("kind", "payload"), [(Kind.TICKET, "ticket"), (Kind.COMPLAINT, "complaint")]
)
def test_tickets_asked_for_in_a_group_go_to_the_private_chat(
    desk: SupportDesk, kind: Kind, payload: str
) -> None:
    reply = desk.go_private(LI, kind, "nova_bot")
    assert "请私信我" in reply.text
    assert reply.buttons[0][0].url == f"https://t.me/nova_bot?start={payload}"


async def test_a_refused_hand_off_keeps_the_ticket_and_retries_on_the_next_message(
    desk: SupportDesk, gateway: RecordingGateway
) -> None:
    gateway.failing = {"create_topic"}  # e.g. the bot lost its right to manage topics
    ticket_id = await open_ticket(desk)  # the user still gets their number
    ticket = await desk.store.ticket(ticket_id)
    assert ticket is not None and ticket.staff_header_message_id is None
    gateway.failing = set()
    await desk.on_message(dm(ALICE, "any news?"))
    ticket = await desk.store.ticket(ticket_id)
    assert ticket is not None and ticket.staff_thread_id is not None
    assert gateway.of("copy")[-1].thread_id == ticket.staff_thread_id  # the follow-up too


async def test_evidence_the_user_deleted_is_reported_not_fatal(
    desk: SupportDesk, gateway: RecordingGateway
) -> None:
    gateway.failing = {"copy"}
    ticket = await desk.store.ticket(await open_ticket(desk))
    assert ticket is not None and ticket.staff_header_message_id is not None
    assert any("could not be copied" in c.text for c in gateway.of("send"))
