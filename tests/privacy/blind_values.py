"""Value generators for the blind sets, written apart from ``privacy/`` (no import from it).

Every value has the real format and checksum: BIP39 (the ``mnemonic`` package), EIP-55
(Keccak-256 from pycryptodome), Base58Check, Bech32 / Bech32m, Luhn and the GB 11643 check
digit. ``fill`` expands ``{KIND}`` / ``{KIND|modifier}`` placeholders in a hand-written template
and returns the text with the entity types the placeholders stand for.
"""

from __future__ import annotations

import hashlib
import random
import re
import string
from collections.abc import Callable

from Crypto.Hash import keccak
from mnemonic import Mnemonic

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BECH32_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


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


def _polymod(values: list[int]) -> int:
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= gen[i] if ((top >> i) & 1) else 0
    return chk


def _convertbits(data: bytes, frombits: int, tobits: int) -> list[int]:
    acc = bits = 0
    out = []
    maxv = (1 << tobits) - 1
    for value in data:
        acc = (acc << frombits) | value
        bits += frombits
        while bits >= tobits:
            bits -= tobits
            out.append((acc >> bits) & maxv)
    if bits:
        out.append((acc << (tobits - bits)) & maxv)
    return out


def segwit_address(witver: int, program: bytes, hrp: str = "bc") -> str:
    const = 1 if witver == 0 else 0x2BC830A3
    data = [witver, *_convertbits(program, 8, 5)]
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    poly = _polymod(expanded + data + [0] * 6) ^ const
    checksum = [(poly >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32_CHARSET[d] for d in data + checksum)


def eip55(raw: bytes) -> str:
    hexaddr = raw.hex()
    digest = keccak.new(digest_bits=256, data=hexaddr.encode()).hexdigest()
    return "0x" + "".join(
        c.upper() if c.isalpha() and int(digest[i], 16) >= 8 else c for i, c in enumerate(hexaddr)
    )


def luhn_complete(prefix_and_body: str) -> str:
    digits = [int(d) for d in prefix_and_body]
    total = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return prefix_and_body + str((10 - total % 10) % 10)


def gb11643(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


AREAS = [
    "110105",
    "310115",
    "440305",
    "510107",
    "330106",
    "320102",
    "420111",
    "370202",
    "350203",
    "610113",
    "500103",
    "130102",
    "210202",
    "430104",
    "450103",
    "230103",
]
CARD_PREFIXES = {
    "unionpay": ["622202", "621700", "622848", "623668", "621226", "622588", "625807"],
    "visa": ["4539", "4916", "4024", "4485", "4111"],
    "mastercard": ["5425", "5105", "5555", "2221", "2720", "5310"],
}
CN_MOBILE_PREFIXES = [
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "157",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
    "147",
    "173",
    "185",
]
EMAIL_DOMAINS = [
    "gmail.com",
    "qq.com",
    "163.com",
    "outlook.com",
    "hotmail.com",
    "yahoo.com",
    "126.com",
    "protonmail.com",
    "icloud.com",
    "foxmail.com",
    "sina.com",
]
NAMES = [
    "zhangwei",
    "li.na",
    "wangfang88",
    "chenjie",
    "liuyang_1992",
    "mike.chen",
    "jtan",
    "sarah.k",
    "crypto_dave",
    "huangmin",
    "alex.nguyen",
    "kim.j",
    "zhao_lei",
    "btcfan2021",
    "linxiaoyu",
    "tom.w",
    "rahul.s",
    "yuki.t",
    "maria.lopez",
    "ahmed.k",
]
PASSWORD_WORDS = [
    "woaini",
    "Qwer",
    "Abc",
    "Sunshine",
    "dragon",
    "Xiaoming",
    "Tiger",
    "moon",
    "Lucky",
    "Panda",
    "hello",
    "Summer",
    "Bitcoin",
    "Asdf",
    "Zxcv",
    "Mima",
]


class Values:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.en = Mnemonic("english")
        self.zh = Mnemonic("chinese_simplified")

    def _bytes(self, n: int) -> bytes:
        return bytes(self.rng.getrandbits(8) for _ in range(n))

    def _digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def _alnum(self, n: int) -> str:
        return "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(n))

    # -- critical
    def seed_en(self, strength: int = 128) -> str:
        return self.en.to_mnemonic(self._bytes(strength // 8))

    def seed_zh(self, strength: int = 128) -> str:
        return self.zh.to_mnemonic(self._bytes(strength // 8))

    def private_key(self) -> str:
        return self._bytes(32).hex()

    def wif(self, compressed: bool = True) -> str:
        return b58check(b"\x80" + self._bytes(32) + (b"\x01" if compressed else b""))

    def api_key(self) -> str:
        return self._alnum(64)

    def okx_key(self) -> str:
        h = self._bytes(16).hex()
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    def okx_secret(self) -> str:
        return self._bytes(16).hex().upper()

    def password(self) -> str:
        style = self.rng.randrange(5)
        word = self.rng.choice(PASSWORD_WORDS)
        if style == 0:
            return word + self._digits(self.rng.randint(3, 6))
        if style == 1:
            return word + self.rng.choice("!@#$.*_") + self._digits(4)
        if style == 2:
            return self._alnum(10) + self.rng.choice("!@#$%")
        if style == 3:
            year = str(self.rng.randint(1985, 2005))
            return word.lower() + year + self.rng.choice(["", "!", ".."])
        return self.rng.choice(["Aa", "Zz", "Qq"]) + self._digits(6) + self.rng.choice(["@", "."])

    def code(self) -> str:
        return self._digits(6)

    # -- sensitive
    def uid(self) -> str:
        n = self.rng.choice([8, 9, 9, 10])
        return str(self.rng.randint(1, 9)) + self._digits(n - 1)

    def evm(self) -> str:
        return eip55(self._bytes(20))

    def btc_legacy(self) -> str:
        return b58check(b"\x00" + self._bytes(20))

    def btc_p2sh(self) -> str:
        return b58check(b"\x05" + self._bytes(20))

    def bech32(self) -> str:
        return segwit_address(0, self._bytes(self.rng.choice([20, 20, 32])))

    def taproot(self) -> str:
        return segwit_address(1, self._bytes(32))

    def tron(self) -> str:
        return b58check(b"\x41" + self._bytes(20))

    def evm_tx(self) -> str:
        return "0x" + self._bytes(32).hex()

    def hex64(self) -> str:
        return self._bytes(32).hex()

    def sol_tx(self) -> str:
        return b58encode(self._bytes(64))

    def email(self) -> str:
        name = self.rng.choice(NAMES)
        if self.rng.random() < 0.5:
            name += str(self.rng.randint(1, 999))
        return f"{name}@{self.rng.choice(EMAIL_DOMAINS)}"

    def qq_email(self) -> str:
        return f"{self.rng.randint(10000000, 3999999999)}@qq.com"

    def cn_mobile(self) -> str:
        return self.rng.choice(CN_MOBILE_PREFIXES) + self._digits(8)

    def intl_phone(self) -> str:
        forms = [
            lambda: (
                f"+1 ({self.rng.choice(['415', '646', '312', '213'])}) "
                f"{self.rng.randint(201, 989)}-{self._digits(4)}"
            ),
            lambda: f"+44 7{self._digits(3)} {self._digits(6)}",
            lambda: f"+65 {self.rng.choice('89')}{self._digits(3)} {self._digits(4)}",
            lambda: f"+852 {self.rng.choice('569')}{self._digits(3)} {self._digits(4)}",
            lambda: f"+886 9{self._digits(2)} {self._digits(3)} {self._digits(3)}",
            lambda: f"+7 9{self._digits(2)} {self._digits(3)}-{self._digits(2)}-{self._digits(2)}",
            lambda: f"+91 9{self._digits(4)} {self._digits(5)}",
            lambda: f"+234 80{self.rng.randint(3, 9)} {self._digits(3)} {self._digits(4)}",
            lambda: f"+84 9{self._digits(2)} {self._digits(3)} {self._digits(3)}",
            lambda: f"+63 917 {self._digits(3)} {self._digits(4)}",
            lambda: f"+971 5{self.rng.choice('0256')} {self._digits(3)} {self._digits(4)}",
            lambda: f"+60 12-{self._digits(3)} {self._digits(4)}",
            lambda: f"+81 90-{self._digits(4)}-{self._digits(4)}",
            lambda: f"+49 151 {self._digits(8)}",
            lambda: f"+61 4{self._digits(2)} {self._digits(3)} {self._digits(3)}",
            lambda: f"+62 812-{self._digits(4)}-{self._digits(4)}",
        ]
        return self.rng.choice(forms)()

    def cn_id(self) -> str:
        year = self.rng.randint(1955, 2004)
        month = self.rng.randint(1, 12)
        day = self.rng.randint(1, 28)
        return gb11643(f"{self.rng.choice(AREAS)}{year}{month:02d}{day:02d}{self._digits(3)}")

    def cn_id_x(self) -> str:
        for _ in range(500):
            value = self.cn_id()
            if value.endswith("X"):
                return value
        raise RuntimeError("no X check digit found")

    def passport(self) -> str:
        return self.rng.choice("EG") + self._digits(8)

    def card(self, network: str = "") -> str:
        network = network or self.rng.choice(["unionpay", "unionpay", "visa", "mastercard"])
        prefix = self.rng.choice(CARD_PREFIXES[network])
        length = self.rng.choice([16, 19]) if network == "unionpay" else 16
        return luhn_complete(prefix + self._digits(length - len(prefix) - 1))


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def group(text: str, size: int, sep: str) -> str:
    return sep.join(text[i : i + size] for i in range(0, len(text), size))


def mobile_344(text: str, sep: str) -> str:
    return f"{text[:3]}{sep}{text[3:7]}{sep}{text[7:]}"


MODIFIERS: dict[str, Callable[[str], str]] = {
    "fw": fullwidth,
    "sp4": lambda v: group(v, 4, " "),
    "dash4": lambda v: group(v, 4, "-"),
    "sp344": lambda v: mobile_344(v, " "),
    "dash344": lambda v: mobile_344(v, "-"),
    "upper": str.upper,
    "lower": str.lower,
    "nospace": lambda v: v.replace(" ", ""),
    "comma": lambda v: v.replace(" ", ","),
    "lines": lambda v: "\n".join(group_words(v, 4)),
    "id6_8_4": lambda v: f"{v[:6]} {v[6:14]} {v[14:]}",
    "half": lambda v: v[: len(v) // 2] + " " + v[len(v) // 2 :],
    "strip0x": lambda v: v[2:] if v.startswith("0x") else v,
}


def group_words(phrase: str, per_line: int) -> list[str]:
    words = phrase.split()
    return [" ".join(words[i : i + per_line]) for i in range(0, len(words), per_line)]


KINDS: dict[str, tuple[str, Callable[[Values], str]]] = {
    "SEED_EN": ("SEED_PHRASE", lambda v: v.seed_en()),
    "SEED_EN24": ("SEED_PHRASE", lambda v: v.seed_en(256)),
    "SEED_ZH": ("SEED_PHRASE", lambda v: v.seed_zh()),
    "PK": ("PRIVATE_KEY", lambda v: v.private_key()),
    "WIF": ("PRIVATE_KEY", lambda v: v.wif()),
    "WIF5": ("PRIVATE_KEY", lambda v: v.wif(compressed=False)),
    "APIKEY": ("API_SECRET", lambda v: v.api_key()),
    "OKXKEY": ("API_SECRET", lambda v: v.okx_key()),
    "OKXSECRET": ("API_SECRET", lambda v: v.okx_secret()),
    "PW": ("PASSWORD", lambda v: v.password()),
    "CODE": ("VERIFICATION_CODE", lambda v: v.code()),
    "UID": ("ACCOUNT_ID", lambda v: v.uid()),
    "EVM": ("CRYPTO_ADDRESS", lambda v: v.evm()),
    "BTC1": ("CRYPTO_ADDRESS", lambda v: v.btc_legacy()),
    "BTC3": ("CRYPTO_ADDRESS", lambda v: v.btc_p2sh()),
    "BC1Q": ("CRYPTO_ADDRESS", lambda v: v.bech32()),
    "BC1P": ("CRYPTO_ADDRESS", lambda v: v.taproot()),
    "TRX": ("CRYPTO_ADDRESS", lambda v: v.tron()),
    "EVMTX": ("TX_HASH", lambda v: v.evm_tx()),
    "HEXTX": ("TX_HASH", lambda v: v.hex64()),
    "SOLTX": ("TX_HASH", lambda v: v.sol_tx()),
    "EMAIL": ("EMAIL_ADDRESS", lambda v: v.email()),
    "QQMAIL": ("EMAIL_ADDRESS", lambda v: v.qq_email()),
    "CNMOB": ("PHONE_NUMBER", lambda v: v.cn_mobile()),
    "INTL": ("PHONE_NUMBER", lambda v: v.intl_phone()),
    "CNID": ("ID_NUMBER", lambda v: v.cn_id()),
    "CNIDX": ("ID_NUMBER", lambda v: v.cn_id_x()),
    "PASSPORT": ("ID_NUMBER", lambda v: v.passport()),
    "CARD": ("BANK_CARD", lambda v: v.card()),
    # not private in the messages that use them (dev chat, checksums, masked values)
    "GIT40": ("", lambda v: v._bytes(20).hex()),
    "SHA256": ("", lambda v: v.hex64()),
    "ORDER": ("", lambda v: "2024" + v._digits(14)),
    "UPCARD": ("BANK_CARD", lambda v: v.card("unionpay")),
    "VISA": ("BANK_CARD", lambda v: v.card("visa")),
    "MC": ("BANK_CARD", lambda v: v.card("mastercard")),
}
PLACEHOLDER = re.compile(r"\{([A-Z0-9_]+)((?:\|[a-z0-9_]+)*)\}")


def fill(template: str, values: Values) -> tuple[str, list[str]]:
    types: list[str] = []

    def expand(match: re.Match[str]) -> str:
        entity, make = KINDS[match.group(1)]
        if entity and entity not in types:
            types.append(entity)
        value = make(values)
        for modifier in filter(None, match.group(2).split("|")):
            value = MODIFIERS[modifier](value)
        return value

    return PLACEHOLDER.sub(expand, template), types
