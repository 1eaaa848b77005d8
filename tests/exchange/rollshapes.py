"""Street rolls made by five predecessors: workbooks with the outcome each must have.

Every shape is a workbook a 工会专干 could bring on her first day — titles, two-row headers,
merged org names, one sheet per 社区, 小计/合计 rows, footers, IDs and dates typed every way —
built with openpyxl (one with xlwt as a real .xls) together with what the import must report:
how many rows are imported, updated, unchanged, and which Excel rows are rejected for which
field (builders in rollbook.py).

Used by test_roll_shapes.py, and runnable by hand to get the workbooks for a real CLI run:
``python tests/exchange/rollshapes.py /tmp/rolls``.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rollbook import (  # noqa: E402
    FULL_WIDTH, Book, D, Expect, Shape, bad_check, code, old15, pid, write_shapes,
)
from unionoffice.core.values.ids import id_check_digit  # noqa: E402

__all__ = ["Book", "Expect", "Shape", "all_shapes", "pid"]


HUAMEI, JINQIAO, GANGDAO = "深圳市华美科技有限公司", "深圳市金桥商贸有限公司", "深圳市港岛酒店管理有限公司"
XINGHE, LVYUAN = "深圳市星河物业服务有限公司", "深圳市绿源餐饮店"


def s01_title_and_filler() -> Shape:
    """Merged title, a 填报单位/日期 line in two cells, header texts with line breaks and double spaces."""
    b = Book()
    s = b.sheet("Sheet1")
    header = ["序号", "姓  名", "性别", "身份证\n号码", "民族", "政治\n面貌", "文化\n程度", "联系电话", "工作单位",
              "入会\n时间", "备注"]
    s.skip(["东湖街道总工会会员花名册（2024年度）"] + [None] * 10)
    s.merge("A1:K1")
    s.skip(["填报单位（盖章）：东湖街道华美社区工会联合会", None, None, None, None, None, None,
            "填报日期：2024年12月31日", None, None, None])
    s.skip(header)
    s.add([1, "张三", "男", pid(1), "汉族", "群众", "大专", "13800138000", HUAMEI, D(2019, 5, 1), None],
          good=True, name="张三", stored={"joined_date": "2019-05-01", "phone": "13800138000"})
    s.add([2, "李  四", "女", pid(2, female=True), "汉", "中共党员", "本科", 13800138001, HUAMEI, "2019.5.1", None],
          good=True, name="李四", stored={"phone": "13800138001"})
    s.add([3, "曾国藩", "男", pid(3), "汉族", "群众", "高中", "138 0013 8002", JINQIAO, "2019年5月1日", "夜班"],
          good=True, name="曾国藩", stored={"phone": "13800138002", "notes": "夜班"})
    s.add([4, "单雄信", "男", pid(4), "汉族", "共青团员", "中专", "+86 138-0013-8003", JINQIAO, "2019/05", None],
          good=True, name="单雄信", stored={"phone": "13800138003", "joined_date": "2019-05-01"})
    s.add([5, "查良镛", "男", pid(5), "汉族", "群众", "初中", "0755-8888 1234", JINQIAO, 43586, None],
          good=True, name="查良镛", stored={"phone": "0755-88881234", "joined_date": "2019-05-01"})
    s.add([6, "王芳", "女", pid(6, female=True), "汉族", "群众", "大专", "无", HUAMEI, "无", None],
          good=True, name="王芳", stored={"phone": "", "joined_date": None})
    s.skip([None] * 11)
    s.skip(["填表人：王芳", None, None, "审核人：李主席", None, None, None, "联系电话：0755-88881234", None, None, None])
    b.expect.orgs_created = 2
    b.expect.find = {"zgf": {"曾国藩"}, "sxx": {"单雄信"}, "zly": {"查良镛"}, "zhaliang": {"查良镛"}}
    return Shape("title_and_filler", "合并标题＋填报单位/日期行＋表头含换行和空格＋多格的填表人/审核人页脚", "members",
                 "01-花名册-标题与页脚.xlsx", b)


def s02_merged_orgs_with_subtotals() -> Shape:
    """单位 merged down a column for its members, 小计 after each org, 合计 at the bottom in column B."""
    b = Book()
    s = b.sheet("会员名册")
    s.skip(["东湖街道基层工会会员名册"] + [None] * 7)
    s.merge("A1:H1")
    s.skip(["序号", "所在单位", "姓名", "性别", "公民身份号码", "手机号码", "入会日期", "备注"])
    n = 10
    for org, people in ((HUAMEI, 4), (JINQIAO, 3), (GANGDAO, 2)):
        first = len(s.rows) + 1
        for k in range(people):
            n += 1
            name = f"{'赵钱孙李周吴郑王冯陈'[n % 10]}{'一二三四五六七八九十'[k]}{'甲乙丙丁'[n % 4]}"
            s.add([n - 10, org if k == 0 else None, name, None, pid(n), f"1390000{n:04d}", "2020-01-01", None],
                  good=True, name=name)
        s.merge(f"B{first}:B{first + people - 1}")
        s.skip([None, f"{org[3:7]}小计", f"{people}人", None, None, None, None, None])
    # a blank row inside a merged org block: the org name fills it, but nobody is on it
    first = len(s.rows) + 1
    s.add([20, XINGHE, "欧阳娜娜", "女", pid(20, female=True), None, "2021.3", None], good=True, name="欧阳娜娜",
          stored={"joined_date": "2021-03-01"})
    s.skip([None, None, None, None, None, None, None, None])
    s.add([21, None, "区志坚", "男", pid(21), None, "2021.3", None], good=True, name="区志坚")
    s.merge(f"B{first}:B{first + 2}")
    s.skip([None, "本页小计", "2人", None, None, None, None, None])
    s.skip([None, "合  计", "11人", None, None, None, None, None])
    b.expect.orgs_created = 4
    b.expect.find = {"oyn": {"欧阳娜娜"}, "ozj": {"区志坚"}}
    return Shape("merged_orgs", "单位名称向下合并、每个单位后有小计、中间一行空白、B列的合计", "members",
                 "02-按单位合并-小计.xlsx", b)


def s03_community_sheets() -> Shape:
    """填表说明 first, a hidden 下拉选项 sheet with a look-alike header, then one sheet per 社区."""
    b = Book()
    notes = b.sheet("填表说明")
    for text in (["填表说明"], ["1. 姓名、身份证号为必填项，身份证号请设为文本格式"],
                 ["字段", "说明"], ["姓名", "与身份证一致"], ["身份证号", "18位，末位X大写"]):
        notes.skip(text)
    hidden = b.sheet("下拉选项")
    hidden.hidden = True
    hidden.skip(["姓名", "身份证号", "性别", "政治面貌"])
    hidden.skip(["示例", pid(900), "男", "群众"])
    header = ["序号", "姓名", "性别", "身份证号码", "联系电话", "工作单位", "入会时间"]
    n = 30
    first_of: dict[str, tuple[str, int]] = {}
    for community, count in (("东湖社区", 4), ("桂园社区", 3), ("翠竹社区", 3)):
        s = b.sheet(community)
        s.skip([f"{community}工会会员名册"] + [None] * 6)
        s.merge("A1:G1")
        s.skip(header)
        for k in range(count):
            n += 1
            name = f"{community[0]}{'春夏秋冬'[k % 4]}{'红明'[n % 2]}"
            row = s.add([k + 1, name, None, pid(n), None, f"{community[:2]}商行", D(2022, 1, 1)], good=True, name=name)
            first_of.setdefault(community, (community, row))
        s.skip(["合计", None, f"{count}人", None, None, None, None])
    # the same person on two 社区 sheets: the second is refused, naming the first
    b.sheets[-1].rows.insert(len(b.sheets[-1].rows) - 1, [9, "东春红", None, pid(31), None, "翠竹商行", None])
    b.expect.rejected[("翠竹社区", len(b.sheets[-1].rows) - 1)] = "身份证号"
    b.expect.orgs_created = 3
    return Shape("community_sheets", "填表说明在前＋隐藏的下拉选项表＋每个社区一张表、同一人出现在两个社区", "members",
                 "03-各社区分表.xlsx", b)


def s04_printed_pages() -> Shape:
    """160 people printed on pages of 50: title, header and 第 N 页 repeated, 本页小计 on each page."""
    b = Book()
    s = b.sheet("打印版")
    header = ["序号", "姓 名", "性 别", "身份证号", "单位", "入会日期"]
    n = 100
    for page in range(4):
        s.skip(["东湖街道会员名册" + ("（续）" if page else "")] + [None] * 5)
        s.merge(f"A{len(s.rows)}:F{len(s.rows)}")
        s.skip(header)
        for k in range(50 if page < 3 else 10):
            n += 1
            s.add([n - 100, f"职工{n:03d}", None, pid(n), LVYUAN, "2023-07-01"], good=True)
        s.skip([None, "本页小计", None, None, None, None])
        s.skip([None, None, f"第 {page + 1} 页 共 4 页", None, None, None])
    s.skip([None, "（以下空白）"] + [None] * 4)
    b.expect.orgs_created = 1
    return Shape("printed_pages", "按打印分页：每 50 行重复标题和表头、本页小计、“第 N 页 共 4 页”、“以下空白”", "members",
                 "04-打印分页.xlsx", b)


def s05_id_forms() -> Shape:
    """身份证号 typed every way: spaces, full-width, lower-case x, apostrophe, numbers, 15 digits."""
    b = Book()
    s = b.sheet("名册")
    s.skip(["姓名", "身份证号", "单位"])
    x_id = next(i for i in (pid(k) for k in range(200, 400)) if i.endswith("X"))
    spaced = pid(201)
    s.add(["甲一", f"{spaced[:6]} {spaced[6:14]} {spaced[14:]}", HUAMEI], good=True, name="甲一",
          stored={"id_number": spaced})
    s.add(["乙二", pid(202).translate(FULL_WIDTH), HUAMEI], good=True, name="乙二", stored={"id_number": pid(202)})
    s.add(["丙三", x_id.lower(), HUAMEI], good=True, name="丙三", stored={"id_number": x_id})
    s.add(["丁四", "'" + pid(204), HUAMEI], good=True, name="丁四", stored={"id_number": pid(204)})
    s.add(["戊五", f" {pid(205)}\t", HUAMEI], good=True, name="戊五")
    s.add(["己六", float(pid(206)), HUAMEI], reject="身份证号")  # Excel number: last digits gone
    s.add(["庚七", int(pid(207)), HUAMEI], reject="身份证号")  # an int: Excel keeps 15 digits of it
    s.add(["辛八", "4.40303198503E+17", HUAMEI], reject="身份证号")  # scientific notation pasted as text
    old = old15("440303", D(1965, 8, 1), 123)
    upgraded = "44030319650801123" + id_check_digit("44030319650801123")
    s.add(["壬九", old, HUAMEI], good=True, name="壬九", stored={"id_number": upgraded, "birth_date": "1965-08-01"})
    s.add(["癸十", "440303651301124", HUAMEI], reject="身份证号")  # 15 digits, born in month 13
    s.add(["子一", bad_check(pid(211)), HUAMEI], reject="身份证号")
    s.add(["丑二", pid(212)[:17], HUAMEI], reject="身份证号")  # 17 digits
    s.add(["寅三", pid(201), HUAMEI], reject="身份证号")  # same person as 甲一 (written without spaces)
    s.add(["卯四", x_id, HUAMEI], reject="身份证号")  # same as 丙三, upper-case this time
    s.add(["辰五", None, HUAMEI], reject="身份证号")
    s.add([None, pid(216), HUAMEI], reject="姓名")
    s.add(["巳六", pid(217)[:10] + "O" + pid(217)[11:], HUAMEI], reject="身份证号")  # letter O for zero
    b.expect.orgs_created = 1
    return Shape("id_forms", "身份证号：空格、全角、小写x、撇号、存成数字、科学计数、15位旧号、错校验位、重复", "members",
                 "05-身份证号各种写法.xlsx", b)


def s06_dates() -> Shape:
    """入会日期 in every spelling; the unambiguous ones are read, the rest refused."""
    b = Book()
    s = b.sheet("Sheet1")
    s.skip(["姓名", "身份证号", "入会日期", "工作单位"])
    cases: list[tuple[Any, str | None]] = [
        (D(2018, 3, 12), "2018-03-12"),
        (datetime.datetime(2018, 3, 12, 0, 0), "2018-03-12"),
        (43171, "2018-03-12"),  # an Excel serial shown as General
        ("2018.3.12", "2018-03-12"),
        ("2018. 3.12", "2018-03-12"),
        ("2018年3月12日", "2018-03-12"),
        ("2018年3月12号", "2018-03-12"),
        ("2018年3月", "2018-03-01"),
        ("2018/3/12", "2018-03-12"),
        ("2018/03", "2018-03-01"),
        ("2018.10", "2018-10-01"),
        ("201803", "2018-03-01"),
        ("20180312", "2018-03-12"),
        (20180312, "2018-03-12"),
        ("２０１８－０３－１２", "2018-03-12"),
        ("2018-03-12 00:00:00", "2018-03-12"),
        ("18-3-12", None),  # two-digit year: 1918 or 2018?
        ("85-3-12", None),
        ("2018.13.1", None),
        ("2018-02-30", None),
        (2018.5, None),  # '2018.5' typed into a General cell: a number, and 2018.10 would look the same
        (2018, None),  # a year alone
        ("二〇一八年三月", None),
        ("2018年", None),
    ]
    for k, (value, iso) in enumerate(cases):
        name = f"日期{k:02d}"
        if iso:
            s.add([name, pid(300 + k), value, HUAMEI], good=True, name=name, stored={"joined_date": iso})
        else:
            s.add([name, pid(300 + k), value, HUAMEI], reject="入会日期")
    b.expect.orgs_created = 1
    return Shape("dates", "入会日期：真日期、Excel 序列号、2018.3.12、2018年3月、201803、两位年份、存成数字的 2018.5", "members",
                 "06-日期写法.xlsx", b)


def s07_phones_and_names() -> Shape:
    """Phones stored as numbers, with +86, dashes, spaces, landlines; 少数民族 names with ·."""
    b = Book()
    s = b.sheet("名单")
    s.skip(["职工姓名", "民族", "身份证号码", "手机号", "所在企业"])
    ok = [
        ("买买提·艾力", "维吾尔族", 13800138000.0, "13800138000"),
        ("阿依古丽·买买提", "维吾尔族", "13800138001.0", "13800138001"),
        ("扎西顿珠", "藏族", "138 0013 8002", "13800138002"),
        ("尉迟恭", "汉族", "138-0013-8003", "13800138003"),
        ("解缙", "汉族", "+86 13800138004", "13800138004"),
        ("朴永健", "朝鲜族", "+86-138-0013-8005", "13800138005"),
        ("仇英", "汉族", "0755-8888 1234", "0755-88881234"),
        ("曾小贤", "汉族", "(0755)88881235", "0755-88881235"),
        ("翟天临", "汉族", "8888 1236", "88881236"),
        ("乐嘉", "汉族", "８６１３８００１３８００９", "13800138009"),
        ("任 盈 盈", "汉族", None, ""),
        ("覃海燕", "壮族", "无", ""),
    ]
    for k, (name, nation, phone, stored) in enumerate(ok):
        female = name in ("阿依古丽·买买提", "任 盈 盈", "覃海燕")
        clean = "".join(name.split())
        s.add([name, nation, pid(400 + k, female=female, region="650102"), phone, GANGDAO], good=True, name=clean,
              stored={"phone": stored or None} if stored else None)
    s.add(["缪一", "汉族", pid(420), "13800138000/13900139000", GANGDAO], reject="手机")
    s.add(["缪二", "汉族", pid(421), "1380013800", GANGDAO], reject="手机")
    s.add(["缪三", "汉族", pid(422), "12345678901", GANGDAO], reject="手机")
    b.expect.orgs_created = 1
    b.expect.find = {"mmtal": {"买买提·艾力"}, "maimaiti": {"买买提·艾力"}, "ycg": {"尉迟恭"}, "xj": {"解缙"},
                     "pyj": {"朴永健"}, "qy": {"仇英"}, "zxx": {"曾小贤"}, "ztl": {"翟天临"}, "yj": {"乐嘉"},
                     "ryy": {"任盈盈"}, "qhy": {"覃海燕"}, "艾力": {"买买提·艾力"}}
    return Shape("phones_names", "手机号存成数字/带+86/横杠/空格/座机、少数民族姓名带·、特殊读音姓氏", "members",
                 "07-电话与姓名.xlsx", b)


def s08_gender_and_columns() -> Shape:
    """Columns in an odd order, gender contradicting the ID, 出生年月 column, 男性/女性 words."""
    b = Book()
    s = b.sheet("职工")
    s.skip(["身份证号码（18位）", "姓名*", "性 别", "出生年月", "年龄", "工作单位名称", "是否农民工", "户籍性质", "入会时间\n(年月日)"])
    s.add([pid(501), "周一", "男", "1985.03", 39, XINGHE, "是", "外地", "2020-06-01"], good=True, name="周一",
          stored={"is_migrant": 1, "hukou": "外地", "birth_date": "1985-03-13"})  # from the ID, not 出生年月
    s.add([pid(502, female=True), "周二", "女性", "1985年3月", 39, XINGHE, "否", "本市", "2020-06-01"], good=True,
          name="周二", stored={"gender": "女", "hukou": "本地"})
    s.add([pid(503), "周三", "女", "1985.03", 39, XINGHE, "是", "外地", "2020-06-01"], reject="性别")
    s.add([pid(504, female=True), "周四", "男", "1985.03", 39, XINGHE, "否", "本地", "2020-06-01"], reject="性别")
    s.add([pid(505), "周五", "男性", None, None, XINGHE, "√", "农业", "2020-06-01"], reject="户籍")
    s.add([pid(506), "周六", None, None, None, XINGHE, None, None, None], good=True, name="周六",
          stored={"gender": "男"})
    b.expect.orgs_created = 1
    return Shape("gender_columns", "列顺序不同、性别与身份证不符、出生年月和年龄列、男性/女性写法", "members",
                 "08-性别与列顺序.xlsx", b)


def s09_group_header_members() -> Shape:
    """A group label over the personal columns (基本信息) and a second header line under it."""
    b = Book()
    s = b.sheet("会员信息")
    s.skip(["2024年东湖街道工会会员信息采集表"] + [None] * 7)
    s.merge("A1:H1")
    s.skip(["序号", "基本信息", None, None, "联系方式", "工作信息", None, "备注"])
    s.skip([None, "姓名", "性别", "身份证号", "手机", "工作单位", "入会日期", None])
    for ref in ("A2:A3", "B2:D2", "F2:G2", "H2:H3"):
        s.merge(ref)
    for k in range(5):
        name = f"孙{'甲乙丙丁戊'[k]}"
        s.add([k + 1, name, "男", pid(600 + k), f"1370000{k:04d}", HUAMEI, "2021-01-01", None], good=True, name=name)
    s.add([6, "孙己", "男", pid(600), None, HUAMEI, None, "重复"], reject="身份证号")
    s.skip(["合计", None, None, "6人"] + [None] * 4)
    b.expect.orgs_created = 1
    return Shape("group_header_members", "两行表头：“基本信息”“工作信息”合并在上、字段名在下", "members",
                 "09-两行表头会员.xlsx", b)


def s10_footer_note_merged() -> Shape:
    """A merged 注 paragraph under the table, 以上合计 in column C, a section title in the middle."""
    b = Book()
    s = b.sheet("Sheet1")
    s.skip(["姓名", "身份证号", "单位", "会员证号", "手机"])
    for k in range(4):
        s.add([f"钱{'一二三四'[k]}", pid(700 + k), JINQIAO, 2020001 + k, None], good=True, name=f"钱{'一二三四'[k]}",
              stored={"member_no": str(2020001 + k)})
    s.skip(["二、退休会员（保留会籍）"] + [None] * 4)
    s.merge(f"A{len(s.rows)}:E{len(s.rows)}")
    s.add(["钱五", pid(704), JINQIAO, 2020005, None], good=True, name="钱五")
    s.skip([None, None, "以上合计：5人", None, None])
    s.skip(["注：1.身份证号须为18位；2.本表一式两份，报街道总工会一份。"] + [None] * 4)
    s.merge(f"A{len(s.rows)}:E{len(s.rows)}")
    s.skip(["单位负责人：", None, "填表人：", None, "2024年12月"])
    b.expect.orgs_created = 1
    return Shape("footer_note", "中间的分段标题（合并单元格）、C列“以上合计”、合并的“注”段落、页脚带日期", "members",
                 "10-分段与注.xlsx", b)


def s11_xls_old() -> Shape:
    """A real .xls (BIFF8) export: title merged, header, data, 合计."""
    b = Book()
    s = b.sheet("Sheet1")
    s.skip(["会员名册（系统导出）", None, None, None, None])
    s.merge("A1:E1")
    s.skip(["序号", "姓名", "身份证号码", "工作单位", "入会日期"])
    for k in range(6):
        s.add([k + 1, f"吴{'一二三四五六'[k]}", pid(800 + k), GANGDAO, D(2015, 9, 1)], good=True,
              name=f"吴{'一二三四五六'[k]}", stored={"joined_date": "2015-09-01"})
    s.add([7, "吴七", bad_check(pid(806)), GANGDAO, D(2015, 9, 1)], reject="身份证号")
    s.skip(["合计", "7人", None, None, None])
    b.expect.orgs_created = 1
    return Shape("xls_old", "旧版 .xls 文件（Excel 97-2003）", "members", "11-旧版名册.xls", b, writer="xls")


def s12_wrong_extension() -> Shape:
    """An .xlsx that someone renamed to .xls."""
    b = Book()
    s = b.sheet("会员")
    s.skip(["姓名", "身份证号", "工作单位"])
    for k in range(3):
        s.add([f"郑{'一二三'[k]}", pid(850 + k), LVYUAN], good=True, name=f"郑{'一二三'[k]}")
    b.expect.orgs_created = 1
    return Shape("wrong_extension", "把 .xlsx 改名成了 .xls", "members", "12-改了扩展名.xls", b, writer="xlsx-as-xls")


def s13_org_ledger() -> Shape:
    """单位台账: two-row header (职工人数 → 合计/其中女职工/其中农民工), 社区 merged down, 小计 per 社区."""
    b = Book("orgs")
    s = b.sheet("单位台账")
    s.skip(["东湖街道非公企业建会情况统计表"] + [None] * 11)
    s.merge("A1:L1")
    s.skip(["填报单位：东湖街道总工会", None, None, None, None, None, None, None, None, "截至2024年12月", None, None])
    s.skip(["序号", "所属社区", "单位名称", "统一社会信用代码", "单位性质", "职工人数", None, None, "建会情况",
            "所属工联会", "工会主席", "换届时间"])
    s.skip([None, None, None, None, None, "合计", "其中女职工", "其中农民工", None, None, None, None])
    for ref in ("A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:H3", "I3:I4", "J3:J4", "K3:K4", "L3:L4"):
        s.merge(ref)
    fed = "东湖社区工会联合会"
    rows = [
        ("东湖社区", [
            ([HUAMEI, code(1), "私营企业", 120, 40, 30, "独立建会", None, "任飞", D(2027, 11, 1)], None),
            ([JINQIAO, code(2).lower(), "民营", "12人", 5, 2, "联合建会", fed, None, None], None),
            ([fed, None, "社会组织", 0, 0, 0, "独立建会", None, "李会", "2026.6"], None),
            (["深圳市女多服装厂", code(4), "私营", 5, 9, 1, "未建会", None, None, None], "女职工人数"),
        ]),
        ("桂园社区", [
            ([GANGDAO, code(3), "港资", 60, 30, 10, "未建会", None, None, None], None),
            ([XINGHE, f"{code(5)[:9]} {code(5)[9:]}", "有限责任公司", 45, 20, 15, "已建会", None, "钱主席",
              "2025年6月"], None),
            ([HUAMEI, code(6), "私营", 5, 1, 1, "独立建会", None, None, None], "单位名称"),  # same name again
            (["深圳市错码公司", bad_check(code(7)), "私营", 5, 1, 1, "未建会", None, None, None], "统一社会信用代码"),
            (["深圳市怪类公司", code(8), "皮包公司", 5, 1, 1, "未建会", None, None, None], "单位类别"),
        ]),
    ]
    n = 0
    for community, orgs in rows:
        first = len(s.rows) + 1
        for cells, reject in orgs:
            n += 1
            row = [n, community if first == len(s.rows) + 1 else None] + cells
            if reject:
                s.add(row, reject=reject)
            else:
                s.add(row, good=True, name=cells[0])
        s.merge(f"B{first}:B{len(s.rows)}")
        s.skip([None, f"{community}小计", f"{len(orgs)}家", None, None, 999, 99, 9, None, None, None, None])
    s.skip(["合计", None, f"{n}家", None, None, 1234, 567, 89, None, None, None, None])
    s.skip(["填表人：", None, None, "审核人：", None, None, None, None, "联系电话：", None, None, None])
    b.expect.orgs_created = 0  # the 工联会 is a row of the same sheet
    b.expect.stored = {HUAMEI: {"workers": 120, "women_workers": 40, "community": "东湖社区", "category": "私营"},
                       JINQIAO: {"workers": 12, "credit_code": code(2), "union_mode": "联合建会"},
                       XINGHE: {"credit_code": code(5), "union_mode": "独立建会", "term_expiry": "2025-06-01"}}
    return Shape("org_ledger", "单位台账：两行表头（职工人数→合计/其中女职工/其中农民工）、社区向下合并、每社区小计", "orgs",
                 "13-单位台账.xlsx", b)


def s14_yearly_update() -> Shape:
    """This year's roll over last year's: some phones changed, one moved org, two new, one bad."""
    base = s01_title_and_filler()
    b = Book()
    s = b.sheet("2025年")
    s.skip(["姓名", "身份证号", "联系电话", "工作单位", "入会时间"])
    s.add(["张三", pid(1), "13912345678", HUAMEI, "2019-05-01"], update=True, name="张三",
          stored={"phone": "13912345678"})
    s.add(["李四", pid(2, female=True), 13800138001, HUAMEI, "2019-05-01"], same=True, name="李四")
    s.add(["曾国藩", pid(3), None, HUAMEI, None], update=True, name="曾国藩")  # moved to 华美
    s.add(["单雄信", pid(4), "13800138003", JINQIAO, "2019.5"], same=True, name="单雄信")
    s.add(["新人甲", pid(901), None, JINQIAO, "2025-03-01"], good=True, name="新人甲")
    s.add(["新人乙", pid(902, female=True), None, "深圳市新开公司", "2025-03-01"], good=True, name="新人乙")
    s.add(["新人丙", bad_check(pid(903)), None, JINQIAO, None], reject="身份证号")
    s.skip(["合计", "7人", None, None, None])
    b.expect.orgs_created = 1
    return Shape("yearly_update", "次年的新名册：改了手机、换了单位、两个新人（以 01 号名册为底）", "members",
                 "14-次年名册.xlsx", b, before=[base])


def s15_members_after_ledger() -> Shape:
    """The member roll imported after the 单位台账: every org is found, none created."""
    base = s13_org_ledger()
    b = Book()
    s = b.sheet("会员")
    s.skip(["姓名", "身份证号", "工作单位"])
    for k, org in enumerate((HUAMEI, f" {JINQIAO}", GANGDAO.replace("深圳市", "深圳市 "), XINGHE)):
        s.add([f"冯{'一二三四'[k]}", pid(950 + k), org], good=True, name=f"冯{'一二三四'[k]}")
    b.expect.orgs_created = 0
    return Shape("members_after_ledger", "先导入单位台账、再导入会员：单位名称带空格也能对上", "members",
                 "15-台账后的会员.xlsx", b, before=[base])


def s16_template_with_example() -> Shape:
    """The district's template, filled in: a 填写示例 sheet, an example row, 共 N 人, 经办人 footer."""
    b = Book()
    header = ["序号", "姓名", "性别", "身份证号码", "工作单位", "入会时间"]
    example = b.sheet("填写示例")
    example.skip(header)
    example.skip([1, "张三", "男", pid(990), "某某公司", "2020-01-01"])  # a valid ID: must still not be imported
    s = b.sheet("会员名册")
    s.skip(["会员名册（模板）"] + [None] * 5)
    s.merge("A1:F1")
    s.skip(header)
    s.skip(["示例", "张三", "男", pid(991), "某某公司", "2020-01-01"])
    s.add([1, "李小计", "男", pid(992), GANGDAO, "2020-01-01"], good=True, name="李小计")  # a person, not a total
    s.add([2, "范冰", "女", pid(993, female=True), GANGDAO, "2020-01-01"], good=True, name="范冰")
    s.add([3, "单丽", "女", pid(994, female=True), GANGDAO, "2020-01-01"], good=True, name="单丽")
    s.add([4, "第五伦", "男", pid(995), GANGDAO, "2020-01-01"], good=True, name="第五伦")
    s.add([5, "全红", "女", pid(996), GANGDAO, "2020-01-01"], reject="性别")
    s.skip([None, "共 5 人", None, None, None, None])
    s.skip(["经办人：李专干", None, "分管领导：", None, "报送日期：", None])
    b.expect.orgs_created = 1
    b.expect.find = {"sl": {"单丽"}, "shanli": {"单丽"}, "dwl": {"第五伦"}, "fb": {"范冰"}}
    return Shape("template_example", "区总工会模板：“填写示例”工作表、表中“示例”行、“李小计”是人、“共 5 人”、经办人页脚",
                 "members", "16-模板与示例.xlsx", b)


SHAPES: list[Callable[[], Shape]] = [
    s01_title_and_filler, s02_merged_orgs_with_subtotals, s03_community_sheets, s04_printed_pages, s05_id_forms,
    s06_dates, s07_phones_and_names, s08_gender_and_columns, s09_group_header_members, s10_footer_note_merged,
    s11_xls_old, s12_wrong_extension, s13_org_ledger, s14_yearly_update, s15_members_after_ledger,
    s16_template_with_example,
]


def all_shapes() -> list[Shape]:
    return [make() for make in SHAPES]


if __name__ == "__main__":
    write_shapes(all_shapes(), "rolls")
