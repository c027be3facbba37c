"""What does a message look like before ranking: spam, a support question, a topic, chit-chat?

Beacon reads every group message but should only consider answering those that look like a
request for help: a question or trouble shape (question mark, question words, "not arrived",
"rejected", "I want to...") about an exchange topic, or two topics together ("最小提现金额",
"reset 2fa": a request without a question word). A topic is any synonym group of
`content/synonyms.yaml` except a few that chatter uses too ("crypto", "buy", "link"...); such a
chatter group still counts as the second topic beside a real one ("turn on 2fa"), and a few
pairs of them name a topic together ("official" + "twitter").
Price talk, greetings, memes and promotions are left alone even when they end with a question
mark ("wen moon?", "明天会涨吗"). The matcher still has the last word: this filter only decides
whether to ask it. Cost: one analysis of the text (about 0.1 ms).

For messages addressed to the bot the same reading gives the matcher's `Shape`: a support
question may be answered with less score than other messages, and chit-chat (no support topic,
no question about one) gets no "did you mean" list. Promotions are declined everywhere: spam
that names a topic ("free airdrop, claim now at bit.ly/...") must not get the topic's guide.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answers.calibration import Shape
from bot.answers.synonyms import SynonymTable
from bot.answers.tokenize import Analysis

__all__ = ["SupportQuestionFilter"]

# Question shapes, trouble reports and requests, in both languages.
_CUE_RE = re.compile(
    r"[?？]|怎么|怎样|如何|为什么|为啥|咋|啥|吗|呢|么|哪|多久|多少|几|能不能|可不可以|是否|请问|求助|帮|"
    r"没|不了|不能|有人(?:让|叫|要|找)我|不到|不进|不上|无法|失败|卡|一直|丢|被|错|异常|报错|想|要|需要|申请|假|可疑|区别|差别|步骤|流程|教程|攻略|"
    r"\b(?:steps?|guide|tutorial|how|why|what|whats|where|wheres|when|which|who|can|could|should|is|are|does|do|did|"
    r"will|would|help|need|want|wanna|please|pls|plz|anyone|someone|not|no|nothing|never|still|"
    r"cant|can't|cannot|unable|dont|don't|didnt|didn't|doesnt|doesn't|hasnt|hasn't|isnt|isn't|"
    r"wont|won't|stuck|pending|failed|fails|failing|error|rejected|declined|denied|lost|stolen|"
    r"stole|hacked|locked|frozen|missing|wrong|mistake|scam|scammed|fake|problem|issue|"
    r"difference|explain|vs|(?:someone|somebody) (?:asked|asks|wants|told) me)\b"
)
# Promotions that imitate questions ("DM me how to 10x"), giveaway and doubling scams
# ("send 1 eth, get 2 back"), shortened links, and requests for someone else's secrets ("send
# me your seed phrase"). A bare link is not one: "is this link official?" is exactly the
# question the anti-phishing article answers.
_SPAM_RE = re.compile(
    r"giveaway|\bdm me\b|\binbox me\b|\bclick\b|加我|加微信|私聊我|带你|免费领|稳赚|日赚|"
    r"\bsignals? group\b|\bvip group\b|guaranteed profit|\bjoin my\b|"
    r"\bclaim (?:now|yours|your|it|here|today|free)\b|\blimited time\b|\bact now\b|"
    r"\blast chance\b|\bdouble your\b|"
    r"\b(?:send|deposit|transfer)\s+\d[\d.,]*\s*[a-z]*\s+(?:and\s+)?(?:get|receive|earn)\s+\d|"
    r"\b(?:bit\.ly|tinyurl\.com|cutt\.ly|goo\.gl|is\.gd|rb\.gy|shorturl\.at|t\.ly)/|"
    r"\b(?:send|give|share|dm|tell)\s+(?:me|us)\s+(?:your|ur)\b|"
    r"\b(?:verify|validate|sync|connect)\s+(?:your|ur)\s+wallet\b|"
    r"限时|点击领取|点击链接|翻倍|充\d+送\d+|内部消息|内幕消息|喊单|带单|(?:^|\s)(?:私聊|私信)$|"
    r"(?:转|充|存|打|发|送)\s*\d[\d.]*\s*[a-z]*\s*(?:就)?(?:返|回|送|得|赚)\s*\d|"
    r"(?:发|给|告诉)我(?:你的)?(?:助记词|私钥|密码|验证码)|把(?:你的)?(?:助记词|私钥)发"
)
# Someone asking whether a contact is genuine ("有个假客服加我 靠谱吗", "a guy said dm me, is
# this a scam?") or telling what a stranger asked ("有人让我把私钥发给他") is reporting a
# promotion, not making one.
_ASKING_ABOUT_IT_RE = re.compile(
    r"假|骗|可疑|靠谱|真的吗|是不是|官方吗|有人(?:让|叫|要|找)我|(?:让|叫|要)我把|"
    r"\b(?:someone|somebody|a guy|they|he|she) (?:asked|told|wants|wanted)\b|"
    r"\b(?:scam|scammer|fake|legit|real|official|suspicious|safe|"
    r"is this|is that|is the|is he|is she|is it)\b"
)
# Synonym groups too common in chatter to make a message a support topic on their own.
CHATTER_GROUPS = frozenset(
    {
        "~crypto", "~buy", "~sell", "~link", "~risk", "~elapsed", "~failure", "~duration",
        "~increase", "~enable", "~event_rules", "~describe", "~daily", "~position", "~official",
        "~social_media", "~privacy", "~reward", "~balance", "~share_secret", "~filled",
    }
)  # fmt: skip
# Chatter groups that name a support topic together: "官方推特是哪个", "is this the official
# twitter" ask which accounts are real (official-accounts), though "官方" or "twitter" alone
# is everyday talk.
TOPIC_PAIRS = (frozenset({"~official", "~social_media"}),)


class SupportQuestionFilter:
    """`looks_like_support_question(text)` for messages nobody addressed to the bot, `shape`
    and `looks_like_promotion` for every message.

    `analyze` is the index's analysis (typos corrected against the articles' words), so
    "passwrod" names the password topic here exactly as it does in the ranking.
    """

    def __init__(self, analyze: Callable[[str], Analysis], synonyms: SynonymTable) -> None:
        self._analyze = analyze
        self._synonyms = synonyms

    def topics(self, text: str) -> set[str]:
        """The support topics (synonym groups) a message mentions."""
        return self._topics(set(self._synonyms.concepts(self._analyze(text))))

    @staticmethod
    def _topics(concepts: set[str]) -> set[str]:
        topics = concepts - CHATTER_GROUPS
        for pair in TOPIC_PAIRS:
            if pair <= concepts:
                topics.add("+".join(sorted(pair)))
        return topics

    def looks_like_promotion(self, text: str) -> bool:
        """A promotion dressed as a question ("earn 500% daily join my channel"): never answer
        it, even when it mentions the bot."""
        return _is_promotion(" ".join(self._analyze(text).normalized.split()))

    def looks_like_support_question(self, text: str) -> bool:
        return self.shape(text) == "question"

    def shape(self, text: str) -> Shape:
        """The shape of a message. "question": a question or trouble report about a support
        topic (never a promotion); "topic": names a support topic but is not shaped like a
        question; "chatter": neither."""
        analysis = self._analyze(text)
        normalized = " ".join(analysis.normalized.split())
        concepts = set(self._synonyms.concepts(analysis))
        topics = self._topics(concepts)
        if not topics:
            return "chatter"
        if len(normalized) < 3 or _is_promotion(normalized):
            return "topic"
        # Two topics without a question word are still a request ("最小提现金额", "reset 2fa");
        # a chatter group counts as the second one beside a real topic ("turn on 2fa",
        # "buy usdt with debit card"), never on its own.
        if len(concepts) >= 2 or _CUE_RE.search(normalized):
            return "question"
        return "topic"


def _is_promotion(normalized: str) -> bool:
    return bool(_SPAM_RE.search(normalized)) and not _ASKING_ABOUT_IT_RE.search(normalized)
