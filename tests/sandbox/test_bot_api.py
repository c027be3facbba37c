"""A real python-telegram-bot `Bot` against the emulator: sends, edits, deletes, files, chats."""

from __future__ import annotations

import struct
import zlib

import pytest
import telegram
from telegram.error import BadRequest, EndPointNotFound, Forbidden, InvalidToken

from sandbox import BOT_USER, BotApiEmulator, ControlClient


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


KEYBOARD = telegram.InlineKeyboardMarkup(
    [
        [
            telegram.InlineKeyboardButton("Yes", callback_data="vote:yes"),
            telegram.InlineKeyboardButton("Docs", url="https://example.org/help"),
        ]
    ]
)


async def test_get_me_is_the_sandbox_bot(bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.first_name, me.is_bot) == (
        BOT_USER.id,
        "beacon_sandbox_bot",
        "Beacon",
        True,
    )


async def test_wrong_token_is_unauthorized(emulator: BotApiEmulator) -> None:
    impostor = telegram.Bot("999:WRONG", base_url=emulator.bot_api_base_url)
    with pytest.raises(InvalidToken):
        async with impostor:  # initialize() calls getMe, and shuts down again on failure
            pass


async def test_send_message_with_inline_keyboard_round_trips(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice", username="alice")
    sent = await bot.send_message(
        alice.id,
        "<b>Choose</b> one",
        parse_mode="HTML",
        reply_markup=KEYBOARD,
        disable_notification=True,
        protect_content=True,
        link_preview_options=telegram.LinkPreviewOptions(is_disabled=True),
    )
    assert isinstance(sent, telegram.Message)
    assert sent.text == "Choose one"
    assert sent.entities == (telegram.MessageEntity("bold", 0, 6),)
    assert sent.reply_markup == KEYBOARD
    assert sent.from_user is not None and sent.from_user.id == BOT_USER.id
    assert sent.chat.id == alice.id and sent.has_protected_content

    language = telegram.ReplyKeyboardMarkup([["English", "中文"]], one_time_keyboard=True)
    asked = await bot.send_message(alice.id, "Language?", reply_markup=language)
    assert asked.reply_markup is None  # reply keyboards are not part of a Message
    second = await bot.send_message(alice.id, "again", reply_to_message_id=sent.message_id)
    assert second.message_id == sent.message_id + 2
    assert second.reply_to_message is not None
    assert second.reply_to_message.message_id == sent.message_id

    history = await control.messages(alice.id)
    assert [m.content for m in history] == ["Choose one", "Language?", "again"]
    assert history[0].callback_data() == ["vote:yes"]
    assert history[1].keyboard is not None
    assert history[1].keyboard["keyboard"] == [[{"text": "English"}, {"text": "中文"}]]
    call = (await control.bot_calls("sendMessage"))[0]
    assert call.params["chat_id"] == alice.id
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "vote:yes"
    assert call.params["link_preview_options"] == {"is_disabled": True}
    assert "SANDBOX-TOKEN" not in repr(await control.bot_calls())


async def test_bad_markup_and_missing_reply_are_bad_requests(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(
            alice.id,
            "x",
            reply_markup=telegram.InlineKeyboardMarkup(
                [[telegram.InlineKeyboardButton("big", callback_data="x" * 65)]]
            ),
        )
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(alice.id, "x", reply_to_message_id=404)
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(-42, "x")
    with pytest.raises(BadRequest, match="reserved"):
        await bot.send_message(alice.id, "Price: 1.5", parse_mode="MarkdownV2")


async def test_edit_message_text_keeps_history_and_rejects_no_op(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    sent = await bot.send_message(alice.id, "draft", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text("final", alice.id, sent.message_id)
    assert isinstance(edited, telegram.Message)
    assert edited.text == "final" and edited.edit_date is not None
    assert edited.reply_markup is None  # an edit without reply_markup removes the keyboard
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("final", alice.id, sent.message_id)
    [stored] = await control.messages(alice.id)
    assert stored.text == "final" and [e["text"] for e in stored.edits] == ["draft"]

    incoming = await control.send_message(alice.id, "hello bot")
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("hacked", alice.id, incoming.message_id)


async def test_delete_message_needs_rights_in_groups(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    group = await control.create_chat("supergroup", title="Support")
    posted = await control.send_message(group.id, "my seed phrase is ...", from_user=alice.id)

    with pytest.raises(BadRequest, match="Message can't be deleted"):
        await bot.delete_message(group.id, posted.message_id)

    await control.set_member(
        group.id, BOT_USER.id, "administrator", rights={"can_delete_messages": True}
    )
    assert await bot.delete_message(group.id, posted.message_id) is True
    [stored] = await control.messages(group.id)
    assert stored.deleted

    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(group.id, posted.message_id)


async def test_bot_may_delete_its_own_group_messages_without_rights(
    bot: telegram.Bot, control: ControlClient
) -> None:
    group = await control.create_chat("group", title="Plain group")
    sent = await bot.send_message(group.id, "oops")
    assert await bot.delete_messages(group.id, [sent.message_id, 999]) is True
    assert [m.deleted for m in await control.messages(group.id)] == [True]


async def test_blocked_user_and_kicked_bot_are_forbidden(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    await control.block_bot(alice.id)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(alice.id, "hi")
    await control.unblock_bot(alice.id)
    assert (await bot.send_message(alice.id, "hi")).text == "hi"

    stranger = await control.create_user("Sam", has_started_bot=False)
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(stranger.id, "hello from a group you are in")
    await control.send_message(stranger.id, "/start")
    assert (await bot.send_message(stranger.id, "welcome")).text == "welcome"

    group = await control.create_chat("group", title="Old group")
    await control.set_member(group.id, BOT_USER.id, "kicked")
    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await bot.send_message(group.id, "hello?")


async def test_send_document_bytes_are_readable(bot: telegram.Bot, control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    content = b"ticket,status\n42,open\n"
    sent = await bot.send_document(
        alice.id, content, filename="tickets.csv", caption="<i>export</i>", parse_mode="HTML"
    )
    assert sent.document is not None and sent.document.file_name == "tickets.csv"
    assert sent.caption == "export"

    [stored] = await control.messages(alice.id)
    assert stored.file is not None and stored.file.size == len(content)
    assert await control.file_content(stored.file.file_id) == content

    downloaded = await (await bot.get_file(sent.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == content
    call = (await control.bot_calls("sendDocument"))[0]
    assert call.params["document"]["file_name"] == "tickets.csv"
    assert "data" not in call.params["document"]

    resent = await bot.send_document(alice.id, sent.document.file_id)
    assert resent.document is not None and resent.document.file_id == sent.document.file_id


async def test_send_photo_reads_dimensions_and_rejects_non_images(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    sent = await bot.send_photo(alice.id, tiny_png(3, 2), caption="chart")
    assert [(p.width, p.height) for p in sent.photo] == [(3, 2)]
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(alice.id, b"not an image")


async def test_copy_and_forward_message(bot: telegram.Bot, control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    staff = await control.create_chat("supergroup", title="Staff")
    incoming = await control.send_message(alice.id, "my withdrawal is stuck")
    forwarded = await bot.forward_message(staff.id, alice.id, incoming.message_id)
    assert forwarded.text == "my withdrawal is stuck"
    assert isinstance(forwarded.forward_origin, telegram.MessageOriginUser)
    assert forwarded.forward_origin.sender_user.id == alice.id
    copied = await bot.copy_message(staff.id, alice.id, incoming.message_id)
    history = await control.messages(staff.id)
    assert history[-1].message_id == copied.message_id
    assert "forward_origin" not in history[-1].raw


async def test_chat_members_and_admin_rights(bot: telegram.Bot, control: ControlClient) -> None:
    owner = await control.create_user("Olga")
    alice = await control.create_user("Alice")
    group = await control.create_chat(
        "supergroup",
        title="Support",
        owner_id=owner.id,
        bot_status="administrator",
        bot_rights={"can_delete_messages": True, "can_restrict_members": True},
    )
    await control.send_message(group.id, "hi", from_user=alice.id)

    me = await bot.get_chat_member(group.id, BOT_USER.id)
    assert isinstance(me, telegram.ChatMemberAdministrator)
    assert me.can_delete_messages and not me.can_pin_messages
    admins = await bot.get_chat_administrators(group.id)
    assert {a.user.id for a in admins} == {owner.id, BOT_USER.id}
    assert await bot.get_chat_member_count(group.id) == 3
    chat = await bot.get_chat(group.id)
    assert (chat.id, chat.type, chat.title) == (group.id, "supergroup", "Support")

    with pytest.raises(BadRequest, match="Not enough rights to manage pinned messages"):
        await bot.pin_chat_message(group.id, 1)
    assert await bot.ban_chat_member(group.id, alice.id) is True
    assert (await control.member(group.id, alice.id)).status == "kicked"
    with pytest.raises(BadRequest, match="Can't remove chat owner"):
        await bot.ban_chat_member(group.id, owner.id)
    await bot.restrict_chat_member(
        group.id, alice.id, telegram.ChatPermissions(can_send_messages=False)
    )
    restricted = await control.member(group.id, alice.id)
    assert restricted.status == "restricted"
    assert restricted.permissions == {"can_send_messages": False}

    assert await bot.leave_chat(group.id) is True
    assert (await control.member(group.id, BOT_USER.id)).status == "left"


async def test_forum_topics_and_threads(bot: telegram.Bot, control: ControlClient) -> None:
    forum = await control.create_chat(
        "supergroup",
        title="Desk",
        is_forum=True,
        bot_status="administrator",
        bot_rights={"can_manage_topics": True},
    )
    topic = await bot.create_forum_topic(forum.id, "Ticket #7")
    assert topic.name == "Ticket #7"
    sent = await bot.send_message(forum.id, "opened", message_thread_id=topic.message_thread_id)
    assert sent.message_thread_id == topic.message_thread_id and sent.is_topic_message
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(forum.id, "lost", message_thread_id=999)
    plain = await control.create_chat("supergroup", title="Not a forum")
    with pytest.raises(BadRequest, match="The chat is not a forum"):
        await bot.create_forum_topic(plain.id, "x")


async def test_commands_callbacks_inline_and_unknown_methods(
    bot: telegram.Bot, control: ControlClient
) -> None:
    await bot.set_my_commands([("start", "Start"), ("help", "Get help")], language_code="zh")
    assert [c.command for c in await bot.get_my_commands(language_code="zh")] == ["start", "help"]
    assert await bot.get_my_commands() == ()
    assert [c["command"] for c in await control.bot_commands(language_code="zh")] == [
        "start",
        "help",
    ]

    alice = await control.create_user("Alice")
    sent = await bot.send_message(alice.id, "vote", reply_markup=KEYBOARD)
    query_id = await control.press_button(alice.id, sent.message_id, alice.id, "vote:yes")
    [update] = await bot.get_updates()
    assert update.callback_query is not None and update.callback_query.data == "vote:yes"
    assert (await control.callback_query(query_id)).answered is False
    await update.callback_query.answer("Thanks!", show_alert=True)
    answer = await control.callback_query(query_id)
    assert answer.answered and answer.text == "Thanks!" and answer.show_alert
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id)

    inline_id = await control.inline_query(alice.id, "fees")
    await bot.answer_inline_query(
        inline_id,
        [
            telegram.InlineQueryResultArticle(
                "fees", "Fees", telegram.InputTextMessageContent("Trading fees are 0.1%")
            )
        ],
    )
    assert [r["id"] for r in (await control.inline_answer(inline_id)).results] == ["fees"]

    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendSandboxProbe", api_kwargs={"chat_id": alice.id})
    assert await control.unknown_methods() == ["sendSandboxProbe"]
