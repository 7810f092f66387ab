#!/usr/bin/env python3
"""Writes a large, realistic statement folder for the benchmark: the exports of many people
(a consumer group's shared folder), each with a WeChat Pay CSV and XLSX bill, an Alipay
transaction-detail CSV (2023+ layout, GB18030), a card statement in OFX (SGML 1.02 or XML
2.11) and a bank statement in camt.053 with SEPA direct debits.

Ordinary spending comes from merchant pools with varying amounts; each person has a handful
of subscriptions (monthly, yearly, 20-day renewals, price rises, ¥0.01 trials, double
charges). Ids look like the real ones (28-digit 交易单号, Alipay order numbers, FITIDs,
AcctSvcrRef, mandate and creditor ids).

Deterministic: the same arguments give byte-identical files.
Usage: python3 Benchmarks/generate.py OUTDIR [TRANSACTIONS] [PEOPLE]   (default 1000000 200)
Prints one line per format: files, transactions, bytes.
"""
import datetime as dt
import os
import random
import sys
import zipfile
from xml.sax.saxutils import escape

OUT = sys.argv[1]
TOTAL = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
PEOPLE = int(sys.argv[3]) if len(sys.argv) > 3 else 200
START, END = dt.datetime(2022, 7, 1), dt.datetime(2025, 6, 30, 23, 59, 59)
SPAN = int((END - START).total_seconds())
# Share of each format in the total.
SHARES = {"wechat-csv": 0.35, "wechat-xlsx": 0.10, "alipay": 0.30, "ofx": 0.125, "camt053": 0.125}

FAMILY = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "小红", "建华"]
WX_SHOPS = ["云膳过桥米线(科技园店)", "老乡鸡(南山店)", "沙县小吃", "麦当劳(深南大道店)", "兰州拉面", "瑞幸咖啡(海岸城店)", "喜茶(万象天地店)",
            "美宜佳便利店", "7-Eleven(福田店)", "钱大妈(白石洲店)", "华润万家", "肯德基(宝安店)", "滴滴出行", "美团外卖", "大众点评",
            "海底捞火锅(欢乐海岸店)", "Manner Coffee", "罗森便利店", "永辉超市", "蜜雪冰城"]
ALI_SHOPS = [("日用百货", "盒马鲜生", "hema***@alitest.com"), ("餐饮美食", "饿了么", "ele***@alitest.com"),
             ("交通出行", "深圳地铁", "/"), ("交通出行", "高德打车", "amap***@alitest.com"), ("日用百货", "天猫超市", "tmall***@alitest.com"),
             ("服饰装扮", "优衣库官方旗舰店", "uniqlo***@alitest.com"), ("数码电器", "小米官方旗舰店", "mi***@alitest.com"),
             ("充值缴费", "中国移动", "10086***@alitest.com"), ("生活服务", "深圳市燃气集团", "gas***@alitest.com"),
             ("餐饮美食", "星巴克(海岸城店)", "sbux***@alitest.com"), ("医疗健康", "大参林药店", "dsl***@alitest.com")]
CARD_SHOPS = ["WHOLEFOODS #1042", "SHELL OIL 5723", "UBER *TRIP", "STARBUCKS STORE 4411", "TARGET T-0931", "CVS/PHARMACY #2210",
              "AMZN MKTP US*2K4", "TRADER JOE S #512", "CHIPOTLE 1183", "HOME DEPOT #4402", "LYFT *RIDE", "COSTCO WHSE #0133"]
BANK_SHOPS = [("REWE Markt GmbH", "CCRD", "POSD"), ("Lidl Dienstleistung", "CCRD", "POSD"), ("Deutsche Bahn Fernverkehr", "CCRD", "POSD"),
              ("Aral Tankstelle", "CCRD", "POSD"), ("dm-drogerie markt", "CCRD", "POSD"), ("Bargeldauszahlung Geldautomat", "CCRD", "CWDL"),
              ("Miete Hausverwaltung Schulz", "ICDT", "STDO"), ("Edeka Zentrale", "CCRD", "POSD")]
