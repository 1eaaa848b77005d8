"""Pinyin search keys for people's names: 张三 → ('zhangsan', 'zs').

A clerk searching for 曾国藩 types ``zgf``, but pypinyin reads 曾 as ``ceng`` and, given the whole
name, may pick a phrase reading. So the surname comes from the tables below and every other
character is read on its own (Style.NORMAL, no tones, ü as ``v``), cached per character.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

# 复姓, matched before single surnames. Syllables are space-separated so initials come out
# right (尉迟 → 'yc'). Most read as their characters do anyway and are listed so the table
# documents what we recognise; the ones that matter are 尉迟, 万俟, 长孙, 澹台, 亓官, 子车.
# 单于 (chányú) is left out on purpose: 单 + a given name starting with 于 is far more common.
DOUBLE_SURNAMES: dict[str, str] = {
    "欧阳": "ou yang", "上官": "shang guan", "司马": "si ma", "诸葛": "zhu ge",
    "皇甫": "huang fu", "公孙": "gong sun", "慕容": "mu rong", "东方": "dong fang",
    "尉迟": "yu chi", "万俟": "mo qi", "长孙": "zhang sun", "澹台": "tan tai",
    "令狐": "ling hu", "夏侯": "xia hou", "端木": "duan mu", "宇文": "yu wen",
    "司徒": "si tu", "司空": "si kong", "轩辕": "xuan yuan", "呼延": "hu yan",
    "赫连": "he lian", "独孤": "du gu", "南宫": "nan gong", "闻人": "wen ren",
    "西门": "xi men", "百里": "bai li", "钟离": "zhong li", "拓跋": "tuo ba",
    "宗政": "zong zheng", "濮阳": "pu yang", "申屠": "shen tu", "淳于": "chun yu",
    "公冶": "gong ye", "太叔": "tai shu", "仲孙": "zhong sun", "鲜于": "xian yu",
    "闾丘": "lv qiu", "亓官": "qi guan", "乐正": "yue zheng", "谷梁": "gu liang",
    "第五": "di wu", "梁丘": "liang qiu", "左丘": "zuo qiu", "东郭": "dong guo",
    "公羊": "gong yang", "漆雕": "qi diao", "巫马": "wu ma", "子车": "zi ju",
    "颛孙": "zhuan sun", "壤驷": "rang si", "公良": "gong liang", "司寇": "si kou",
    "羊舌": "yang she", "微生": "wei sheng", "公西": "gong xi", "夹谷": "jia gu",
}

# Single surnames whose surname reading is not (or not reliably) pypinyin's default reading
# of the character, e.g. 曾 ceng→zeng, 单 dan→shan, 区 qu→ou, 朴 pu→piao, 繁 fan→po.
# 尉 alone is wèi (尉缭, 尉健行); yù is only the 尉迟 reading, handled above.
SURNAMES: dict[str, str] = {
    "曾": "zeng", "单": "shan", "查": "zha", "仇": "qiu", "解": "xie", "区": "ou",
    "朴": "piao", "尉": "wei", "盖": "ge", "华": "hua", "任": "ren", "乐": "yue",
    "缪": "miao", "翟": "zhai", "覃": "qin", "秘": "bi", "种": "chong", "员": "yun",
    "黑": "he", "繁": "po", "隗": "wei", "宓": "mi", "召": "shao", "过": "guo",
    "纪": "ji", "燕": "yan", "冼": "xian", "逄": "pang", "句": "gou", "沈": "shen",
    "重": "chong", "禚": "zhuo", "莘": "shen", "折": "she", "费": "fei", "石": "shi",
    "柏": "bai", "薄": "bo", "卜": "bu", "长": "zhang", "贾": "jia", "阚": "kan",
    "那": "na", "藏": "zang", "牟": "mou", "能": "nai", "都": "du", "乜": "nie",
    "粘": "nian", "厍": "she", "瞿": "qu", "万": "wan", "郇": "huan",
}

# Given-name characters whose default per-character reading is not the one names use.
GIVEN_NAME_READINGS: dict[str, str] = {
    "长": "chang",  # 长林, not zhang
    "晟": "sheng",  # default reading is cheng
    "伽": "jia",  # default reading is ga
    "泊": "bo",  # 淡泊; default reading is po
}


@lru_cache(maxsize=None)
def _reading(char: str) -> str:
    """One character's search syllable: pinyin for 汉字, lower-case for Latin/digits, '' else."""
    if char in GIVEN_NAME_READINGS:
        return GIVEN_NAME_READINGS[char]
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    syllable = lazy_pinyin(char, style=Style.NORMAL)[0]
    # pypinyin hands back characters it has no reading for ('·', rare 汉字): drop them.
    return syllable if syllable.isascii() and syllable.isalpha() else ""


def _split_surname(text: str) -> tuple[list[str], str]:
    """Surname syllables (empty if not in our tables) and the rest of the name."""
    double = DOUBLE_SURNAMES.get(text[:2])
    if double is not None:
        return double.split(), text[2:]
    single = SURNAMES.get(text[0])
    if single is not None:
        return [single], text[1:]
    return [], text


def _words(text: str) -> list[str]:
    """Syllables of the given name; a run of Latin letters or digits is one word (Tom → tom)."""
    words: list[str] = []
    latin_run = False
    for char in text:
        reading = _reading(char)
        is_latin = char.isascii() and bool(reading)
        if is_latin and latin_run:
            words[-1] += reading
        elif reading:
            words.append(reading)
        latin_run = is_latin
    return words


@lru_cache(maxsize=1 << 16)
def pinyin_keys(name: str | None) -> tuple[str, str]:
    """(full pinyin, initials): 曾国藩 → ('zengguofan', 'zgf'); 买买提·艾力 → ('maimaitiaili', 'mmtal').

    Cached: a roll of 50,000 repeats many names (王伟, 张丽), and pinyin is the costliest check."""
    # most names are NFKC already: asking is cheaper than normalising (39,000 names in a roll)
    text = (name if name and unicodedata.is_normalized("NFKC", name) else unicodedata.normalize("NFKC", name or "")).strip()
    if not text:
        return "", ""
    surname, given = _split_surname(text)
    words = surname + _words(given)
    return "".join(words), "".join([word[0] for word in words])


def name_search_keys(name: str | None) -> dict[str, str]:
    """The columns stored beside a name for search: name_pinyin and name_initials."""
    full, initials = pinyin_keys(name)
    return {"name_pinyin": full, "name_initials": initials}
