"""Pinyin search keys: surnames read as surnames, everything else per character."""

import pytest
from hypothesis import given, strategies as st
from pypinyin import lazy_pinyin

from unionoffice.core.values.names import (
    DOUBLE_SURNAMES,
    GIVEN_NAME_READINGS,
    SURNAMES,
    name_search_keys,
    pinyin_keys,
)


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("张三", "zhangsan", "zs"),
        ("李四", "lisi", "ls"),
        ("曾国藩", "zengguofan", "zgf"),
        ("单雄信", "shanxiongxin", "sxx"),
        ("查良镛", "zhaliangyong", "zly"),
        ("仇英", "qiuying", "qy"),
        ("解缙", "xiejin", "xj"),
        ("区丽", "ouli", "ol"),
        ("朴树", "piaoshu", "ps"),
        ("尉迟恭", "yuchigong", "ycg"),
        ("万俟卨", "moqixie", "mqx"),
        ("长孙无忌", "zhangsunwuji", "zswj"),
        ("澹台明", "tantaiming", "ttm"),
        ("令狐冲", "linghuchong", "lhc"),
        ("盖聂", "genie", "gn"),
        ("华佗", "huatuo", "ht"),
        ("任盈盈", "renyingying", "ryy"),
        ("乐毅", "yueyi", "yy"),
        ("缪斯", "miaosi", "ms"),
        ("翟刚", "zhaigang", "zg"),
        ("覃明", "qinming", "qm"),
        ("秘书", "bishu", "bs"),
        ("种师道", "chongshidao", "csd"),
        ("员伟", "yunwei", "yw"),
        ("黑白", "hebai", "hb"),
        ("繁钦", "poqin", "pq"),
        ("隗嚣", "weixiao", "wx"),
        ("宓妃", "mifei", "mf"),
        ("召忽", "shaohu", "sh"),
        ("过儿", "guoer", "ge"),
        ("纪昀", "jiyun", "jy"),
        ("燕青", "yanqing", "yq"),
        ("冼星海", "xianxinghai", "xxh"),
        ("逄蒙", "pangmeng", "pm"),
        ("句芒", "goumang", "gm"),
        ("沈括", "shenkuo", "sk"),
        ("重耳", "chonger", "ce"),
        ("禚玉", "zhuoyu", "zy"),
        ("莘莘", "shenshen", "ss"),
        ("折克行", "shekexing", "skx"),
        ("尉健行", "weijianxing", "wjx"),  # single 尉 is wèi; yù only in 尉迟
        ("费祎", "feiyi", "fy"),
        ("石破天", "shipotian", "spt"),
        ("柏杨", "baiyang", "by"),
        ("薄熙", "boxi", "bx"),
        ("卜算", "busuan", "bs"),
        ("阚泽", "kanze", "kz"),
        ("乜明", "nieming", "nm"),
        ("能静", "naijing", "nj"),
        ("东方朔", "dongfangshuo", "dfs"),
        ("欧阳修", "ouyangxiu", "oyx"),
        ("上官婉儿", "shangguanwaner", "sgwe"),
        ("司马光", "simaguang", "smg"),
        ("诸葛亮", "zhugeliang", "zgl"),
        ("皇甫嵩", "huangfusong", "hfs"),
        ("公孙胜", "gongsunsheng", "gss"),
        ("慕容复", "murongfu", "mrf"),
        ("单于洋", "shanyuyang", "syy"),  # 单 + 于洋, not the 复姓 单于
        ("吕布", "lvbu", "lb"),
        ("女娲", "nvwa", "nw"),
        # Given-name characters read as names read them.
        ("张长林", "zhangchanglin", "zcl"),
        ("王晟", "wangsheng", "ws"),
        ("李伽", "lijia", "lj"),
        ("刘淡泊", "liudanbo", "ldb"),
        ("王乐乐", "wanglele", "wll"),  # 乐 only reads yue as a surname
        ("曾曾", "zengceng", "zc"),  # …and 曾 only zeng as a surname
        # Minority and foreign names, odd characters.
        ("买买提·艾力", "maimaitiaili", "mmtal"),
        ("阿依古丽•吐尔逊", "ayigulituerxun", "aygltex"),
        ("Tom Smith", "tomsmith", "ts"),
        ("ＡＢ张", "abzhang", "az"),
        ("张三2", "zhangsan2", "zs2"),
        ("  李 四 ", "lisi", "ls"),
        ("李\u3000四", "lisi", "ls"),
        ("", "", ""),
        (None, "", ""),
        ("·", "", ""),
    ],
)
def test_pinyin_keys(name, full, initials):
    assert pinyin_keys(name) == (full, initials)
    assert name_search_keys(name) == {"name_pinyin": full, "name_initials": initials}


def test_tables_are_consistent():
    for surname, reading in DOUBLE_SURNAMES.items():
        assert len(surname) == 2
        assert len(reading.split()) == 2
        assert reading.replace(" ", "").isascii() and reading.replace(" ", "").isalpha()
    for surname, reading in {**SURNAMES, **GIVEN_NAME_READINGS}.items():
        assert len(surname) == 1
        assert reading.isascii() and reading.isalpha() and reading.islower()
    assert "单于" not in DOUBLE_SURNAMES


hanzi = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@given(st.text(hanzi, min_size=1, max_size=4))
def test_keys_are_plain_lowercase_letters(name):
    full, initials = pinyin_keys(name)
    assert full == "" or (full.isascii() and full.islower() and full.isalpha())
    # One syllable per character; the few 汉字 pypinyin has no reading for (兙, 瓩…) are dropped.
    assert len(initials) == sum(lazy_pinyin(char)[0].isascii() for char in name)
    assert full[:1] == initials[:1]


@given(st.sampled_from(sorted(DOUBLE_SURNAMES)), st.text(hanzi, min_size=1, max_size=2))
def test_double_surnames_are_read_from_the_table(surname, given_name):
    full, initials = pinyin_keys(surname + given_name)
    first, second = DOUBLE_SURNAMES[surname].split()
    assert full.startswith(first + second)
    assert initials.startswith(first[0] + second[0])


@given(st.sampled_from(sorted(SURNAMES)), st.text(hanzi, min_size=1, max_size=2))
def test_single_surnames_are_read_from_the_table(surname, given_name):
    name = surname + given_name
    if name[:2] in DOUBLE_SURNAMES:
        return
    full, initials = pinyin_keys(name)
    assert full.startswith(SURNAMES[surname])
    assert initials[0] == SURNAMES[surname][0]
    # The given name does not depend on the surname in front of it.
    assert full == SURNAMES[surname] + pinyin_keys("张" + given_name)[0].removeprefix("zhang")
