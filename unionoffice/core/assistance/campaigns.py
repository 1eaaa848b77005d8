"""Campaigns (慰问活动/批次): a batch of assistance with one kind, date, funding source and budget.

Life of a campaign: 草稿 (recipients added and amounts adjusted freely) → 已打印 (``mark_printed``:
the final disbursement sheet or receipts went out for signature, every row is locked) → 已签领
(``mark_signed``: the signed sheet came back). Rows added or corrected after printing stay
unlocked until the next final printing locks them too.

Totals are always recomputed from the rows (``campaign_totals``), never stored.
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from ..values import dates
from .records import (
    FUNDING_SOURCES,
    KINDS,
    METHODS,
    db_rules,
    insert_assistance,
    lock_assistance,
    mark_rows_signed,
    parse_fen,
    signing_day,
    person_label,
    resolve_person,
)
from .query import assistance_this_year_for, sheet_rows
from .duplicates import check_people, same_kind_elsewhere, describe
from .funding import funding_lines, validate_lines
from ..errors import UserError, ValueFormatError
from ..values.ids import mask_id_number
from ..members.records import ACTIVE_STATUSES
from ..store.records import Field, as_dict, choice_value, insert_row, text_value, update_row
from ..store.connection import Store, now_text

CAMPAIGN_STATUSES = ("草稿", "已打印", "已签领")

CAMPAIGN_FIELDS: tuple[Field, ...] = (
    Field("kind", "慰问类别", "choice", KINDS, required=True),
    Field("name", "活动名称", required=True),
    Field("campaign_date", "发放日期", "date", required=True),
    Field("funding_source", "资金来源", "choice", FUNDING_SOURCES, required=True),
    Field("standard_amount", "标准金额", "money"),
    Field("budget", "预算", "money"),
    Field("method", "发放方式", "choice", METHODS),
    Field("handler", "经办人"),
    Field("notes", "备注"),
)
LABELS = {f.name: f.label for f in CAMPAIGN_FIELDS}
# Campaign fields copied onto its rows (row column ← campaign column).
_ROW_COPIES = {"kind": "kind", "funding_source": "funding_source", "paid_date": "campaign_date", "method": "method"}






def validate_campaign(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("kind", "funding_source", "method"):
            out[key] = choice_value(value, {"kind": KINDS, "funding_source": FUNDING_SOURCES, "method": METHODS}[key], LABELS[key], key)
        elif key == "name":
            out[key] = " ".join(text_value(value).split())
        elif key == "campaign_date":
            try:
                out[key] = dates.to_iso(value)
            except ValueFormatError as exc:
                raise ValueFormatError(f"发放日期：{exc}", field=key) from None
            if not out[key]:
                raise ValueFormatError("请填写发放日期", field=key)
        elif key == "standard_amount":
            out[key] = parse_fen(value, "amount") if value not in (None, "") else 0
        elif key == "budget":
            out[key] = parse_fen(value, "amount") if value not in (None, "") else None
        elif key in ("handler", "notes"):
            out[key] = text_value(value)
        else:
            raise ValueFormatError(f"慰问活动没有“{key}”这一项", field=key)
    return out


def create_campaign(store: Store, data: dict[str, Any]) -> int:
    """A new campaign in 草稿; name defaults to '<year>年<kind>'."""
    values = validate_campaign({"method": "现金", **data})
    for f in CAMPAIGN_FIELDS:
        if f.required and f.name != "name" and not values.get(f.name):
            raise ValueFormatError(f"请填写{f.label}", field=f.name)
    values["name"] = values.get("name") or f"{values['campaign_date'][:4]}年{values['kind']}"
    values.setdefault("handler", store.user)
    with store.atomic(), db_rules():
        _refuse_same_name(store, values["name"], values["campaign_date"][:4])
        return insert_row(store, "campaigns", values)


def _refuse_same_name(store: Store, name: str, year: str, campaign_id: int | None = None) -> None:
    """Two lists with one name in one year is how a person gets paid twice: refuse it."""
    other = store.one("SELECT id, campaign_date FROM campaigns WHERE name = ? AND substr(campaign_date, 1, 4) = ? "
                      "AND deleted_at IS NULL AND id IS NOT ?", (name, year, campaign_id))
    if other is not None:
        raise ValueFormatError(f"{year} 年已有名为“{name}”的慰问活动（发放日期 {other['campaign_date']}），"
                               "同一年的活动名称不能重复；如是同一次发放，请把人员加入原活动", field="name")


def get_campaign(store: Store, campaign_id: int) -> dict[str, Any]:
    row = as_dict(store.one("SELECT * FROM campaigns WHERE id = ?", (campaign_id,)))
    if row is None:
        raise UserError(f"找不到编号为 {campaign_id} 的慰问活动")
    return row


def _live_campaign(store: Store, campaign_id: int) -> dict[str, Any]:
    row = get_campaign(store, campaign_id)
    if row["deleted_at"]:
        raise UserError(f"慰问活动“{row['name']}”在回收站中")
    return row


def update_campaign(store: Store, campaign_id: int, changes: dict[str, Any]) -> None:
    """Edit a campaign; kind, date, funding source and method follow onto its unlocked rows.
    After printing, kind, date and funding source are fixed (the paper shows them)."""
    values = validate_campaign(changes)
    with store.atomic(), db_rules():
        current = _live_campaign(store, campaign_id)
        if current["status"] != "草稿":
            for key in ("kind", "campaign_date", "funding_source"):
                if key in values and values[key] != current[key]:
                    raise ValueFormatError(f"活动已打印，{LABELS[key]}不能再改", field=key)
        if "name" in values and not values["name"]:
            raise ValueFormatError("请填写活动名称", field="name")
        merged = {**current, **values}
        _refuse_same_name(store, merged["name"], merged["campaign_date"][:4], campaign_id)
        if not funding_lines(store, campaign_id):  # one source: changing it is changing the whole funding
            _keep_fund_share(store, current, [{"source": merged["funding_source"]}], field="funding_source")
        update_row(store, "campaigns", campaign_id, values)
        copies = {row_col: values[c] for row_col, c in _ROW_COPIES.items() if c in values}
        if copies:
            sets = ", ".join(f"{k} = ?" for k in copies)
            store.execute(f"UPDATE assistance SET {sets}, updated_at = ? WHERE campaign_id = ? AND locked = 0",
                          [*copies.values(), now_text(), campaign_id])


def delete_campaign(store: Store, campaign_id: int) -> None:
    """A draft campaign and its rows to the recycle bin; a printed one is refused."""
    with store.atomic(), db_rules():
        current = _live_campaign(store, campaign_id)
        if current["status"] != "草稿" or store.scalar(
                "SELECT count(*) FROM assistance WHERE campaign_id = ? AND locked = 1", (campaign_id,)):
            raise UserError(f"慰问活动“{current['name']}”已打印，不能删除")
        stamp = now_text()
        store.execute("UPDATE assistance SET deleted_at = ?, updated_at = ? WHERE campaign_id = ? AND deleted_at IS NULL",
                      (stamp, stamp, campaign_id))
        store.execute("UPDATE campaigns SET deleted_at = ?, updated_at = ? WHERE id = ?", (stamp, stamp, campaign_id))


def restore_campaign(store: Store, campaign_id: int) -> None:
    """Back from the recycle bin, with the rows that were deleted together with it."""
    with store.atomic(), db_rules():
        current = get_campaign(store, campaign_id)
        if not current["deleted_at"]:
            return
        _refuse_same_name(store, current["name"], current["campaign_date"][:4], campaign_id)
        # rows deleted in the same second as the campaign; a person who is back in the list by now stays out
        for row in store.query("SELECT id, id_number, reversal_of FROM assistance WHERE campaign_id = ? "
                               "AND deleted_at = ? ORDER BY id", (campaign_id, current["deleted_at"])):
            if row["reversal_of"] is None and _in_campaign(store, campaign_id, row["id_number"]):
                continue
            store.execute("UPDATE assistance SET deleted_at = NULL, updated_at = ? WHERE id = ?", (now_text(), row["id"]))
        store.execute("UPDATE campaigns SET deleted_at = NULL, updated_at = ? WHERE id = ?", (now_text(), campaign_id))


# ------------------------------------------------------------------ totals and lists

_TOTALS_SQL = """
SELECT coalesce(sum(reversal_of IS NULL), 0) AS rows,
       coalesce(sum(reversal_of IS NOT NULL), 0) AS corrections,
       coalesce(sum(amount), 0) AS amount,
       coalesce(sum(goods_value), 0) AS goods_value,
       coalesce(sum(locked = 1), 0) AS locked,
       coalesce(sum(locked = 0), 0) AS unlocked,
       coalesce(sum(status = '已签领'), 0) AS signed,
       coalesce(sum(reversal_of IS NULL AND amount = 0 AND goods_value = 0), 0) AS zero_rows
