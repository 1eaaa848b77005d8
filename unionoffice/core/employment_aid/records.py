"""Employment aid (就业援助).

- **Job fairs** (专场招聘会) are activities of the calendar of kind 招聘会; ``job_fairs`` adds the fair's
  results: 参会企业, 岗位数, 达成意向人数. ``create_job_fair`` files the activity and its results at
  once (adding 招聘会 to the office's activity kinds if it is missing — nothing is removed).
- **Placements** (实现就业): a person, member or not, placed with an employer on a date, by route
  (招聘会 / 推荐 / 培训后 / 其他).
- **Trainings** for 农民工 / 下岗失业 with their **trainees**, each with the certificate obtained.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..activities import records as activities
from ..errors import UserError, ValueFormatError
from ..store.connection import Store
from ..store.records import (
    Field, as_dict, choice_value, count_value, find_by_name_or_id, insert_row, soft_delete, soft_delete_with_children,
    text_value, update_row,
)
from ..values import dates
from ..values.ids import normalize_id_number

FAIR_KIND = "招聘会"
# the fixed lists (the m0012 CHECKs hold the same; tests compare them)
PLACEMENT_ROUTES = ("招聘会", "推荐", "培训后", "其他")
TRAINING_TARGETS = ("农民工", "下岗失业", "其他")
TRAINEE_FIELDS: tuple[Field, ...] = (
    Field("person_name", "姓名", required=True, aliases=("学员姓名", "参训人员")),
    Field("id_number", "身份证号", aliases=("身份证号码", "公民身份号码")),
    Field("certificate", "证书", aliases=("取得证书", "证书名称", "证书编号", "结业证书", "职业资格证书")),
)

PLACEMENT_FIELDS: tuple[Field, ...] = (
    Field("person_name", "姓名", required=True, aliases=("就业人员", "求职者姓名")),
    Field("id_number", "身份证号", aliases=("身份证号码", "公民身份号码")),
    Field("employer", "就业单位", required=True, aliases=("用人单位", "录用单位", "就业企业")),
    Field("placed_date", "就业日期", "date", required=True, aliases=("上岗日期", "录用日期", "入职日期")),
    Field("route", "途径", "choice", PLACEMENT_ROUTES, aliases=("就业途径", "就业渠道")),
    Field("notes", "备注"),
)


def _count(value: Any, label: str, field: str) -> int:
    """A count of employers (家), positions (个) or people (人, 名); blank is 0."""
    return count_value(value, label, field, units="人个家名")


def _date(value: Any, label: str, field: str, required: bool = True) -> str | None:
    try:
        iso = dates.to_iso(dates.parse_date(value)) or None
    except ValueFormatError as exc:  # name the field: the CLI shows one line, without the form around it
        raise ValueFormatError(f"{label}：{exc}", field=field) from None
    if required and not iso:
        raise ValueFormatError(f"请填写{label}", field=field)
    return iso


def _person(store: Store, name: Any, id_number: Any) -> dict[str, Any]:
    """Name, normalised ID ('' when not given) and the member it belongs to, if any."""
    out = {"person_name": "".join(text_value(name).split()), "id_number": "", "member_id": None}
    if text_value(id_number):
        out["id_number"] = normalize_id_number(id_number)
        row = store.one("SELECT id, name FROM members WHERE id_number = ? AND deleted_at IS NULL", (out["id_number"],))
        if row:
            out["member_id"], out["person_name"] = row["id"], out["person_name"] or row["name"]
    if not out["person_name"]:
        raise ValueFormatError("请填写姓名", field="person_name")
    return out


# ------------------------------------------------------------------- job fairs


def fair_results(data: dict[str, Any]) -> dict[str, Any]:
    out = {"employers": _count(data.get("employers"), "参会企业", "employers"),
           "positions": _count(data.get("positions"), "岗位数", "positions"),
           "intents": _count(data.get("intents"), "达成意向人数", "intents"),
           "notes": text_value(data.get("notes"))}
    return out


def create_job_fair(store: Store, data: dict[str, Any]) -> int:
    """The fair's activity (kind 招聘会) and its results in one transaction; returns the fair id."""
    results = fair_results(data)
    with store.atomic():
        kinds = activities.activity_kinds(store)
        if FAIR_KIND not in kinds:
            activities.set_activity_kinds(store, [*kinds, FAIR_KIND])
        activity_id = activities.create_activity(store, {**data, "kind": FAIR_KIND})
        return insert_row(store, "job_fairs", {"activity_id": activity_id, **results})


