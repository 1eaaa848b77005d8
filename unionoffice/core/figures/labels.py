"""How a district form writes a figure's name, reduced to what matters for finding the figure.

A form's label carries numbering (``1.``, ``（一）``, ``①``), ``其中：`` and indentation, full-width
characters, spaces between characters (``会 员 人 数``) and its unit in brackets (``（万元）``,
``(%)``, ``（人次）``). :func:`normalise` strips all of that; :func:`unit_in` reads the unit; both
are pure text functions, used by the catalogue lookup and by the form reader.
"""

from __future__ import annotations

import re
import unicodedata

# units as a form writes them → the unit family they ask for
MONEY_WAN, MONEY_YUAN, PERCENT, NUMBER = "万元", "元", "%", "number"
_UNIT_WORDS = {
    "万元": MONEY_WAN, "万": MONEY_WAN, "元": MONEY_YUAN, "%": PERCENT, "百分比": PERCENT, "百分率": PERCENT,
    "个": NUMBER, "家": NUMBER, "人": NUMBER, "人次": NUMBER, "户": NUMBER, "件": NUMBER, "份": NUMBER,
    "次": NUMBER, "场": NUMBER, "场次": NUMBER, "名": NUMBER, "项": NUMBER, "户次": NUMBER, "期": NUMBER,
    "所": NUMBER, "处": NUMBER, "支": NUMBER, "万人": None, "单位:万元": MONEY_WAN, "单位:元": MONEY_YUAN,
}
_NUMBERING = re.compile(
    r"^(?:\(?[0-9一二三四五六七八九十]{1,3}\)|[0-9一二三四五六七八九十]{1,3}[、.．](?!\d)|[0-9]{1,2}(?=[^\d.%]))")
_BRACKETS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]|【([^【】]*)】|<([^<>]*)>")
_LEAD_WORDS = ("其中:", "其中", "含:", "内:", "包括:")
# words that qualify a figure without changing which one it is (期末会员人数 = 会员人数 on a return)
QUALIFIERS = ("本年度", "本年", "本期", "期末", "年末", "全年", "年内", "累计", "辖区内", "辖区", "全街道", "本街道",
              "街道", "共计", "总计")


def flat(text: str) -> str:
    """Full-width → half-width, no spaces of any kind (会 员　人 数 → 会员人数)."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    return re.sub(r"\s+", "", text).replace("：", ":")


def normalise(text: str) -> str:
    """The label's core: ``（一）其中：女职工会员数（人）`` → ``女职工会员数``."""
    s = flat(text)
    for _ in range(3):  # 1.(一)其中: … can stack
        before = s
        s = _NUMBERING.sub("", s)
        for word in _LEAD_WORDS:
            if s.startswith(word) and len(s) > len(word):
                s = s[len(word):]
        s = s.lstrip(":、.-—_")
        if s == before:
            break
    s = _BRACKETS.sub("", s)
    s = re.sub(r"[:：_]+$", "", s)
    if s.endswith("合计") and len(s) > 2:
        s = s[:-2]
    return s


def unit_in(text: str) -> str | None:
    """The unit a label, header or unit cell asks for (万元 / 元 / % / number), or None."""
    s = flat(text)
    if not s:
        return None
    if s in _UNIT_WORDS:
        return _UNIT_WORDS[s]
    for m in _BRACKETS.finditer(s):
        inner = next(g for g in m.groups() if g is not None).replace("单位:", "").replace("单位", "")
        if inner in _UNIT_WORDS:
            return _UNIT_WORDS[inner]
    if "%" in s or s.endswith("率"):
        return PERCENT
    return None


def without_qualifiers(core: str) -> str:
    """期末会员人数 → 会员人数; the words stripped only from the front."""
    changed = True
    while changed:
        changed = False
        for q in QUALIFIERS:
            if core.startswith(q) and len(core) > len(q) + 1:
                core, changed = core[len(q):], True
    return core


_DECIMALS = {"一": 1, "两": 2, "二": 2, "三": 3, "1": 1, "2": 2, "3": 3, "0": 0, "零": 0}


def instructions(text: str) -> dict[str, object]:
    """What a form's note asks: ``金额以万元为单位，保留两位小数`` → {'money': '万元', 'money_decimals': 2};
    ``比率保留一位小数`` → {'rate_decimals': 1}; ``人数取整`` needs nothing."""
    s = flat(text)
    out: dict[str, object] = {}
    for sentence in re.split(r"[;。;\n]", s):
        money = any(w in sentence for w in ("金额", "资金", "万元", "元为单位", "货币"))
        rate = any(w in sentence for w in ("率", "百分", "%", "比例"))
        if "万元" in sentence and money:
            out["money"] = MONEY_WAN
        elif re.search(r"以元为单位|单位为元|单位:元", sentence):
            out["money"] = MONEY_YUAN
        places = re.search(r"保留([0-9一两二三零])位小数", sentence)
        if places:
            n = _DECIMALS[places.group(1)]
            if money:
                out["money_decimals"] = n
            if rate:
                out["rate_decimals"] = n
            if not money and not rate:
                out.setdefault("money_decimals", n)
        if rate and ("百分数" in sentence or "不带%" in sentence or "不含%" in sentence):
            out["rate_plain"] = True
    return out
