"""工会经费: one record per org and fee period, the payments made against it, and the shares.

- **Fee period**: a year (``2026``), a half (``2026-H1``), a quarter (``2026-Q3``) or a month
  (``2026-05``); typed also as 2026年, 2026年上半年, 2026年第三季度, 2026年5月.
- **工资总额** (payroll) is typed by the clerk; when left empty, the 计费依据 of the tax office's rows
  stand in for it.
- **计提** = 2 % of the payroll (工会法 第四十三条; not a setting), rounded half up to the fen.
  **应缴** = 计提, except 0 for an org granted 免交. 缓交 keeps 应缴 but is no arrears.
- **实缴** = the payments recorded (hand-entered or from the 代收明细); its date the latest one.
- **Shares** (上缴区总, 上解街道) are percentages of 应缴 (or of 实缴, as the office sets), chosen by the
  org's head-count against the size threshold — all office settings (``core.fees.settings``).
  **留存** = what remains of that base.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterable

from ..errors import UserError, ValueFormatError
from ..figures import base as periods
from ..store.connection import Store, now_text
from ..store.records import Field, as_dict, choice_value, date_value, money_value, text_value
from . import settings as fee_settings

FEE_RATE = Decimal("0.02")  # 工会经费按全部职工工资总额的百分之二拨缴 (工会法)
METHODS = ("税务代收", "自行拨缴", "工联会代缴")
EXEMPTIONS = ("免交", "缓交")
TAX_LIST_SOURCE = "税务代收明细"

FEE_FIELDS: tuple[Field, ...] = (
    Field("org_id", "单位", "ref", required=True),
    Field("period", "所属期", required=True),
    Field("payroll", "工资总额（元）", "money"),
    Field("method", "缴纳方式", "choice", METHODS),
    Field("exemption", "免交/缓交", "choice", EXEMPTIONS),
    Field("exemption_reason", "免缓交原因"),
    Field("exemption_approved", "批准日期", "date"),
    Field("notes", "备注"),
)

PAYMENT_FIELDS: tuple[Field, ...] = (
    Field("paid_date", "缴纳日期", "date"), Field("amount", "实缴金额（元）", "money"),
    Field("base", "计费依据（元）", "money"), Field("method", "缴纳方式", "choice", METHODS), Field("source", "来源"),
    Field("notes", "备注"),
)

# The tax office's 代收明细, as its columns are spelled in the lists seen so far.
TAX_LIST_FIELDS: tuple[Field, ...] = (
    Field("payer_name", "纳税人名称", required=True,
          aliases=("缴费人名称", "缴款人名称", "纳税人", "缴费人", "缴费单位", "缴款单位", "单位名称", "企业名称",
                   "纳税人全称", "缴费单位名称", "用人单位", "缴款人", "缴费人全称", "用人单位名称",
                   "缴款单位名称")),
    Field("credit_code", "统一社会信用代码",
          aliases=("纳税人识别号", "社会信用代码", "信用代码", "纳税识别号", "识别号", "统一信用代码",
                   "社会信用代码纳税人识别号", "缴费人识别号", "税号", "纳税人识别号统一社会信用代码")),
    Field("base", "计费依据", "money",
          aliases=("计征依据", "计费工资总额", "工资总额", "缴费基数", "计税依据", "计费依据金额", "计费金额", "计费工资",
                   "计征基数", "计费基数", "工资薪金总额", "应发工资总额")),
    Field("amount", "代收金额", "money", required=True,
          aliases=("实缴金额", "入库金额", "缴款金额", "代收工会经费", "实收金额", "征收金额", "已缴金额", "实缴税额",
                   "代征金额", "工会经费", "金额", "实缴费额", "实缴费款", "代收费额", "已入库金额", "实征金额",
                   "实缴工会经费", "代收经费", "实征税额", "实缴费款金额", "税额")),
    Field("paid_date", "入库日期", "date", required=True,
          aliases=("缴款日期", "入库时间", "缴费日期", "征收日期", "缴款时间", "实缴日期", "开票日期", "缴纳日期",
                   "交款日期", "税款入库日期")),
    Field("ticket", "票证号码", aliases=("电子税票号码", "税票号码", "凭证号码", "票证号", "凭证号", "税票号")),
    Field("belongs", "所属期起", aliases=("费款所属期起", "税款所属期起", "所属期", "费款所属期", "税款所属期", "所属时期起",
                                        "所属日期起", "费款所属期间")),
)


# ------------------------------------------------------------------ periods


@dataclass(frozen=True)
class FeePeriod:
    key: str  # 2026 / 2026-H1 / 2026-Q3 / 2026-05
    period: periods.Period

    @property
    def label(self) -> str:
        return self.period.label


_CN_Q = {"一": 1, "二": 2, "三": 3, "四": 4}
_PERIOD = re.compile(r"^(\d{4})(?:年|-|/|\.)?(.*)$")


def fee_period(value: Any) -> FeePeriod:
    """A fee period from what a clerk types: 2026, 2026年, 2026-H1, 2026年上半年, 2026-Q3,
    2026年第三季度, 2026-05, 2026年5月."""
    text = "".join(text_value(value).split()).upper()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(int(value))
    try:
        match = _PERIOD.match(text)
        if not match:
            raise ValueError(text)
        y, rest = int(match.group(1)), match.group(2).removesuffix("月")
        if not rest:
            return FeePeriod(str(y), periods.year(y))
        if rest in ("H1", "上半年"):
            return FeePeriod(f"{y}-H1", periods.half_year(y, 1))
        if rest in ("H2", "下半年"):
            return FeePeriod(f"{y}-H2", periods.half_year(y, 2))
        if rest.startswith("Q") and rest[1:].isdigit():
            q = int(rest[1:])
            return FeePeriod(f"{y}-Q{q}", periods.quarter(y, q))
        if rest.startswith("第") and rest.endswith("季度") and rest[1:-2] in _CN_Q:
            q = _CN_Q[rest[1:-2]]
            return FeePeriod(f"{y}-Q{q}", periods.quarter(y, q))
        if rest.isdigit():
            m = int(rest)
            return FeePeriod(f"{y}-{m:02d}", periods.month(y, m))
    except (ValueError, UserError):
        pass
    raise ValueFormatError(f"所属期“{text_value(value)}”无法识别，应写成 2026、2026-H1、2026-Q3 或 2026-05",
                           field="period")


# ------------------------------------------------------------------ values


def fen_share(base: int, percent: Decimal) -> int:
    """percent % of ``base`` fen, rounded half up to the fen."""
    return int((Decimal(base) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def accrual(payroll: int) -> int:
    """计提: 2 % of the payroll, rounded half up to the fen."""
    return int((Decimal(payroll) * FEE_RATE).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def validate_fee(data: dict[str, Any]) -> dict[str, Any]:
    """Normalise the fields present; raise ValueFormatError naming the field."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "period":
            fp = fee_period(value)
            out.update(period=fp.key, period_start=fp.period.start.isoformat(), period_end=fp.period.end.isoformat())
        elif key == "payroll":
            out[key] = money_value(value, "工资总额", key)
        elif key == "method":
            out[key] = choice_value(value, METHODS, "缴纳方式", key, required=False)
        elif key == "exemption":
            out[key] = choice_value(value, EXEMPTIONS, "免交/缓交", key, required=False)
        elif key == "exemption_approved":
            out[key] = date_value(value, "批准日期", key)
        elif key in ("exemption_reason", "notes"):
            out[key] = text_value(value)
        elif key == "org_id":
            out[key] = int(value) if value not in (None, "") else None
    if "exemption" in out and not out["exemption"]:
        out["exemption_reason"], out["exemption_approved"] = "", None
    return out


