"""What the import wizard says beside its counts: the preview's 注意 lines (repeated under the
result of step 4), the progress words of the write, and the problem report written beside the file."""

from __future__ import annotations

from ...core.errors import UserError
from ...exchange.importing import importer, mapping


def preview_notes(plan: importer.ImportPlan, others: list[str]) -> list[str]:
    """The preview's 注意 lines: what the import leaves out, and what the clerk should look at
    (members going into ended or 未建会 orgs …). Step 4 shows them again after 开始导入."""
    return left_out_notes(plan, others) + [f"注意：{note}" for note in plan.notes]


def after_import_notes(plan: importer.ImportPlan, others: list[str]) -> str:
    """The preview's notes, repeated briefly under the result: the clerk clicked past them."""
    notes = preview_notes(plan, others)
    if plan.rates_note:  # the new 待补全 orgs and how they leave 单位数/建会率/入会率 (over 100% …)
        notes.insert(0, f"新建的 {len(plan.new_orgs):,} 个单位为{plan.rates_note.strip('（）')}")
    return "预览时的提示（仍请留意）：\n" + "\n".join(f"· {note}" for note in notes) if notes else ""


def left_out_notes(plan: importer.ImportPlan, others: list[str]) -> list[str]:
    """What this import leaves out without a row to blame (the CLI prints the same)."""
    notes = [f"注意：工作表“{name}”也像名册，但表头与“{plan.sheet}”不同，这次没有导入；导入完成后请再导入一次，"
             f"在第 2 步的“工作表”中选“{name}”。" for name in others]
    repeated = mapping.repeated_required(plan.kind, plan.headers)
    if repeated:
        notes.append(f"注意：表头中“{'”“'.join(repeated)}”出现不止一次，只导入第一次出现的那一列；"
                     "若名册是左右两栏排版，请把右栏剪切到左栏下方后再导入。")
    return notes


def written_text(done: int, total: int) -> str:
    """The import's progress words. After the last row the indexes, the members' histories and the
    sealed log are still to be saved (0.7 s for 50,000 rows, longer on a slow PC): said, so the bar
    standing full does not look like a hang."""
    text = f"已写入 {done:,} / {total:,}"
    return text + "，正在保存（整理索引、封存操作日志）…" if total and done >= total else text


def write_report(plan: importer.ImportPlan) -> str:
    """The problem rows beside the file, as the CLI writes them; what happened, in a sentence."""
    if not plan.rejected:
        return ""
    target = importer.report_path(plan)
    try:
        importer.write_report(plan, target)
    except (UserError, OSError) as err:  # the import is done; say so rather than fail it
        return f"导入问题清单未能写入 {target}：{err}。可点“另存导入问题清单…”换个位置保存。"
    return f"未导入的 {len(plan.rejected):,} 行及原因已写入：{target}"
