"""Values framed as examples are not private; the same values given as one's own are."""

from __future__ import annotations

import pytest

from privacy import PrivacyScanner

EXAMPLES = [
    ("zh 比如 这样的", "UID 就是一串数字，比如 12345678 这样的"),
    ("zh 像 这种格式", "验证码一般是6位数字，像 123456 这种格式"),
    ("en e.g.", "the code is six digits, e.g. 482913"),
    ("en for example", "a UID for example 48291034"),
    ("reserved domain", "e.g. user@example.com"),
    ("zh reserved domain", "邮箱格式填 name@example.com 这样就行"),
    ("placeholder", "apiKey: 'YOUR_API_KEY'"),
    ("weak-password talk", "最常见的弱密码就是 123456 和 password"),
    ("event name", "anyone going to Token2049?"),
    ("news headline", "Bitcoin Price Hits 2018-Low at $5825 Where Will it Bottom Out?"),
    ("api error", "APIError(code=-2015): Invalid API-key, IP, or permissions for action."),
    ("code line", "secret_length = X25519.secret_length"),
    ("documented example key", "aws_access_key = 'AKIAIOSFODNN7EXAMPLE'"),
]

OWN = [
    ("marker not next to the value", "my code, e.g. the one from the SMS, is 482913"),
    ("a question after the code", "验证码 482913 这样可以吗"),
    ("比如 then one's own", "比如我的验证码是 482913 为什么不行"),
    ("own mailbox", "my email is alice.chen@proton.me"),
]


@pytest.mark.parametrize(("name", "text"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_examples_are_not_private(privacy_scanner: PrivacyScanner, name: str, text: str) -> None:
    assert privacy_scanner.scan(text).findings == []
    assert privacy_scanner.scan_full(text).findings == []


@pytest.mark.parametrize(("name", "text"), OWN, ids=[o[0] for o in OWN])
def test_own_values_still_are(privacy_scanner: PrivacyScanner, name: str, text: str) -> None:
    assert privacy_scanner.scan(text).private