FROM assistance WHERE campaign_id = ? AND deleted_at IS NULL
"""
_PEOPLE_SQL = """
SELECT count(*) FROM (SELECT id_number FROM assistance WHERE campaign_id = ? AND deleted_at IS NULL
                      GROUP BY id_number HAVING sum(amount + goods_value) > 0)
"""


def campaign_totals(store: Store, campaign_id: int) -> dict[str, Any]:
    """Live figures from the rows: people (with a net amount > 0), rows (= count, payments without
    corrections), corrections, amount (fen),
    goods_value, total = amount + goods_value, budget, budget_left (None without a budget),
    over_budget, locked / unlocked / signed rows, zero_rows (originals with nothing filled in)."""
    campaign = get_campaign(store, campaign_id)
    figures = as_dict(store.one(_TOTALS_SQL, (campaign_id,)))
    figures["people"] = store.scalar(_PEOPLE_SQL, (campaign_id,))
    figures["count"] = figures["rows"]  # payments, corrections not counted
    figures["total"] = figures["amount"] + figures["goods_value"]
    figures["budget"] = campaign["budget"]
    figures["budget_left"] = None if campaign["budget"] is None else campaign["budget"] - figures["total"]
    figures["over_budget"] = figures["budget_left"] is not None and figures["budget_left"] < 0
    return figures


def list_campaigns(store: Store, *, year: int | None = None, status: str | None = None,
                   recycle_bin: bool = False) -> list[dict[str, Any]]:
    """Campaigns newest first, each with its ``totals``."""
    clauses = ["deleted_at IS NOT NULL" if recycle_bin else "deleted_at IS NULL"]
    params: list[Any] = []
    if year:
        clauses.append("substr(campaign_date, 1, 4) = ?")
        params.append(str(year))
    if status:
        clauses.append("status = ?")
        params.append(status)
    rows = [as_dict(r) for r in store.query(
        f"SELECT * FROM campaigns WHERE {' AND '.join(clauses)} ORDER BY campaign_date DESC, id DESC", params)]
    for row in rows:
        row["totals"] = campaign_totals(store, row["id"])
    return rows


# ------------------------------------------------------------------ choosing recipients


def _candidate(row) -> dict[str, Any]:
    out = as_dict(row)
    out["id_number_masked"] = mask_id_number(out["id_number"])
    return out


def hardship_candidates(store: Store, *, category: str | None = "深度困难", level: str | None = None,
                        status: str = "在档") -> list[dict[str, Any]]:
    """Filed workers as candidates (default: all 在档 深度困难 files), by pinyin of the name."""
    clauses, params = ["h.deleted_at IS NULL", "h.status = ?"], [status]
    for column, value in (("category", category), ("level", level)):
        if value:
            clauses.append(f"h.{column} = ?")
            params.append(value)
    rows = store.query(
        "SELECT h.id AS hardship_file_id, h.member_id, coalesce(m.name, h.name) AS name, h.gender, h.id_number, "
        "coalesce(o.name, h.org_name, '') AS org_name, h.category, h.level, h.main_cause "
        "FROM hardship_files h LEFT JOIN members m ON m.id = h.member_id "
        "LEFT JOIN orgs o ON o.id = coalesce(m.org_id, h.org_id) "
        f"WHERE {' AND '.join(clauses)} ORDER BY h.name_pinyin, h.id", params)
    return [_candidate(r) for r in rows]


_MEMBER_CANDIDATE = (
    "SELECT m.id AS member_id, h.id AS hardship_file_id, m.name, m.gender, m.id_number, "
    "coalesce(o.name, '') AS org_name, CASE WHEN h.status = '在档' THEN h.category ELSE '' END AS category "
    "FROM members m LEFT JOIN orgs o ON o.id = m.org_id "
    "LEFT JOIN hardship_files h ON h.id_number = m.id_number AND h.deleted_at IS NULL "
)


def org_candidates(store: Store, org_id: int) -> list[dict[str, Any]]:
    """Members (会籍 正常/保留) of one org as candidates."""
    marks = ",".join("?" for _ in ACTIVE_STATUSES)
    rows = store.query(_MEMBER_CANDIDATE + f"WHERE m.org_id = ? AND m.deleted_at IS NULL AND m.status IN ({marks}) "
                       "AND m.id_number IS NOT NULL ORDER BY m.name_pinyin, m.id", (org_id, *ACTIVE_STATUSES))
    return [_candidate(r) for r in rows]


def member_candidates(store: Store, member_ids: Sequence[int]) -> list[dict[str, Any]]:
    """A hand-picked list of members, in the order picked."""
    by_id: dict[int, dict[str, Any]] = {}
    ids = list(member_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" for _ in chunk)
        for r in store.query(_MEMBER_CANDIDATE + f"WHERE m.id IN ({marks}) AND m.deleted_at IS NULL", chunk):
            by_id[r["member_id"]] = _candidate(r)
    return [by_id[i] for i in ids if i in by_id]


def annotate_candidates(store: Store, campaign_id: int | None, people: list[dict[str, Any]],
                        year: int | None = None) -> list[dict[str, Any]]:
    """Adds what the chooser shows beside each person: ``in_campaign``, the campaign's year's
    ``this_year_count`` / ``this_year_total`` (fen, net of corrections, 拟发 rows on other lists
    included) and ``same_kind`` (text naming the other lists of the same kind and their amounts)."""
    campaign = get_campaign(store, campaign_id) if campaign_id is not None else None
    year = year or (int(campaign["campaign_date"][:4]) if campaign else dates.today().year)
    keys = [p["id_number"] for p in people]
    history = assistance_this_year_for(store, keys, year)
    same = same_kind_elsewhere(store, keys, campaign["kind"], year, campaign_id) if campaign else {}
    already = set()
    if campaign_id is not None:
        already = {r[0] for r in store.query(
            "SELECT id_number FROM assistance WHERE campaign_id = ? AND reversal_of IS NULL AND deleted_at IS NULL",
            (campaign_id,))}
    for person in people:
        seen = history.get(person["id_number"], {"count": 0, "total": 0, "amount": 0, "goods_value": 0})
        person["this_year_count"], person["this_year_total"] = seen["count"], seen["total"]
        person["this_year_amount"], person["this_year_goods"] = seen["amount"], seen["goods_value"]
        person["in_campaign"] = person["id_number"] in already
        person["same_kind"] = describe(same[person["id_number"]]) if person["id_number"] in same else ""
    return people


def duplicate_warnings(store: Store, campaign_id: int, people: Iterable[dict[str, Any] | str]) -> list[str]:
    """What the clerk is told before adding ``people``: one line per person who already has the
    campaign's kind that year on another list (list and amount named). Raises for a kind the
    office pays only once per person per year."""
    campaign = _live_campaign(store, campaign_id)
    named = {}
    for person in people:
        resolved = resolve_person(store, person)
        named[resolved["id_number"]] = resolved["name"]
    return check_people(store, campaign, named, allow=True)


def _row_values(campaign: dict[str, Any], amount: Any, goods: Any, goods_value: Any, notes: Any) -> dict[str, Any]:
    values = {row_col: campaign[c] for row_col, c in _ROW_COPIES.items()}
    values["amount"] = campaign["standard_amount"] if amount in (None, "") else parse_fen(amount, "amount")
    values["goods"] = text_value(goods)
    values["goods_value"] = parse_fen(goods_value, "goods_value")
    if values["goods_value"] and not values["goods"]:
        raise ValueFormatError("填写了实物折合金额，请写明实物内容", field="goods")
    values["notes"] = text_value(notes)
    values["handler"] = campaign["handler"]
    values["campaign_id"] = campaign["id"]
    return values


def _open_for_recipients(store: Store, campaign_id: int) -> dict[str, Any]:
    campaign = _live_campaign(store, campaign_id)
    if campaign["status"] == "已签领":
        raise UserError(f"慰问活动“{campaign['name']}”已签领结束，不能再添加人员；请另建活动或单笔发放")
    return campaign


def add_recipient(store: Store, campaign_id: int, person: dict[str, Any] | str, *, amount: Any = None,
                  goods: Any = "", goods_value: Any = 0, notes: Any = "") -> int:
    """One person into the campaign (amount defaults to the standard amount); a person already in
    it is refused with a message naming them."""
    with store.atomic(), db_rules():
        campaign = _open_for_recipients(store, campaign_id)
        resolved = resolve_person(store, person)
        if _in_campaign(store, campaign_id, resolved["id_number"]):
            raise ValueFormatError(f"{person_label(resolved)}已在“{campaign['name']}”名单中，不能重复添加",
                                   field="id_number")
        check_people(store, campaign, {resolved["id_number"]: resolved["name"]}, allow=True)
        return insert_assistance(store, resolved, _row_values(campaign, amount, goods, goods_value, notes))


def _in_campaign(store: Store, campaign_id: int, id_number: str) -> bool:
    return store.one("SELECT 1 FROM assistance WHERE campaign_id = ? AND id_number = ? AND reversal_of IS NULL "
                     "AND deleted_at IS NULL", (campaign_id, id_number)) is not None


def add_recipients(store: Store, campaign_id: int, people: Iterable[dict[str, Any] | str], *,
                   amount: Any = None, skip_existing: bool = False) -> dict[str, Any]:
    """Many people at once, all or nothing. People already in the campaign are refused (naming
    them) unless ``skip_existing``, when they are passed over. People who already have the same
    kind that year on another list are added with a warning line each (refused for a kind the
    office pays once per year). Returns {'added': [row ids], 'skipped': [names], 'warnings': [lines]}."""
    added: list[int] = []
    skipped: list[str] = []
    joining: dict[str, str] = {}
    with store.atomic(), db_rules():
        campaign = _open_for_recipients(store, campaign_id)
        values = _row_values(campaign, amount, "", 0, "")
        seen: set[str] = set()
        for person in people:
            resolved = resolve_person(store, person)
            if resolved["id_number"] in seen or _in_campaign(store, campaign_id, resolved["id_number"]):
                if not skip_existing:
                    raise ValueFormatError(f"{person_label(resolved)}已在“{campaign['name']}”名单中，不能重复添加",
                                           field="id_number")
                skipped.append(resolved["name"])
                continue
            seen.add(resolved["id_number"])
            joining[resolved["id_number"]] = resolved["name"]
            added.append(insert_assistance(store, resolved, values))
        warnings = check_people(store, campaign, joining, allow=True)
    return {"added": added, "skipped": skipped, "warnings": warnings}


def apply_standard_amount(store: Store, campaign_id: int) -> int:
    """Set every unlocked original row to the campaign's standard amount; returns rows changed."""
    with store.atomic(), db_rules():
        campaign = _live_campaign(store, campaign_id)
        return store.execute("UPDATE assistance SET amount = ?, updated_at = ? WHERE campaign_id = ? AND locked = 0 "
                             "AND reversal_of IS NULL AND deleted_at IS NULL AND amount <> ?",
                             (campaign["standard_amount"], now_text(), campaign_id,
                              campaign["standard_amount"])).rowcount


