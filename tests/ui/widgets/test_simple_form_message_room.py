"""A refused save on a small form shows its message under the fields, and the form grows to make
room: the fields keep their height (they were squashed under a long message before)."""

from __future__ import annotations

from unionoffice.core.errors import UserError
from unionoffice.ui.widgets.simple_form import FormField, SimpleForm, text_choices

LONG = ("慰问活动“2027年元旦春节送温暖”的资金来源是“区总”：从募集活动支出的活动，资金来源应为“社会捐赠”"
        "（几个来源共同出资时，写明社会捐赠承担的部分）。请先修改活动的资金来源")


def test_form_grows_for_a_long_message(qtbot):
    def refuse(_values):
        raise UserError(LONG)

    form = SimpleForm(None, "关联", [FormField("campaign", "慰问活动：", "combo", text_choices(("甲", "乙"))),
                                     FormField("action", "操作：")], refuse, note="说明文字")
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    before = form.height()
    assert form.save() is None
    qtbot.wait(10)
    assert form.error_label.text() == LONG
    assert form.height() > before
    for widget in form.widgets.values():
        assert widget.height() >= widget.minimumSizeHint().height()
