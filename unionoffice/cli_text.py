"""Chinese for argparse's own messages, so usage errors and --help read in one language.

argparse looks its strings up through the module-level names ``_`` and ``ngettext`` at call
time, so replacing those two in the argparse module translates every message it prints.
"""

from __future__ import annotations

import argparse

TRANSLATIONS = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少一个值",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可能是 %(matches)s",
}

_installed = False


def install_chinese_argparse() -> None:
    global _installed
    if _installed:
        return
    original = argparse._  # type: ignore[attr-defined]
    original_n = argparse.ngettext  # type: ignore[attr-defined]

    def translate(text: str) -> str:
        return TRANSLATIONS.get(text, original(text))

    def ntranslate(singular: str, plural: str, n: int) -> str:
        return TRANSLATIONS.get(singular if n == 1 else plural, original_n(singular, plural, n))

    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = ntranslate  # type: ignore[attr-defined]
    _installed = True
