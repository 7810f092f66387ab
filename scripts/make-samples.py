#!/usr/bin/env python3
"""Writes samples/: one fictional person's WeChat Pay CSV (UTF-8) and Alipay CSV (GB18030)
over eighteen months, with ordinary spending, real-looking subscriptions and a 卡盟 membership
that keeps charging after the cancellation recorded in samples/autodebit.toml.

Deterministic (fixed seed): re-running it rewrites byte-identical files.
Usage: python3 scripts/make-samples.py [OUTDIR]   (default: samples)
"""
import datetime as dt
import os
import random
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "samples"
START, END = dt.date(2024, 1, 1), dt.date(2025, 6, 30)
rng = random.Random(20250701)
wechat, alipay = [], []          # (datetime, fields...)
serial = [0]


def next_id(prefix, width):
    serial[0] += 1
    body = f"{serial[0]:06d}{rng.randrange(10**8):08d}"
    return (prefix + body).ljust(width, "0")[:width]


def at(day, hour=None, minute=None):
    h = rng.randrange(8, 23) if hour is None else hour
    m = rng.randrange(60) if minute is None else minute
    return dt.datetime(day.year, day.month, day.day, h, m, rng.randrange(60))


def money(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def wx(when, kind, party, product, direction, cents, method, status, order="/", note="/"):
    tx = next_id("42000", 28)
    wechat.append((when, [when.strftime("%Y-%m-%d %H:%M:%S"), kind, party, product, direction,
                          "¥" + money(cents), method, status, tx, order, note]))
    return tx


def ali(when, category, party, account, product, direction, cents, method, status, order="", tx=None):
    tx = tx or when.strftime("%Y%m%d") + next_id("2200", 24)
    alipay.append((when, [when.strftime("%Y-%m-%d %H:%M:%S"), category, party, account, product, direction,
                          money(cents), method, status, tx, order, ""]))
    return tx


def days():
    d = START
    while d <= END:
        yield d
        d += dt.timedelta(days=1)


def add_months(d, n, anchor):
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    last = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return dt.date(y, m, min(anchor, last))


CARD = "招商银行信用卡(8842)"
# Ordinary life: meals, commuting, groceries, rent, red packets.
for d in days():
    if rng.random() < 0.8:
        shop = rng.choice(["云膳过桥米线(科技园店)", "老乡鸡(南山店)", "沙县小吃", "麦当劳(深南大道店)", "兰州拉面"])
        cents = rng.randrange(1500, 4800)
        wx(at(d, 12), "商户消费", shop, f"总共消费:{money(cents)}", "支出", cents, "零钱", "支付成功", next_id("", 18))
    if d.weekday() < 5 and rng.random() < 0.7:
        ali(at(d, 8), "交通出行", "深圳地铁", "/", "乘车码-地铁", "支出", rng.choice([200, 300, 400, 500]), "余额宝", "交易成功")
    if d.weekday() == 5:
        ali(at(d, 17), "日用百货", "盒马鲜生", "hema***@alitest.com", "盒马鲜生-生鲜", "支出", rng.randrange(8000, 32000), "花呗", "交易成功",
            next_id("HM", 20))
    if d.day == 1:
        wx(at(d, 9), "转账", "房东", "转账备注:房租", "支出", 350000, "零钱通", "对方已收钱")
    if rng.random() < 0.05:
        wx(at(d), "微信红包", "张伟", "/", "收入", rng.randrange(100, 8800), "/", "已存入零钱")
    if d.day == 10:
        wx(at(d, 21), "信用卡还款", "招商银行", "/", "/", rng.randrange(200000, 500000), "零钱通", "支付成功")

# A JD order refunded in full: the original row turns 已全额退款 and a refund row appears.
when = at(dt.date(2024, 11, 12), 20)
order = "JD" + next_id("", 16)
wx(when, "商户消费", "京东商城平台商户", "京东-订单编号" + order[2:], "支出", 29900, CARD, "已全额退款", order)
wx(when + dt.timedelta(days=3), "商户消费-退款", "京东商城平台商户", "京东-订单编号" + order[2:], "收入", 29900, CARD, "已全额退款", order)

# Video VIP, WeChat, monthly on the 15th, ¥25 → ¥30 from March 2025 (price increase).
d = dt.date(2024, 1, 15)
while d <= END:
    cents = 2500 if d < dt.date(2025, 3, 1) else 3000
    wx(at(d, 3), "商户消费", "深圳市腾讯计算机系统有限公司", "腾讯视频VIP会员连续包月", "支出", cents, CARD, "支付成功",
       next_id("TXVIP", 24))
    d = add_months(d, 1, 15)

# 九妹卡盟 membership, WeChat, monthly on the 3rd, ¥30; cancelled 2025-02-10 in the app
# (samples/autodebit.toml), yet it kept charging.
d = dt.date(2024, 6, 3)
while d <= END:
    wx(at(d, 2), "商户消费", "九妹卡盟", "九妹卡盟VIP会员自动续费", "支出", 3000, "零钱", "支付成功", next_id("JM", 22))
    d = add_months(d, 1, 3)

# Cloud storage, Alipay, yearly.
for d in [dt.date(2024, 1, 20), dt.date(2025, 1, 20)]:
    ali(at(d, 4), "充值缴费", "北京百度网讯科技有限公司", "baidu***@baidu.com", "百度网盘超级会员年卡自动续费", "支出", 29800, "余额宝",
        "交易成功", next_id("BD", 26))

# Music, Alipay, monthly on the 28th with a ¥0.01 first month (trial conversion).
d = dt.date(2024, 9, 28)
first = True
while d <= END:
    ali(at(d, 5), "文化休闲", "杭州网易云音乐科技有限公司", "music***@163.com", "黑胶VIP连续包月", "支出", 1 if first else 1500, "花呗",
        "交易成功", next_id("NE", 26))
    first = False
    d = add_months(d, 1, 28)

# Fitness app, Alipay: monthly on the 5th, then from March 2025 renewing every 20 days.
d = dt.date(2024, 4, 5)
while d <= END:
    ali(at(d, 6), "运动户外", "北京卡路里信息技术有限公司", "keep***@keep.com", "Keep会员连续包月", "支出", 1900, "余额", "交易成功",
        next_id("KP", 26))
    d = add_months(d, 1, 5) if d < dt.date(2025, 3, 1) else d + dt.timedelta(days=20)

# iQIYI, Alipay, monthly on the 9th; June 2025 charged twice within minutes (duplicate).
d = dt.date(2024, 10, 9)
while d <= END:
    when = at(d, 1, 10)
    ali(when, "文化休闲", "北京爱奇艺科技有限公司", "iqiyi***@qiyi.com", "爱奇艺黄金VIP会员连续包月", "支出", 2500, "余额宝", "交易成功",
        next_id("IQ", 26))
    if d.year == 2025 and d.month == 6:
        ali(when + dt.timedelta(minutes=4), "文化休闲", "北京爱奇艺科技有限公司", "iqiyi***@qiyi.com", "爱奇艺黄金VIP会员连续包月", "支出", 2500,
            "余额宝", "交易成功", next_id("IQ", 26))
    d = add_months(d, 1, 9)

wechat.sort(key=lambda r: r[0], reverse=True)
alipay.sort(key=lambda r: r[0], reverse=True)
os.makedirs(os.path.join(OUT, "wechat"), exist_ok=True)
os.makedirs(os.path.join(OUT, "alipay"), exist_ok=True)


def csv_cell(s):
    return '"' + s.replace('"', '""') + '"' if ("," in s or '"' in s) else s


def totals(rows, col_dir, col_amount, strip):
    out = {}
    for _, f in rows:
        n, c = out.get(f[col_dir], (0, 0))
        out[f[col_dir]] = (n + 1, c + int(f[col_amount].lstrip(strip).replace(".", "")))
    return out


t = totals(wechat, 4, 5, "¥")
pad = "," * 10
preamble = [
    "微信支付账单明细", "微信昵称：[小明]", f"起始时间：[{START} 00:00:00] 终止时间：[{END} 23:59:59]", "导出类型：[全部]",
    "导出时间：[2025-07-01 09:30:12]", "", f"共{len(wechat)}笔记录",
    f"收入：{t.get('收入', (0, 0))[0]}笔 {money(t.get('收入', (0, 0))[1])}元",
    f"支出：{t.get('支出', (0, 0))[0]}笔 {money(t.get('支出', (0, 0))[1])}元",
    f"中性交易：{t.get('/', (0, 0))[0]}笔 {money(t.get('/', (0, 0))[1])}元", "注：",
    "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易", "2. 本明细仅展示当前账单中的交易，不包括已删除的记录",
    "3. 本明细仅供个人对账使用", "", "----------------------微信支付账单明细列表--------------------",
]
with open(os.path.join(OUT, "wechat", "微信支付账单(20240101-20250630).csv"), "w", encoding="utf-8", newline="") as f:
    f.write("\ufeff")
    for line in preamble:
        f.write(line + pad + "\n")
    f.write("交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n")
    for _, r in wechat:
        # WeChat puts a tab after the two id cells.
        cells = [csv_cell(c) for c in r]
        cells[8] += "\t"
        cells[9] += "\t"
        f.write(",".join(cells) + "\n")

t = totals(alipay, 5, 6, "")
notes = ["1.本回单内容可表明支付宝受理了相应支付交易申请，因系统原因或通讯故障等偶发因素导致本回单与实际交易结果不符时，以实际交易情况为准；",
         "2.请勿将本回单作为收款方发货的凭据使用，请查证账户实际到账情况后再进行发货操作；",
         "3.支付宝快捷支付等非余额支付方式可能既产生支付宝交易也同步产生银行交易，因此请勿使用本回单进行重复记账；",
         "4.本回单如经任何涂改、编造，均立即失去效力；", "5.部分账单如：充值提现、账户转存或者个人设置收支等不计入为收入或者支出，记为不计收支类；",
         "6.因统计逻辑不同，明细金额直接累加后，可能会和下方统计金额不一致，请以实际交易金额为准；", "7.禁止将本回单用于非法用途；",
         "8.本明细仅展示当前账单中的交易，不包括已删除的记录；", "9.本明细仅供个人对账使用。"]
lines = ["-" * 84, "导出信息：", "姓名：李明", "支付宝账户：liming***@example.com",
         f"起始时间：[{START} 00:00:00]    终止时间：[{END} 23:59:59]", "导出交易类型：[全部]", "导出时间：[2025-07-01 09:35:40]",
         f"共{len(alipay)}笔记录", f"收入：{t.get('收入', (0, 0))[0]}笔 {money(t.get('收入', (0, 0))[1])}元",
         f"支出：{t.get('支出', (0, 0))[0]}笔 {money(t.get('支出', (0, 0))[1])}元", "不计收支：0笔 0.00元", "", "特别提示：", *notes, "",
         "------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------"]
header = ["交易时间", "交易分类", "交易对方", "对方账号", "商品说明", "收/支", "金额", "收/付款方式", "交易状态", "交易订单号", "商家订单号", "备注"]
widths = [20, 24, 24, 20, 24, 22, 20, 24, 24, 14, 21, 20]
with open(os.path.join(OUT, "alipay", "支付宝交易明细(20240101-20250630).csv"), "wb") as f:
    for line in lines:
        f.write((line + "\n").encode("gb18030"))

    def row(cells, ids):
        out = []
        for i, c in enumerate(cells):
            cell = c.ljust(widths[i])
            if i in (9, 10) and ids:
                cell = c + "\t"
            out.append(cell)
        return ",".join(out) + ",\n"
    f.write(row(header, False).encode("gb18030"))
    for _, r in alipay:
        f.write(row(r, True).encode("gb18030"))
# The cancellation screenshot the config cites as evidence: a small valid PNG.
def png(width, height, rgb):
    import struct, zlib
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


os.makedirs(os.path.join(OUT, "evidence"), exist_ok=True)
with open(os.path.join(OUT, "evidence", "jiumei-cancel-2025-02-10.png"), "wb") as f:
    f.write(png(64, 36, (230, 230, 230)))
print(f"wrote {len(wechat)} WeChat rows and {len(alipay)} Alipay rows to {OUT}/")
