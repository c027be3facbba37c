"""Build the labeled privacy corpus (`corpus.jsonl`) from chat templates and valid values.

The ground truth for issue 4 ("Measured, not assumed"). Values are generated so that they
pass the real-world checks a detector may apply (BIP39 checksums, Luhn with real IINs,
GB 11643 check digits, EIP-55, base58check, bech32), and messages are written the way members
of a Chinese/English exchange group actually type. A label means: the bot must act when an
ordinary member posts this text in a public group; ``types`` lists every private entity type.

Labeling decisions where reasonable people could differ:

- A bare ``0x`` + 64-hex string with no context is labeled TX_HASH (what members paste far
  more often); private-key cases always carry a key word or a WIF prefix.
- An OKX-style API passphrase next to its secret is part of the API credential (API_SECRET).
- The exchange's own domain (:data:`OFFICIAL_DOMAIN`) is public: its links and support address
  are negatives, so the scanner is built with it as an official e-mail domain.
- Well-known token contracts, burn addresses and the genesis address are negatives.
- Generated order ids fail the Luhn check: a Luhn-valid 19-digit order id is not measured.

Run ``python -m tests.privacy.corpus_builder`` to rewrite ``corpus.jsonl``; a test checks
the committed file is exactly what :func:`build_corpus` produces, so the two cannot drift.
"""

from __future__ import annotations

import hashlib
import json
import random
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bech32 import encode as bech32_encode
from Crypto.Hash import keccak
from mnemonic import Mnemonic

CORPUS_PATH = Path(__file__).with_name("corpus.jsonl")
CORPUS_SEED = 20241104
# The exchange's own domain: its links and support address are public, not private data.
OFFICIAL_DOMAIN = "example-exchange.com"

ENTITY_TYPES = (
    "PASSWORD",
    "SEED_PHRASE",
    "PRIVATE_KEY",
    "API_SECRET",
    "VERIFICATION_CODE",
    "ACCOUNT_ID",
    "TX_HASH",
    "CRYPTO_ADDRESS",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "ID_NUMBER",
    "BANK_CARD",
)

ZWSP = "\u200b"
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


@dataclass(frozen=True)
class Case:
    """One labeled message."""

    id: str
    text: str
    lang: str
    private: bool
    types: tuple[str, ...]

    def to_json(self) -> str:
        record = {
            "id": self.id,
            "text": self.text,
            "lang": self.lang,
            "private": self.private,
            "types": list(self.types),
        }
        return json.dumps(record, ensure_ascii=False)


# --------------------------------------------------------------------------------------------
# Valid values


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rem = divmod(number, 58)
        out = B58[rem] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


def b58check(payload: bytes) -> str:
    checksum = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return b58encode(payload + checksum)


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return luhn_check_digit(number[:-1]) == number[-1]


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_digit(body17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, ID_WEIGHTS, strict=True)) % 11]


def eip55(addr_hex: str) -> str:
    lower = addr_hex.lower()
    digest = keccak.new(digest_bits=256, data=lower.encode()).hexdigest()
    return "0x" + "".join(
        c.upper() if c.isalpha() and int(digest[i], 16) >= 8 else c for i, c in enumerate(lower)
    )


