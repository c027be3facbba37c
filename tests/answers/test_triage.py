from __future__ import annotations

import pytest

from bot.answers import Matcher
from tests.answers.devset import HOLDOUT_PATH, load_devset


@pytest.mark.parametrize(
    "text",
    [
        "how do I withdraw USDT?",
        "my deposit still not there after 2 hours",
        "can't log in to my account",
        "why was my KYC rejected",
        "withdrawal stuck pending",
        "提币三个小时了还没到",
        "谷歌验证器丢了怎么办",
        "充值没到账",
        "咋改绑手机号",
        "UID在哪看？",
        "最小提现金额",  # no question word, two topics
        "reset 2fa",
        "is https://acme-help.co the official site? looks like phishing",
    ],
)
def test_support_questions(matcher: Matcher, text: str) -> None:
    assert matcher.looks_like_support_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "gm",
        "wen moon?",
        "BTC to the moon",
        "ETH 3500 了",
        "明天会涨吗",
        "今天行情不错",
        "有人一起吗",
        "good morning everyone!",
        "lol what a day",
        "FREE USDT giveaway, click here to claim your deposit bonus?",
        "加我微信带你赚钱，提币秒到",
        "DM me for the best futures signals, why wait?",
        "",
        "??",
    ],
)
def test_not_support_questions(matcher: Matcher, text: str) -> None:
    assert not matcher.looks_like_support_question(text)


@pytest.mark.parametrize("path", [None, HOLDOUT_PATH], ids=["devset", "holdout"])
def test_filter_rates_on_labelled_messages(matcher: Matcher, path: object) -> None:
    items = load_devset() if path is None else load_devset(HOLDOUT_PATH)
    questions = [i for i in items if i.slug is not None]
    chatter = [i for i in items if i.slug is None]
    flagged = sum(matcher.looks_like_support_question(i.text) for i in questions)
    noisy = sum(matcher.looks_like_support_question(i.text) for i in chatter)
    assert flagged / len(questions) >= 0.9
    assert noisy / len(chatter) <= 0.05


def test_unprompted_answers_only_when_confident(matcher: Matcher) -> None:
    confident = matcher.match_unprompted("I forgot my login password, how can I reset it?")
    assert confident.decision == "answer"
    assert confident.article is not None and confident.article.slug == "reset-password"
    # Addressed, a bare topic gets suggestions; unprompted, the bot stays quiet.
    assert matcher.match("2fa").decision == "suggest"
    quiet = matcher.match_unprompted("2fa")
    assert (quiet.decision, quiet.suggestions, quiet.article) == ("decline", (), None)
    # Chatter is not even ranked.
    assert matcher.match_unprompted("gm frens").score == 0.0


PROMOTIONS = [
    ("earn 500% daily join my channel", True),
    ("DM me for guaranteed profit on futures", True),
    ("加我微信 带你稳赚 提币秒到", True),
    ("有个假客服加我 靠谱吗", False),
    ("someone said dm me for help with my withdrawal, is this a scam?", False),
    ("how do I withdraw usdt", False),
]


@pytest.mark.parametrize(("text", "expected"), PROMOTIONS)
def test_promotions_are_recognised_but_reports_of_them_are_not(
    matcher: Matcher, text: str, expected: bool
) -> None:
    assert matcher.looks_like_promotion(text) is expected
    if expected:
        assert matcher.match(text).decision == "decline"


# Small talk is declined whatever topic word it contains; a question after a courtesy is not.
@pytest.mark.parametrize(
    "text",
    [
        "thanks for the help bot",
        "good bot",
        "thx bot 👍",
        "谢谢机器人",
        "感谢客服机器人",
        "which memecoin will 10x",
        "新币上线第一天能翻几倍",
        "wen moon",
        "btc to the moon",
        "这个币会涨吗",
        "anyone wanna trade pokemon cards",
        "selling steam gift cards cheap",
        "who has spare football tickets",
        "tickets for the movie tonight anyone",
        "有人转让演唱会门票吗",
    ],
)
def test_small_talk_is_declined(matcher: Matcher, text: str) -> None:
    assert matcher.looks_like_small_talk(text)
    assert matcher.match(text).decision == "decline"


