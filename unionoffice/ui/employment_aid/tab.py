"""The 就业援助 tab: 招聘会 (activities of kind 招聘会 with 参会企业/岗位数/达成意向人数), 实现就业 (a
person placed with an employer, by route) and 培训 (农民工 / 下岗失业 trainings with their trainees
and certificates), the period's counts on top, and each list exported."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ...core.employment_aid import records as aid
from ...core.figures import catalogue
from ...core.store.connection import Store
from ...core.values import dates
from ...core.values.ids import mask_id_number
from ..widgets.record_list import button_row, push_button
from ..widgets.register_io import export_to_file, import_from_file
from ..widgets.register_tab import RegisterTabMixin
from ..widgets.simple_form import FormField, SimpleForm, text_choices
from ..widgets.simple_table import SimpleTable

FOLDER_KEY = "employmentTab"
FAIR_COLUMNS = (("日期", lambda f: f["start_date"], 90), ("招聘会", lambda f: f["title"], 260),
                ("地点", lambda f: f["location"], 160), ("状态", lambda f: f["status"], 60),
                ("参会企业", lambda f: f["employers"], 70), ("岗位数", lambda f: f["positions"], 70),
                ("达成意向", lambda f: f["intents"], 70))
PLACEMENT_COLUMNS = (("就业日期", lambda p: p["placed_date"], 90), ("姓名", lambda p: p["person_name"], 90),
                     ("身份证号", lambda p: mask_id_number(p["id_number"]) if p["id_number"] else "", 150),
                     ("会员", lambda p: "是" if p["member_id"] else "", 45), ("就业单位", lambda p: p["employer"], 240),
                     ("途径", lambda p: p["route"], 70))
TRAINING_COLUMNS = (("开班日期", lambda t: t["start_date"], 90), ("培训", lambda t: t["title"], 260),
                    ("对象", lambda t: t["target"], 70), ("学员", lambda t: t["trainees"], 50),
                    ("取得证书", lambda t: t["certified"], 70))
TRAINEE_COLUMNS = (("姓名", lambda p: p["person_name"], 90),
                   ("身份证号", lambda p: mask_id_number(p["id_number"]) if p["id_number"] else "", 160),
                   ("证书", lambda p: p["certificate"], 200))


PLACEMENT_FORM = [FormField("person_name", "姓名："), FormField("id_number", "身份证号："),
                  FormField("employer", "就业单位："), FormField("placed_date", "就业日期：", "date"),
                  FormField("route", "途径：", "combo", text_choices(aid.PLACEMENT_ROUTES)), FormField("notes", "备注：")]
TRAINING_FORM = [FormField("title", "培训名称："),
                 FormField("target", "培训对象：", "combo", text_choices(aid.TRAINING_TARGETS)),
                 FormField("start_date", "开班日期：", "date"), FormField("end_date", "结业日期：", "date"),
                 FormField("organiser", "承办：")]
TRAINEE_FORM = [FormField("person_name", "姓名："), FormField("id_number", "身份证号："),
                FormField("certificate", "取得证书：")]


def _today() -> str:
    return dates.to_iso(dates.today())


def _saved(_none: None, record_id: int) -> int:
    """An update returns nothing; the form's ``saved`` wants the record's id."""
    return record_id


class EmploymentTab(RegisterTabMixin, QWidget):
    data_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.dialog: SimpleForm | None = None
        self.summary = QLabel()
        self.summary.setObjectName("employmentSummary")
        self.fairs = SimpleTable(FAIR_COLUMNS, "jobFairsTable")
        self.placements = SimpleTable(PLACEMENT_COLUMNS, "placementsTable")
        self.trainings = SimpleTable(TRAINING_COLUMNS, "trainingsTable")
        self.trainings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.trainees = SimpleTable(TRAINEE_COLUMNS, "traineesTable")
        self.pages = QTabWidget()
        self.pages.addTab(self._fairs_page(), "招聘会")
        self.pages.addTab(self._placements_page(), "实现就业")
        self.pages.addTab(self._trainings_page(), "培训")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages)
        self.trainings.itemSelectionChanged.connect(self.show_trainees)
        self.refresh()

    def _page(self, widgets: list[QWidget], left: list[QPushButton], right: list[QPushButton]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        for w in widgets:
            layout.addWidget(w)
        layout.addLayout(button_row(left, right))
        return page

    def _fairs_page(self) -> QWidget:
        return self._page([self.fairs], [push_button("登记招聘会…", self.new_fair),
                                         push_button("填写所选招聘会成效…", self.fair_results)],
                          [push_button("导出 Excel…", lambda: self._export("fairs"))])

    def _placements_page(self) -> QWidget:
        self.placements.doubleClicked.connect(lambda _i: self.edit_placement())
        return self._page([self.placements], [push_button("登记实现就业…", self.new_placement),
                                              push_button("修改所选…", self.edit_placement),
                                              push_button("删除（移入回收站）", self.delete_placements)],
                          [push_button("导入登记表…", self.import_placements),
                           push_button("导出 Excel…", lambda: self._export("placements"))])

    def _trainings_page(self) -> QWidget:
        self.trainee_label = QLabel()
        self.trainings.doubleClicked.connect(lambda _i: self.edit_training())
        self.trainees.doubleClicked.connect(lambda _i: self.edit_trainee())
        return self._page([self.trainings, self.trainee_label, self.trainees],
                          [push_button("登记培训…", self.new_training), push_button("修改培训…", self.edit_training),
                           push_button("删除所选培训", self.delete_training),
                           push_button("添加学员…", self.new_trainee), push_button("修改学员…", self.edit_trainee),
                           push_button("删除所选学员", self.delete_trainees)],
                          [push_button("导入学员名单…", self.import_trainees),
                           push_button("导出 Excel…", lambda: self._export("trainees"))])

    def set_store(self, store: Store) -> None:
        self.store = store

    def refresh(self) -> None:
        self.fairs.set_rows(aid.list_fairs(self.store))
        self.placements.set_rows(aid.list_placements(self.store))
        chosen = self.trainings.selected_ids()
        rows = aid.list_trainings(self.store)
        self.trainings.set_rows(rows)
        if rows:
            ids = [r["id"] for r in rows]
            self.trainings.selectRow(ids.index(chosen[0]) if chosen and chosen[0] in ids else 0)
        self.show_trainees()
        f = catalogue.compute(self.store, catalogue.year_to_date())
        self.summary.setText(
            f"今年：招聘会 {f.get('employment.job_fairs', 0)} 场，提供岗位 {f.get('employment.fair_positions', 0)} 个，"
            f"实现就业 {f.get('employment.placed', 0)} 人，培训 {f.get('employment.trainees', 0)} 人"
            f"（农民工 {f.get('employment.trainees_by_target.农民工', 0)} 人），"
            f"取得证书 {f.get('employment.certified', 0)} 人")

    def show_trainees(self) -> None:
        ids = self.trainings.selected_ids()
        rows = aid.list_trainees(self.store, ids[0]) if ids else []
        self.trainees.set_rows(rows)
        self.trainee_label.setText(f"所选培训的学员（{len(rows)} 人）：" if ids else "请先登记培训")

    def new_fair(self) -> SimpleForm:
        fields = [FormField("title", "名称："), FormField("start_date", "日期：", "date"), FormField("location", "地点："),
                  FormField("status", "状态：", "combo", text_choices(("已举办", "计划"))),
                  FormField("employers", "参会企业数："), FormField("positions", "岗位数："),
                  FormField("intents", "达成意向人数：")]
        return self._open(SimpleForm(self, "登记专场招聘会", fields, lambda v: aid.create_job_fair(self.store, v),
                                     {"start_date": _today()}))

    def fair_results(self) -> SimpleForm | None:
        ids = self.fairs.selected_ids()
        if not ids:
            return None
        fair = next(f for f in aid.list_fairs(self.store) if f["id"] == ids[0])
        fields = [FormField("employers", "参会企业数："), FormField("positions", "岗位数："),
                  FormField("intents", "达成意向人数：")]
        return self._open(SimpleForm(self, f"{fair['title']} · 成效", fields,
                                     lambda v: aid.set_fair_results(self.store, ids[0], v), fair))

    def new_placement(self) -> SimpleForm:
        return self._open(SimpleForm(self, "登记实现就业", PLACEMENT_FORM, lambda v: aid.add_placement(self.store, v),
                                     {"placed_date": _today()}))

    def edit_placement(self) -> SimpleForm | None:
        """The chosen placement's form, filled; 保存 corrects it (the first chosen when several are)."""
        ids = self.placements.selected_ids()
        row = aid.get_placement(self.store, ids[0]) if ids else None
        if row is None:
            return None
        return self._open(SimpleForm(self, f"修改就业登记 · {row['person_name']}", PLACEMENT_FORM,
                                     lambda v: _saved(aid.update_placement(self.store, row["id"], v), row["id"]), row))

    def new_training(self) -> SimpleForm:
        return self._open(SimpleForm(self, "登记培训", TRAINING_FORM, lambda v: aid.create_training(self.store, v),
                                     {"start_date": _today()}))

    def edit_training(self) -> SimpleForm | None:
        ids = self.trainings.selected_ids()
        row = aid.get_training(self.store, ids[0]) if ids else None
        if row is None:
            return None
        row = {**row, "end_date": row["end_date"] or ""}
        return self._open(SimpleForm(self, f"修改培训 · {row['title']}", TRAINING_FORM,
                                     lambda v: _saved(aid.update_training(self.store, row["id"], v), row["id"]), row))

    def new_trainee(self) -> SimpleForm | None:
        ids = self.trainings.selected_ids()
        if not ids:
            return None
        return self._open(SimpleForm(self, "添加学员", TRAINEE_FORM, lambda v: aid.add_trainee(self.store, ids[0], v)))

    def edit_trainee(self) -> SimpleForm | None:
        ids = self.trainees.selected_ids()
        row = aid.get_trainee(self.store, ids[0]) if ids else None
        if row is None:
            return None
        return self._open(SimpleForm(self, f"修改学员 · {row['person_name']}", TRAINEE_FORM,
                                     lambda v: _saved(aid.update_trainee(self.store, row["id"], v), row["id"]), row))

    def delete_placements(self) -> None:
        self._delete_chosen(self.placements, aid.delete_placements, "删除", "条就业登记")

    def delete_training(self) -> None:
        self._delete_chosen(self.trainings, aid.delete_trainings, "删除", "条培训（连同其学员）")

    def delete_trainees(self) -> None:
        self._delete_chosen(self.trainees, aid.delete_trainees, "删除", "条学员")

    def import_trainees(self) -> None:
        from ...exchange.importing.areas import import_trainees

        ids = self.trainings.selected_ids()
        if not ids:
            return

        def read(path: str) -> str:
            return f"已导入学员 {import_trainees(self.store, path, ids[0]).get('new', 0)} 人。"

        if import_from_file(self, FOLDER_KEY, read, "学员名单"):
            self._changed()

    def import_placements(self) -> None:
        from ...exchange.importing.areas import import_placements

        def read(path: str) -> str:
            n = import_placements(self.store, path)
            return f"已导入实现就业 {n.get('new', 0)} 人，已登记过的 {n.get('same', 0)} 人未重复导入。"

        if import_from_file(self, FOLDER_KEY, read, "实现就业登记表"):
            self._changed()

    def _export(self, kind: str) -> None:
        from ...exchange.exports import employment_aid as exports

        write, name, what = {"fairs": (exports.export_fairs, "专场招聘会情况.xlsx", "招聘会"),
                             "placements": (exports.export_placements, "实现就业登记.xlsx", "实现就业登记"),
                             "trainees": (exports.export_trainees, "培训学员名单.xlsx", "培训学员")}[kind]
        export_to_file(self, FOLDER_KEY, name, lambda p: write(self.store, p), what)