class Values:
    """Deterministic generator of realistic, checksum-valid private values."""

    # Real issuer prefixes: Visa, Mastercard (51-55 and 2-series), UnionPay debit/credit cards of
    # ICBC, CCB, ABC, BOC, CMB, Bank of Communications, and JCB.
    CARD_IINS = (
        ("4", 16),
        ("4", 16),
        ("51", 16),
        ("53", 16),
        ("55", 16),
        ("2221", 16),
        ("622202", 19),
        ("621700", 19),
        ("622848", 19),
        ("621483", 16),
        ("622588", 16),
        ("621226", 19),
        ("622262", 19),
        ("625807", 16),
        ("620522", 19),
        ("3528", 16),
    )
    REGIONS = (
        "110101",
        "310104",
        "440305",
        "330106",
        "510107",
        "420102",
        "320582",
        "370202",
        "500103",
        "610113",
        "350203",
        "230102",
    )
    CN_MOBILE_PREFIXES = (
        "138",
        "139",
        "150",
        "151",
        "158",
        "186",
        "187",
        "135",
        "136",
        "177",
        "188",
        "199",
        "133",
        "131",
        "185",
        "157",
    )
    EMAIL_DOMAINS = (
        "gmail.com",
        "qq.com",
        "163.com",
        "outlook.com",
        "hotmail.com",
        "yahoo.com",
        "protonmail.com",
        "126.com",
        "icloud.com",
        "foxmail.com",
        "sina.com",
        "proton.me",
    )
    FIRST = (
        "wei",
        "li",
        "zhang",
        "chen",
        "liu",
        "yang",
        "huang",
        "zhao",
        "john",
        "alex",
        "maria",
        "kevin",
        "sarah",
        "tom",
        "david",
        "lucy",
        "mike",
        "anna",
        "jack",
        "emma",
    )
    LAST = (
        "wang",
        "li",
        "zhang",
        "liu",
        "chen",
        "smith",
        "brown",
        "lee",
        "nguyen",
        "kim",
        "garcia",
        "tan",
        "ng",
        "wong",
        "lin",
        "xu",
    )
    PW_WORDS = (
        "dragon",
        "Sunshine",
        "monkey",
        "Shadow",
        "tiger",
        "Qwerty",
        "love",
        "Master",
        "zhang",
        "wang",
        "Lucky",
        "bitcoin",
        "Moon",
        "happy",
        "Summer",
        "woaini",
    )

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._en = Mnemonic("english")
        self._zh = Mnemonic("chinese_simplified")

    def _bytes(self, n: int) -> bytes:
        return bytes(self.rng.getrandbits(8) for _ in range(n))

    def _digits(self, n: int, first_nonzero: bool = True) -> str:
        head = str(self.rng.randint(1, 9)) if first_nonzero else str(self.rng.randint(0, 9))
        return head + "".join(str(self.rng.randint(0, 9)) for _ in range(n - 1))

    # secrets
    def mnemonic_en(self, words: int = 12) -> str:
        return self._en.to_mnemonic(self._bytes(words * 4 // 3))

    def mnemonic_zh(self, words: int = 12) -> str:
        return self._zh.to_mnemonic(self._bytes(words * 4 // 3))

    def hex64(self) -> str:
        return self._bytes(32).hex()

    def wif(self) -> str:
        compressed = self.rng.random() < 0.7
        payload = b"\x80" + self._bytes(32) + (b"\x01" if compressed else b"")
        return b58check(payload)

    def password(self) -> str:
        r = self.rng
        style = r.randrange(5)
        if style == 0:
            return (
                r.choice(self.PW_WORDS).capitalize()
                + r.choice("@#!$.")
                + self._digits(r.randint(3, 6))
            )
        if style == 1:
            return (
                r.choice(self.PW_WORDS)
                + str(r.randint(1980, 2005))
                + self._digits(r.randint(2, 4), first_nonzero=False)
            )
        if style == 2:
            alphabet = string.ascii_letters + string.digits + "!@#$%^&*"
            return "".join(r.choice(alphabet) for _ in range(r.randint(10, 16)))
        if style == 3:
            return (
                r.choice(("Aa", "Qq", "Zx", "Ww"))
                + self._digits(r.randint(6, 8))
                + r.choice(("!", "..", "@", ""))
            )
        return (
            r.choice(self.PW_WORDS)
            + r.choice(self.PW_WORDS).lower()
            + r.choice(("520", "1314", "888", "666", "123"))
            + r.choice(("!", "", "#"))
        )

    def api_key_binance(self) -> str:
        alphabet = string.ascii_letters + string.digits
        return "".join(self.rng.choice(alphabet) for _ in range(64))

    def okx_api_key(self) -> str:
        h = self._bytes(16).hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def okx_secret(self) -> str:
        return self._bytes(16).hex().upper()

    def bybit_key(self) -> str:
        alphabet = string.ascii_letters + string.digits
        return "".join(self.rng.choice(alphabet) for _ in range(18))

    def bybit_secret(self) -> str:
        alphabet = string.ascii_letters + string.digits
        return "".join(self.rng.choice(alphabet) for _ in range(36))

    def otp(self, n: int = 6) -> str:
        return self._digits(n, first_nonzero=self.rng.random() < 0.8)

    def uid(self) -> str:
        return self._digits(self.rng.choice((8, 8, 9, 9, 10)))

    # chain data
    def evm_address(self) -> str:
        return eip55(self._bytes(20).hex())

    def btc_address(self) -> str:
        kind = self.rng.randrange(4)
        if kind == 0:
            return b58check(b"\x00" + self._bytes(20))
        if kind == 1:
            return b58check(b"\x05" + self._bytes(20))
        program = self._bytes(20 if kind == 2 else 32)
        address = bech32_encode("bc", 0, program)
        assert address is not None
        return address

    def tron_address(self) -> str:
        return b58check(b"\x41" + self._bytes(20))

    def evm_tx(self) -> str:
        return "0x" + self.hex64()

    def solana_signature(self) -> str:
        return b58encode(self._bytes(64))

    # personal data
    def email(self) -> str:
        r = self.rng
        style = r.randrange(4)
        domain = r.choice(self.EMAIL_DOMAINS)
        if domain in ("qq.com", "foxmail.com") and style < 2:
            return f"{self._digits(r.randint(8, 10))}@{domain}"
        first, last = r.choice(self.FIRST), r.choice(self.LAST)
        if style == 0:
            local = f"{first}.{last}"
        elif style == 1:
            local = f"{first}{last}{r.randint(1, 99)}"
        elif style == 2:
            local = f"{first[0]}{last}{r.randint(1980, 2003)}"
        else:
            local = f"{first}_{last}"
        return f"{local}@{domain}"

    def cn_mobile(self) -> str:
        return self.rng.choice(self.CN_MOBILE_PREFIXES) + self._digits(8, first_nonzero=False)

    def intl_phone(self) -> str:
        """A mobile number in an allocated mobile range of its country, as people write it."""
        r = self.rng
        d = self._digits
        choices = (
            # NANP: the exchange code never starts with 0 or 1.
            lambda: (
                f"+1 {r.choice(('415', '646', '312', '213'))} {r.randint(2, 9)}{d(2, False)}"
                f" {d(4, False)}"
            ),
            lambda: f"+44 7{r.choice('458')}{d(2, False)} {d(6, False)}",
            lambda: f"+65 {r.choice('89')}{r.randint(1, 8)}{d(2, False)} {d(4, False)}",
            lambda: f"+81 90-{r.randint(1, 9)}{d(3, False)}-{d(4, False)}",
            lambda: (
                f"+852 {r.choice(('61', '63', '64', '65', '69', '94', '96', '97'))}"
                f"{d(2, False)} {d(4, False)}"
            ),
            lambda: f"+971 50 {d(3)} {d(4, False)}",
            lambda: f"+91 9{d(4, False)} {d(5, False)}",
            lambda: f"+7 916 {d(3)}-{d(2, False)}-{d(2, False)}",
            lambda: f"+61 4{r.choice('0123')}{d(1, False)} {d(3, False)} {d(3, False)}",
            lambda: f"+60 1{r.choice('269')}-{d(3)} {d(4, False)}",
            lambda: f"+886 9{d(2, False)} {d(3, False)} {d(3, False)}",
            lambda: f"+49 151 {d(8, False)}",
        )
        return r.choice(choices)()

    def cn_id(self) -> str:
        r = self.rng
        birth = f"{r.randint(1960, 2004)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        body = r.choice(self.REGIONS) + birth + f"{r.randint(1, 999):03d}"
        return body + id_check_digit(body)

    def cn_id_ending_x(self) -> str:
        while True:
            candidate = self.cn_id()
            if candidate.endswith("X"):
                return candidate

    def mnemonic_en_bad_checksum(self) -> str:
        """Twelve list words whose checksum fails: a phrase typed with a wrong word."""
        while True:
            phrase = " ".join(self.rng.sample(self._en.wordlist, 12))
            if not self._en.check(phrase):
                return phrase

    def passport(self) -> str:
        r = self.rng
        kind = r.randrange(3)
        if kind == 0:  # Chinese e-passport
            return "E" + self._digits(8, first_nonzero=False)
        if kind == 1:
            return r.choice("GK") + self._digits(8, first_nonzero=False)
        return self._digits(9)  # US passport book number

    def card(self, unionpay: bool | None = None) -> str:
        r = self.rng
        pool = [c for c in self.CARD_IINS if unionpay is None or c[0].startswith("62") == unionpay]
        iin, length = r.choice(pool)
        body = iin + "".join(str(r.randint(0, 9)) for _ in range(length - len(iin) - 1))
        return body + luhn_check_digit(body)


# --------------------------------------------------------------------------------------------
# Presentation tricks real users (and careless copy-paste) produce


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in text)


def with_zero_width(text: str, rng: random.Random, count: int = 2) -> str:
    chars = list(text)
    for _ in range(count):
        chars.insert(rng.randint(1, len(chars) - 1), rng.choice((ZWSP, "\u200c", "\u2060")))
    return "".join(chars)


def grouped(text: str, size: int, sep: str = " ") -> str:
    return sep.join(text[i : i + size] for i in range(0, len(text), size))


def phone_spaced(mobile: str, sep: str = " ") -> str:
    return f"{mobile[:3]}{sep}{mobile[3:7]}{sep}{mobile[7:]}"


def _numbered(words: list[str], style: int) -> str:
    if style == 0:
        return " ".join(f"{i}.{w}" for i, w in enumerate(words, 1))
    if style == 1:
        return "\n".join(f"{i}. {w}" for i, w in enumerate(words, 1))
    return " ".join(f"{i}){w}" for i, w in enumerate(words, 1))


def placeholder_fillers(rng: random.Random) -> dict[str, Callable[[Values], str]]:
    """Every placeholder a positive template may use, mapped to the value it becomes."""

    def seed_zw(v: Values) -> str:
        words = v.mnemonic_en().split()
        for i in rng.sample(range(12), 3):
            words[i] = with_zero_width(words[i], rng, 1) if len(words[i]) > 1 else words[i]
        return " ".join(words)

    return {
        "seed12": lambda v: v.mnemonic_en(12),
        "seed12_badsum": lambda v: v.mnemonic_en_bad_checksum(),
        "seed12_cap": lambda v: v.mnemonic_en().capitalize(),
        "seed24": lambda v: v.mnemonic_en(24),
        "seed18": lambda v: v.mnemonic_en(18),
        "seed12_num": lambda v: _numbered(v.mnemonic_en().split(), rng.randrange(3)),
        "seed12_lines": lambda v: "\n".join(v.mnemonic_en().split()),
        "seed12_comma": lambda v: ", ".join(v.mnemonic_en().split()),
        "seed12_upper": lambda v: v.mnemonic_en().upper(),
        "seed12_zw": seed_zw,
        "seedzh": lambda v: v.mnemonic_zh(),
        "seedzh_tight": lambda v: v.mnemonic_zh().replace(" ", ""),
        "seedzh_comma": lambda v: "，".join(v.mnemonic_zh().split()),
        "seedzh_num": lambda v: " ".join(
            f"{i}.{w}" for i, w in enumerate(v.mnemonic_zh().split(), 1)
        ),
        "pk": lambda v: v.hex64(),
        "pk0x": lambda v: "0x" + v.hex64(),
        "pk_upper": lambda v: v.hex64().upper(),
        "pk_split": lambda v: grouped(v.hex64(), 16),
        "wif": lambda v: v.wif(),
        "api_bn": lambda v: v.api_key_binance(),
        "api_bn2": lambda v: v.api_key_binance(),
        "okx_key": lambda v: v.okx_api_key(),
        "okx_secret": lambda v: v.okx_secret(),
        "bybit_key": lambda v: v.bybit_key(),
        "bybit_secret": lambda v: v.bybit_secret(),
        "otp6": lambda v: v.otp(6),
        "otp4": lambda v: v.otp(4),
        "otp6_fw": lambda v: fullwidth(v.otp(6)),
        "otp6_spaced": lambda v: grouped(v.otp(6), 3),
        "otp6_digits_spaced": lambda v: " ".join(v.otp(6)),
        "uid": lambda v: v.uid(),
        "uid_fw": lambda v: fullwidth(v.uid()),
        "evmtx": lambda v: v.evm_tx(),
        "btctx": lambda v: v.hex64(),
        "trontx": lambda v: v.hex64(),
        "soltx": lambda v: v.solana_signature(),
        "evm": lambda v: v.evm_address(),
        "evm_lower": lambda v: v.evm_address().lower(),
        "btc": lambda v: v.btc_address(),
        "tron": lambda v: v.tron_address(),
        "evm_zw": lambda v: with_zero_width(v.evm_address(), rng, 1),
        "email": lambda v: v.email(),
        "email2": lambda v: v.email(),
        "email_fw_at": lambda v: v.email().replace("@", "＠"),
        "email_plus": lambda v: v.email().replace("@", "+crypto@", 1),
        "email_edu": lambda v: (
            v.email().split("@")[0]
            + rng.choice(("@mail.tsinghua.edu.cn", "@stu.pku.edu.cn", "@connect.hku.hk"))
        ),
        "mobile": lambda v: v.cn_mobile(),
        "mobile_spaced": lambda v: phone_spaced(v.cn_mobile()),
        "mobile_dashed": lambda v: phone_spaced(v.cn_mobile(), "-"),
        "mobile86": lambda v: "+86 " + phone_spaced(v.cn_mobile()),
        "mobile86_tight": lambda v: "+86" + v.cn_mobile(),
        "mobile_fw": lambda v: fullwidth(v.cn_mobile()),
        "mobile_zw": lambda v: with_zero_width(v.cn_mobile(), rng, 2),
        "intl": lambda v: v.intl_phone(),
        "cnid": lambda v: v.cn_id(),
        "cnid_spaced": lambda v: (lambda s: f"{s[:6]} {s[6:14]} {s[14:]}")(v.cn_id()),
        "cnid_fw": lambda v: fullwidth(v.cn_id()),
        "cnid_lower_x": lambda v: v.cn_id_ending_x().lower(),
        "passport": lambda v: v.passport(),
        "card": lambda v: v.card(),
        "card_up": lambda v: v.card(unionpay=True),
        "card_intl": lambda v: v.card(unionpay=False),
        "card_spaced": lambda v: grouped(v.card(), 4),
        "card_dashed": lambda v: grouped(v.card(unionpay=False), 4, "-"),
        "card_zw": lambda v: with_zero_width(v.card(), rng, 2),
        "card_fw": lambda v: fullwidth(v.card(unionpay=True)),
        "pw": lambda v: v.password(),
        "pw2": lambda v: v.password(),
        "pin6": lambda v: v.otp(6),
    }


# --------------------------------------------------------------------------------------------
# Positive messages: (tag, lang, types, template). Each template is rendered POSITIVE_REPEATS
# times with fresh values.

PW = ("PASSWORD",)
SEED = ("SEED_PHRASE",)
PK = ("PRIVATE_KEY",)
API = ("API_SECRET",)
CODE = ("VERIFICATION_CODE",)
UID = ("ACCOUNT_ID",)
TX = ("TX_HASH",)
ADDR = ("CRYPTO_ADDRESS",)
MAIL = ("EMAIL_ADDRESS",)
PHONE = ("PHONE_NUMBER",)
IDN = ("ID_NUMBER",)
CARD = ("BANK_CARD",)

POSITIVE_TEMPLATES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    # PASSWORD
    ("pw", "en", PW, "my password is {pw} and it says wrong password??"),
    ("pw", "en", PW, "cant login. email ok but pass {pw} rejected 3 times now"),
    ("pw", "en", PW, "pwd: {pw}"),
    ("pw", "en", PW, "{pw} <- that's my login password, can admin check why it's locked"),
    ("pw", "en", PW, "I changed my password yesterday to {pw} and now the app logs me out"),
    ("pw", "en", PW, "login pw {pw} fund pw {pin6} pls help unlock"),
    ("pw", "zh", PW, "密码是{pw} 登不上去了"),
    ("pw", "zh", PW, "我的登录密码：{pw}，一直提示密码错误，怎么回事"),
    ("pw", "zh", PW, "资金密码 {pin6} 输了好几次都不对"),
    ("pw", "zh", PW, "客服帮我看下 密码{pw}为什么登录不了"),
    ("pw", "zh", PW, "改完密码了，新密码 {pw} 还是登不上"),
    ("pw", "zh", PW, "交易密码是{pin6}吗？我记得是这个"),
    ("pw", "mixed", PW, "app 登录 password {pw} 显示错误"),
    ("pw", "mixed", PW, "密码 pwd={pw} 被锁了 help"),
    ("pw", "en", PW, "password {pw}"),
    ("pw", "en", PW, "tried {pw} and {pw2}, neither works. which one did I set??"),
    ("pw", "en", PW, "someone logged into my acc, my pass was {pw} how did they get it"),
    ("pw", "en", PW, "is {pw} a strong enough password for the exchange?"),
    ("pw", "en", PW, "password reset done, new one: {pw}"),
    ("pw", "en", PW, "login: my email, password: {pw} - admin can u check"),
    ("pw", "zh", PW, "我密码{pw}没错啊，为什么说密码错误"),
    ("pw", "zh", PW, "登录密码忘了，试了{pw}也不行"),
    ("pw", "zh", PW, "新设置的密码：{pw}"),
    ("pw", "zh", PW, "我的账户密码是{pw}，帮我登录看一下资产还在不在"),
    ("pw", "zh", PW, "资金密码{pin6}，提现时一直说不对"),
    ("pw", "zh", PW, "密码 {pw}"),
    ("pw", "mixed", PW, "PIN {pin6} 输错 5 次被锁了"),
    # SEED_PHRASE
    ("seed", "en", SEED, "help my seed phrase is {seed12} and the wallet shows 0 balance"),
    ("seed", "en", SEED, "{seed12}"),
    ("seed", "en", SEED, "is this a valid recovery phrase? {seed24}"),
    ("seed", "en", SEED, "imported my wallet with these words:\n{seed12_lines}\nbut funds gone"),
    ("seed", "en", SEED, "mnemonic: {seed12_num}"),
    ("seed", "en", SEED, "support asked for my 12 words so here: {seed12_comma}"),
    ("seed", "en", SEED, "{seed18} restore not working in the app"),
    ("seed", "en", SEED, "MY PHRASE {seed12_upper} WHY IS IT INVALID"),
    ("seed", "en", SEED, "recovery words {seed12_zw}"),
    ("seed", "zh", SEED, "助记词是 {seedzh} 导入后余额是0"),
    ("seed", "zh", SEED, "我的助记词{seedzh_tight}帮我看看为什么导入失败"),
    ("seed", "zh", SEED, "钱包恢复不了 {seedzh_comma}"),
    ("seed", "zh", SEED, "{seedzh_num} 这是我备份的，顺序对吗"),
    ("seed", "mixed", SEED, "导入钱包用的这个 {seed12} 但是提示invalid"),
    ("seed", "mixed", SEED, "seed phrase: {seedzh_tight}"),
    ("seed", "mixed", SEED, "12个单词 {seed12_num} 帮忙看下"),
    ("seed", "en", SEED, "my 24 words are {seed24}"),
    ("seed", "en", SEED, "wallet backup phrase {seed12} - funds moved out without me"),
    ("seed", "en", SEED, "secret recovery phrase {seed12}\nanyone can help?"),
    ("seed", "en", SEED, "trust wallet phrase: {seed12_num}"),
    ("seed", "en", SEED, "{seed24}\nthat's my backup, is it still safe"),
    ("seed", "zh", SEED, "我的钱包助记词：{seed12}，为什么导进去是空的"),
    ("seed", "zh", SEED, "助记词{seedzh}导入imToken显示无效"),
    ("seed", "zh", SEED, "备份的12个词 {seedzh}"),
    ("seed", "zh", SEED, "{seedzh_tight}"),
    ("seed", "zh", SEED, "客服要我发助记词：{seed12_comma}"),
    ("seed", "mixed", SEED, "MetaMask 助记词 {seed12} 恢复后地址不一样"),
    ("seed", "mixed", SEED, "recovery phrase {seedzh} 导入 Trust Wallet 失败"),
    ("seed", "en", SEED, "which word is wrong? {seed12_badsum}"),
    ("seed", "mixed", SEED, "助记词{seed12_badsum}提示校验失败，是不是顺序错了"),
    ("seed", "en", SEED, "{seed12_cap}"),
    # PRIVATE_KEY
    ("pk", "en", PK, "my private key is {pk} can someone check the wallet"),
    ("pk", "en", PK, "exported private key: {pk0x}"),
    ("pk", "en", PK, "privkey {wif} imported into electrum but balance 0"),
    ("pk", "en", PK, "{wif}"),
    ("pk", "en", PK, "here is the key metamask gave me {pk_upper}"),
    ("pk", "en", PK, "private key (split so bots can't read it lol) {pk_split}"),
    ("pk", "zh", PK, "私钥是{pk}，导入小狐狸钱包后看不到币"),
    ("pk", "zh", PK, "私钥：{pk0x} 帮我查下这个钱包"),
    ("pk", "zh", PK, "导出的私钥 {wif} 怎么导入到交易所"),
    ("pk", "zh", PK, "我把私钥发你们 {pk} 快帮我找回资产"),
    ("pk", "mixed", PK, "private key {pk0x} 导入 TronLink 失败"),
    ("pk", "mixed", PK, "私钥 WIF 格式 {wif} 对不对"),
    ("pk", "zh", PK, "{pk0x}这个私钥里的币能转出来吗"),
    ("pk", "en", PK, "private key {wif}"),
    ("pk", "en", PK, 'pk = "{pk0x}"  # my web3.py script can\'t sign'),
    ("pk", "en", PK, "I exported my key from Trust Wallet: {pk}"),
    ("pk", "en", PK, "can you recover funds from this key {pk0x}?"),
    ("pk", "en", PK, "wallet private key {pk_upper} pls help"),
    ("pk", "en", PK, "{pk0x} is the private key, where do I paste it"),
    ("pk", "zh", PK, "这是我的私钥{pk}"),
    ("pk", "zh", PK, "私钥 {pk_split}"),
    ("pk", "zh", PK, "钱包私钥：{wif}"),
    ("pk", "zh", PK, "用私钥{pk0x}导入后资产为空"),
    ("pk", "mixed", PK, "PRIVATE_KEY={pk0x} 放在 .env 里安全吗"),
    ("pk", "mixed", PK, "TronLink 私钥 {pk} 能导入交易所吗"),
    # API_SECRET
    ("api", "en", API, "API Key: {api_bn}\nSecret Key: {api_bn2}\nmy bot says invalid signature"),
    ("api", "en", API, 'client = Client(api_key="{api_bn}", api_secret="{api_bn2}")'),
    ("api", "en", API, "okx api key {okx_key} secret {okx_secret} passphrase {pw}"),
    ("api", "en", API, "bybit key {bybit_key} secret {bybit_secret} why error 10003"),
    ("api", "en", API, "api secret = {api_bn2} is it expired?"),
    ("api", "zh", API, "API密钥 {api_bn} 私钥 {api_bn2} 下单一直报签名错误"),
    ("api", "zh", API, "我的apikey是{okx_key}，secretkey是{okx_secret}，为什么没有交易权限"),
    ("api", "zh", API, "量化机器人配置：\nkey={bybit_key}\nsecret={bybit_secret}"),
    ("api", "mixed", API, "secret key {api_bn2} 绑定 IP 后还是 401"),
    ("api", "mixed", API, "apiKey: '{okx_key}', secretKey: '{okx_secret}' 这样配置对吗"),
    ("api", "en", API, "export EXCHANGE_API_SECRET={api_bn2}\nstill getting -1022"),
    ("api", "zh", API, "api key：{bybit_key}\napi secret：{bybit_secret}\n为什么只读权限"),
    ("api", "en", API, '{{"apiKey": "{okx_key}", "secret": "{okx_secret}"}} ccxt fails'),
    ("api", "en", API, "BINANCE_API_KEY={api_bn}\nBINANCE_SECRET={api_bn2}"),
    ("api", "en", API, "my trading bot secret is {api_bn2} and orders fail"),
    ("api", "en", API, "key {okx_key} / secret {okx_secret} / passphrase {pw}"),
    ("api", "en", API, "apiSecret: {bybit_secret}"),
    ("api", "en", API, "created a new key: {bybit_key} secret {bybit_secret} still 10004"),
    ("api", "zh", API, "秘钥：{api_bn2}"),
    ("api", "zh", API, "API Key {api_bn} Secret {api_bn2} 机器人连不上"),
    ("api", "zh", API, "这是我的API密钥 {okx_secret} 帮我看看权限"),
    ("api", "zh", API, "接口 secret={bybit_secret} 签名老是错"),
    ("api", "mixed", API, "3commas 绑定 API，secret {api_bn2} 提示 invalid"),
    ("api", "mixed", API, "api_key='{bybit_key}' api_secret='{bybit_secret}' 报错 10002"),
    ("api", "en", API, "secret: {okx_secret}\npassphrase: {pw}\nwhat am I doing wrong"),
    ("api", "zh", API, "新建的API：\nAPI Key：{api_bn}\nSecret Key：{api_bn2}"),
    ("api", "mixed", API, "Secret Key {okx_secret} 和 API Key {okx_key} 填反了吗"),
    # VERIFICATION_CODE
    ("code", "en", CODE, "google authenticator code {otp6} keeps saying invalid"),
    ("code", "en", CODE, "the sms code is {otp6} but it expired already"),
    ("code", "en", CODE, "2FA: {otp6}"),
    ("code", "en", CODE, "got email verification code {otp6}, where do I enter it"),
    ("code", "en", CODE, "verification code {otp6_spaced} not accepted"),
    ("code", "en", CODE, "otp {otp4} from sms isn't working"),
    ("code", "zh", CODE, "谷歌验证码 {otp6} 一直提示错误"),
    ("code", "zh", CODE, "短信验证码是{otp6}，输入后显示已过期"),
    ("code", "zh", CODE, "验证码：{otp6_fw} 为什么不对"),
    ("code", "zh", CODE, "邮箱收到的验证码{otp6}，提现要填这个吗"),
    ("code", "zh", CODE, "收到验证码{otp4}了，下一步呢"),
    ("code", "mixed", CODE, "GA 验证码 {otp6} invalid"),
    ("code", "mixed", CODE, "2fa code {otp6} 输入了还是失败"),
    ("code", "en", CODE, "my authenticator shows {otp6} but login fails"),
    ("code", "en", CODE, "code: {otp6}"),
    ("code", "en", CODE, "withdrawal confirmation code {otp6} didn't work"),
    ("code", "en", CODE, "the 6 digit code I got is {otp6}, is that the right one?"),
    ("code", "en", CODE, "SMS says your code is {otp6}, do not share. where do I put it"),
    ("code", "en", CODE, "{otp6} is my google auth code rn, quick"),
    ("code", "zh", CODE, "验证码{otp6}"),
    ("code", "zh", CODE, "提现的邮箱验证码是 {otp6_spaced}"),
    ("code", "zh", CODE, "谷歌验证器现在显示{otp6}，登录还是失败"),
    ("code", "zh", CODE, "手机收到的校验码{otp6}，填了没反应"),
    ("code", "zh", CODE, "动态码{otp6}已经输入了"),
    ("code", "mixed", CODE, "SMS 验证码 {otp6} 一直说 expired"),
    ("code", "zh", CODE, "验证码是 {otp6_digits_spaced}"),
    ("code", "en", CODE, "the code they sent me is {otp6}"),
    # ACCOUNT_ID
    ("uid", "en", UID, "my UID is {uid} please check my deposit"),
    ("uid", "en", UID, "UID: {uid}"),
    ("uid", "en", UID, "account id {uid}, withdrawal pending for 3 hours"),
    ("uid", "en", UID, "uid{uid} kyc rejected again, why"),
    ("uid", "en", UID, "hi admin, user id {uid} here, my futures position got liquidated"),
    ("uid", "zh", UID, "客服你好 我的UID是 {uid} 帮我看看"),
    ("uid", "zh", UID, "UID：{uid_fw} 充值没到账"),
    ("uid", "zh", UID, "用户ID {uid}，账户被冻结了怎么办"),
    ("uid", "zh", UID, "我的uid{uid}提币一直审核中"),
    ("uid", "zh", UID, "账号ID是{uid}，实名认证通不过"),
    ("uid", "mixed", UID, "UID {uid} 的 KYC 什么时候通过"),
    ("uid", "mixed", UID, "我UID {uid} airdrop 没收到"),
    ("uid", "en", UID, "UID {uid} - please unfreeze"),
    ("uid", "en", UID, "my account uid is {uid}, can someone dm me"),
    ("uid", "en", UID, "Hello, UID:{uid}, my P2P order is stuck"),
    ("uid", "en", UID, "check uid {uid} pls, bonus not credited"),
    ("uid", "en", UID, "referral not counted, my friend's UID is {uid}"),
    ("uid", "en", UID, "member ID {uid} here, launchpool rewards missing"),
    ("uid", "zh", UID, "UID{uid}"),
    ("uid", "zh", UID, "我账号UID：{uid}，合约被强平了"),
    ("uid", "zh", UID, "麻烦查下UID {uid} 的提现进度"),
    ("uid", "zh", UID, "用户编号{uid}，理财赎回没到账"),
    ("uid", "zh", UID, "我的UID是{uid_fw}"),
    ("uid", "mixed", UID, "Hi 客服, UID {uid}, 充值没到"),
    ("uid", "mixed", UID, "UID：{uid} VIP 等级没更新"),
    ("uid", "zh", UID, "我的ID是{uid}，充值一直没到"),
    # TX_HASH
    ("tx", "en", TX, "my withdrawal is stuck, txid {evmtx}"),
    ("tx", "en", TX, "deposit not credited. tx hash: {evmtx}"),
    ("tx", "en", TX, "BTC txid {btctx} has 0 confirmations for 2h"),
    ("tx", "en", TX, "sent USDT on tron, hash {trontx}"),
    ("tx", "en", TX, "SOL deposit missing, signature {soltx}"),
    ("tx", "en", TX, "{evmtx} pls check"),
    ("tx", "zh", TX, "充值没到账 哈希是{evmtx}"),
    ("tx", "zh", TX, "提币显示成功但是钱包没收到，交易哈希 {trontx}"),
    ("tx", "zh", TX, "BTC充值 txid：{btctx} 还没入账"),
    ("tx", "zh", TX, "SOL 交易签名 {soltx} 一直没到"),
    ("tx", "zh", TX, "哈希{evmtx}麻烦查一下"),
    ("tx", "mixed", TX, "TRC20 充值 hash {trontx} 还没到账"),
    ("tx", "mixed", TX, "txid {btctx} 区块已确认 但是 balance 没变"),
    ("tx", "en", TX, "withdrawal done on your side but not in my wallet: {evmtx}"),
    ("tx", "en", TX, "tx {evmtx} failed, out of gas?"),
    ("tx", "en", TX, "here's the transaction id {btctx}"),
    ("tx", "en", TX, "hash {trontx} shows SUCCESS on tronscan"),
    ("tx", "en", TX, "Solana tx {soltx} confirmed but balance 0"),
    ("tx", "en", TX, "transaction hash: {evmtx}\nnetwork: BEP20"),
    ("tx", "zh", TX, "{evmtx}"),
    ("tx", "zh", TX, "转账哈希：{trontx}"),
    ("tx", "zh", TX, "交易ID {btctx}，三个确认了还没到"),
    ("tx", "zh", TX, "提现TXID是{evmtx}吗？我钱包没看到"),
    ("tx", "zh", TX, "链上显示成功 {soltx}"),
    ("tx", "mixed", TX, "BEP20 txhash {evmtx} 没到账"),
    ("tx", "mixed", TX, "tx hash：{trontx} 帮查"),
    ("tx", "en", TX, "https://etherscan.io/tx/{evmtx} still pending"),
    ("tx", "zh", TX, "https://tronscan.org/#/transaction/{trontx} 显示成功了"),
    ("tx", "mixed", TX, "mempool 上看 https://mempool.space/tx/{btctx} 没确认"),
    # CRYPTO_ADDRESS
    ("addr", "en", ADDR, "my deposit address is {evm}, is it right for BEP20?"),
    ("addr", "en", ADDR, "sent BTC to {btc} but nothing arrived"),
    ("addr", "en", ADDR, "withdraw to {tron} failed with address error"),
    ("addr", "en", ADDR, "send me some test USDT: {evm_lower}"),
    ("addr", "en", ADDR, "{btc}"),
    ("addr", "en", ADDR, "my wallet {evm_zw} got drained"),
    ("addr", "zh", ADDR, "我的充值地址是{tron}，转了USDT没到"),
    ("addr", "zh", ADDR, "提币地址 {btc} 对吗"),
    ("addr", "zh", ADDR, "钱包地址{evm}被盗了，能冻结吗"),
    ("addr", "zh", ADDR, "谁能给我转点TRX 地址：{tron}"),
    ("addr", "mixed", ADDR, "ERC20 地址 {evm} 可以收 USDT 吗"),
    ("addr", "mixed", ADDR, "我的 TRC20 address {tron} 没收到"),
    ("addr", "en", ADDR, "address: {btc}"),
    ("addr", "en", ADDR, "can you send the airdrop to {evm}"),
    ("addr", "en", ADDR, "my TRC20 address {tron}, nothing came"),
    ("addr", "en", ADDR, "{evm} this is my metamask"),
    ("addr", "en", ADDR, "whitelisted {btc} but withdrawal still blocked"),
    ("addr", "en", ADDR, "tips welcome {evm_lower}"),
    ("addr", "zh", ADDR, "{tron}"),
    ("addr", "zh", ADDR, "我的钱包是{evm}，帮忙查下有没有到"),
    ("addr", "zh", ADDR, "BTC地址{btc}，提币多久到"),
    ("addr", "zh", ADDR, "收款地址：{tron}"),
    ("addr", "zh", ADDR, "这个地址{evm_zw}是我的"),
    ("addr", "mixed", ADDR, "USDT 提到 {tron} 了 还没到账"),
    ("addr", "mixed", ADDR, "BTC 地址 {btc} 支持 SegWit 吗"),
    ("addr", "en", ADDR, "https://etherscan.io/address/{evm} that's me"),
    ("addr", "zh", ADDR, "我的地址 https://tronscan.org/#/address/{tron}"),
    # EMAIL_ADDRESS
    ("email", "en", MAIL, "my account email is {email}, can't receive the code"),
    ("email", "en", MAIL, "please contact me at {email}"),
    ("email", "en", MAIL, "{email} is my registered email, reset not arriving"),
    ("email", "en", MAIL, "registered with {email} but it says user not found"),
    ("email", "en", MAIL, "dm me or mail {email}"),
    ("email", "zh", MAIL, "注册邮箱是{email}，收不到邮件"),
    ("email", "zh", MAIL, "我的邮箱 {email} 麻烦客服联系我"),
    ("email", "zh", MAIL, "邮箱{email}被人改了怎么办"),
    ("email", "zh", MAIL, "有问题发我邮箱：{email}"),
    ("email", "mixed", MAIL, "email {email} 一直收不到验证邮件"),
    ("email", "mixed", MAIL, "账号 {email} 登录不了"),
    ("email", "en", MAIL, "email: {email}"),
    ("email", "en", MAIL, "{email}"),
    ("email", "en", MAIL, "changed my email to {email} yesterday and now locked out"),
    ("email", "en", MAIL, "send the form to {email} please"),
    ("email", "en", MAIL, "my login is {email}, 2fa lost"),
    ("email", "en", MAIL, "anyone from support? write to {email}"),
    ("email", "zh", MAIL, "{email}这个邮箱注册的，忘了密码"),
    ("email", "zh", MAIL, "联系邮箱：{email}"),
    ("email", "zh", MAIL, "我用{email}注册的账户被冻结了"),
    ("email", "zh", MAIL, "麻烦发到我邮箱{email}谢谢"),
    ("email", "zh", MAIL, "邮箱 {email} 收不到提现确认邮件"),
    ("email", "mixed", MAIL, "Gmail {email} 收不到 code"),
    ("email", "mixed", MAIL, "我的 email 是 {email}"),
    ("email", "en", MAIL, "use {email_plus} for my account pls"),
    ("email", "zh", MAIL, "我的邮箱是{email_edu}"),
    ("email", "zh", MAIL, "邮箱{email_fw_at}"),
    # PHONE_NUMBER
    ("phone", "en", PHONE, "call me {intl}, urgent"),
    ("phone", "en", PHONE, "my phone number is {intl} and no SMS arrives"),
    ("phone", "en", PHONE, "whatsapp {intl}"),
    ("phone", "en", PHONE, "registered with phone {mobile86}, not getting codes"),
    ("phone", "zh", PHONE, "我手机号{mobile}收不到短信"),
    ("phone", "zh", PHONE, "电话 {mobile_spaced} 客服打给我"),
    ("phone", "zh", PHONE, "绑定的手机 {mobile_dashed} 已经停机了，怎么换绑"),
    ("phone", "zh", PHONE, "手机号：{mobile_fw} 请回电"),
    ("phone", "zh", PHONE, "{mobile}"),
    ("phone", "zh", PHONE, "联系方式{mobile_zw}，加微信也行"),
    ("phone", "zh", PHONE, "有意者联系{mobile}谢谢"),
    ("phone", "mixed", PHONE, "phone {mobile86_tight} 收不到验证码"),
    ("phone", "mixed", PHONE, "WhatsApp {intl} 找我 OTC"),
    ("phone", "en", PHONE, "{intl}"),
    ("phone", "en", PHONE, "text me on {intl} for the OTC deal"),
    ("phone", "en", PHONE, "changed my number to {intl}, how do I update it"),
    ("phone", "en", PHONE, "support pls call {mobile86}"),
    ("phone", "en", PHONE, "telegram is bad, my cell is {intl}"),
    ("phone", "en", PHONE, "my mobile {mobile86_tight} got no sms"),
    ("phone", "zh", PHONE, "手机{mobile}"),
    ("phone", "zh", PHONE, "打我电话{mobile_dashed}"),
    ("phone", "zh", PHONE, "绑定手机号是+86 {mobile}，换号了"),
    ("phone", "zh", PHONE, "微信同号{mobile}"),
    ("phone", "zh", PHONE, "我的号码 {mobile_spaced} 收不到验证短信"),
    ("phone", "zh", PHONE, "急！{mobile}回电"),
    ("phone", "mixed", PHONE, "call 我 {mobile}"),
    ("phone", "zh", PHONE, "手机：(+86) {mobile_spaced}"),
    ("phone", "zh", PHONE, "电话 0086 {mobile}"),
    ("phone", "en", PHONE, "tel: {mobile86_tight}"),
    ("phone", "zh", PHONE, "有事加vx {mobile}"),
    # ID_NUMBER
    ("id", "en", IDN, "KYC failed, my ID number {cnid} is correct though"),
    ("id", "en", IDN, "passport number {passport}, verification still pending"),
    ("id", "en", IDN, "ID card: {cnid_spaced}"),
    ("id", "en", IDN, "my passport no. is {passport} does it need to match the name exactly"),
    ("id", "zh", IDN, "身份证号{cnid} 实名认证一直失败"),
    ("id", "zh", IDN, "我的身份证 {cnid_spaced} 提示已被其他账号认证"),
    ("id", "zh", IDN, "护照号码：{passport}，审核多久"),
    ("id", "zh", IDN, "身份证：{cnid_fw}"),
    ("id", "zh", IDN, "{cnid}"),
    ("id", "zh", IDN, "帮我查下{cnid}这个身份证绑的哪个账号"),
    ("id", "mixed", IDN, "KYC 身份证号 {cnid} 被拒了"),
    ("id", "mixed", IDN, "passport {passport} 认证不通过"),
    ("id", "en", IDN, "Chinese ID {cnid} rejected by KYC, why"),
    ("id", "en", IDN, "my passport is {passport}"),
    ("id", "en", IDN, "{cnid} this is my id, please verify manually"),
    ("id", "en", IDN, "KYC says document number {passport} already used"),
    ("id", "en", IDN, "ID no: {cnid}"),
    ("id", "en", IDN, "passport# {passport} expires next month, do I redo KYC?"),
    ("id", "zh", IDN, "身份证{cnid}"),
    ("id", "zh", IDN, "证件号码：{cnid}，认证失败"),
    ("id", "zh", IDN, "我用护照{passport}认证的，一直审核中"),
    ("id", "zh", IDN, "身份证号码是{cnid_spaced}"),
    ("id", "zh", IDN, "实名认证身份证号{cnid}提示格式错误"),
    ("id", "mixed", IDN, "ID card {cnid} 认证不了"),
    ("id", "mixed", IDN, "身份证 number {cnid_fw}"),
    ("id", "zh", IDN, "身份证号{cnid_lower_x}最后是小写x可以吗"),
    # BANK_CARD
    ("card", "en", CARD, "paid with card {card_intl} but the order shows unpaid"),
    ("card", "en", CARD, "my card number {card_spaced} got declined"),
    ("card", "en", CARD, "card {card_dashed} charged twice"),
    ("card", "en", CARD, "{card}"),
    ("card", "en", CARD, "P2P buyer wants my card: {card_zw}, is this safe?"),
    ("card", "zh", CARD, "银行卡号{card_up} 法币出金没到"),
    ("card", "zh", CARD, "C2C收款卡 {card_spaced} 被冻结了"),
    ("card", "zh", CARD, "我的卡号是{card_fw}，付款显示失败"),
    ("card", "zh", CARD, "工商银行 {card_up} 张三 请打款"),
    ("card", "zh", CARD, "卡号：{card_zw}"),
    ("card", "mixed", CARD, "UnionPay 卡 {card_up} 不支持吗"),
    ("card", "mixed", CARD, "P2P 收款 card {card_spaced} 一直 pending"),
    ("card", "en", CARD, "card number: {card}"),
    ("card", "en", CARD, "refund to my card {card_spaced} please"),
    ("card", "en", CARD, "buy crypto failed, card {card_intl}, exp 09/27"),
    ("card", "en", CARD, "P2P seller, pay to {card_up}"),
    ("card", "en", CARD, "my mastercard {card_dashed} was blocked after deposit"),
    ("card", "en", CARD, "which card works? tried {card_intl}"),
    ("card", "zh", CARD, "{card_up}"),
    ("card", "zh", CARD, "打款到这张卡{card_up}，户名李四"),
    ("card", "zh", CARD, "建设银行卡号 {card_spaced}"),
    ("card", "zh", CARD, "出金绑定的银行卡{card_up}被风控了"),
    ("card", "zh", CARD, "银行卡：{card_zw} 转账失败"),
    ("card", "mixed", CARD, "OTC 收款 {card_up} 工行"),
    ("card", "mixed", CARD, "Visa 卡 {card_intl} 买币失败"),
    ("card", "en", CARD, "{card_intl} exp 11/26 cvv 318"),
    # Several types in one message
    (
        "multi",
        "en",
        ("EMAIL_ADDRESS", "PHONE_NUMBER"),
        "email {email} phone {intl} please call me back",
    ),
    ("multi", "en", ("ACCOUNT_ID", "EMAIL_ADDRESS"), "UID {uid}, email {email}, still locked"),
    ("multi", "en", ("TX_HASH", "CRYPTO_ADDRESS"), "sent from {evm} tx {evmtx} not credited"),
    ("multi", "en", ("EMAIL_ADDRESS", "PASSWORD"), "login {email} / {pw} doesn't work anymore"),
    (
        "multi",
        "zh",
        ("PHONE_NUMBER", "ID_NUMBER"),
        "实名信息：身份证{cnid}，手机{mobile}，帮我加急审核",
    ),
    (
        "multi",
        "zh",
        ("BANK_CARD", "PHONE_NUMBER"),
        "收款卡号 {card_up} 有问题打我电话{mobile_spaced}",
    ),
    ("multi", "zh", ("ACCOUNT_ID", "TX_HASH"), "UID：{uid} 充值哈希 {trontx} 没到账"),
    ("multi", "zh", ("CRYPTO_ADDRESS", "TX_HASH"), "地址{tron} 哈希{trontx}"),
    (
        "multi",
        "zh",
        ("EMAIL_ADDRESS", "PASSWORD", "VERIFICATION_CODE"),
        "账号{email} 密码{pw} 谷歌验证码{otp6} 帮我登录看看",
    ),
    ("multi", "mixed", ("ACCOUNT_ID", "PHONE_NUMBER"), "UID {uid} phone {mobile86} 帮忙解锁"),
    (
        "multi",
        "mixed",
        ("SEED_PHRASE", "CRYPTO_ADDRESS"),
        "address {evm} 助记词 {seed12} 为什么余额不对",
    ),
    (
        "multi",
        "mixed",
        ("ID_NUMBER", "BANK_CARD", "PHONE_NUMBER"),
        "KYC: 身份证 {cnid} 银行卡 {card_up} 手机 {mobile}",
    ),
    (
        "multi",
        "en",
        ("TX_HASH", "CRYPTO_ADDRESS"),
        "Withdrawal successful\nAmount: 250 USDT\nNetwork: TRC20\nAddress: {tron}\nTxID: {trontx}",
    ),
    (
        "multi",
        "zh",
        ("TX_HASH", "CRYPTO_ADDRESS"),
        "提币成功\n数量：0.05 BTC\n地址：{btc}\n交易哈希：{btctx}\n为什么钱包没显示",
    ),
    (
        "multi",
        "en",
        ("PRIVATE_KEY", "CRYPTO_ADDRESS"),
        "address {evm} private key {pk0x} where are my tokens",
    ),
)
POSITIVE_REPEATS = 1


# --------------------------------------------------------------------------------------------
# Hard negatives: talk *about* secrets, masked values, and every kind of number, hash-like or
# address-like string that is public. (tag, lang, template); rendered NEGATIVE_REPEATS[tag] times.

# Contracts and addresses people quote when they ask about a token; all are public knowledge.
PUBLIC_ADDRESSES = (
    "0xdAC17F958D2ee523a2206206994597C13D831ec7",  # USDT (Ethereum)
    "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",  # USDC (Ethereum)
    "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",  # WETH
    "0x55d398326f99059fF775485246999027B3197955",  # USDT (BNB Smart Chain)
    "0x000000000000000000000000000000000000dEaD",  # burn address
    "0x0000000000000000000000000000000000000000",  # zero address
    "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",  # USDT TRC20
    "TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8",  # USDC TRC20
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",  # Bitcoin genesis coinbase
)

NEGATIVE_TEMPLATES: tuple[tuple[str, str, str], ...] = (
    # Questions about secrets and accounts
    ("ask", "en", "where is my UID?"),
    ("ask", "en", "how do I reset 2FA? lost my phone"),
    ("ask", "en", "what is a seed phrase and do I need one for the exchange account?"),
    ("ask", "en", "I forgot my password, what should I do"),
    ("ask", "en", "never share your private key with anyone, admins will never DM you first"),
    ("ask", "en", "how long does KYC take with a passport?"),
    ("ask", "en", "can I change the phone number bound to my account?"),
    ("ask", "en", "the verification code never arrives, tried 5 times"),
    ("ask", "en", "where do I find my deposit address for USDT TRC20?"),
    ("ask", "en", "how do I create an API key with trade permission only"),
    ("ask", "en", "is it safe to give my API secret to a copy trading bot?"),
    ("ask", "en", "what's the difference between txid and tx hash"),
    ("ask", "en", "does the exchange support UnionPay cards for P2P?"),
    ("ask", "en", "my email changed, how do I update it without losing my account"),
    ("ask", "en", "how many words is a recovery phrase, 12 or 24?"),
    ("ask", "en", "someone DMed me asking for my password, is that really support?"),
    ("ask", "en", "withdrawal password vs login password, which one is the 6 digit one?"),
    ("ask", "en", "where can I see the transaction hash of my withdrawal"),
    ("ask", "zh", "忘记密码怎么办"),
    ("ask", "zh", "私钥丢了还能找回吗"),
    ("ask", "zh", "UID在哪里看？"),
    ("ask", "zh", "谷歌验证器换手机了怎么迁移"),
    ("ask", "zh", "助记词是什么，交易所账户需要吗"),
    ("ask", "zh", "短信验证码一直收不到，是不是被拦截了"),
    ("ask", "zh", "身份证过期了还能做实名认证吗"),
    ("ask", "zh", "怎么修改绑定的手机号"),
    ("ask", "zh", "提现地址怎么添加白名单"),
    ("ask", "zh", "交易哈希在哪里查"),
    ("ask", "zh", "请问银行卡出金要多久到账"),
    ("ask", "zh", "API 密钥怎么创建，需要绑定IP吗"),
    ("ask", "zh", "大家注意，客服不会私聊找你要密码和验证码"),
    ("ask", "zh", "资金密码忘了怎么重置"),
    ("ask", "zh", "护照可以做KYC吗还是只能身份证"),
    ("ask", "zh", "邮箱换了，账号怎么改邮箱"),
    ("ask", "zh", "私钥和助记词有什么区别"),
    ("ask", "zh", "充值地址会变吗"),
    ("ask", "mixed", "2FA 怎么关闭啊"),
    ("ask", "mixed", "UID 是几位数的？"),
    ("ask", "mixed", "seed phrase 和 private key 哪个更重要"),
    ("ask", "mixed", "TRC20 地址是 T 开头的吗"),
    ("ask", "mixed", "KYC 需要 passport 还是 ID card"),
    ("ask", "mixed", "txid 在 app 哪里看"),
    ("ask", "mixed", "Google Authenticator 验证码总是错误，时间同步了也不行"),
    ("ask", "mixed", "API key 过期了吗 怎么续期"),
    ("ask", "en", "how do I find the txid of a deposit that hasn't arrived?"),
    ("ask", "en", "can support see my password? asking for a friend"),
    ("ask", "en", "why does the app ask for a 6 digit code every time I withdraw"),
    ("ask", "en", "should I write my seed phrase on paper or store it in a password manager?"),
    ("ask", "en", "what happens if someone gets my API key but not the secret?"),
    ("ask", "en", "is my UID the same as my referral id?"),
    ("ask", "en", "do you accept Mastercard for buying crypto"),
    ("ask", "en", "wrong network deposit, can it be recovered? I have the tx hash"),
    ("ask", "zh", "验证码多久过期"),
    ("ask", "zh", "收款账户可以用别人的银行卡吗"),
    ("ask", "zh", "助记词被别人知道了怎么办，币会丢吗"),
    ("ask", "zh", "为什么提币要填邮箱验证码和谷歌验证码"),
    ("ask", "zh", "实名认证填错身份证号了能改吗"),
    ("ask", "zh", "充错链了能找回吗，有哈希"),
    ("ask", "zh", "密码需要几位？要有特殊字符吗"),
    ("ask", "zh", "海外手机号能注册吗"),
    ("ask", "mixed", "Passkey 和 password 哪个安全"),
    ("ask", "mixed", "withdraw 到 MetaMask 用哪个网络"),
    ("ask", "mixed", "API secret 只显示一次吗 忘了保存怎么办"),
    # Context words next to numbers that are not secrets
    ("ctx", "en", "password must be 8-32 characters with 1 uppercase"),
    ("ctx", "en", "it keeps saying password incorrect, 3 attempts left"),
    ("ctx", "en", "the 2FA code changes every 30 seconds right?"),
    ("ctx", "en", "my UID has 9 digits, my friend's has 8, why?"),
    ("ctx", "en", "verification code sent, valid for 10 minutes"),
    ("ctx", "en", "private key is 64 hex characters, seed phrase is 12 or 24 words"),
    ("ctx", "en", "card payments have a 2% fee and a 5000 USD daily limit"),
    ("ctx", "en", "withdrawal to address failed 3 times in 24 hours"),
    ("ctx", "en", "tx has 12/30 confirmations"),
    ("ctx", "en", "call center is closed, only live chat 24/7"),
    ("ctx", "zh", "登录提示密码错误5次，账户锁定2小时"),
    ("ctx", "zh", "验证码60秒后可以重新发送"),
    ("ctx", "zh", "密码要8到32位，包含大小写字母和数字"),
    ("ctx", "zh", "身份证18位，最后一位是X怎么填"),
    ("ctx", "zh", "银行卡单笔限额50000，每日200000"),
    ("ctx", "zh", "提币地址已添加3个，最多能加几个"),
    ("ctx", "zh", "这笔交易已经有6个确认了"),
    ("ctx", "zh", "手机号换了2次了还能再换吗"),
    ("ctx", "zh", "UID是8位数还是10位数"),
    ("ctx", "mixed", "2FA 验证码 6 位数字 对吧"),
    ("ctx", "mixed", "API key 最多创建 30 个吗"),
    ("ctx", "mixed", "USDT 最小充值 10 USDT，少于这个不到账"),
    ("ctx", "en", "traceId: {uuid} in the error response"),
    ("ctx", "zh", "接口返回 requestId {uuid}，是什么问题"),
    ("ctx", "en", "api whitelist IP 203.0.113.25 not accepted"),
    ("ctx", "zh", "活动时间20240501-20240531，奖励什么时候发"),
    ("ctx", "zh", "持仓 {holders} 张，保证金够吗"),
    ("ctx", "en", "SDK 2.3.1 (commit 9fceb02) breaks order signing"),
    ("ctx", "en", "https://etherscan.io/token/0xdAC17F958D2ee523a2206206994597C13D831ec7 is USDT"),
    ("ctx", "mixed", "提了 0.01234567 BTC，手续费 0.0002"),
    ("ctx", "en", "don't use 123456 or password123 as your password lol"),
    ("ctx", "zh", "别用123456当密码，太容易被盗了"),
    ("ctx", "zh", "转了１０００ＵＳＤＴ到合约账户"),
    ("ctx", "en", "seed phrase words come from a list of 2048, like abandon or zoo"),
    # Masked or truncated values
    ("mask", "en", "UID {mask_uid}, ticket already opened"),
    ("mask", "en", "password: ******"),
    ("mask", "en", "card ending {last4} was charged twice"),
    ("mask", "en", "the sms went to +86 138****{last4}, that's an old number"),
    ("mask", "en", "it shows my email as j***@gmail.com, is that right?"),
    ("mask", "en", "address 0x71C7...976F is it mine? the app only shows the short form"),
    ("mask", "en", "my key looks like sk_live_**** in the dashboard"),
    ("mask", "zh", "UID {mask_uid} 已提交工单"),
    ("mask", "zh", "尾号{last4}的银行卡出金失败"),
    ("mask", "zh", "身份证号 1101**********{last4} 显示已认证"),
    ("mask", "zh", "手机号 186****{last4} 收不到验证码"),
    ("mask", "zh", "密码：********"),
    ("mask", "zh", "地址 TXYZ...9aBc 是我的充值地址吗"),
    ("mask", "mixed", "email a***@qq.com 收不到邮件"),
    ("mask", "mixed", "card **** **** **** {last4} 被拒了"),
    # Prices, amounts, percentages
    ("price", "en", "{ticker} {price} now, pump incoming?"),
    ("price", "en", "BTC 67,250.5 resistance, shorting here"),
    ("price", "en", "bought {amount} {ticker} at {price}, down {pct}"),
    ("price", "en", "funding rate {funding} on {ticker}-USDT perp, crazy"),
    ("price", "en", "withdraw fee is {fee_btc} BTC? too high"),
    ("price", "zh", "ETH 到 3500 了"),
    ("price", "zh", "{ticker}现在{price}，要不要抄底"),
    ("price", "zh", "今天赚了{pct}，明天继续"),
    ("price", "zh", "{ticker}我{price}买的，现在亏了{pct}"),
    ("price", "zh", "充了{amount} USDT 到合约账户"),
    ("price", "zh", "手续费{fee}，比别家贵"),
    ("price", "mixed", "{ticker} 涨了 {pct}，to the moon"),
    ("price", "mixed", "24h volume {volume} USDT 不少"),
    ("book", "en", "bid {btc_bid} x {amount2} / ask {btc_ask} x {amount2}"),
    ("book", "zh", "买一 {btc_bid} 卖一 {btc_ask} 深度太薄"),
    ("book", "mixed", "盘口 ask {btc_ask} 挂了 {amount} 张"),
    ("book", "en", "entry {btc_bid}, TP {btc_ask}, 20x long"),
    ("book", "zh", "止损设在{btc_bid}，止盈{btc_ask}"),
    # Dates, times, versions, error codes, order ids, block data
    ("date", "en", "maintenance on {date_iso} {time} UTC, deposits paused"),
    ("date", "en", "listed on {date_iso}, airdrop snapshot {date_iso2} {time}"),
    ("date", "zh", "{date_zh} {time} 开始维护"),
    ("date", "zh", "活动截止到{date_zh}，还来得及吗"),
    ("date", "mixed", "{date_iso} 的 airdrop 什么时候发"),
    ("ver", "en", "app version {ver}, still crashes on login"),
    ("ver", "en", "updated to v{ver} and the chart is blank"),
    ("ver", "zh", "安卓版本{ver} 打不开"),
    ("ver", "mixed", "iOS app {ver} 闪退"),
    ("err", "en", "error {err} when withdrawing"),
    ("err", "en", "getting code {err} from the API, what does it mean"),
    ("err", "zh", "错误码 {err} 是什么意思"),
    ("err", "zh", "下单报错{err}"),
    ("err", "mixed", "API 返回 error code {err}"),
    ("order", "en", "order id {orderid} not filled"),
    ("order", "zh", "订单号{orderid}一直没放币"),
    ("order", "mixed", "P2P order {orderid} 卖家不放币"),
    ("chain", "en", "block {height} mined, confirmations coming"),
    ("chain", "en", "gas is {gwei} gwei right now, wait a bit"),
    ("chain", "zh", "区块高度{height}了，还差几个确认"),
    ("chain", "zh", "现在 gas {gwei} gwei，太贵了"),
    ("chain", "mixed", "ETH gas limit 21000 就够了"),
    (
        "chain",
        "en",
        "genesis block hash is "
        "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f btw",
    ),
    # Links, public contracts, chat ids, phone-like and id-like numbers that are not private
    ("link", "en", "read this: https://www.{official}/en/support/faq/{slug}"),
    (
        "link",
        "en",
        "official announcement https://www.{official}/en/support/announcement/{hexslug}",
    ),
    ("link", "zh", "看官方公告 https://www.{official}/zh-CN/support/faq/{slug}"),
    ("link", "mixed", "教程在这 https://www.{official}/zh-CN/blog/{slug}?ref=tg"),
    ("link", "en", "email support@{official} for account appeals"),
    ("link", "zh", "官方邮箱 support@{official}，别信私聊"),
    ("token", "en", "is 0xdAC17F958D2ee523a2206206994597C13D831ec7 the right USDT contract?"),
    ("token", "en", "add token: 0xdAC17F958D2ee523a2206206994597C13D831ec7, decimals 6"),
    ("token", "en", "USDC contract 0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48 or a new one?"),
    ("token", "en", "LP sent to 0x000000000000000000000000000000000000dEaD so it's locked"),
    ("token", "en", "why does my tx show to: 0x0000000000000000000000000000000000000000"),
    ("token", "en", "TRC20 USDT is TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t, don't add fake ones"),
    ("token", "en", "satoshi's 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa still gets donations lol"),
    ("token", "zh", "USDT合约地址是 TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t 吗"),
    ("token", "zh", "WETH 合约是 0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2 吗"),
    ("token", "zh", "USDC 的 TRC20 合约 TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8 还能用吗"),
    ("token", "zh", "创世地址 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa 里有多少 BTC"),
    ("token", "zh", "0xdAC17F958D2ee523a2206206994597C13D831ec7 这个是官方 USDT 合约吗"),
    ("token", "mixed", "BSC 上 USDT 合约 0x55d398326f99059fF775485246999027B3197955 对吗"),
    ("token", "mixed", "burn address 0x000000000000000000000000000000000000dEaD 又销毁了一批"),
    ("token", "mixed", "ERC20 USDT 是 0xdac17f958d2ee523a2206206994597c13d831ec7 吧"),
    ("chat", "en", "group chat id is {chatid}, bot not replying there"),
    ("chat", "mixed", "chat_id {chatid} 的群机器人没反应"),
    ("num", "en", "{sats} sats locked in the vault"),
    ("num", "en", "total supply 1000000000, circulating {supply}"),
    ("num", "zh", "成交量{volume}，比昨天多"),
    ("num", "zh", "已经有{holders}个地址持有了"),
    ("num", "en", "timestamp {epoch} in the api response, is that UTC?"),
    ("num", "mixed", "K线 timestamp {epoch_ms} 对不上"),
    ("num", "zh", "邀请码 {ref} 注册送10U"),
    ("num", "en", "use referral code {ref} for fee discount"),
    ("num", "en", "ticket #{ticket} opened, waiting"),
    ("num", "zh", "排名第{rank}，奖池{prize} USDT"),
    ("num", "en", "{holders} people joined the launchpool already"),
    ("num", "mixed", "APY {pct}，锁仓 90 天值得吗"),
    ("num", "zh", "工单号 {ticket} 三天没人回"),
    # Ordinary chat
    ("chat", "en", "gm everyone"),
    ("chat", "en", "when listing?"),
    ("chat", "en", "wen moon"),
    ("chat", "en", "thanks admin, it arrived"),
    ("chat", "en", "deposit arrived after 20 minutes, all good"),
    ("chat", "en", "anyone else having trouble logging in on the app?"),
    ("chat", "en", "the new UI is much better"),
    ("chat", "en", "is spot trading down? orders not filling"),
    ("chat", "en", "lol this market is crazy today"),
    ("chat", "en", "how do I join the trading competition"),
    ("chat", "en", "can I use the copy trading feature in my country"),
    ("chat", "en", "admin please pin the airdrop rules"),
    ("chat", "en", "scam alert: fake support accounts in DMs, block them"),
    ("chat", "en", "what are the VIP fee tiers"),
    ("chat", "en", "launchpool rewards not showing up yet"),
    ("chat", "zh", "大家好"),
    ("chat", "zh", "今天行情怎么样"),
    ("chat", "zh", "提现审核要多久啊"),
    ("chat", "zh", "谢谢客服，已经到账了"),
    ("chat", "zh", "合约爆仓了，心态崩了"),
    ("chat", "zh", "新币什么时候上线"),
    ("chat", "zh", "这个群有中文客服吗"),
    ("chat", "zh", "app一直转圈加载不出来"),
    ("chat", "zh", "空投什么时候发"),
    ("chat", "zh", "注意防骗，管理员不会主动私聊"),
    ("chat", "zh", "理财产品年化多少"),
    ("chat", "zh", "现货和合约的手续费一样吗"),
    ("chat", "zh", "晚上好各位"),
    ("chat", "zh", "充值一般几个确认到账"),
    ("chat", "zh", "为什么我的账户显示受限"),
    ("chat", "mixed", "今天 BTC 好猛"),
    ("chat", "mixed", "P2P 商家怎么申请"),
    ("chat", "mixed", "app 更新后 K 线不显示了"),
    ("chat", "mixed", "Launchpool 挖矿收益怎么算"),
    ("chat", "mixed", "USDT 提现到 TRC20 手续费多少"),
    ("chat", "mixed", "KYC 通过了 thanks"),
    ("chat", "mixed", "Earn 里面的 flexible 产品可以随时赎回吗"),
    ("chat", "en", "just got liquidated on a 2% wick, unreal"),
    ("chat", "en", "who else is holding since 2021"),
    ("chat", "en", "fees went down after the VIP upgrade, nice"),
    ("chat", "en", "support replied in 5 min, impressed"),
    ("chat", "en", "the android app keeps asking me to update"),
    ("chat", "en", "any news on the ETF flows today?"),
    ("chat", "en", "bro that's a scam link, don't click"),
    ("chat", "zh", "这波回调正常，别慌"),
    ("chat", "zh", "今天的空投领了吗"),
    ("chat", "zh", "提现秒到，点赞"),
    ("chat", "zh", "客服回复好慢啊"),
    ("chat", "zh", "网页版打不开，app可以"),
    ("chat", "zh", "有没有人一起做网格"),
    ("chat", "zh", "群里有骗子冒充管理员，大家小心"),
    ("chat", "mixed", "BTC ETF 通过了吗"),
    ("chat", "mixed", "这个 meme 币能拿吗 DYOR"),
    ("chat", "mixed", "web3 钱包怎么连接 DApp"),
)

NEGATIVE_REPEATS: dict[str, int] = {
    "ask": 1,
    "ctx": 1,
    "mask": 2,
    "price": 3,
    "book": 3,
    "date": 3,
    "ver": 3,
    "err": 3,
    "order": 4,
    "chain": 2,
    "link": 2,
    "token": 1,
    "chat": 1,
    "num": 2,
}


def negative_fillers(rng: random.Random) -> dict[str, Callable[[], str]]:
    """Placeholders of the hard negatives: public numbers and strings of every shape."""
    # Plausible price range per ticker; a template's {price} follows the {ticker} before it.
    ranges = {
        "BTC": (55000, 99000),
        "ETH": (2200, 4000),
        "SOL": (120, 260),
        "BNB": (500, 720),
        "XRP": (0.45, 2.5),
        "DOGE": (0.08, 0.4),
        "TON": (4, 7),
        "PEPE": (7e-6, 2.4e-5),
        "ARB": (0.4, 1.9),
        "OP": (0.9, 3.5),
        "SUI": (0.8, 4.5),
        "TRX": (0.1, 0.3),
    }
    last_ticker = ["BTC"]
    last_bid = [65000.0]

    def ticker() -> str:
        last_ticker[0] = rng.choice(sorted(ranges))
        return last_ticker[0]

    def price() -> str:
        low, high = ranges[last_ticker[0]]
        value = rng.uniform(low, high)
        if value >= 10000:
            return f"{value:,.1f}" if rng.random() < 0.5 else f"{value:.1f}"
        if value >= 100:
            return f"{value:.2f}"
        if value >= 0.01:
            return f"{value:.4f}"
        return f"{value:.8f}"

    def bid() -> str:
        last_bid[0] = round(rng.uniform(60000, 69999), 1)
        return f"{last_bid[0]:.1f}"

    def ask() -> str:
        return f"{last_bid[0] + rng.randint(1, 40) / 10:.1f}"

    def order_id() -> str:
        while True:
            candidate = rng.choice(("17", "18", "20", "11")) + "".join(
                str(rng.randint(0, 9)) for _ in range(17)
            )
            if not luhn_valid(candidate):
                return candidate

    def slug() -> str:
        return rng.choice(
            (
                "how-to-reset-google-authenticator",
                "deposit-not-credited",
                "how-to-complete-kyc",
                "withdrawal-fees",
                "api-key-security",
                "p2p-trading-guide",
                "futures-liquidation",
            )
        )

    return {
        "ticker": ticker,
        "price": price,
        "funding": lambda: f"{rng.choice(('', '-'))}0.0{rng.randint(1, 9)}%",
        "fee_btc": lambda: rng.choice(("0.0005", "0.0002", "0.00002", "0.0001")),
        "rank": lambda: str(rng.randint(1, 3000)),
        "prize": lambda: rng.choice(("1,000,000", "500,000", "2,000,000", "300,000")),
        "btc_bid": bid,
        "btc_ask": ask,
        "amount": lambda: rng.choice(("0.5", "1,200", "350", "12.75", "0.0213", "5000")),
        "amount2": lambda: f"{rng.uniform(0.01, 50):.3f}",
        "pct": lambda: f"{rng.uniform(0.5, 80):.2f}%",
        "fee": lambda: rng.choice(("0.0005", "0.1%", "1 USDT", "0.00002", "0.075%")),
        "volume": lambda: f"{rng.randint(10**8, 9 * 10**9):,}",
        "date_iso": lambda: f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "date_iso2": lambda: f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "date_zh": lambda: (
            f"{rng.choice((2024, 2025))}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
        ),
        "time": lambda: f"{rng.randint(0, 23):02d}:{rng.choice((0, 15, 30, 45)):02d}",
        "ver": lambda: f"{rng.randint(1, 12)}.{rng.randint(0, 20)}.{rng.randint(0, 30)}",
        "err": lambda: rng.choice(
            (
                "50113",
                "10001",
                "-1021",
                "30032",
                "51008",
                "-2010",
                "40004",
                "10006",
                "-1013",
                "58350",
            )
        ),
        "orderid": order_id,
        "height": lambda: str(
            rng.choice((rng.randint(840000, 880000), rng.randint(19000000, 21500000)))
        ),
        "gwei": lambda: rng.choice(("12", "35.4", "8", "120", "3.1")),
        "slug": slug,
        "hexslug": lambda: "".join(rng.choice("0123456789abcdef") for _ in range(32)),
        "chatid": lambda: "-100" + "".join(str(rng.randint(0, 9)) for _ in range(10)),
        "sats": lambda: str(rng.randint(1000, 9999999)),
        "supply": lambda: f"{rng.randint(10**8, 9 * 10**8):,}",
        "holders": lambda: str(rng.randint(1000, 999999)),
        "epoch": lambda: str(rng.randint(1700000000, 1760000000)),
        "epoch_ms": lambda: str(rng.randint(1700000000000, 1760000000000)),
        "ref": lambda: "".join(
            rng.choice(string.ascii_uppercase + string.digits) for _ in range(rng.choice((6, 8)))
        ),
        "ticket": lambda: str(rng.randint(100000, 9999999)),
        "mask_uid": lambda: f"{rng.randint(1000, 9999)}****{rng.randint(1000, 9999)}",
        "last4": lambda: f"{rng.randint(0, 9999):04d}",
        "uuid": lambda: (lambda h: f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}")(
            "".join(rng.choice("0123456789abcdef") for _ in range(32))
        ),
        "official": lambda: OFFICIAL_DOMAIN,
    }


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def render_positive(
    template: str, values: Values, fillers: dict[str, Callable[[Values], str]]
) -> str:
    return template.format(**{name: fillers[name](values) for name in _fields(template)})


def render_negative(template: str, fillers: dict[str, Callable[[], str]]) -> str:
    return template.format(**{name: fillers[name]() for name in _fields(template)})


def build_corpus(seed: int = CORPUS_SEED) -> list[Case]:
    """Every labeled case, in a stable order; the same seed always gives the same corpus."""
    rng = random.Random(seed)
    values = Values(rng)
    pos_fillers = placeholder_fillers(rng)
    neg_fillers = negative_fillers(rng)
    counters: dict[tuple[str, str], int] = {}
    seen: set[str] = set()
    cases: list[Case] = []

    def add(tag: str, lang: str, text: str, types: tuple[str, ...]) -> None:
        if text in seen:
            return
        seen.add(text)
        n = counters[(lang, tag)] = counters.get((lang, tag), 0) + 1
        ordered = tuple(t for t in ENTITY_TYPES if t in types)
        cases.append(Case(f"{lang}-{tag}-{n:03d}", text, lang, bool(ordered), ordered))

    for tag, lang, types, template in POSITIVE_TEMPLATES:
        for _ in range(POSITIVE_REPEATS):
            add(tag, lang, render_positive(template, values, pos_fillers), types)
    for tag, lang, template in NEGATIVE_TEMPLATES:
        for _ in range(NEGATIVE_REPEATS[tag]):
            add(tag, lang, render_negative(template, neg_fillers), ())
    return cases


def chat_stream(seed: int, count: int, private_share: float = 0.05) -> Iterator[tuple[str, bool]]:
    """A realistic group-chat mix of ``(text, private)``: mostly clean chat, a small share of
    messages with secrets. Values are fresh for every seed, so a seed other than the corpus's
    checks that detection does not depend on the corpus's particular values."""
    rng = random.Random(seed)
    values = Values(rng)
    pos_fillers = placeholder_fillers(rng)
    neg_fillers = negative_fillers(rng)
    for _ in range(count):
        if rng.random() < private_share:
            template = rng.choice(POSITIVE_TEMPLATES)[3]
            yield render_positive(template, values, pos_fillers), True
        else:
            yield render_negative(rng.choice(NEGATIVE_TEMPLATES)[2], neg_fillers), False


def corpus_text(cases: list[Case]) -> str:
    return "".join(case.to_json() + "\n" for case in cases)


def main() -> None:
    cases = build_corpus()
    CORPUS_PATH.write_text(corpus_text(cases), encoding="utf-8")
    negatives = sum(not c.private for c in cases)
    print(f"wrote {len(cases)} cases ({negatives} negatives) to {CORPUS_PATH}")


if __name__ == "__main__":
    main()