def set_fair_results(store: Store, activity_id: int, data: dict[str, Any]) -> int:
    """Record (or correct) the results of an activity of kind 招聘会."""
    results = fair_results(data)
    with store.atomic():
        act = store.one("SELECT kind FROM activities WHERE id = ? AND deleted_at IS NULL", (activity_id,))
        if act is None:
            raise UserError("活动不存在或已删除")
        if act["kind"] != FAIR_KIND:
            raise UserError(f"只有类别为“{FAIR_KIND}”的活动才能登记招聘会成效")
        row = store.one("SELECT id FROM job_fairs WHERE activity_id = ?", (activity_id,))
        if row is None:
            return insert_row(store, "job_fairs", {"activity_id": activity_id, **results})
        update_row(store, "job_fairs", row["id"], results)
        return int(row["id"])


def list_fairs(store: Store) -> list[dict[str, Any]]:
    """Every live 招聘会 activity with its results (0 where none recorded yet), newest first."""
    return [dict(r) for r in store.query(
        "SELECT a.id AS activity_id, a.title, a.start_date, a.location, a.status, f.id AS fair_id, "
        "coalesce(f.employers, 0) AS employers, coalesce(f.positions, 0) AS positions, "
        "coalesce(f.intents, 0) AS intents, a.id AS id FROM activities a LEFT JOIN job_fairs f ON f.activity_id = a.id "
        "WHERE a.deleted_at IS NULL AND a.kind = ? ORDER BY a.start_date DESC", (FAIR_KIND,))]


# ------------------------------------------------------------------- placements


def validate_placement(store: Store, data: dict[str, Any]) -> dict[str, Any]:
    out = _person(store, data.get("person_name"), data.get("id_number"))
    out["employer"] = text_value(data.get("employer"))
    if not out["employer"]:
        raise ValueFormatError("请填写就业单位", field="employer")
    out["employer_org_id"] = store.scalar("SELECT id FROM orgs WHERE name = ? AND deleted_at IS NULL",
                                          (out["employer"],))
    out["placed_date"] = _date(data.get("placed_date"), "就业日期", "placed_date")
    if out["placed_date"] > dates.to_iso(dates.today()):
        raise ValueFormatError(f"就业日期 {out['placed_date']} 晚于今天", field="placed_date")
    out["route"] = choice_value(data.get("route") or "其他", PLACEMENT_ROUTES, "就业途径", "route")
    out["job_fair_id"] = int(data["job_fair_id"]) if data.get("job_fair_id") else None
    out["notes"] = text_value(data.get("notes"))
    return out


def add_placement(store: Store, data: dict[str, Any]) -> int:
    values = validate_placement(store, data)
    with store.atomic():
        return insert_row(store, "placements", values)


def get_placement(store: Store, placement_id: int) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM placements WHERE id = ? AND deleted_at IS NULL", (placement_id,)))


def update_placement(store: Store, placement_id: int, data: dict[str, Any]) -> None:
    """Correct a placement; fields not given keep what is stored (the CLI names only what changes)."""
    with store.atomic():
        old = get_placement(store, placement_id)
        if old is None:
            raise UserError(f"就业登记 {placement_id} 不存在或已删除")
        merged = {**old, **{k: v for k, v in data.items() if v is not None}}
        update_row(store, "placements", placement_id, validate_placement(store, merged))


def delete_placements(store: Store, ids: Iterable[int]) -> int:
    return soft_delete(store, "placements", ids)


def list_placements(store: Store) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(
        "SELECT * FROM placements WHERE deleted_at IS NULL ORDER BY placed_date DESC, id DESC")]


# ------------------------------------------------------------------- trainings


def validate_training(data: dict[str, Any]) -> dict[str, Any]:
    values = {"title": text_value(data.get("title")),
              "target": choice_value(data.get("target"), TRAINING_TARGETS, "培训对象", "target"),
              "start_date": _date(data.get("start_date"), "开始日期", "start_date"),
              "end_date": _date(data.get("end_date"), "结束日期", "end_date", required=False),
              "organiser": text_value(data.get("organiser")), "notes": text_value(data.get("notes"))}
    if not values["title"]:
        raise ValueFormatError("请填写培训名称", field="title")
    if values["end_date"] and values["end_date"] < values["start_date"]:
        raise ValueFormatError("结束日期早于开始日期", field="end_date")
    return values