def _check_exemption(values: dict[str, Any]) -> None:
    if values.get("exemption") and not values.get("exemption_reason"):
        example = "连续亏损，申请免交" if values["exemption"] == "免交" else "经营困难，申请缓交半年"
        raise ValueFormatError(f"{values['exemption']}须写明原因（如：{example}）", field="exemption_reason")


# ------------------------------------------------------------------ records


def save_fee_record(store: Store, data: dict[str, Any], record_id: int | None = None) -> int:
    """Create (or, with ``record_id``, change) the fee record of one org and period."""
    values = validate_fee(data)
    if record_id is None:
        if not values.get("org_id") or not values.get("period"):
            raise ValueFormatError("请选择单位并填写所属期", field="org_id")
        _check_org(store, values["org_id"])
    _check_exemption({**(get_fee_record(store, record_id) or {} if record_id else {}), **values})
    with store.atomic():
        if record_id is None:
            if find_fee_record(store, values["org_id"], values["period"]):
                raise UserError(f"该单位{fee_period(values['period']).label}的经费记录已存在，请直接修改")
            cols = list(values)
            cur = store.execute(f"INSERT INTO fee_records ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                [values[c] for c in cols])
            return int(cur.lastrowid)
        values.pop("org_id", None)
        values["updated_at"] = now_text()
        sets = ", ".join(f"{c} = ?" for c in values)
        if store.execute(f"UPDATE fee_records SET {sets} WHERE id = ? AND deleted_at IS NULL",
                         [*values.values(), record_id]).rowcount != 1:
            raise UserError("要修改的经费记录不存在，可能已被删除")
        return record_id


def _check_org(store: Store, org_id: int) -> None:
    if not store.scalar("SELECT 1 FROM orgs WHERE id = ? AND deleted_at IS NULL", (org_id,)):
        raise UserError("所选单位不存在或已在回收站中", field="org_id")


def get_fee_record(store: Store, record_id: int) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM fee_records WHERE id = ? AND deleted_at IS NULL", (record_id,)))


def find_fee_record(store: Store, org_id: int, period: str) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM fee_records WHERE org_id = ? AND period = ? AND deleted_at IS NULL",
                             (org_id, fee_period(period).key)))


