"""Official accounts: staff by numeric id; usernames as staff last used them."""

from __future__ import annotations

import pytest

from bot.desk import OfficialAccounts, Verdict
from bot.desk.verify import parse_username
from bot.storage import Database
from tests.bot.desk.conftest import AGENT, OTHER_AGENT, FakeClock


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@Nova_Support", "nova_support"),
        ("nova_support", "nova_support"),
        ("  @abcde ", "abcde"),
        ("@abc", None),  # too short for Telegram
        ("@1abcde", None),  # must start with a letter
        ("https://t.me/x", None),
        ("", None),
    ],
)
def test_parse_username(text: str, expected: str | None) -> None:
    assert parse_username(text) == expected


async def test_usernames_follow_the_staff_id(db: Database, clock: FakeClock) -> None:
    accounts = OfficialAccounts(db, clock, (AGENT, OTHER_AGENT))
    await accounts.record_staff_username(AGENT, "Nova_Anna")
    await accounts.record_staff_username(12345, "nova_fake")  # not staff: never recorded
    cases = [
        ("@nova_anna", Verdict.OFFICIAL),
        ("@NOVA_ANNA", Verdict.OFFICIAL),
        ("@nova_fake", Verdict.NOT_OFFICIAL),
        ("@nobody_here", Verdict.NOT_OFFICIAL),
        ("not a name!", Verdict.NOT_OFFICIAL),
    ]
    for name, verdict in cases:
        assert (await accounts.verify_username(name)).verdict is verdict, name

    # Anna renames herself: the old name is free for anyone and no longer official.
    await accounts.record_staff_username(AGENT, "anna_at_nova")
    assert (await accounts.verify_username("@nova_anna")).verdict is Verdict.NOT_OFFICIAL
    assert (await accounts.verify_username("@anna_at_nova")).verdict is Verdict.OFFICIAL
    # Another agent takes a name an agent held before: it moves to them.
    await accounts.record_staff_username(OTHER_AGENT, "anna_at_nova")
    row = await db.fetch_all(
        "SELECT user_id FROM desk_staff_names WHERE username = ?", ("anna_at_nova",)
    )
    assert row == [{"user_id": OTHER_AGENT}]


@pytest.mark.parametrize(
    ("sender", "verdict"),
    [
        (AGENT, Verdict.OFFICIAL),
        (4242, Verdict.NOT_OFFICIAL),
        (0, Verdict.NOT_OFFICIAL),
        (None, Verdict.UNKNOWN),
    ],
)
async def test_forwarded_messages(
    db: Database, clock: FakeClock, sender: int | None, verdict: Verdict
) -> None:
    accounts = OfficialAccounts(db, clock, (AGENT,))
    assert accounts.verify_forward(sender, "someone").verdict is verdict
