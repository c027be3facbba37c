"""What does a message look like before ranking: spam, a support question, a topic, chit-chat?

Beacon reads every group message but should only consider answering those that look like a
request for help: a question or trouble shape (question mark, question words, "not arrived",
"rejected", "I want to...") about an exchange topic, or two topics together ("最小提现金额",
"reset 2fa": a request without a question word). A topic is any synonym group of
`content/synonyms.yaml` except a few that chatter uses too ("crypto", "buy", "link"...); such a
chatter group still counts as the second topic beside a real one ("turn on 2fa"), and a few
pairs of them name a topic together ("official" + "twitter").
Price talk, greetings, memes and promotions are left alone even when they end with a question
mark ("wen moon?", "明天会涨吗"); thanks, praise, speculation ("which coin will 10x") and
trading of non-crypto things ("pokemon cards") are small talk, declined even when addressed to
the bot and even when they contain a topic word ("help bot"). The matcher still has the last
word: this filter only decides whether to ask it. Cost: one analysis of the text (about 0.1 ms).

Support words that belong to another company or part of life ("my valorant account got
banned", "12306退票手续费", "公司wifi密码是多少") are small talk too, when nothing else in the
message is a support topic and nothing names the exchange: `about_somewhere_else`.

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
    r"will|would|help|need|want|wanna|wassup|please|pls|plz|anyone|someone|not|no|nothing|never|still|"
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
    r"\bsignals? group\b|\bvip group\b|guaranteed profit|\bjoin my\b|\bjoin (?:our |the )?vip\b|"
    r"\b(?:gains?|profits?|returns?) (?:are |is )?guaranteed\b|"
    r"\bguaranteed (?:gains?|returns?|\d+x)\b|"
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
# Small talk that may name a topic word but asks nothing: thanks, greetings and praise for the
# bot ("thanks for the help bot", "谢谢机器人"), price speculation ("which memecoin will 10x",
# "新币上线第一天能翻几倍", "wen moon") and trading of things that are not crypto ("anyone wanna
# trade pokemon cards"). Such a message is declined before ranking, whatever its score.
_THANKS_RE = re.compile(
    r"^\W*(?:thanks?|thank (?:you|u)|thx|tks|ty|tysm|cheers|appreciate(?:d)?|much appreciated|"
    r"(?:good|nice|great|smart|cool|awesome|useful|helpful) (?:bot|job|answer)|"
    r"love (?:this|the|you|ya)\b|hello|hi|hey|gm|gn|good (?:morning|night|evening)|"
    r"谢谢|感谢|多谢|谢了|谢啦|辛苦|好评|点赞|牛|厉害|你好|大家好|早上好|早啊|早呀|晚安|早安)(?![a-z0-9])"
)
# What turns small talk back into a request: a question or trouble word ("thanks, but how do
# I...", "谢谢，还是提不出来").
_STILL_ASKING_RE = re.compile(
    r"[?？]|怎么|怎样|如何|为什么|为啥|咋|吗|哪|多久|多少|能不能|没|不了|不能|不到|无法|失败|还是|"
    r"\b(?:how|why|what|whats|where|when|which|can|could|is|are|does|do|did|not|no|cant|can't|"
    r"cannot|dont|don't|didnt|didn't|doesnt|doesn't|still|stuck|pending|failed|error|but)\b"
)
_SPECULATION_RE = re.compile(
    r"\b(?:will|gonna|going to|could|would|might|next|to)\s+(?:\d+x|moon|pump|moon soon)\b|"
    r"\b\d+x\s+(?:gains?|returns?|profits?|coin|gem|soon|potential)\b|"
    r"\b(?:wen|when) (?:moon|lambo|pump)\b|\bto the moon\b|"
    r"\b(?:bought|sold) the (?:top|dip|bottom)\b|\b(?:next|a) (?:100x|1000x|10x|gem)\b|"
    r"\bwhich (?:coin|token|memecoin|meme coin|alt|altcoin|one) (?:will|to buy|should|is going)\b|"
    r"翻几倍|能翻|会翻|几倍币|百倍币|千倍币|十倍币|能涨多少|会涨吗|会不会涨|涨到多少|能涨到|会跌吗|会不会跌|"
    r"起飞吗|能起飞|拉盘|暴涨吗|哪个币(?:会|能|好|值得)|买什么币|什么币(?:会|能)涨"
)
_OFF_TOPIC_TRADE_RE = re.compile(
    r"\b(?:pokemon|pokémon|yugioh|yu-gi-oh|baseball|football|basketball|sports|trading|magic|mtg|"
    r"collectible|steam|gift|game|gaming) cards?\b|"
    r"\b(?:trade|swap|sell|buy)\w* (?:my |some |your )?(?:skins|sneakers|shoes|nfts? art|stamps)\b|"
    r"(?:宝可梦|游戏|球星|收藏)卡"
)
# Tickets and cards that are not a support ticket or a bank card: concert, film, match or travel
# tickets ("anyone selling concert tickets", "电影票谁有"), gift and game cards.
_OFF_TOPIC_NOUN_RE = re.compile(
    r"\b(?:concert|movie|cinema|film|gig|festival|theatre|theater|football|soccer|match|game|"
    r"nba|f1|world cup|stadium|plane|flight|train|bus|raffle|lottery)s? tickets?\b|"
    r"\btickets? (?:for|to) (?:the |a |this |that |tonight'?s? |\w+'?s )?(?:\w+ )?"
    r"(?:concert|movie|film|show|gig|festival|game|match|final|tour|flight|train)s?\b|"
    r"\b(?:birthday|greeting|christmas|xmas|wedding|business|playing|uno|tarot) cards?\b|"
    r"演唱会|电影票|门票|球票|机票|火车票|高铁票|车票|彩票|音乐节"
)

# Support words used about another company or part of life: an airline's change fee, a game
# account, the office wifi password, a flat's deposit ("游戏充值没到账", "12306退票手续费").
# Such a message is about the exchange if it also names something of the exchange
# (_EXCHANGE_RE): "my landlord wants rent in usdt, how do i withdraw" is a question; so it is
# when a support topic is left outside those phrases (`about_somewhere_else`). Banks,
# payment apps, e-mail and phone carriers are left out on purpose: members ask how they work
# with the exchange ("deposit from my bank", "codes don't reach my gmail").
# One line of words per kind of place or service; the support team adds words here.
ELSEWHERE_WORDS: dict[str, str] = {
    "travel": (
        "airline|airlines|flight|flights|boarding pass|luggage|baggage|hotel|hotels|airbnb|"
        "booking.com|expedia|agoda|trip.com|12306|"
        "航班|航空公司|酒店|民宿|携程|去哪儿|飞猪|改签|退票|行李|登机|高铁"
    ),
    "rides and deliveries": (
        "uber|lyft|didi|taxi|doordash|ubereats|grubhub|deliveroo|foodpanda|instacart|courier|"
        "滴滴|打车|网约车|外卖|美团|饿了么|骑手|快递|顺丰"
    ),
    "games": (
        "steam|valorant|riot games|fortnite|roblox|minecraft|league of legends|genshin|"
        "playstation|psn|xbox|nintendo|epic games|skins|battle pass|"
        "游戏|王者|原神|皮肤|和平精英|英雄联盟"
    ),
    "bills and services": (
        "electricity|electric bill|water bill|gas bill|utility company|internet bill|"
        "phone bill|phone plan|data plan|broadband|"
        "电费|水费|燃气费|话费|宽带|营业厅|流量包"
    ),
    "government and health": (
        "tax return|irs|hmrc|dmv|social security|clinic|hospital|doctor|pharmacy|"
        "insurance claim|insurer|"
        "个税|社保|医保|公积金|派出所|医院|挂号|理赔|车险"
    ),
    "school and work": (
        "school|university|uni portal|college|campus|teacher|homework|exam|grades|office|"
        "my boss|"
        "学校|大学|教务|老师|作业|考试|成绩|办公室|老板"
    ),
    "shopping": (
        "amazon|ebay|aliexpress|shein|temu|etsy|walmart|costco|ikea|grocery|groceries|"
        "supermarket|mall|"
        "淘宝|天猫|京东|拼多多|闲鱼|唯品会|超市|商场|便利店|网购"
    ),
    "streaming and social": (
        "netflix|spotify|youtube premium|disney+|hulu|hbo|prime video|instagram|facebook|"
        "tiktok|snapchat|"
        "爱奇艺|优酷|腾讯视频|抖音|快手|小红书|微博|b站|哔哩哔哩"
    ),
    "home, car and everyday life": (
        "landlord|apartment|rent|tenant|lease|mortgage|parking|mechanic|gym|"
        "restaurant|"
        "房东|租房|房租|押金|物业|房贷|车贷|停车|4s店|健身房|饭店|餐厅|违约金|花呗|借呗|网贷"
    ),
}


def _words_pattern(words: list[str]) -> str:
    """Latin words whole ("rent" not in "current"), Chinese ones anywhere."""
    latin = sorted((w for w in words if w.isascii()), key=len, reverse=True)
    other = sorted((w for w in words if not w.isascii()), key=len, reverse=True)
    parts = []
    if latin:
        parts.append(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, latin)) + r")(?![a-z0-9])")
    parts.extend(map(re.escape, other))
    return "|".join(parts)


_ELSEWHERE = _words_pattern(
    [word for words in ELSEWHERE_WORDS.values() for word in words.split("|")]
)
# The support nouns such a place or service owns: its app, account, password, order, fee...
_OWNED_EN = (
    r"(?:apps?|accounts?|accts?|accs?|passwords?|pw|pwd|logins?|log ?in|portal|orders?|"
    r"refunds?|fees?|bills?|billing|charges?|support|customer service|verification|codes?|"
    r"cards?|tickets?|deposit|membership|subscription|balance|wallet|limits?|top ?ups?)"
    r"(?![a-z])"
)
_OWNED_ZH = (
    r"(?:账号|帐号|账户|帐户|密码|订单|退款|手续费|客服|app|验证码|充值|提现|登录|登陆|登不上|"
    r"实名|认证|违约金|申诉|投诉|扣费|限额|余额|押金|会员|退票|改签)"
)
# A device, a network or a bank after a place means the member used that place to reach the
# exchange: "办公室电脑登录不了", "学校网络登录", "my school bank account", "login on hotel wifi".
_ACCESS_EN = r"(?:bank|phone|mobile|email|computer|laptop|network|wi-?fi)(?![a-z])"
_ACCESS_ZH = r"电脑|网络|手机|设备|下|wifi"
# "valorant account", "the office wifi password", "password for the office wifi", "12306退票
# 手续费", "话费怎么充值": the owner right before its noun (one word may stand between), after
# it with a preposition, or in Chinese up to two characters (no device) before it...
_ELSEWHERE_PHRASE_RE = re.compile(
    rf"(?:{_ELSEWHERE})(?:'s)?(?: (?!{_ACCESS_EN})[a-z]+)? {_OWNED_EN}"
    rf"|(?<![a-z]){_OWNED_EN} (?:for|on|of) "
    rf"(?:(?:the|my|our|a|an|his|her|their) )?(?:{_ELSEWHERE})(?!(?:'s)? {_ACCESS_EN})"
    # A wifi owns only its password: "登录 over the hotel wifi" is the exchange's login.
    rf"|wi-?fi (?:password|pw|pwd)(?![a-z])|(?:password|pw|pwd) (?:for|of) (?:the |my )?wi-?fi"
    rf"|wifi的?密码"
    rf"|(?:{_ELSEWHERE})(?:(?!{_ACCESS_ZH})\S){{0,2}}?{_OWNED_ZH}"
    # ...or it opens the message, as what the message is about: "airline charged me a fee",
    # "美团外卖送错了 申请退款".
    rf"|^(?:(?:my|the|our|this|that|我的|我家|我们)\s?)?(?:{_ELSEWHERE})"
    rf"(?!\S{{0,2}}(?:{_ACCESS_ZH})| {_ACCESS_EN})"
)
_EXCHANGE_RE = re.compile(
    r"\b(?:crypto\w*|coins?|tokens?|usdt|usdc|btc|bitcoin|eth|ether|ethereum|bnb|sol|trx|xrp|"
    r"doge|ton|blockchain|chain|(?:erc|trc|bep)-?20|exchange|spot|futures|perps?|kyc|2fa|uid|p2p|c2c|otc|"
    r"staking|airdrop|api|wallet|web3|nft|proof of address|address proof)\b|"
    r"(?<![民戏金])币|链|交易所|合约|现货|钱包|提u|充u|实名|认证|理财|质押|空投|永续|杠杆|地址证明|"
    # "here" is the exchange: "外卖软件的密码和这里一样" asks about this account.
    r"这里|这边|你们|\bhere\b"
)


def _is_small_talk(normalized: str) -> bool:
    if (
        _SPECULATION_RE.search(normalized)
        or _OFF_TOPIC_TRADE_RE.search(normalized)
        or _OFF_TOPIC_NOUN_RE.search(normalized)
    ):
        return True
    if _THANKS_RE.search(normalized):
        # Drop the opening courtesy before looking for a question: "hi, how do i ..." asks.
        rest = _THANKS_RE.sub("", normalized, count=1)
        return not _STILL_ASKING_RE.search(rest)
    return False


# Asking how to buy or sell a coin ("怎么买btc", "where to buy eth") is a question for the spot,
# card or P2P guide even though "buy" alone is chatter; "should i buy btc" is not.
_HOW_TO_RE = re.compile(
    r"怎么|怎样|如何|哪里|在哪|哪儿|步骤|教程|能不能|可以|"
    r"\b(?:how|where|steps?|guide|tutorial|can i|could i|is it possible|ways? to)\b"
)
_TRADE_ACTIONS = frozenset({"~buy", "~sell"})


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

    def looks_like_small_talk(self, text: str) -> bool:
        """Thanks, greetings, praise, price speculation, off-topic trading, another company's
        support matters: never answered, even when they name a topic word ("thanks for the help
        bot", "which memecoin will 10x", "my steam account got banned")."""
        normalized = " ".join(self._analyze(text).normalized.split())
        return _is_small_talk(normalized) or self._about_somewhere_else(normalized)

    def about_somewhere_else(self, text: str) -> bool:
        """Support words that belong to another place or service ("the office wifi password",
        "游戏充值没到账"), nothing else that is a support topic, nothing of the exchange."""
        return self._about_somewhere_else(" ".join(self._analyze(text).normalized.split()))

    def _about_somewhere_else(self, normalized: str) -> bool:
        if _EXCHANGE_RE.search(normalized) or not _ELSEWHERE_PHRASE_RE.search(normalized):
            return False
        # Money moving in or out outside those phrases is the exchange's: "withdraw to my bank
        # for the apartment deposit is stuck", "押金退回来了，怎么充值到账户里".
        rest = _ELSEWHERE_PHRASE_RE.sub(" ", normalized)
        concepts = self._synonyms.concepts(self._analyze(rest))
        return "~withdraw" not in concepts and "~deposit" not in concepts

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
        if _is_small_talk(normalized) or self._about_somewhere_else(normalized):
            return "chatter"
        if not topics:
            if concepts & _TRADE_ACTIONS and _HOW_TO_RE.search(normalized):
                return "question"
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