def ensure_fee_record(store: Store, org_id: int, period: str, method: str = "") -> int:
    found = find_fee_record(store, org_id, period)
    if found:
        return int(found["id"])
    return save_fee_record(store, {"org_id": org_id, "period": period, "method": method})


def add_payment(store: Store, record_id: int, paid_date: Any, amount: Any, method: str, notes: str = "",
                *, base: Any = None, source: str = "手工", source_key: str | None = None) -> int:
    """One payment (实缴) against a fee record."""
    day = date_value(paid_date, "缴纳日期", "paid_date")
    if not day:
        raise ValueFormatError("请填写缴纳日期", field="paid_date")
    fen = money_value(amount, "实缴金额", "amount")
    if not fen:
        raise ValueFormatError("实缴金额应大于 0", field="amount")
    method = choice_value(method, METHODS, "缴纳方式", "method")
    with store.atomic():
        if not get_fee_record(store, record_id):
            raise UserError("经费记录不存在，可能已被删除")
        cur = store.execute(
            "INSERT INTO fee_payments (fee_record_id, paid_date, amount, base, method, source, source_key, notes) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (record_id, day, fen, money_value(base, "计费依据", "base"), method, source, source_key, text_value(notes)))
        store.execute("UPDATE fee_records SET method = ?, updated_at = ? WHERE id = ? AND method = ''",
                      (method, now_text(), record_id))
        return int(cur.lastrowid)


def payments_of(store: Store, record_id: int) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(
        "SELECT * FROM fee_payments WHERE fee_record_id = ? AND deleted_at IS NULL ORDER BY paid_date, id",
        (record_id,))]


def delete_payment(store: Store, payment_id: int) -> None:
    """A payment entered by mistake (or a wrong list imported) goes to the recycle bin, logged.
    A row of a tax office's list comes back if that list is imported again."""
    if not store.scalar("SELECT 1 FROM fee_payments WHERE id = ? AND deleted_at IS NULL", (payment_id,)):
        raise UserError("要删除的缴款不存在，可能已被删除")
    with store.atomic():
        store.execute("UPDATE fee_payments SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                      (now_text(), now_text(), payment_id))


def payments_of_org(store: Store, org_id: int, start: str, end: str) -> list[dict[str, Any]]:
    """The payments of an org for the fee periods inside ``start``–``end``, by date."""
    return [dict(r) for r in store.query(
        "SELECT p.*, r.period FROM fee_payments p JOIN fee_records r ON r.id = p.fee_record_id "
        "WHERE r.org_id = ? AND p.deleted_at IS NULL AND r.deleted_at IS NULL AND r.period_start >= ? "
        "AND r.period_end <= ? ORDER BY p.paid_date, p.id", (org_id, start, end))]


def delete_fee_record(store: Store, record_id: int) -> None:
    """To the recycle bin, with its payments."""
    stamp = now_text()
    with store.atomic():
        store.execute("UPDATE fee_payments SET deleted_at = ?, updated_at = ? "
                      "WHERE fee_record_id = ? AND deleted_at IS NULL", (stamp, stamp, record_id))
        store.execute("UPDATE fee_records SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
                      (stamp, stamp, record_id))


# ------------------------------------------------------------------ tax office list


def tax_row_key(org_id: int, paid_date: str, amount: int, base: int | None, ticket: str) -> str:
    """What identifies one row of a 代收明细: the same row in the same or a later list is the
    same payment (re-importing changes nothing)."""
    text = f"tax\x1f{org_id}\x1f{paid_date}\x1f{amount}\x1f{base if base is not None else ''}\x1f{ticket}"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:24]