def create_training(store: Store, data: dict[str, Any]) -> int:
    values = validate_training(data)
    with store.atomic():
        return insert_row(store, "trainings", values)


def update_training(store: Store, training_id: int, data: dict[str, Any]) -> None:
    """Correct a training; fields not given keep what is stored."""
    with store.atomic():
        old = get_training(store, training_id)
        if old is None:
            raise UserError(f"培训 {training_id} 不存在或已删除")
        merged = {**old, **{k: v for k, v in data.items() if v is not None}}
        update_row(store, "trainings", training_id, validate_training(merged))


def add_trainee(store: Store, training_id: int, data: dict[str, Any]) -> int:
    values = _person(store, data.get("person_name"), data.get("id_number"))
    values["certificate"] = text_value(data.get("certificate"))
    with store.atomic():
        if store.one("SELECT 1 FROM trainings WHERE id = ? AND deleted_at IS NULL", (training_id,)) is None:
            raise UserError("培训不存在或已删除")
        if values["id_number"] and store.one(
                "SELECT 1 FROM trainees WHERE training_id = ? AND id_number = ? AND deleted_at IS NULL",
                (training_id, values["id_number"])):
            raise ValueFormatError(f"{values['person_name']}（{values['id_number']}）已在本次培训名单中", field="id_number")
        return insert_row(store, "trainees", {"training_id": training_id, **values})


def get_trainee(store: Store, trainee_id: int) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM trainees WHERE id = ? AND deleted_at IS NULL", (trainee_id,)))


def update_trainee(store: Store, trainee_id: int, data: dict[str, Any]) -> None:
    """Correct a trainee (name, ID, certificate); fields not given keep what is stored."""
    with store.atomic():
        old = get_trainee(store, trainee_id)
        if old is None:
            raise UserError(f"学员 {trainee_id} 不存在或已删除")
        merged = {**old, **{k: v for k, v in data.items() if v is not None}}
        values = _person(store, merged.get("person_name"), merged.get("id_number"))
        values["certificate"] = text_value(merged.get("certificate"))
        if values["id_number"] and store.one(
                "SELECT 1 FROM trainees WHERE training_id = ? AND id_number = ? AND deleted_at IS NULL AND id <> ?",
                (old["training_id"], values["id_number"], trainee_id)):
            raise ValueFormatError(f"{values['person_name']}（{values['id_number']}）已在本次培训名单中", field="id_number")
        update_row(store, "trainees", trainee_id, values)


def delete_trainings(store: Store, ids: Iterable[int]) -> int:
    """A training goes to the recycle bin with its trainees (one transaction)."""
    return soft_delete_with_children(store, "trainings", ids, "trainees", "training_id")


def delete_trainees(store: Store, ids: Iterable[int]) -> int:
    return soft_delete(store, "trainees", ids)


def find_training(store: Store, name_or_id: Any) -> dict[str, Any]:
    return find_by_name_or_id(store, "trainings", "title", name_or_id, "培训")


def list_trainings(store: Store) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query(
        "SELECT t.*, count(p.id) AS trainees, coalesce(sum(p.certificate <> ''), 0) AS certified FROM trainings t "
        "LEFT JOIN trainees p ON p.training_id = t.id AND p.deleted_at IS NULL WHERE t.deleted_at IS NULL "
        "GROUP BY t.id ORDER BY t.start_date DESC, t.id DESC")]


def list_trainees(store: Store, training_id: int | None = None) -> list[dict[str, Any]]:
    sql = ("SELECT p.*, t.title, t.target, t.start_date FROM trainees p JOIN trainings t ON t.id = p.training_id "
           "WHERE p.deleted_at IS NULL AND t.deleted_at IS NULL")
    params: list[Any] = []
    if training_id:
        sql += " AND p.training_id = ?"
        params.append(training_id)
    return [dict(r) for r in store.query(sql + " ORDER BY t.start_date, p.id", params)]


def get_training(store: Store, training_id: int) -> dict[str, Any] | None:
    return as_dict(store.one("SELECT * FROM trainings WHERE id = ? AND deleted_at IS NULL", (training_id,)))


def placement_exists(store: Store, values: dict[str, Any]) -> bool:
    """A live placement of the same person with the same employer on the same day."""
    return store.one("SELECT 1 FROM placements WHERE deleted_at IS NULL AND person_name = ? AND employer = ? "
                     "AND placed_date = ?", (values["person_name"], values["employer"], values["placed_date"])) is not None
