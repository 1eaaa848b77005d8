"""Small pieces shared by the member and org forms and lists: messages beside fields, date boxes,
remembered folders and column widths, and the search-as-you-type debounce."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QTableView, QWidget

from ...core.values import dates
from ...core.errors import ValueFormatError

SEARCH_DEBOUNCE_MS = 150
ERROR_STYLE = "color: #c0392b;"
HINT_STYLE = "color: #777;"
DATE_PLACEHOLDER = "如 2024-05-01"


# ------------------------------------------------------------------------ forms folder
def forms_dir() -> Path:
    """The Qt Designer forms: beside the package in a checkout, in _MEIPASS when frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = [Path(frozen) / "forms"] if frozen else []
    candidates.append(Path(__file__).resolve().parents[3] / "forms")
    for folder in candidates:
        if folder.is_dir():
            return folder
    return candidates[-1]


# ------------------------------------------------------------------ messages by fields
class FieldMessages:
    """One red label beside each field; ``show(field, text)`` puts a message there.

    A message for a field without its own label goes to the ``general`` label (for example an
    error that concerns the whole record).
    """

    def __init__(self, labels: dict[str, QLabel], general: QLabel):
        self.labels = labels
        self.general = general
        for label in (*labels.values(), general):
            prepare_error_label(label)

    def clear(self, field: str | None = None) -> None:
        targets = [self.labels.get(field, self.general)] if field else [*self.labels.values(), self.general]
        for label in targets:
            label.setText("")
            label.setVisible(False)

    def show(self, field: str | None, text: str, *, hint: bool = False) -> None:
        label = self.labels.get(field or "", self.general)
        label.setStyleSheet(HINT_STYLE if hint else ERROR_STYLE)
        label.setText(text)
        label.setVisible(bool(text))
        label.setProperty("messageField", field or "")  # several fields may share one label

    def showing_for(self, field: str) -> bool:
        """The message beside ``field`` is there and was put there for this very field."""
        label = self.labels.get(field, self.general)
        return bool(label.text()) and label.property("messageField") == field

    def text(self, field: str | None) -> str:
        label = self.labels.get(field or "", self.general)
        return label.text() if label.isVisible() or label.text() else ""

    def show_error(self, err: Exception, fallback_field: str | None = None) -> None:
        field = getattr(err, "field", None)
        if field not in self.labels:
            field = fallback_field
        self.show(field, str(err))

    def any(self) -> bool:
        return any(label.text() for label in (*self.labels.values(), self.general))


def prepare_error_label(label: QLabel) -> None:
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setText("")
    label.setVisible(False)


# --------------------------------------------------------------------------- dates
def setup_date_edit(edit: QLineEdit) -> None:
    """A date box that takes what clerks type (2024.5.1, 2024年5月1日 …) and shows it as ISO."""
    edit.setPlaceholderText(DATE_PLACEHOLDER)
    edit.setMaximumWidth(160)

    def tidy() -> None:
        try:
            iso = dates.to_iso(dates.parse_date(edit.text().strip() or None))
        except ValueFormatError:
            return  # left as typed; the save reports it beside the field
        if iso and iso != edit.text():
            edit.setText(iso)

    edit.editingFinished.connect(tidy)


def read_date(edit: QLineEdit, field: str, label: str) -> str | None:
    """ISO text of a date box, None when empty; a ValueFormatError naming ``field`` if unreadable."""
    text = edit.text().strip()
    if not text:
        return None
    try:
        return dates.to_iso(dates.parse_date(text)) or None
    except ValueFormatError as err:
        raise ValueFormatError(f"{label}：{err}", field=field) from None


# ----------------------------------------------------------------- QSettings helpers
def last_folder(key: str, fallback: Path | str | None = None) -> str:
    value = QSettings().value(f"lastFolder/{key}", "") or ""
    if value and Path(value).is_dir():
        return str(value)
    return str(fallback or Path.home())


def remember_folder(key: str, chosen_file: str | Path) -> None:
    QSettings().setValue(f"lastFolder/{key}", str(Path(chosen_file).parent))


def last_file(key: str) -> str:
    """The file last used for ``key`` (e.g. the roll last imported), '' if none or gone since."""
    value = str(QSettings().value(f"lastFile/{key}", "") or "")
    return value if value and Path(value).is_file() else ""


def remember_file(key: str, used_file: str | Path) -> None:
    QSettings().setValue(f"lastFile/{key}", str(Path(used_file).absolute()))


def restore_header(view: QTableView, key: str, default_widths: list[int]) -> None:
    """Column widths (and order) as the clerk left them, or the defaults the first time."""
    header = view.horizontalHeader()
    state = QSettings().value(f"{key}/header")
    if isinstance(state, QByteArray) and not state.isEmpty() and header.restoreState(state):
        return
    for column, width in enumerate(default_widths):
        view.setColumnWidth(column, width)