# (channel, counterparty, product, cents, period in days (0 = calendar month, 365 = year), order-id prefix, extra)
SUBSCRIPTIONS = {
    "wechat": [("深圳市腾讯计算机系统有限公司", "腾讯视频VIP会员连续包月", 2500, 0, "TXVIP"),
               ("九妹卡盟", "九妹卡盟VIP会员自动续费", 3000, 0, "JM"),
               ("腾讯音乐娱乐科技(深圳)有限公司", "QQ音乐豪华绿钻连续包月", 1500, 0, "QQM"),
               ("上海宽娱数码科技有限公司", "哔哩哔哩大会员连续包月", 2500, 0, "BILI"),
               ("北京三快在线科技有限公司", "美团会员连续包月", 1500, 0, "MT"),
               ("北京京东世纪贸易有限公司", "京东PLUS会员年卡自动续费", 14900, 365, "JDPLUS")],
    "alipay": [("北京百度网讯科技有限公司", "百度网盘超级会员年卡自动续费", 29800, 365, "BD"),
               ("杭州网易云音乐科技有限公司", "黑胶VIP连续包月", 1500, 0, "NE"),
               ("北京卡路里信息技术有限公司", "Keep会员连续包月", 1900, 0, "KP"),
               ("北京爱奇艺科技有限公司", "爱奇艺黄金VIP会员连续包月", 2500, 0, "IQ"),
               ("优酷信息技术(北京)有限公司", "优酷VIP会员连续包月", 2500, 0, "YK"),
               ("上海拉扎斯信息科技有限公司", "饿了么超级吃货卡连续包月", 1000, 0, "ELM"),
               ("上海喜马拉雅科技有限公司", "喜马拉雅VIP会员连续包月", 2500, 0, "XM")],
    "card": [("NETFLIX.COM", "NETFLIX", 1549, 0), ("SPOTIFY USA", "SPOTIFY", 1199, 0), ("ADOBE *CREATIVE CLD", "ADOBE", 5499, 0),
             ("APPLE.COM/BILL", "APPLE", 299, 0), ("AMAZON PRIME*2H7", "AMZPRIME", 1499, 0), ("NYTIMES DIGITAL", "NYTIMES", 1700, 28),
             ("PLANET FITNESS CLUB", "PFCLUB", 2499, 0), ("DROPBOX*PLUS", "DROPBOX", 11988, 365)],
    "sepa": [("Streamflix GmbH", "DE98ZZZ09999999999", "SF", 1299, 0), ("Funkfix Mobilfunk GmbH", "DE55ZZZ00000222333", "FF", 2999, 0),
             ("Wolkenspeicher AG", "DE71ZZZ00000987654", "WS", 299, 0), ("Tagesblatt Verlag KG", "DE12ZZZ00000345678", "TB", 2849, 0),
             ("FitX Deutschland GmbH", "DE33ZZZ00000555666", "FX", 1999, 28), ("Hanse Versicherung AG", "DE44ZZZ00000777888", "HV", 8920, 91),
             ("Stadtwerke Musterstadt", "DE66ZZZ00000111222", "SW", 7400, 0)],
}


