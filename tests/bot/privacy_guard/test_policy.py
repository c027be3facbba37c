"""`/privacy ...` arguments become a new policy; policies are kept per chat."""

from __future__ import annotations

import pytest

from bot.errors import InvalidInput
from bot.privacy_guard import ChatPolicy, PrivacyPolicies, apply_policy_command
from bot.storage import Database
from privacy.entities import ALL_ENTITIES
from tests.bot.privacy_guard.conftest import FakeClock

DEFAULT = ChatPolicy()

CHANGES = [
    ("nothing", [], DEFAULT),
    (
        "types list",
        ["types", "uid,", "password"],
        ChatPolicy(types=frozenset({"ACCOUNT_ID", "PASSWORD"})),
    ),
    (
        "types by entity name",
        ["types", "seed_phrase,TX_HASH"],
        ChatPolicy(types=frozenset({"SEED_PHRASE", "TX_HASH"})),
    ),
    ("types all", ["types", "ALL"], DEFAULT),
    ("mode warn", ["mode", "warn"], ChatPolicy(mode="warn")),
    ("mode delete", ["MODE", "Delete"], DEFAULT),
    ("admins scan", ["admins", "scan"], ChatPolicy(admins="scan")),
    ("admins exempt", ["admins", "exempt"], DEFAULT),
    ("ttl", ["ttl", "30"], ChatPolicy(notice_ttl_seconds=30)),
    ("ttl zero keeps notices", ["ttl", "0"], ChatPolicy(notice_ttl_seconds=0)),
]


@pytest.mark.parametrize(
    ("args", "expected"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES]
)
def test_apply(args: list[str], expected: ChatPolicy) -> None:
    assert apply_policy_command(DEFAULT, args) == expected


BAD = [
    (["types"], "privacy.policy_usage"),
    (["types", "uid", "lunch"], "privacy.policy_unknown_type"),
    (["mode", "ban"], "privacy.policy_usage"),
    (["mode"], "privacy.policy_usage"),
    (["admins", "yes"], "privacy.policy_usage"),
    (["ttl", "-5"], "privacy.policy_usage"),
    (["ttl", "86401"], "privacy.policy_usage"),
    (["ttl", "soon"], "privacy.policy_usage"),
    (["volume", "11"], "privacy.policy_usage"),
]


@pytest.mark.parametrize(("args", "key"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_arguments_explain_the_usage(args: list[str], key: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        apply_policy_command(DEFAULT, args)
    assert raised.value.text_key == key


def test_ttl_falls_back_to_the_install_default() -> None:
    assert DEFAULT.ttl(120) == 120
    assert ChatPolicy(notice_ttl_seconds=0).ttl(120) == 0


def test_default_protects_every_type_from_everyone() -> None:
    assert DEFAULT.types == frozenset(ALL_ENTITIES)
    assert (DEFAULT.mode, DEFAULT.admins) == ("delete", "exempt")


async def test_policies_are_kept_per_chat(db: Database) -> None:
    policies = PrivacyPolicies(db, FakeClock())
    assert await policies.get(-1) == DEFAULT
    changed = ChatPolicy(
        types=frozenset({"PASSWORD"}), mode="warn", admins="scan", notice_ttl_seconds=5
    )
    await policies.save(-1, changed, updated_by=7)
    assert await policies.get(-1) == changed
    assert await policies.get(-2) == DEFAULT
    await policies.save(-1, DEFAULT, updated_by=7)
    assert await policies.get(-1) == DEFAULT