def connect_header_saving(view: QTableView, key: str) -> None:
    header: QHeaderView = view.horizontalHeader()
    # Saved a moment after the last drag, by a timer that dies with the view (a resize signal
    # sent while the view is being destroyed then finds nothing to call).
    timer = QTimer(view)
    timer.setSingleShot(True)
    timer.setInterval(300)
    timer.timeout.connect(lambda: QSettings().setValue(f"{key}/header", header.saveState()))
    header.sectionResized.connect(lambda *_args: timer.start())
    header.sectionMoved.connect(lambda *_args: timer.start())


# ---------------------------------------------------------------------- debounce
def debounced(parent: QWidget, slot: Callable[[], None], ms: int = SEARCH_DEBOUNCE_MS) -> QTimer:
    """A single-shot timer: call ``.start()`` on every keystroke, ``slot`` runs once typing pauses."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer


def fit_placeholder(edit: QLineEdit) -> QLineEdit:
    """At least as wide as its placeholder, so the hint is read whole (and not 搜索会员：姓名、拼…)."""
    from PySide6.QtWidgets import QStyle

    text = edit.placeholderText()
    if not text:
        return edit
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    margins = edit.textMargins()
    # 2 px of QLineEdit's own inner margin each side, a few for the cursor; the clear button's room
    width = edit.fontMetrics().horizontalAdvance(text) + 2 * frame + margins.left() + margins.right() + 16
    if edit.isClearButtonEnabled():
        width += edit.sizeHint().height()
    edit.setMinimumWidth(max(edit.minimumWidth(), width))
    return edit


def shrinkable(combo, chars: int = 6, stretch_min: int = 0):
    """A filter combo that may get narrow on a small screen instead of widening the window."""
    from PySide6.QtWidgets import QComboBox

    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(chars)
    if stretch_min:
        combo.setMinimumWidth(stretch_min)
    return combo


def set_combo_by_data(combo, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def align_label(label: QLabel) -> QLabel:
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label


# ------------------------------------------------------------------------ org picker
FORMER_ROLE = Qt.ItemDataRole.UserRole + 7  # marks a picker entry that is an org's former name


def fill_org_combo(combo, choices: list[tuple[int, str]], none_label: str, keep: Any = None,
                   former: Sequence[tuple[int, str, str]] = ()) -> None:
    """An org picker that also finds by typing part of the name (thousands of orgs). ``former``
    ((id, former name, today's name), from ``lifecycle.former_name_choices``) adds an entry per former
    name after the others; picking one selects the org under today's name."""
    from PySide6.QtWidgets import QComboBox, QCompleter

    combo.blockSignals(True)
    combo.clear()
    combo.addItem(none_label, None)
    for org_id, name in choices:
        combo.addItem(name, org_id)
    live = {org_id for org_id, _ in choices}
    for org_id, old, current in former:
        if org_id in live:
            combo.addItem(f"{old}（曾用名，现名 {current}）", org_id)
            combo.setItemData(combo.count() - 1, True, FORMER_ROLE)
    if former and not combo.property("formerAware"):
        combo.setProperty("formerAware", True)
        combo.currentIndexChanged.connect(lambda i, c=combo: _to_current_name(c, i))
    if not combo.isEditable():  # first fill: set up typing-to-find once (refreshes reuse it)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setCompleter(completer)
    if not combo.property("noneAsHint"):
        combo.setProperty("noneAsHint", True)
        combo.currentIndexChanged.connect(lambda i, c=combo: _none_as_hint(c))
    combo.lineEdit().setPlaceholderText(none_label)
    set_combo_by_data(combo, keep)
    _none_as_hint(combo)
    combo.blockSignals(False)


def _none_as_hint(combo) -> None:
    """The "none" entry shows as a grey hint in an empty box, not as text: a clerk who clicks in
    and types 太阳 gets 太阳, not （请选择转入单位）太阳 — which matched no org."""
    if combo.currentIndex() == 0 and combo.lineEdit() is not None:
        combo.lineEdit().clear()


def _to_current_name(combo, index: int) -> None:
    """A former name picked: the org is shown under today's name (what gets saved is the org)."""
    if index >= 0 and combo.itemData(index, FORMER_ROLE):
        combo.setCurrentIndex(combo.findData(combo.itemData(index)))


def org_combo_value(combo, field: str = "org_id", label: str = "所在单位") -> int | None:
    """The org id picked (None for the "none" entry); an error if the typed name is no org."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchExactly)
    if index < 0 and text:  # a former name typed in full finds the renamed org
        index = combo.findText(f"{text}（曾用名，", Qt.MatchFlag.MatchStartsWith)
    if index < 0:
        if not text:
            return None
        raise ValueFormatError(f"{label}“{text}”不在单位台账中，请从列表中选择", field=field)
    return combo.itemData(index)
