"""Builds ``tests/privacy/blind2.jsonl``: 60 more messages written after the fixes the blind set
prompted, in new phrasings, and measured once without tuning.

Run ``.venv/bin/python -m tests.privacy.blind2_builder``. Same conventions and labelling as
``blind_builder``.
"""

from __future__ import annotations

from pathlib import Path

from tests.privacy.blind_builder import Template, build_rows, write

POSITIVES: list[Template] = [
    ("zh", "大佬们救命😭 刚才有个自称客服的让我把密码发他，我发了：{PW} 现在怎么办"),
    ("en", "ok so my login pass = {PW} , the app just spins forever"),
    ("mixed", "钱包被盗了，之前在群里发过助记词 {SEED_EN} 还有救吗"),
    ("zh", "帮我看看这个助记词对不对：{SEED_ZH}"),
    ("en", "Backup phrase (do not share lol): {SEED_EN24|comma}"),
    ("zh", "老钱包的私钥找到了👉{PK}👈 怎么导入"),
    ("en", "electrum says 'invalid key' for {WIF5}"),
    ("mixed", "bot配置 API_KEY={APIKEY} API_SECRET={APIKEY}"),
    ("en", "gave my secret ({OKXSECRET}) to a copytrade site, should I revoke?"),
    ("zh", "短信码{CODE}，客服说发群里帮我验证"),
    ("en", "verification code: {CODE|fw}"),
    ("zh", "我UID是{UID|fw}，理财到期没返"),
    ("en", "UID {UID} - futures liquidated wrongly, need review"),
    ("zh", "充币txid {HEXTX}，BTC网络，已经6个确认了"),
    ("en", "bscscan shows success: {EVMTX}"),
    ("zh", "solana上的交易签名：{SOLTX}"),
    ("zh", "我的充值地址是{BC1P}，怎么一直不到"),
    ("en", "sent 0.2 eth from {EVM} to my binance deposit, where is it"),
    ("zh", "TRC20收款：{TRX} 谢谢老板"),
    ("en", "old wallet {BTC3} still has dust, can i sweep it"),
    ("zh", "解绑邮箱{EMAIL}需要什么材料"),
    ("en", "reach me: {QQMAIL}"),
    ("zh", "打我电话{CNMOB|sp344}或者加微信"),
    ("en", "pls call +86-{CNMOB|dash344}, urgent withdrawal issue"),
    ("en", "I'm in Dubai, number {INTL}"),
    ("zh", "实名信息：张三，{CNIDX}"),
    ("zh", "身份证号{CNID|id6_8_4}审核失败三次了"),
    ("en", "my passport is {PASSPORT} (China), kyc stuck"),
    ("zh", "农行卡{UPCARD|sp4}，出金到这里"),
    ("en", "refund to my visa {VISA} please"),
]

NEGATIVES: list[Template] = [
    ("zh", "有人让我发助记词验证钱包，是骗子吧？"),
    ("en", "reminder: support will NEVER ask for your password or 2FA code"),
    ("zh", "私钥和助记词有什么区别？"),
    ("en", "how long is a binance api secret? mine looks short"),
    ("zh", "手机号 186****5521 换绑失败"),
    ("en", "card **** **** **** 4421 declined"),
    ("zh", "身份证后四位 123X 对不上"),
    ("en", "uid: (hidden) — DMed the bot instead"),
    ("zh", "BTC 突破 100000 了 🚀"),
    ("en", "sold 2.5 ETH at 3,812.44, fee 0.00095 ETH"),
    ("zh", "这次空投每人 1888 个代币"),
    ("en", "APY 12.8% on USDT flexible savings"),
    ("zh", "订单 {ORDER} 已放币"),
    ("en", "block #21500000 finalized"),
    ("zh", "版本 3.12.1 (build 20241205) 闪退"),
    ("en", "error -1013 Filter failure: LOT_SIZE"),
    ("zh", "3月15日 15:30 之前完成 KYC"),
    ("en", "withdrawals suspended 02:00-04:00 UTC for upgrade"),
    ("zh", "官方邮箱 support@binance.com 之外的都是假的"),
    ("en", "is 0xdAC17F958D2ee523a2206206994597C13D831ec7 the USDT contract on ETH?"),
    ("zh", "官网 www.binance.com ，别上钓鱼站"),
    ("en", "merge commit {GIT40} broke the websocket client"),
    ("zh", "配色用 #F0B90B 和 #1E2329"),
    ("en", "verify the download: SHA256 {SHA256}"),
    ("zh", "区块高度 873512 确认了"),
    ("en", "my account got 3 warnings, 1 more and it's banned?"),
    ("zh", "推荐码 KX88RT 注册送 100 U 体验金"),
    ("en", "took 38 minutes, 12 confirmations on ETH"),
    ("zh", "验证码输错 5 次了 要等 30 分钟"),
    ("en", "anyone know the api ip whitelist limit? 30 ips?"),
]


def build(seed: int = 20241206) -> list[dict[str, object]]:
    return build_rows(POSITIVES, NEGATIVES, "blind2", seed)


if __name__ == "__main__":
    write(build(), Path(__file__).with_name("blind2.jsonl"))