# ------------------------------------------------------------------ printing and signing


def mark_printed(store: Store, campaign_id: int, *, ids: Sequence[int] | None = None,
                 allow_duplicates: bool = False) -> int:
    """The final sheet or receipts are printed for signature: lock the unlocked rows (all of them,
    or only ``ids`` when receipts are printed for chosen rows), fixing each row's 序号; 拟发 → 已发,
    campaign → 已打印. Returns how many rows were locked now. A preview never calls this.

    Before anything is locked the duplicate check runs again over the rows about to be locked:
    people who already have this kind in the campaign's year on another list are listed
    (DuplicateError) unless ``allow_duplicates`` — and always for a once-per-year kind."""
    with store.atomic(), db_rules():
        campaign = _live_campaign(store, campaign_id)
        rows = sheet_rows(store, campaign_id)
        if not rows:
            raise UserError(f"慰问活动“{campaign['name']}”名单为空，没有可打印的内容")
        chosen = None if ids is None else set(ids)
        pending = [r for r in rows if not r["locked"] and (chosen is None or r["id"] in chosen)]
        empty = [r for r in pending if r["reversal_of"] is None and not r["amount"] and not r["goods_value"]]
        if empty:
            raise UserError(f"{empty[0]['name']}等 {len(empty)} 人的金额为 0，请先填写金额或从名单中删除")
        check_people(store, campaign, {r["id_number"]: r["name"] for r in pending if r["reversal_of"] is None},
                     allow=allow_duplicates)
        n = lock_assistance(store, [r["id"] for r in pending], {r["id"]: r["seq"] for r in pending})
        if n or campaign["status"] == "草稿":
            update_row(store, "campaigns", campaign_id, {"status": "已打印", "printed_at": now_text()})
        return n