def known_payment_keys(store: Store, keys: Iterable[str]) -> set[str]:
    wanted = list(keys)
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found |= {r[0] for r in store.query(
            f"SELECT source_key FROM fee_payments WHERE deleted_at IS NULL AND source_key IN ({marks})", chunk)}
    return found


def apply_tax_rows(store: Store, rows: list[dict[str, Any]], source: str) -> int:
    """Write checked 代收明细 rows (org_id, period, paid_date, amount, base, key) in one transaction;
    rows whose key is already stored are skipped. Returns the payments added."""
    added = 0
    with store.atomic():
        known = known_payment_keys(store, [r["key"] for r in rows])
        for r in rows:
            if r["key"] in known:
                continue
            record_id = ensure_fee_record(store, r["org_id"], r["period"], "税务代收")
            add_payment(store, record_id, r["paid_date"], Decimal(r["amount"]).scaleb(-2), "税务代收",
                        base=None if r["base"] is None else Decimal(r["base"]).scaleb(-2), source=source,
                        source_key=r["key"])
            known.add(r["key"])
            added += 1
    return added


# ------------------------------------------------------------------ computed lines


def org_lookup(store: Store) -> tuple[dict[str, int], dict[str, int]]:
    """Live employers by credit code and by name key (federations too: they pay for themselves)."""
    from ..imports.rolls import org_name_key

    by_code, by_name = {}, {}
    for r in store.query("SELECT id, name, credit_code FROM orgs WHERE deleted_at IS NULL"):
        if r["credit_code"]:
            by_code[r["credit_code"]] = r["id"]
        by_name[org_name_key(r["name"])] = r["id"]
    return by_code, by_name


@dataclass
class FeeLine:
    """One org's fees over a period, as the 台账 prints it."""

    org_id: int
    org_name: str
    credit_code: str
    workers: int
    union_mode: str
    periods: str  # the fee periods covered, 2026 / 2026-Q1、2026-Q2
    payroll: int
    accrued: int  # 计提
    due: int  # 应缴
    paid: int  # 实缴
    paid_date: str  # latest payment
    method: str
    exemption: str
    exemption_reason: str
    exemption_approved: str
    large: bool
    district: int  # 上缴区总
    street: int  # 上解街道
    retained: int  # 留存
    record_ids: tuple[int, ...]

    @property
    def in_arrears(self) -> bool:
        return not self.exemption and self.paid == 0

    @property
    def status(self) -> str:
        """免交 / 缓交 / 欠缴 / 未足额 / 已缴, as the 台账 shows it."""
        if self.exemption:
            return self.exemption
        if not self.paid:
            return "欠缴"
        return "已缴" if self.paid >= self.due else "未足额"

    @property
    def outstanding(self) -> int:
        """What a 催缴通知书 asks for: 应缴 less 实缴 (nothing when 免交/缓交)."""
        return 0 if self.exemption else max(self.due - self.paid, 0)


def fee_lines(store: Store, start: str, end: str, *, with_unions: bool = True) -> list[FeeLine]:
    """One line per org with a fee record in the period (fee periods lying inside ``start``–``end``),
    plus — with ``with_unions`` — every org with a union that has none (欠缴, nothing recorded)."""
    s = fee_settings.load(store)
    records = store.query(
        "SELECT r.*, coalesce(p.paid, 0) AS paid, p.paid_date, p.base FROM fee_records r LEFT JOIN "
        "(SELECT fee_record_id, sum(amount) AS paid, max(paid_date) AS paid_date, sum(base) AS base "
        " FROM fee_payments WHERE deleted_at IS NULL GROUP BY fee_record_id) p ON p.fee_record_id = r.id "
        "WHERE r.deleted_at IS NULL AND r.period_start >= ? AND r.period_end <= ? "
        "ORDER BY r.org_id, r.period_start", (start, end))
    by_org: dict[int, list] = {}
    for r in records:
        by_org.setdefault(r["org_id"], []).append(r)
    orgs = {r["id"]: r for r in store.query("SELECT id, name, credit_code, workers, union_mode, is_federation, "
                                            "deleted_at "
                                            "FROM orgs WHERE deleted_at IS NULL OR id IN (SELECT DISTINCT org_id "
                                            "FROM fee_records WHERE deleted_at IS NULL)")}
    ids = list(by_org)
    if with_unions:
        ids += [i for i, o in orgs.items() if i not in by_org and o["union_mode"] != "未建会"
                and o["deleted_at"] is None and not o["is_federation"]]
    lines = [_line(orgs[i], by_org.get(i, []), s) for i in ids if i in orgs]
    return sorted(lines, key=lambda line: (line.org_name, line.org_id))