@pytest.mark.parametrize(
    "text",
    [
        "thanks, but my deposit still not arrived",
        "hi, how do i reset 2fa",
        "谢谢，还是提不出来",
        "hit the withdraw cap today",
        "how does 100x leverage work",
        "can i use 10x on btc futures",
        "can i buy crypto with a bank card",
        "how do i check my support ticket",
        "can you show ticket status",
        "工单提交了没人回",
    ],
)
def test_questions_are_not_small_talk(matcher: Matcher, text: str) -> None:
    assert not matcher.looks_like_small_talk(text)


# "buy" alone is chatter, but asking how or where to buy a coin is a question (spot trading is
# the guide for buying one coin with another; card and P2P guides name their payment method).
@pytest.mark.parametrize("text", ["怎么买btc", "how to buy btc", "where can i buy eth", "如何买币"])
def test_how_to_buy_is_answered(matcher: Matcher, text: str) -> None:
    match = matcher.match(text)
    assert match.decision == "answer"
    assert match.article is not None
    assert match.article.slug in {"spot-trading-basics", "buy-crypto-card", "p2p-trading"}


@pytest.mark.parametrize("text", ["should i buy btc now", "100x gains guaranteed, join vip now"])
def test_price_talk_and_vip_pitches_are_not_answered(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).decision == "decline"


ELSEWHERE = [
    # Support words that belong to another company or part of life: small talk.
    ("landlord still hasnt returned my apartment deposit", True),
    ("whats the office wifi password again", True),
    ("my valorant account got banned for no reason", True),
    ("游戏充值没到账 客服也不理我", True),
    ("手机话费怎么充值", True),
    ("公司wifi密码是多少", True),
    ("airline charged me a change fee, is that normal", True),
    ("ubereats order never came, how do i get a refund", True),
    ("12306退票手续费怎么这么高", True),
    ("steam acc got hacked and my skins are gone", True),
    ("美团外卖送错了 申请退款一直不给过", True),
    ("lol who else bought the top again", True),
    ("早啊各位", True),
    # ...not when the exchange is named, money moves outside those words, or the place is only
    # where the member was: these are questions for a guide.
    ("my landlord wants the rent in usdt, how do i withdraw to his wallet", False),
    ("房东要我用usdt付房租 怎么提币", False),
    ("withdraw to bank for apartment deposit is stuck, help", False),
    ("押金退回来了，怎么充值到账户里", False),
    ("I can't log in from the office network, it keeps saying verification failed", False),
    ("my deposit from my school bank account hasn't shown up", False),
    ("I paid with my card at the mall and now my account is frozen?", False),
    ("is an electricity bill ok as proof of address?", False),
    ("办公室电脑登录需要验证怎么办", False),
    ("在公司wifi下登录不了账户怎么办", False),
    ("cant login on hotel wifi, keeps saying too many failed attempts account locked", False),
    ("酒店wifi登录一直提示密码错误次数太多账号被锁了", False),
    ("外卖软件的密码和这里一样，账户会不会被盗", False),
    ("can i withdraw to my bank card", False),
    ("人民币充值怎么操作", False),
    # Banks, e-mail and phone carriers are not somewhere else: members use them with the exchange.
    ("codes dont reach my gmail", False),
    ("can i deposit from my chase account", False),
    ("how to buy the dip with a limit order", False),
]


@pytest.mark.parametrize(("text", "small_talk"), ELSEWHERE)
def test_support_words_about_somewhere_else_are_small_talk(
    matcher: Matcher, text: str, small_talk: bool
) -> None:
    assert matcher.looks_like_small_talk(text) is small_talk
