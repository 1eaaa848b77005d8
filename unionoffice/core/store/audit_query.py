"""Reading the audit trail for the 操作日志 view and its export: filters, and rows put in the
clerk's words — 会员 张三, 修改, 手机：138****0001 → 139****0002 — instead of table names and JSON.

Personal data in the logged values (身份证号, phones, bank accounts, the family table) is masked
unless the caller asks for it in full, as in every other list.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Iterator

from .audit import ACTION_LABELS
from ..values.dates import parse_date
from ..values.ids import mask_id_number
from ..values.money import format_money
from ..values.phones import mask_phone
from .sqlutil import like_escape
from .connection import Store

TABLE_LABELS = {
    "members": "会员", "orgs": "单位", "hardship_files": "困难档案", "hardship_reviews": "档案复核",
    "campaigns": "慰问活动", "assistance": "帮扶慰问", "activities": "活动", "activity_partners": "活动协办单位",
    "activity_attendance": "活动参加人", "activity_attachments": "活动附件", "disputes": "劳动争议",
    "dispute_applicants": "争议申请人", "dispute_steps": "争议办理步骤", "settings": "设置",
    "fee_records": "工会经费", "fee_payments": "经费缴款", "aid_plans": "保障计划", "aid_enrolments": "互助保障参保",
    "aid_claims": "互助金给付",
    "_office": "数据库文件",
}
# the registers of issue 18 (规范化建设, 就业援助, 评先评优, 会员服务卡, 募捐)
TABLE_LABELS.update({
    "union_standing": "规范化建设年度情况", "union_facilities": "职工之家/书屋/服务点", "union_officers": "工会委员",
    "regional_agreements": "区域性合同/职代会", "regional_agreement_orgs": "区域性合同覆盖单位",
    "job_fairs": "招聘会成效", "placements": "实现就业", "trainings": "就业培训", "trainees": "培训学员",
    "honours": "荣誉", "member_cards": "会员服务卡", "fund_campaigns": "募集活动", "fund_contributions": "捐款",
})
# Field declarations of the record modules give most labels; module name → attribute.
# Looked up by name when the 操作日志 is read, so that the store never imports an area at load time.
_FIELD_SOURCES = {"members": ("members.records", "MEMBER_FIELDS"), "orgs": ("orgs.records", "ORG_FIELDS"),
                  "hardship_files": ("hardship.records", "HARDSHIP_FIELDS"),
                  "activities": ("activities.records", "ACTIVITY_FIELDS"),
                  "honours": ("honours.records", "FIELDS"), "member_cards": ("member_card.records", "FIELDS"),
                  "union_standing": ("union_standing.records", "STANDING_FIELDS"),
                  "fee_records": ("fees.records", "FEE_FIELDS"), "fee_payments": ("fees.records", "PAYMENT_FIELDS")}
COMMON_LABELS = {
    "name": "姓名", "gender": "性别", "id_number": "身份证号", "phone": "手机", "org_id": "单位",
    "org_name": "单位名称", "member_id": "会员", "status": "状态", "status_date": "状态日期", "notes": "备注",
    "deleted_at": "移入回收站时间", "kind": "类别", "category": "困难类别", "amount": "金额（元）",
    "goods": "实物", "goods_value": "实物价值（元）", "funding_source": "资金来源", "method": "发放方式",
    "receipt_no": "收据号", "signed_date": "签领日期", "handler": "经办人", "locked": "已锁定",
    "reversal_of": "冲销的记录", "campaign_id": "慰问活动", "hardship_file_id": "困难档案", "paid_date": "发放日期",
    "campaign_date": "活动日期", "standard_amount": "标准金额（元）", "budget": "预算（元）", "printed_at": "打印时间",
    "case_no": "案号", "received_date": "受理日期", "source": "来源", "respondent_org_id": "被申请单位",
    "respondent_name": "被申请人", "workers": "涉及人数", "claim": "事由", "mediation_result": "调解结果",
    "mediated_date": "调解日期", "closed_date": "结案日期", "outcome": "处理结果", "recovered": "追回金额（元）",
    "settlement": "处理情况", "applicant_names": "申请人", "applicant_count": "申请人数", "dispute_id": "争议案件",
    "position": "顺序", "step_date": "日期", "action": "办理事项", "note": "说明", "new_status": "新状态",
    "activity_id": "活动", "sha256": "文件校验码", "original_name": "文件名", "size": "大小（字节）",
    "added_at": "添加时间", "file_id": "困难档案", "review_date": "复核日期", "reviewer": "复核人",
    "changes": "复核变更", "password": "打开密码", "title": "名称",
    "person_name": "姓名", "plan_id": "保障计划", "enrolled_date": "参保日期", "shares": "份数", "premium": "保费（元）",
    "payer": "缴费方", "year": "年度", "enrolment_id": "参保记录", "claim_date": "给付日期", "cause": "疾病或原因",
    "fee_record_id": "经费记录",
}
COMMON_LABELS.update({
    "year": "年度", "level": "级别", "issuer": "授予机关", "person_name": "姓名", "place": "名次",
    "recipient_kind": "对象", "awarded_date": "授予日期", "collected_date": "信息采集日期", "made_date": "制卡日期",
    "card_no": "卡号", "donor_kind": "捐款方", "donor_name": "捐款单位/个人", "fund_campaign_id": "募集活动",
    "start_date": "开始日期", "end_date": "结束日期", "purpose": "用途", "employers": "参会企业", "positions": "岗位数",
    "intents": "达成意向人数", "employer": "就业单位", "employer_org_id": "就业单位", "placed_date": "就业日期",
    "route": "途径", "job_fair_id": "招聘会", "target": "培训对象", "organiser": "承办", "training_id": "培训",
    "certificate": "证书", "role": "职务", "since": "任职日期", "until": "离任日期", "set_up_date": "建立日期",
    "expiry_date": "到期日期", "workers_covered": "覆盖职工数", "agreement_id": "区域性合同/职代会",
})
MONEY_FIELDS = {"amount", "goods_value", "standard_amount", "budget", "recovered", "household_income",
                "per_capita_income", "cost", "hardship_fund", "payroll", "base", "premium"}
FLAG_FIELDS = {"is_migrant", "is_retired", "is_federation", "fee_by_tax", "locked", "recurring", "three_have",
               "open_affairs"}
HIDDEN_FIELDS = {"id", "created_at", "updated_at", "name_pinyin", "name_initials", "party_pinyin",
                 "party_initials", "search_text", "source_key", "period_start", "period_end"}
# Foreign keys shown by the name of what they point at: column → (table, column shown).
REFERENCES = {
    "org_id": ("orgs", "name"), "federation_id": ("orgs", "name"), "respondent_org_id": ("orgs", "name"),
    "member_id": ("members", "name"), "campaign_id": ("campaigns", "name"),
    "hardship_file_id": ("hardship_files", "name"), "file_id": ("hardship_files", "name"),
    "activity_id": ("activities", "title"), "dispute_id": ("disputes", "case_no"),
    "fund_campaign_id": ("fund_campaigns", "name"), "training_id": ("trainings", "title"),
    "agreement_id": ("regional_agreements", "name"), "employer_org_id": ("orgs", "name"),
    "plan_id": ("aid_plans", "name"), "enrolment_id": ("aid_enrolments", "person_name"),
    "fee_record_id": ("fee_records", "period"),
}
# What names a record in the log, in order of preference.
_NAME_KEYS = ("name", "person_name", "title", "case_no", "file_no", "original_name", "action")
# Records that are only links: named by what they link (活动参加人 张三 · 五一游园).
_LINK_NAMES = {"activity_attendance": ("member_id", "activity_id"), "activity_partners": ("org_id", "activity_id"),
               "hardship_reviews": ("file_id",), "dispute_steps": ("dispute_id",), "activity_attachments": ("activity_id",),
               "regional_agreement_orgs": ("org_id", "agreement_id"), "job_fairs": ("activity_id",),
               "union_standing": ("org_id",), "member_cards": ("member_id",),
               "fee_records": ("org_id",), "fee_payments": ("fee_record_id",), "aid_claims": ("enrolment_id",)}


def _mask_account(value: str) -> str:
    text = str(value)
    return "*" * max(0, len(text) - 4) + text[-4:] if text else ""


MASKERS: dict[str, Callable[[Any], str]] = {
    "id_number": mask_id_number, "phone": mask_phone, "contact_phone": mask_phone,
    "union_chair_phone": mask_phone, "bank_account": _mask_account,
    "household": lambda v: "（家庭成员表，已隐藏）" if v not in (None, "", "[]") else "",
}


@dataclass
class AuditFilter:
    table: str | None = None
    row_id: int | None = None
    text: str = ""  # a name, title or case number in the record (also an ID fragment)
    user: str | None = None
    action: str | None = None
    date_from: Any = None  # date or text; inclusive
    date_to: Any = None  # inclusive

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = [], []
        for column, value in (("table_name", self.table), ("row_id", self.row_id), ("user", self.user),
                              ("action", self.action)):
            if value not in (None, ""):
                clauses.append(f"{column} = ?")
                params.append(value)
        start, end = _day(self.date_from), _day(self.date_to)
        if start:
            clauses.append("at >= ?")
            params.append(start.isoformat())
        if end:
            clauses.append("at < ?")
            params.append((end + timedelta(days=1)).isoformat())
        text = (self.text or "").strip()
        if text:
            pattern = f"%{like_escape(text)}%"
            keys = (*_NAME_KEYS, "id_number", "applicant_names")
            ors = " OR ".join(f"json_extract(coalesce(after, before), '$.{k}') LIKE ? ESCAPE '\\'" for k in keys)
            clauses.append(f"({ors})")
            params.extend([pattern] * len(keys))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else parse_date(value)


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str
    after: str


@dataclass
class AuditEntry:
    id: int
    at: str
    user: str
    table: str
    row_id: int
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    table_label: str = ""
    record: str = ""  # 张三 — what the clerk calls the record
    os_user: str = ""  # the OS login, recorded beside the clerk's name (schema 8)
    changes: list[Change] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def what(self) -> str:
        """会员 张三"""
        return f"{self.table_label} {self.record}".strip()

    def summary(self, limit: int | None = None) -> str:
        if self.table == "_office":  # the program's own event: its message says it all
            text = str((self.after or {}).get("message", ""))
            return text[: limit - 1] + "…" if limit and len(text) > limit else text
        parts = [f"{c.label}：{c.before} → {c.after}" if self.action == "update" else f"{c.label}：{c.after or c.before}"
                 for c in self.changes]
        text = "；".join(parts)
        if not text and self.action == "update":
            text = "（保存了，但内容没有变化）"
        if limit and len(text) > limit:
            text = text[: limit - 1] + "…"
        return text


# ------------------------------------------------------------------------ queries
def count_entries(store: Store, filt: AuditFilter | None = None) -> int:
    where, params = (filt or AuditFilter()).where()
    return int(store.scalar(f"SELECT count(*) FROM audit{where}", params))


def entries(store: Store, filt: AuditFilter | None = None, *, limit: int = 200, before_id: int | None = None,
            masked: bool = True) -> list[AuditEntry]:
    """Newest first; page on with ``before_id`` = the last id of the previous page."""
    where, params = (filt or AuditFilter()).where()
    if before_id is not None:
        where += (" AND " if where else " WHERE ") + "id < ?"
        params.append(before_id)
    rows = store.query(
        f"SELECT id, at, user, os_user, table_name, row_id, action, before, after FROM audit{where} "
        "ORDER BY id DESC LIMIT ?",
        [*params, limit],
    )
    describer = Describer(store, masked=masked)
    return [describer.entry(r) for r in rows]


def iter_entries(store: Store, filt: AuditFilter | None = None, *, masked: bool = True,
                 page: int = 2000) -> Iterator[AuditEntry]:
    """Every matching entry, newest first, a page at a time (for the export)."""
    last = None
    while True:
        chunk = entries(store, filt, limit=page, before_id=last, masked=masked)
        yield from chunk
        if len(chunk) < page:
            return
        last = chunk[-1].id


def users(store: Store) -> list[str]:
    return [r[0] for r in store.query("SELECT DISTINCT user FROM audit WHERE user <> '' ORDER BY user")]


def tables(store: Store) -> list[tuple[str, str]]:
    """(table, Chinese label) of the record types that have log rows, in label order."""
    found = [r[0] for r in store.query("SELECT DISTINCT table_name FROM audit")]
    return sorted(((t, table_label(t)) for t in found), key=lambda pair: list(TABLE_LABELS).index(pair[0])
                  if pair[0] in TABLE_LABELS else len(TABLE_LABELS))


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table, table)


# --------------------------------------------------------------------- describing
class Describer:
    """Turns raw audit rows into clerk's words; caches label and reference look-ups."""

    def __init__(self, store: Store, *, masked: bool = True):
        self.store = store
        self.masked = masked
        self._refs: dict[tuple[str, int], str] = {}
        self._labels: dict[str, dict[str, str]] = {}

    def entry(self, row) -> AuditEntry:
        e = AuditEntry(row["id"], row["at"], row["user"], row["table_name"], row["row_id"], row["action"],
                       _json(row["before"]), _json(row["after"]))
        e.table_label = table_label(e.table)
        e.os_user = row["os_user"] if "os_user" in row.keys() else ""
        e.record = self.record_name(e)
        e.changes = self.changes(e)
        return e

    def record_name(self, e: AuditEntry) -> str:
        snap = e.after or e.before or {}
        if e.table in _LINK_NAMES:
            names = [self.reference(col, snap.get(col)) for col in _LINK_NAMES[e.table]]
            own = next((str(snap[k]) for k in ("action", "original_name") if snap.get(k)), "")
            return " · ".join(n for n in (*names, own) if n)
        for key in _NAME_KEYS:
            if snap.get(key):
                return str(snap[key])
        if e.table == "settings":  # 打开密码: what was set, never its value
            return "、".join(self.label(e.table, k) for k in snap)
        return f"#{e.row_id}"

    def changes(self, e: AuditEntry) -> list[Change]:
        before, after = e.before or {}, e.after or {}
        keys = [k for k in (*before, *(k for k in after if k not in before)) if k not in HIDDEN_FIELDS]
        out = []
        for key in keys:
            old, new = before.get(key), after.get(key)
            if e.action == "update" or e.action in ("soft_delete", "restore"):
                if old == new:
                    continue
            elif _blank(old) and _blank(new) or (key in FLAG_FIELDS and not old and not new):
                continue  # an insert or delete lists the fields that hold something
            out.append(Change(key, self.label(e.table, key), self.value(key, old), self.value(key, new)))
        return out

    def label(self, table: str, key: str) -> str:
        if table not in self._labels:
            self._labels[table] = _declared_labels(table)
        return self._labels[table].get(key) or COMMON_LABELS.get(key, key)

    def value(self, key: str, value: Any) -> str:
        if _blank(value):
            return "（空）"
        if key in REFERENCES:
            return self.reference(key, value) or str(value)
        if key in MONEY_FIELDS and isinstance(value, int):
            return format_money(value)
        if key in FLAG_FIELDS and value in (0, 1):
            return "是" if value else "否"
        if self.masked and key in MASKERS:
            return MASKERS[key](value)
        return str(value)

    def reference(self, key: str, value: Any) -> str:
        if key not in REFERENCES or not isinstance(value, int):
            return ""
        table, column = REFERENCES[key]
        if (table, value) not in self._refs:
            try:
                shown = self.store.scalar(f"SELECT {column} FROM {table} WHERE id = ?", (value,))
            except Exception:  # noqa: BLE001 - a table of an area not in this file yet
                shown = None
            self._refs[(table, value)] = str(shown) if shown else f"#{value}"
        return self._refs[(table, value)]


def _declared_labels(table: str) -> dict[str, str]:
    source = _FIELD_SOURCES.get(table)
    if not source:
        return {}
    try:
        fields = getattr(importlib.import_module(f"unionoffice.core.{source[0]}"), source[1])
    except (ImportError, AttributeError):
        return {}
    return {f.name: f.label for f in fields}


def _json(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return {"内容": text}
    return value if isinstance(value, dict) else {"内容": value}


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == "[]"