def _line(org, records: list, s: "fee_settings.FeeSettings") -> FeeLine:
    payroll = sum((r["payroll"] if r["payroll"] is not None else (r["base"] or 0)) for r in records)
    accrued = sum(accrual(r["payroll"] if r["payroll"] is not None else (r["base"] or 0)) for r in records)
    due = sum(accrual(r["payroll"] if r["payroll"] is not None else (r["base"] or 0))
              for r in records if r["exemption"] != "免交")
    paid = sum(r["paid"] for r in records)
    large = (org["workers"] or 0) >= s.threshold
    share_base = paid if s.base == "实缴" else due
    district = fen_share(share_base, s.large_district if large else s.small_district)
    street = fen_share(share_base, s.large_street if large else s.small_street)
    exemption = next((r["exemption"] for r in records if r["exemption"]), "")
    return FeeLine(
        org_id=org["id"], org_name=org["name"], credit_code=org["credit_code"] or "", workers=org["workers"] or 0,
        union_mode=org["union_mode"], periods="、".join(r["period"] for r in records), payroll=payroll,
        accrued=accrued, due=due, paid=paid, paid_date=max((r["paid_date"] or "" for r in records), default=""),
        method="、".join(dict.fromkeys(r["method"] for r in records if r["method"])), exemption=exemption,
        exemption_reason="；".join(r["exemption_reason"] for r in records if r["exemption_reason"]),
        exemption_approved=max((r["exemption_approved"] or "" for r in records), default=""),
        large=large, district=district, street=street, retained=share_base - district - street,
        record_ids=tuple(r["id"] for r in records))


@dataclass
class Totals:
    orgs: int = 0
    payroll: int = 0
    accrued: int = 0
    due: int = 0
    paid: int = 0
    district: int = 0
    street: int = 0
    retained: int = 0
    exempt: int = 0
    deferred: int = 0
    arrears: int = 0


def totals(lines: list[FeeLine]) -> Totals:
    t = Totals(orgs=len(lines))
    for line in lines:
        t.payroll += line.payroll
        t.accrued += line.accrued
        t.due += line.due
        t.paid += line.paid
        t.district += line.district
        t.street += line.street
        t.retained += line.retained
        t.exempt += line.exemption == "免交"
        t.deferred += line.exemption == "缓交"
        t.arrears += line.in_arrears
    return t


def arrears(store: Store, period: str) -> list[FeeLine]:
    """Orgs with a union and no payment for the fee period (免交/缓交 excepted)."""
    fp = fee_period(period)
    start, end = fp.period.iso
    return [line for line in fee_lines(store, start, end) if line.in_arrears]


def in_use(store: Store) -> bool:
    """The office keeps its fees here (some record exists): only then are arrears reminded."""
    return bool(store.scalar("SELECT 1 FROM fee_records WHERE deleted_at IS NULL LIMIT 1"))


def org_by_text(store: Store, text: Any) -> int:
    """An org named on the command line: by 统一社会信用代码, else by name (spaces and full-width
    forms ignored). Raises UserError naming it when none matches."""
    from ..imports.rolls import org_name_key
    from ..values import ids

    by_code, by_name = org_lookup(store)
    raw = text_value(text)
    try:
        code = ids.normalize_credit_code(raw) if len(raw) >= 18 else None
    except ValueFormatError:
        code = None
    if code and code in by_code:
        return by_code[code]
    found = by_name.get(org_name_key(raw))
    if found is None:
        raise UserError(f"单位台账中没有“{raw}”（按统一社会信用代码和单位名称均未找到）", field="org")
    return found
