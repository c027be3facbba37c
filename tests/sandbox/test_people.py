"""What people do through the control client, as the bot sees it in its updates."""

from __future__ import annotations

import asyncio
import io

import pytest
import telegram
from PIL import Image
from telegram.error import BadRequest, Conflict

from sandbox import BOT_USER, BotApiEmulator, ControlClient
from sandbox.control import ControlError

from .test_bot_api import tiny_png


async def test_anonymous_admin_forward_and_reply(bot: telegram.Bot, control: ControlClient) -> None:
    alice = await control.create_user("Alice", username="alice")
    bob = await control.create_user("Bob")
    group = await control.create_chat("supergroup", title="Support", username="beacon_support")
    first = await control.send_message(group.id, "wallet question", from_user=alice.id)
    await control.send_message(
        group.id, "see pinned FAQ", sender_chat_id=group.id, reply_to=first.message_id
    )
    await control.send_message(group.id, "look at this", from_user=bob.id, forward_from=alice.id)
    updates = await bot.get_updates(allowed_updates=["message"])
    messages = [u.message for u in updates if u.message is not None]
    assert [m.text for m in messages] == ["wallet question", "see pinned FAQ", "look at this"]

    anonymous = messages[1]
    assert anonymous.sender_chat is not None and anonymous.sender_chat.id == group.id
    assert anonymous.from_user is not None and anonymous.from_user.username == "GroupAnonymousBot"
    assert anonymous.reply_to_message is not None
    assert anonymous.reply_to_message.message_id == first.message_id

    forwarded = messages[2]
    assert isinstance(forwarded.forward_origin, telegram.MessageOriginUser)
    assert forwarded.forward_origin.sender_user.id == alice.id

    chat = await bot.get_chat("@beacon_support")
    assert chat.id == group.id


async def test_user_photo_can_be_downloaded_by_the_bot(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    png = tiny_png(4, 4)
    await control.send_message(alice.id, caption="my screenshot", photo=png)
    [update] = await bot.get_updates()
    assert update.message is not None and update.message.caption == "my screenshot"
    largest = update.message.photo[-1]
    assert (largest.width, largest.height) == (4, 4)
    # Telegram stores photos as JPEG, whatever was uploaded.
    assert bytes(await (await largest.get_file()).download_as_bytearray()).startswith(b"\xff\xd8")


async def test_a_user_photo_comes_in_the_sizes_telegram_makes(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    shot = io.BytesIO()
    Image.new("RGB", (1080, 2340), "white").save(shot, "PNG")
    await control.send_message(alice.id, photo=shot.getvalue())
    [update] = await bot.get_updates()
    assert update.message is not None
    sizes = update.message.photo
    assert [max(p.width, p.height) for p in sizes] == [90, 320, 800, 1280, 2340]
    middle = sizes[2]
    data = bytes(await (await middle.get_file()).download_as_bytearray())
    assert Image.open(io.BytesIO(data)).size == (middle.width, middle.height) == (369, 800)
    assert middle.file_size == len(data)


async def test_privacy_mode_hides_ordinary_group_chatter(
    bot: telegram.Bot, control: ControlClient
) -> None:
    alice = await control.create_user("Alice")
    group = await control.create_chat("group", title="Lobby")
    await control.set_privacy_mode(True)
    assert not (await bot.get_me()).can_read_all_group_messages
    await control.send_message(group.id, "just chatting", from_user=alice.id)
    await control.send_message(group.id, "/help", from_user=alice.id)
    await control.send_message(group.id, "hey @beacon_sandbox_bot", from_user=alice.id)
    updates = await bot.get_updates(allowed_updates=["message"])
    assert [u.message.text for u in updates if u.message] == ["/help", "hey @beacon_sandbox_bot"]

    await control.set_member(group.id, BOT_USER.id, "administrator")
    await control.send_message(group.id, "admins see everything", from_user=alice.id)
    latest = await bot.get_updates(offset=updates[-1].update_id + 1, allowed_updates=["message"])
    assert [u.message.text for u in latest if u.message] == ["admins see everything"]


async def test_pins_need_rights_in_groups_only(bot: telegram.Bot, control: ControlClient) -> None:
    alice = await control.create_user("Alice")
    note = await bot.send_message(alice.id, "Your ticket number is 7")
    assert await bot.pin_chat_message(alice.id, note.message_id)
    assert [m.pinned for m in await control.messages(alice.id)] == [True]
    assert await bot.unpin_chat_message(alice.id)
    assert [m.pinned for m in await control.messages(alice.id)] == [False]

    group = await control.create_chat(
        "supergroup", title="S", bot_status="administrator", bot_rights={"can_pin_messages": True}
    )
    rules = await bot.send_message(group.id, "Rules")
    assert await bot.pin_chat_message(group.id, rules.message_id)
    with pytest.raises(BadRequest, match="Message to pin not found"):
        await bot.pin_chat_message(group.id, 999)


async def test_a_second_poller_ends_the_first_with_conflict(
    bot: telegram.Bot, emulator: BotApiEmulator
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    done, _ = await asyncio.wait({first}, timeout=0.2)
    assert not done
    async with telegram.Bot(emulator.token, base_url=emulator.bot_api_base_url) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, 3)


async def test_a_group_upgraded_to_a_supergroup(bot: telegram.Bot, control: ControlClient) -> None:
    olga = await control.create_user("Olga")
    group = await control.create_chat(
        "group", title="Nova CN", owner_id=olga.id, bot_status="administrator"
    )
    await bot.get_updates()  # the bot's own my_chat_member
    supergroup = await control.migrate_chat(group.id)
    assert supergroup.type == "supergroup" and supergroup.id != group.id
    assert supergroup.title == "Nova CN"

    # The bot hears of it twice, from both sides, as Telegram does.
    updates = await bot.get_updates(offset=-2)
    notices = [u.message for u in updates if u.message is not None]
    assert [(m.chat.id, m.migrate_to_chat_id, m.migrate_from_chat_id) for m in notices] == [
        (group.id, supergroup.id, None),
        (supergroup.id, None, group.id),
    ]
    # Anything sent to the old id is refused with the new id (PTB's ChatMigrated).
    with pytest.raises(telegram.error.ChatMigrated) as refused:
        await bot.send_message(group.id, "hello")
    assert refused.value.new_chat_id == supergroup.id
    # Members carried over: the bot is still an administrator there.
    member = await bot.get_chat_member(supergroup.id, (await bot.get_me()).id)
    assert member.status == "administrator"
    await bot.send_message(supergroup.id, "hello again")
    with pytest.raises(ControlError, match="already upgraded"):
        await control.migrate_chat(group.id)