def mark_signed(store: Store, campaign_id: int, on: Any = None) -> int:
    """The signed sheet came back: every row and the campaign → 已签领. Refused while rows remain
    that were never printed for signature. Returns how many rows changed."""
    day = signing_day(on)
    with store.atomic(), db_rules():
        campaign = _live_campaign(store, campaign_id)
        rows = sheet_rows(store, campaign_id)
        if not rows:
            raise UserError(f"慰问活动“{campaign['name']}”名单为空")
        unprinted = [r for r in rows if not r["locked"]]
        if unprinted:
            raise UserError(f"还有 {len(unprinted)} 笔（如 {unprinted[0]['name']}）未打印定稿，请先打印定稿的发放表再标记签领")
        n = mark_rows_signed(store, [r["id"] for r in rows], day)
        update_row(store, "campaigns", campaign_id, {"status": "已签领", "signed_date": day})
        return n


# ------------------------------------------------------------ funding


def set_funding(store: Store, campaign_id: int, lines: Iterable[dict[str, Any]]) -> None:
    """Replace the campaign's sources. One line (or none) means a single source. The first line's
    source becomes the campaign's primary ``funding_source`` (copied onto its unlocked rows)."""
    clean = validate_lines(lines)
    with store.atomic(), db_rules():
        campaign = store.one("SELECT * FROM campaigns WHERE id = ? AND deleted_at IS NULL", (campaign_id,))
        if campaign is None:
            raise UserError(f"找不到编号为 {campaign_id} 的慰问活动")
        if [(o["source"], o["share"], o["amount"]) for o in clean] == [
                (o["source"], o["share"], o["amount"]) for o in funding_lines(store, campaign_id)]:
            return
        if campaign["status"] != "草稿":
            raise UserError("活动已打印，资金来源已印在纸上，不能再改")
        _keep_fund_share(store, campaign, clean)
        store.execute("DELETE FROM campaign_funding WHERE campaign_id = ?", (campaign_id,))
        if len(clean) > 1:
            for line in clean:
                store.execute("INSERT INTO campaign_funding(campaign_id, source, amount, share) VALUES (?, ?, ?, ?)",
                              (campaign_id, line["source"], line["amount"], line["share"]))
        if clean and clean[0]["source"] != campaign["funding_source"]:
            update_campaign(store, campaign_id, {"funding_source": clean[0]["source"]})


