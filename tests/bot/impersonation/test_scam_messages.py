"""Scam messages in a group, and ordinary messages that look a little like them.

Written here for these tests (the detector's development set; not a measure of it)."""

from __future__ import annotations

import pytest

from bot.impersonation.rules import GuardRules
from bot.impersonation.scam import ScamDetector
from tests.bot.impersonation.conftest import OFFICIALS

SCAMS: dict[str, tuple[str, str]] = {
    "dm-me": ("DM me, I can help you with that", "dm-offer"),
    "pm-me-asap": ("pm me asap bro", "dm-offer"),
    "inbox-me": ("Inbox me for quick resolution", "dm-offer"),
    "kindly-dm": ("Kindly DM for assistance", "dm-offer"),
    "check-your-dm": ("Check your DM, I sent the steps", "dm-offer"),
    "i-sent-you": ("Hello sir, I have sent you a message", "dm-offer"),
    "ill-dm-you": ("I'll DM you now", "dm-offer"),
    "send-me-a-message": ("send me a message and I will fix it", "dm-offer"),
    "homoglyph-dm": ("DМ mе for help", "dm-offer"),
    "zh-sili": ("有问题私聊我", "dm-offer"),
    "zh-jiawo": ("加我微信，帮你处理", "dm-offer"),
    "contact-support-at": ("Contact support at @HitBTC_SupportDesk", "contact-redirect"),
    "write-to-agent": ("Please write to @kate_help24, she will resolve it", "contact-redirect"),
    "reach-out-to": ("reach out to @fastrecovery_team they helped me", "contact-redirect"),
    "tme-link": ("Our support: t.me/hitbtc_care", "contact-redirect"),
    "lookalike-handle-mention": ("@PauIHitBTC", "contact-redirect"),
    "whatsapp-number": ("Call our helpline +1 (415) 555-0199 for support", "contact-redirect"),
    "file-complaint-form": (
        "File a complaint at forms.gle/abc123 so support can refund you",
        "contact-redirect",
    ),
    "zh-lianxi-kefu": ("联系客服 @hitbtc_kf888", "contact-redirect"),
    "lookalike-hyphen": ("Go to hitbtc-support.com and log in", "lookalike-domain"),
    "lookalike-tld": ("The new site is hitbtc.net", "lookalike-domain"),
    "lookalike-one-edit": ("Withdraw at https://hitbtcc.com/withdraw", "lookalike-domain"),
    "lookalike-homograph": ("login: https://hіtbtc.com", "lookalike-domain"),
    "lookalike-punycode": ("https://xn--htbtc-zsa.com/login", "lookalike-domain"),
    "lookalike-subdomain-trick": ("Verify at hitbtc.com.account-verify.io", "lookalike-domain"),
    "lookalike-www": ("www.hitbtc-airdrop.xyz claim now", "lookalike-domain"),
    "send-seed": ("Send me your 12 words so I can check the wallet", "seed-request"),
    "enter-phrase": ("Enter your recovery phrase on the page to restore access", "seed-request"),
    "validate-wallet": ("You need to validate your wallet to withdraw", "seed-request"),
    "wallet-sync-link": ("Wallet synchronization required: dapps-rectify.web.app", "seed-request"),
    "private-key-verify": ("Provide your private key for verification", "seed-request"),
    "connect-wallet-fix": (
        "Connect your wallet at walletfix.app to resolve the issue",
        "seed-request",
    ),
    "zh-zhujici": ("请提供助记词以便验证", "seed-request"),
    "zh-yanzheng-qianbao": ("您需要验证您的钱包才能提现", "seed-request"),
}

ORDINARY: dict[str, str] = {
    "question": "My withdrawal has been pending for 3 hours, what should I do?",
    "greeting": "gm everyone",
    "warning-never-dm": "Admins will never DM you first. Stay safe!",
    "warning-seed": "Never share your seed phrase with anyone",
    "victim-report": "Someone DMed me asking for my seed phrase, is that legit?",
    "victim-question-wallet": "A guy told me to validate my wallet, is this a scam?",
    "is-handle-real": "Is @PauIHitBTC real?",
    "scammer-warning-handle": "@PauIHitBTC is a scammer, block him",
    "official-site": "The fees are listed on https://hitbtc.com/fees",
    "official-subdomain": "See help.hitbtc.com for the article",
    "official-handle": "Follow @HitBTC_Official for announcements",
    "staff-handle": "Thanks @PaulHitBTC, it worked!",
    "other-site": "Check the price on coinmarketcap.com",
    "time-pm": "The maintenance ends at 5 pm for everyone",
    "mr-dot": "Mr.Smith said the listing is tomorrow",
    "dont-dm-me": "please don't DM me, I'm fine",
    "thanks": "thanks, solved",
    "zh-question": "请问充值多久到账？",
    "zh-warning": "不要把助记词告诉任何人",
    "zh-victim": "有人私聊我说是客服，是真的吗？",
    "ticket-number": "I opened ticket #12345, waiting for support",
    "my-wallet": "I moved my coins to my own wallet yesterday",
    "seed-storage": "Where do you keep your seed phrase? I use a steel plate",
    "bot-command": "/verify @PaulHitBTC",
    "numbers": "BTC 97,500 +2.3%",
    "contact-support-official": "Contact support through the bot, it opens a ticket",
}


@pytest.fixture(scope="module")
def detector(rules: GuardRules) -> ScamDetector:
    return rules.scams(rules.names(OFFICIALS), ["hitbtc.com"])


@pytest.mark.parametrize(("text", "kind"), SCAMS.values(), ids=SCAMS.keys())
def test_scam_is_caught(detector: ScamDetector, text: str, kind: str) -> None:
    verdict = detector.check(text)
    assert verdict.scam
    assert verdict.kind is not None and verdict.kind.value == kind


@pytest.mark.parametrize("text", ORDINARY.values(), ids=ORDINARY.keys())
def test_ordinary_message_is_not_a_scam(detector: ScamDetector, text: str) -> None:
    verdict = detector.check(text)
    assert not verdict.scam, verdict


def test_without_official_domains_the_brand_stands_in(rules: GuardRules) -> None:
    detector = rules.scams(rules.names(OFFICIALS), [])
    assert detector.check("go to hitbtc-login.com").scam
    assert not detector.check("go to hitbtc.com").scam
