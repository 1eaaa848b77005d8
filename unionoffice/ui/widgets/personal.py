"""What every save dialog for a file holding personal data tells the clerk (PIPL: 身份证号, phones,
bank accounts and illness details are sensitive personal information)."""

PERSONAL_NOTE = "含身份证号、手机号等个人信息"
PERSONAL_ADVICE = ("此文件含身份证号、手机号等个人信息，只有本机当前用户可以打开。"
                   "请勿放在共享文件夹或随意拷贝、外发；用完请删除。")


def personal_title(title: str) -> str:
    """The dialog title with the notice: 导出会员（当前搜索与筛选）— 含身份证号、手机号等个人信息"""
    return f"{title} — {PERSONAL_NOTE}"