def add_months(d, n, anchor):
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    last = [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return d.replace(year=y, month=m, day=min(anchor, last))


def schedule(rng, period, cents):
    """Charge times and amounts of one subscription, with the anomalies real bills show."""
    first = START + dt.timedelta(days=rng.randrange(0, 400), hours=rng.randrange(0, 6), minutes=rng.randrange(60))
    stop = END if rng.random() < 0.7 else first + dt.timedelta(days=rng.randrange(200, 900))
    rise_at = first + dt.timedelta(days=rng.randrange(200, 700)) if rng.random() < 0.3 else None
    shorten_at = first + dt.timedelta(days=rng.randrange(300, 800)) if period == 0 and rng.random() < 0.1 else None
    trial = period == 0 and rng.random() < 0.15
    out, t, anchor, k = [], first, first.day, 0
    while t <= min(stop, END):
        amount = 1 if trial and k == 0 else (cents * 6 // 5 if rise_at and t >= rise_at else cents)
        out.append((t.replace(second=rng.randrange(60)), amount))
        if rng.random() < 0.01:  # taken twice within minutes
            out.append((t + dt.timedelta(minutes=rng.randrange(1, 9)), amount))
        k += 1
        if shorten_at and t >= shorten_at:
            t += dt.timedelta(days=20)
        elif period == 0:
            t = add_months(t, 1, anchor)
        else:
            t += dt.timedelta(days=period)
    return out


def random_time(rng):
    return START + dt.timedelta(seconds=rng.randrange(SPAN))


def money(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def spend(rng, low, high):
    """Skewed everyday amounts: mostly small, now and then large."""
    x = rng.random()
    return max(1, int(low + (high - low) * x * x * x))


class Serial:
    def __init__(self, person):
        self.n = person * 10_000_000

    def __call__(self, width, rng):
        self.n += 1
        body = f"{self.n:010d}{rng.randrange(10 ** 10):010d}"
        return body[:width].rjust(width, "0") if width <= len(body) else (body + f"{rng.randrange(10 ** 12):012d}")[:width]


# ---------------------------------------------------------------- WeChat (CSV and XLSX rows)

def wechat_rows(rng, serial, count, subs):
    rows = []
    for party, product, cents, period, prefix in subs:
        for t, amount in schedule(rng, period, cents):
            rows.append((t, "商户消费", party, product, "支出", amount, rng.choice(["零钱", "招商银行信用卡(8842)", "零钱通"]), "支付成功",
                         "42000" + serial(23, rng), prefix + serial(18, rng)))
    while len(rows) < count:
        t, r = random_time(rng), rng.random()
        if r < 0.72:
            cents = spend(rng, 300, 30000)
            rows.append((t, "商户消费", rng.choice(WX_SHOPS), f"总共消费:{money(cents)}", "支出", cents,
                         rng.choice(["零钱", "零钱通", "招商银行信用卡(8842)", "中国银行储蓄卡(1234)"]), "支付成功", "42000" + serial(23, rng),
                         serial(18, rng)))
        elif r < 0.80:
            rows.append((t, "扫二维码付款", "个体户" + rng.choice(GIVEN), "/", "支出", spend(rng, 500, 8000), "零钱", "已转账",
                         "10001" + serial(23, rng), "/"))
        elif r < 0.88:
            rows.append((t, "微信红包", rng.choice(FAMILY) + rng.choice(GIVEN), "/", "收入", spend(rng, 100, 20000), "/", "已存入零钱",
                         "10000" + serial(23, rng), "/"))
        elif r < 0.93:
            rows.append((t, "转账", rng.choice(FAMILY) + rng.choice(GIVEN), "转账备注:微信转账", "支出", spend(rng, 1000, 200000), "零钱",
                         "对方已收钱", "10003" + serial(23, rng), "/"))
        elif r < 0.97:
            rows.append((t, "信用卡还款", "招商银行", "/", "/", spend(rng, 50000, 800000), "零钱通", "支付成功", "42000" + serial(23, rng), "/"))
        else:
            cents = spend(rng, 1000, 50000)
            order = "JD" + serial(16, rng)
            rows.append((t, "商户消费", "京东商城平台商户", "京东-订单编号" + order[2:], "支出", cents, "零钱", "已全额退款",
                         "42000" + serial(23, rng), order))
            rows.append((t + dt.timedelta(days=3), "商户消费-退款", "京东商城平台商户", "京东-订单编号" + order[2:], "收入", cents, "零钱",
                         "已全额退款", "50000" + serial(23, rng), order))
    rows = rows[:count]
    rows.sort(key=lambda r: r[0], reverse=True)
    return rows


def wechat_preamble(rows, name):
    totals = {}
    for r in rows:
        n, c = totals.get(r[4], (0, 0))
        totals[r[4]] = (n + 1, c + r[5])
    get = lambda k: totals.get(k, (0, 0))
    return ["微信支付账单明细", f"微信昵称：[{name}]", f"起始时间：[{START:%Y-%m-%d %H:%M:%S}] 终止时间：[{END:%Y-%m-%d %H:%M:%S}]",
            "导出类型：[全部]", "导出时间：[2025-07-01 09:30:12]", "", f"共{len(rows)}笔记录",
            f"收入：{get('收入')[0]}笔 {money(get('收入')[1])}元", f"支出：{get('支出')[0]}笔 {money(get('支出')[1])}元",
            f"中性交易：{get('/')[0]}笔 {money(get('/')[1])}元", "注：", "1. 充值/提现/理财通购买/零钱通存取/信用卡还款等交易，将计入中性交易",
            "2. 本明细仅展示当前账单中的交易，不包括已删除的记录", "3. 本明细仅供个人对账使用", "",
            "----------------------微信支付账单明细列表--------------------"]


WX_HEADER = ["交易时间", "交易类型", "交易对方", "商品", "收/支", "金额(元)", "支付方式", "当前状态", "交易单号", "商户单号", "备注"]


def csv_cell(s):
    return '"' + s.replace('"', '""') + '"' if ("," in s or '"' in s) else s


def write_wechat_csv(path, rows, name):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\ufeff")
        for line in wechat_preamble(rows, name):
            f.write(line + "," * 10 + "\n")
        f.write(",".join(WX_HEADER) + "\n")
        for t, kind, party, product, direction, cents, method, status, tx, order in rows:
            f.write(f"{t:%Y-%m-%d %H:%M:%S},{kind},{csv_cell(party)},{csv_cell(product)},{direction},¥{money(cents)},{method},{status},"
                    f"{tx}\t,{order}\t,/\n")


def col(i):
    s, i = "", i + 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def write_wechat_xlsx(path, rows, name):
    strings, index = [], {}

    def sst(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    lines = wechat_preamble(rows, name)
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', f'<worksheet xmlns="{NS}" xmlns:r="{RNS}"><sheetData>']

    def row(number, cells):
        out.append(f'<row r="{number}">')
        for i, c in enumerate(cells):
            out.append(f'<c r="{col(i)}{number}" t="s"><v>{sst(c)}</v></c>')
        out.append("</row>")

    for i, text in enumerate(lines):
        row(i + 1, [text])
    row(len(lines) + 1, WX_HEADER)
    for k, (t, kind, party, product, direction, cents, method, status, tx, order) in enumerate(rows):
        row(len(lines) + 2 + k, [f"{t:%Y-%m-%d %H:%M:%S}", kind, party, product, direction, "¥" + money(cents), method, status,
                                 tx + "\t", order + "\t", "/"])
    out.append("</sheetData></worksheet>")
    shared = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{NS}" count="{len(strings)}" uniqueCount="{len(strings)}">']
    shared += [f"<si><t>{escape(s)}</t></si>" for s in strings]
    shared.append("</sst>")
    parts = [
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{NS}" xmlns:r="{RNS}"><sheets>'
         '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{RNS}/worksheet" Target="worksheets/sheet1.xml"/>'
         f'<Relationship Id="rId2" Type="{RNS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml", "".join(out)),
        ("xl/sharedStrings.xml", "".join(shared)),
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts:
            info = zipfile.ZipInfo(part, date_time=(2025, 7, 1, 9, 30, 12))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


# ---------------------------------------------------------------- Alipay (GB18030 CSV)

def alipay_rows(rng, serial, count, subs):
    rows = []
    for party, product, cents, period, prefix in subs:
        account = party[:2] + "***@alitest.com"
        for t, amount in schedule(rng, period, cents):
            rows.append((t, "文化休闲", party, account, product, "支出", amount, rng.choice(["余额宝", "花呗", "招商银行信用卡(8842)"]), "交易成功",
                         f"{t:%Y%m%d}2200" + serial(14, rng), prefix + serial(24, rng)))
    while len(rows) < count:
        t, r = random_time(rng), rng.random()
        if r < 0.85:
            category, party, account = rng.choice(ALI_SHOPS)
            cents = spend(rng, 200, 60000)
            rows.append((t, category, party, account, party + "-订单", "支出", cents, rng.choice(["余额宝", "花呗", "余额", "招商银行信用卡(8842)"]),
                         "交易成功", f"{t:%Y%m%d}2200" + serial(14, rng), "T" + serial(20, rng)))
        elif r < 0.93:
            rows.append((t, "转账红包", rng.choice(FAMILY) + "*" + rng.choice(GIVEN), "138****" + f"{rng.randrange(10000):04d}", "转账",
                         "收入", spend(rng, 1000, 100000), "", "交易成功", f"{t:%Y%m%d}2000" + serial(14, rng), ""))
        else:
            rows.append((t, "投资理财", "余额宝", "/", "余额宝-自动转入", "不计收支", spend(rng, 1000, 500000), "余额", "交易成功",
                         f"{t:%Y%m%d}2000" + serial(14, rng), ""))
    rows = rows[:count]
    rows.sort(key=lambda r: r[0], reverse=True)
    return rows


ALI_NOTES = ["1.本回单内容可表明支付宝受理了相应支付交易申请，因系统原因或通讯故障等偶发因素导致本回单与实际交易结果不符时，以实际交易情况为准；",
             "2.请勿将本回单作为收款方发货的凭据使用，请查证账户实际到账情况后再进行发货操作；",
             "3.支付宝快捷支付等非余额支付方式可能既产生支付宝交易也同步产生银行交易，因此请勿使用本回单进行重复记账；",
             "4.本回单如经任何涂改、编造，均立即失去效力；", "5.部分账单如：充值提现、账户转存或者个人设置收支等不计入为收入或者支出，记为不计收支类；",
             "6.因统计逻辑不同，明细金额直接累加后，可能会和下方统计金额不一致，请以实际交易金额为准；", "7.禁止将本回单用于非法用途；",
             "8.本明细仅展示当前账单中的交易，不包括已删除的记录；", "9.本明细仅供个人对账使用。"]
ALI_HEADER = ["交易时间", "交易分类", "交易对方", "对方账号", "商品说明", "收/支", "金额", "收/付款方式", "交易状态", "交易订单号", "商家订单号", "备注"]
ALI_WIDTHS = [20, 24, 24, 20, 24, 22, 20, 24, 24, 14, 21, 20]


def write_alipay(path, rows, name, person):
    totals = {}
    for r in rows:
        n, c = totals.get(r[5], (0, 0))
        totals[r[5]] = (n + 1, c + r[6])
    get = lambda k: totals.get(k, (0, 0))
    lines = ["-" * 84, "导出信息：", f"姓名：{name}", f"支付宝账户：1{38 + person % 50}****{person:04d}",
             f"起始时间：[{START:%Y-%m-%d %H:%M:%S}]    终止时间：[{END:%Y-%m-%d %H:%M:%S}]", "导出交易类型：[全部]",
             "导出时间：[2025-07-01 09:35:40]", f"共{len(rows)}笔记录", f"收入：{get('收入')[0]}笔 {money(get('收入')[1])}元",
             f"支出：{get('支出')[0]}笔 {money(get('支出')[1])}元", f"不计收支：{get('不计收支')[0]}笔 {money(get('不计收支')[1])}元", "",
             "特别提示：", *ALI_NOTES, "", "------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------"]

    def row(cells, ids):
        out = []
        for i, c in enumerate(cells):
            out.append(c + "\t" if i in (9, 10) and ids else c.ljust(ALI_WIDTHS[i]))
        return ",".join(out) + ",\n"

    text = [line + "\n" for line in lines] + [row(ALI_HEADER, False)]
    for t, category, party, account, product, direction, cents, method, status, tx, order in rows:
        text.append(row([f"{t:%Y-%m-%d %H:%M:%S}", category, party, account, product, direction, money(cents), method, status, tx, order, ""],
                        True))
    with open(path, "wb") as f:
        f.write("".join(text).encode("gb18030"))


# ---------------------------------------------------------------- OFX (card statement)

def card_rows(rng, serial, count, subs):
    rows = []
    for name, payee, cents, period in subs:
        for t, amount in schedule(rng, period, cents):
            rows.append((t, "DEBIT", -amount, name, "RECURRING PAYMENT", payee))
    while len(rows) < count:
        t, r = random_time(rng), rng.random()
        if r < 0.93:
            rows.append((t, "DEBIT", -spend(rng, 150, 25000), rng.choice(CARD_SHOPS), "", None))
        elif r < 0.98:
            rows.append((t, "PAYMENT", spend(rng, 20000, 300000), "PAYMENT RECEIVED - THANK YOU", "", None))
        else:
            rows.append((t, "CREDIT", spend(rng, 500, 9000), rng.choice(CARD_SHOPS), "RETURN", None))
    rows = rows[:count]
    rows.sort(key=lambda r: r[0])
    return [(t, kind, cents, name, memo, payee, f"{t:%Y%m%d}{serial(12, rng)}") for t, kind, cents, name, memo, payee in rows]


def signed(cents):
    return ("-" if cents < 0 else "") + money(abs(cents))


def write_ofx(path, rows, account, sgml):
    out = []
    if sgml:
        out.append("OFXHEADER:100\nDATA:OFXSGML\nVERSION:102\nSECURITY:NONE\nENCODING:USASCII\nCHARSET:1252\nCOMPRESSION:NONE\n"
                   "OLDFILEUID:NONE\nNEWFILEUID:NONE\n\n<OFX>\n<SIGNONMSGSRSV1>\n<SONRS>\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n"
                   "<DTSERVER>20250701093000.000[-5:EST]\n<LANGUAGE>ENG\n</SONRS>\n</SIGNONMSGSRSV1>\n<CREDITCARDMSGSRSV1>\n<CCSTMTTRNRS>\n"
                   "<TRNUID>1001\n<STATUS>\n<CODE>0\n<SEVERITY>INFO\n</STATUS>\n<CCSTMTRS>\n<CURDEF>USD\n<CCACCTFROM>\n"
                   f"<ACCTID>{account}\n</CCACCTFROM>\n<BANKTRANLIST>\n<DTSTART>{START:%Y%m%d}\n<DTEND>{END:%Y%m%d}\n")
        for t, kind, cents, name, memo, payee, fitid in rows:
            out.append(f"<STMTTRN>\n<TRNTYPE>{kind}\n<DTPOSTED>{t:%Y%m%d%H%M%S}.000[-5:EST]\n<TRNAMT>{signed(cents)}\n<FITID>{fitid}\n"
                       + (f"<PAYEEID>{payee}\n" if payee else "") + f"<NAME>{escape(name)}\n" + (f"<MEMO>{memo}\n" if memo else "")
                       + "</STMTTRN>\n")
        out.append("</BANKTRANLIST>\n<LEDGERBAL>\n<BALAMT>-1234.56\n<DTASOF>20250630\n</LEDGERBAL>\n</CCSTMTRS>\n</CCSTMTTRNRS>\n"
                   "</CREDITCARDMSGSRSV1>\n</OFX>\n")
    else:
        out.append('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                   '<?OFX OFXHEADER="200" VERSION="211" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n'
                   "<OFX>\n  <SIGNONMSGSRSV1>\n    <SONRS>\n      <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>\n"
                   "      <DTSERVER>20250701093000.000[-5:EST]</DTSERVER>\n      <LANGUAGE>ENG</LANGUAGE>\n    </SONRS>\n  </SIGNONMSGSRSV1>\n"
                   "  <CREDITCARDMSGSRSV1>\n    <CCSTMTTRNRS>\n      <TRNUID>77</TRNUID>\n"
                   "      <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>\n      <CCSTMTRS>\n        <CURDEF>USD</CURDEF>\n"
                   f"        <CCACCTFROM><ACCTID>{account}</ACCTID></CCACCTFROM>\n        <BANKTRANLIST>\n"
                   f"          <DTSTART>{START:%Y%m%d}</DTSTART>\n          <DTEND>{END:%Y%m%d}</DTEND>\n")
        for t, kind, cents, name, memo, payee, fitid in rows:
            out.append(f"          <STMTTRN>\n            <TRNTYPE>{kind}</TRNTYPE>\n            <DTPOSTED>{t:%Y%m%d%H%M%S}</DTPOSTED>\n"
                       f"            <TRNAMT>{signed(cents)}</TRNAMT>\n            <FITID>{fitid}</FITID>\n"
                       + (f"            <PAYEEID>{payee}</PAYEEID>\n" if payee else "")
                       + f"            <NAME>{escape(name)}</NAME>\n" + (f"            <MEMO>{memo}</MEMO>\n" if memo else "")
                       + "          </STMTTRN>\n")
        out.append("        </BANKTRANLIST>\n        <LEDGERBAL><BALAMT>-1234.56</BALAMT><DTASOF>20250630</DTASOF></LEDGERBAL>\n"
                   "      </CCSTMTRS>\n    </CCSTMTTRNRS>\n  </CREDITCARDMSGSRSV1>\n</OFX>\n")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("".join(out))


# ---------------------------------------------------------------- camt.053 (bank statement)

def bank_rows(rng, serial, count, subs, person):
    rows = []
    for name, creditor, prefix, cents, period in subs:
        mandate = f"{prefix}-M-{person:04d}{rng.randrange(10 ** 6):06d}"
        for t, amount in schedule(rng, period, cents):
            rows.append((t.date(), "DBIT", amount, "RDDT", "ESDD", name, creditor, mandate, f"{name.split()[0]} Abo Kd-Nr {person:05d}"))
    while len(rows) < count:
        t, r = random_time(rng), rng.random()
        if r < 0.9:
            shop, family, sub = rng.choice(BANK_SHOPS)
            rows.append((t.date(), "DBIT", spend(rng, 200, 20000), family, sub, shop, None, None,
                         f"Kartenzahlung {t:%d.%m.%Y} {t:%H:%M} Karte 1 girocard"))
        else:
            rows.append((t.date(), "CRDT", spend(rng, 150000, 450000), "RCDT", "SALA", "Musterfirma GmbH", None, None,
                         f"Lohn/Gehalt {t:%m/%Y} Personalnummer {person:05d}"))
    rows = rows[:count]
    rows.sort(key=lambda r: r[0])
    return rows


def write_camt(path, rows, iban, person, rng, serial):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">\n  <BkToCstmrStmt>\n'
           f"    <GrpHdr><MsgId>STMT-{person:05d}-20250701</MsgId><CreDtTm>2025-07-01T06:00:00+02:00</CreDtTm></GrpHdr>\n"
           f"    <Stmt>\n      <Id>STMT-{person:05d}</Id>\n      <CreDtTm>2025-07-01T06:00:00+02:00</CreDtTm>\n"
           f"      <FrToDt><FrDtTm>{START:%Y-%m-%d}T00:00:00+02:00</FrDtTm><ToDtTm>{END:%Y-%m-%d}T23:59:59+02:00</ToDtTm></FrToDt>\n"
           f"      <Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>\n"]
    for day, direction, cents, family, sub, name, creditor, mandate, text in rows:
        ref = f"{day:%y%m%d}{serial(10, rng)}"
        party = (f"<Cdtr><Nm>{escape(name)}</Nm><Id><PrvtId><Othr><Id>{creditor}</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm></Othr></PrvtId></Id></Cdtr>"
                 f"\n              <UltmtCdtr><Nm>{escape(name)}</Nm></UltmtCdtr>" if creditor else
                 (f"<Dbtr><Nm>{escape(name)}</Nm></Dbtr>" if direction == "CRDT" else f"<Cdtr><Nm>{escape(name)}</Nm></Cdtr>"))
        refs = f"<EndToEndId>E2E-{ref}</EndToEndId>" + (f"<MndtId>{mandate}</MndtId>" if mandate else "")
        out.append(f"""      <Ntry>
        <Amt Ccy="EUR">{money(cents)}</Amt>
        <CdtDbtInd>{direction}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>{day:%Y-%m-%d}</Dt></BookgDt>
        <ValDt><Dt>{day:%Y-%m-%d}</Dt></ValDt>
        <AcctSvcrRef>{ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{family}</Cd><SubFmlyCd>{sub}</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs>{refs}</Refs>
            <RltdPties>
              {party}
            </RltdPties>
            <RmtInf><Ustrd>{escape(text)}</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>
""")
    out.append("    </Stmt>\n  </BkToCstmrStmt>\n</Document>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(out))


# ---------------------------------------------------------------- the folder

def main():
    stats = {k: [0, 0, 0] for k in SHARES}

    def record(kind, path, count):
        stats[kind][0] += 1
        stats[kind][1] += count
        stats[kind][2] += os.path.getsize(path)

    # Per-format quotas, spread over the people so the total is exact.
    quotas = {k: [TOTAL * share * (p + 1) // PEOPLE - TOTAL * share * p // PEOPLE for p in range(PEOPLE)] for k, share in SHARES.items()}
    quotas = {k: [int(x) for x in v] for k, v in quotas.items()}
    rest = TOTAL - sum(sum(v) for v in quotas.values())
    quotas["wechat-csv"][0] += rest
    for p in range(PEOPLE):
        rng = random.Random(1_000_003 * (p + 1))
        serial = Serial(p)
        folder = os.path.join(OUT, f"person-{p:04d}")
        os.makedirs(folder, exist_ok=True)
        name = rng.choice(FAMILY) + rng.choice(GIVEN)
        wx_subs = rng.sample(SUBSCRIPTIONS["wechat"], rng.randrange(2, 5))
        rows = wechat_rows(rng, serial, quotas["wechat-csv"][p] + quotas["wechat-xlsx"][p], wx_subs)
        # The CSV and the XLSX cover different years, as when a bill is exported twice.
        cut = quotas["wechat-xlsx"][p]
        path = os.path.join(folder, "微信支付账单(20220701-20250630).csv")
        write_wechat_csv(path, rows[cut:], name)
        record("wechat-csv", path, len(rows) - cut)
        path = os.path.join(folder, "微信支付账单流水文件(20220701-20250630).xlsx")
        write_wechat_xlsx(path, rows[:cut], name)
        record("wechat-xlsx", path, cut)

        rows = alipay_rows(rng, serial, quotas["alipay"][p], rng.sample(SUBSCRIPTIONS["alipay"], rng.randrange(2, 5)))
        path = os.path.join(folder, "支付宝交易明细(20220701-20250630).csv")
        write_alipay(path, rows, name, p)
        record("alipay", path, len(rows))

        rows = card_rows(rng, serial, quotas["ofx"][p], rng.sample(SUBSCRIPTIONS["card"], rng.randrange(2, 5)))
        account = f"4{rng.randrange(10 ** 15):015d}"
        path = os.path.join(folder, f"card-{account[-4:]}.{'qfx' if p % 2 else 'ofx'}")
        write_ofx(path, rows, account, sgml=p % 2 == 0)
        record("ofx", path, len(rows))

        rows = bank_rows(rng, serial, quotas["camt053"][p], rng.sample(SUBSCRIPTIONS["sepa"], rng.randrange(2, 5)), p)
        iban = f"DE{rng.randrange(10, 99)}{rng.randrange(10 ** 18):018d}"
        path = os.path.join(folder, f"camt053-{iban[-4:]}.xml")
        write_camt(path, rows, iban, p, rng, serial)
        record("camt053", path, len(rows))
    for kind, (files, count, size) in stats.items():
        print(f"{kind}\t{files}\t{count}\t{size}")


main()
