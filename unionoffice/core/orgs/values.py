"""Org values as 单位台账 write them: category and 建会 words, head-counts, terms, codes, yes/no.

Street ledgers are typed by hand over years: '民营企业', '已建（联合）', '约100', '3年一届',
'√', a 15-digit 注册号 from an old licence. ``orgs.validate_org`` reads each through the
functions here, so the form and the import accept and refuse the same things with the same
wording. What can't be told apart (机关事业: 机关 or 事业?) is refused with a reason, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..values import dates
from ..errors import ValueFormatError
from ..values.ids import normalize_credit_code

CATEGORIES = ("国有", "集体", "私营", "外资", "港澳台", "个体", "事业", "机关", "社会组织")
UNION_MODES = ("独立建会", "联合建会", "未建会")

_CATEGORY_WORDS = {
    "国有": ("国有", "国企", "国有企业", "国有控股", "国有独资", "全民所有制", "全民", "央企", "中央企业", "地方国企",
           "国有及国有控股"),
    "集体": ("集体", "集体企业", "集体所有制", "城镇集体", "股份合作", "股份合作制"),
    "私营": ("私营", "私营企业", "民营", "民营企业", "私企", "有限责任公司", "有限公司", "股份有限公司", "非公", "非公企业",
           "非公有制", "个人独资", "合伙", "私营独资", "私营合伙", "私营有限责任公司"),
    "外资": ("外资", "外资企业", "外商独资", "中外合资", "外商投资", "中外合资经营", "中外合作", "中外合作经营", "外企"),
    "港澳台": ("港澳台", "港澳台企业", "港澳台资", "港资", "台资", "澳资", "港澳台商投资", "港澳台投资", "港澳台独资"),
    "个体": ("个体", "个体工商户", "个体户", "个体经营", "个体经营户"),
    "事业": ("事业", "事业单位", "全额事业", "差额事业", "自收自支事业"),
    "机关": ("机关", "机关单位", "党政机关", "行政机关", "政府机关"),
    "社会组织": ("社会组织", "民办非企业", "民非", "社会团体", "社团", "基金会", "协会", "行业协会", "商会",
             "社会服务机构"),
}
_CATEGORY_OF = {word: category for category, words in _CATEGORY_WORDS.items() for word in words}
# Words that name two categories at once: the ledger lumps them, the district's return splits them.
_AMBIGUOUS_CATEGORY = {"机关事业": "机关还是事业单位", "机关事业单位": "机关还是事业单位", "企事业": "企业还是事业单位",
                       "企事业单位": "企业还是事业单位"}

# 是 / 已建 / √ say a union covers the org, not how: with a 所属工联会 named that is 联合建会.
COVERED_WORDS = frozenset({"是", "已建", "已建会", "已组建", "已成立", "已建立", "建会", "有", "√", "✓", "✔"})
_MODE_WORDS = {
    "独立建会": ("独立建会", "单独建会", "独立", "单独", "独立组建", "单独组建", "独建", "已单独建会", "已独立建会"),
    "联合建会": ("联合建会", "联合", "区域性联合", "行业联合", "行业性联合", "区域联合", "区域性联合建会", "行业性联合建会",
             "联合组建", "联建", "工联会", "已联合建会"),
    "未建会": ("未建会", "未建", "否", "无", "没有", "尚未建会", "未组建", "未成立", "未建立", "筹建中", "正在筹建", "待建",
            "无工会", "×", "✗", "✘"),
}
_MODE_OF = {word: mode for mode, words in _MODE_WORDS.items() for word in words}
_MODE_OF.update({word: "独立建会" for word in COVERED_WORDS})

_BRACKETED = re.compile(r"^(?P<outer>[^()]*)\((?P<inner>[^()]*)\)(?P<tail>[^()]*)$")


def compact(value: Any) -> str:
    """NFKC (full-width → half-width, （ → (), no whitespace at all."""
    return "".join(unicodedata.normalize("NFKC", str(value if value is not None else "")).split())


def _bracket_parts(text: str) -> tuple[str, str] | None:
    match = _BRACKETED.match(text)
    return (match["outer"] + match["tail"], match["inner"]) if match else None


# ---------------------------------------------------------------- categories


def normalize_category(value: Any) -> str:
    """One of CATEGORIES; '私营（民营）', '台资企业', '民办非企业单位' are read, '机关事业' is refused."""
    text = compact(value)
    if not text:
        return ""
    parts = _bracket_parts(text)
    for candidate in (text, *(parts or ())):
        found = _category_word(candidate)
        if found:
            return found
    if text in _AMBIGUOUS_CATEGORY:
        raise ValueFormatError(f"单位类别“{text}”分不出是{_AMBIGUOUS_CATEGORY[text]}，"
                               f"请写成其中一个：{'、'.join(CATEGORIES)}", field="category")
    raise ValueFormatError(f"单位类别“{str(value).strip()}”无法识别，应为：{'、'.join(CATEGORIES)}", field="category")


def _category_word(text: str) -> str | None:
    if text in _CATEGORY_OF:
        return _CATEGORY_OF[text]
    for suffix in ("企业", "单位"):  # 台资企业, 民办非企业单位, 个人独资企业
        if text.endswith(suffix) and text[: -len(suffix)] in _CATEGORY_OF:
            return _CATEGORY_OF[text[: -len(suffix)]]
    return None


# ---------------------------------------------------------------- 建会方式


def normalize_union_mode(value: Any) -> str:
    """独立建会 / 联合建会 / 未建会 from the words ledgers use; '已建（联合）' takes the word in brackets."""
    text = compact(value)
    if not text:
        return "未建会"
    if text in _MODE_OF:
        return _MODE_OF[text]
    parts = _bracket_parts(text)
    if parts:
        outer, inner = parts
        if inner in _MODE_OF and inner not in COVERED_WORDS and (not outer or outer in _MODE_OF):
            if _MODE_OF.get(outer, _MODE_OF[inner]) == "未建会" and _MODE_OF[inner] != "未建会":
                raise _mode_error(value)  # 未建（联合）: both can't be
            return _MODE_OF[inner]
    raise _mode_error(value)


def _mode_error(value: Any) -> ValueFormatError:
    return ValueFormatError(f"建会方式“{str(value).strip()}”无法识别，应为：独立建会、联合建会或未建会",
                            field="union_mode")


def is_covered_word(value: Any) -> bool:
    """是 / 已建 / √: covered by a union, without saying whether its own or a federation's."""
    return compact(value) in COVERED_WORDS


def mode_and_federation(value: Any) -> tuple[str, str | None]:
    """'联合建会（东湖社区工联会）' → ('联合建会', '东湖社区工联会'); other text → (text, None)."""
    text = str(value if value is not None else "").strip()
    parts = _bracket_parts(compact(text))
    if parts and _MODE_OF.get(parts[0]) in ("独立建会", "联合建会") and \
            (looks_like_federation(parts[1]) or "工会" in parts[1]):
        inner = re.search(r"[(（](.*)[)）]", text)
        return parts[0], (inner.group(1).strip() if inner else parts[1])
    return text, None


# ---------------------------------------------------------------- counts and terms

_COUNT = re.compile(r"^(?:约|大约|近|约计)?(\d+(?:\.\d+)?)(?:余|多)?(?:人|名|个)?(?:左右|上下)?(?:人|名)?$")
ZERO_WORDS = frozenset({"无", "没有", "暂无", "零"})
BLANK_WORDS = frozenset({"/", "\\", "-", "--", "—", "——", "－", "不详", "未知", "空"})


def parse_count(value: Any, label: str, field: str) -> int | None:
    """A head-count: 120, '120人', '１２０', '1,200', '约100', '100余人', '60左右'; 无 → 0; '/' → None."""
    if value is None or isinstance(value, bool):
        return None if value is None else _count_error(value, label, field)
    if isinstance(value, int | float):
        return _whole(value, value, label, field)
    text = compact(value).replace(",", "")
    if not text or text in BLANK_WORDS:
        return None
    if text in ZERO_WORDS:
        return 0
    match = _COUNT.match(text)
    if not match:
        if text.startswith("-") and _COUNT.match(text[1:]):
            raise ValueFormatError(f"{label}“{str(value).strip()}”应为不小于 0 的整数", field=field)
        if re.search(r"\d[-~～至到]\d", text):
            raise ValueFormatError(f"{label}“{str(value).strip()}”是一个范围，请只填一个数", field=field)
        _count_error(value, label, field)
    return _whole(float(match.group(1)), value, label, field)


def _whole(number: float, value: Any, label: str, field: str) -> int:
    if number < 0 or number != int(number):
        raise ValueFormatError(f"{label}“{value}”应为不小于 0 的整数", field=field)
    return int(number)


def _count_error(value: Any, label: str, field: str):
    raise ValueFormatError(f"{label}“{str(value).strip()}”不是数字", field=field)


_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_TERM = re.compile(r"^(?:每届)?(\d+(?:\.0+)?|[一二两三四五六七八九十])(?:年)?(?:一届|/届|每届|一任)?$")
TERM_RANGE = (1, 10)


def parse_term_years(value: Any) -> int | None:
    """届期 in years: 5, '5年', '五年', '三年一届', '每届5年'; 1–10, blank/0 → None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = compact(value)
    if text in BLANK_WORDS or text in ZERO_WORDS:
        return None
    match = _TERM.match(text)
    if not match:
        raise ValueFormatError(f"届期“{str(value).strip()}”无法识别，请写年数，如 5 或“5年”", field="term_years")
    word = match.group(1)
    years = _CN_DIGITS[word] if word in _CN_DIGITS else int(float(word))
    if years == 0:
        return None
    low, high = TERM_RANGE
    if not low <= years <= high:
        raise ValueFormatError(f"届期 {years} 年不对：工会每届任期在 {low}–{high} 年之间（一般 3 年或 5 年）",
                               field="term_years")
    return years


# ---------------------------------------------------------------- codes, flags, names

NO_CODE_WORDS = dates.NO_VALUE | {"未办理", "无执照", "无营业执照", "未领取", "待补", "暂缺"}
_OLD_ORG_CODE = re.compile(r"^[0-9A-Z]{8}-?[0-9X]$")


def parse_credit_code(value: Any) -> str | None:
    """18 characters, checksum-valid; '无' / '/' → None. Old numbers are refused saying what they are."""
    if value is None or (isinstance(value, str) and compact(value) in NO_CODE_WORDS | {""}):
        return None
    try:
        return normalize_credit_code(value)
    except ValueFormatError:
        text = compact(value).upper().strip("'`‘’\"“”")
        if re.fullmatch(r"\d{15}", text):
            raise ValueFormatError(
                f"“{text}”是旧营业执照上的 15 位注册号，不是 18 位统一社会信用代码。请填写新营业执照上的"
                "统一社会信用代码；暂时查不到时清空此格，单位按名称导入", field="credit_code") from None
        if _OLD_ORG_CODE.match(text):
            raise ValueFormatError(
                f"“{text}”是 9 位组织机构代码，不是 18 位统一社会信用代码。请填写营业执照或登记证书上的"
                "统一社会信用代码；暂时查不到时清空此格，单位按名称导入", field="credit_code") from None
        raise


_FEE_YES = frozenset({"是", "√", "✓", "✔", "1", "1.0", "Y", "YES", "TRUE", "有", "已代收", "代收", "税务代收",
                      "已委托", "委托代收", "已由税务代收"})
_FEE_NO = frozenset({"否", "×", "✗", "✘", "0", "0.0", "N", "NO", "FALSE", "无", "不是", "未代收", "非代收", "自缴",
                     "自行缴纳", "自行上缴", "未委托", "没有"})


def parse_fee_by_tax(value: Any) -> int:
    """经费税务代收: 是 / √ / 已代收 → 1; 否 / × / 自缴 / blank → 0; any other word is refused."""
    if isinstance(value, bool) or isinstance(value, int | float) and value in (0, 1):
        return int(value)
    text = compact(value).upper()
    if not text or text in _FEE_YES | _FEE_NO or text in BLANK_WORDS:
        return 1 if text in _FEE_YES else 0
    raise ValueFormatError(f"经费税务代收“{str(value).strip()}”无法识别，应填“是”或“否”", field="fee_by_tax")


_SPACE_NEAR_WIDE = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")


def clean_name(value: Any) -> str:
    """单位名称 as stored: line breaks and spaces between Chinese characters gone, runs of spaces single.

    A number is refused: a name column that holds 3 or 3.0 is a count column or a summary table.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueFormatError(f"单位名称“{value:g}”是一个数字，不像单位名称，请核对该列", field="name")
    text = _SPACE_NEAR_WIDE.sub("", " ".join(str(value if value is not None else "").split()))
    if not text:
        raise ValueFormatError("单位名称不能为空", field="name")
    if re.fullmatch(r"[\d.]+", text):
        raise ValueFormatError(f"单位名称“{text}”是一个数字，不像单位名称，请核对该列", field="name")
    return text


# A federation (工联会) by its name: 东湖社区工会联合会, 科技园楼宇工联会, 餐饮行业联合工会, 翠竹社区工会.
_FEDERATION_NAME = re.compile(r"工联会|工会联合会|联合工会|(社区|楼宇|园区|商圈|市场|行业|片区)工会(委员会)?$")
_FEDERATION_KIND = (("楼宇", ("楼宇", "大厦", "商务楼", "写字楼")), ("行业", ("行业",)), ("社区", ("社区",)))


def looks_like_federation(name: str) -> bool:
    return bool(_FEDERATION_NAME.search(compact(name)))


def federation_kind_of(name: str) -> str:
    """社区 / 楼宇 / 行业 as the federation's name says it; '' when it doesn't."""
    text = compact(name)
    return next((kind for kind, words in _FEDERATION_KIND if any(w in text for w in words)), "")