DONATION_SOURCE = "社会捐赠"  # the source a campaign linked to a fundraising campaign is paid from


def _names_donation(primary: str, lines: Sequence[dict[str, Any]]) -> bool:
    if len(lines) > 1:
        return any(line["source"] == DONATION_SOURCE for line in lines)
    return (lines[0]["source"] if lines else primary) == DONATION_SOURCE


def _keep_fund_share(store: Store, campaign: dict[str, Any], clean: list[dict[str, Any]],
                     field: str = "funding") -> None:
    """A campaign paid out of a fundraising campaign pays it through its 社会捐赠 source: dropping that
    source while the link stands would silently count nothing spent from the fund, so it is refused."""
    if not campaign["fund_campaign_id"]:
        return
    if not _names_donation(campaign["funding_source"], funding_lines(store, campaign["id"])):
        return
    if _names_donation(campaign["funding_source"], clean):
        return
    fund = store.scalar("SELECT name FROM fund_campaigns WHERE id = ?", (campaign["fund_campaign_id"],)) or ""
    raise ValueFormatError(
        f"慰问活动“{campaign['name']}”的“{DONATION_SOURCE}”部分由募集活动“{fund}”支出，不能去掉“{DONATION_SOURCE}”"
        f"这一资金来源（否则该募集活动的已支出会少算）。如本活动确实不再用募捐的钱，请先把“从募集活动支出”"
        f"改为“不从募集活动支出”", field=field)
