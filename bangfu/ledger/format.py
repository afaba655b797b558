"""The ledger (台账) file format: its Chinese column headers and the Chinese ⇄ code value maps.

One row per person; rows sharing 户编号 are one household; the row whose 与户主关系 is 本人 is the
head. The codes are those of bangfu/registry/choices.py. Import (bangfu.ledger.importer) and
export (bangfu.ledger.export) both use this module, so its names are stable:

- HEADERS: the columns, in file order; COLUMN: a short English key per header.
- RELATIONSHIP, WORK_STATUS, HEALTH, DISABILITY_TYPE, DISABILITY_GRADE, CATEGORY, LEVEL, CAUSE:
  code → Chinese label; the *_FROM_LABEL dicts are their inverses (Chinese label → code).
- parse_cause / parse_causes / format_cause / format_causes: 致困原因 as a code 1–10 or its name;
  secondary causes separated by 、 , ， ; ； or whitespace.
- parse_money / format_money: decimals in yuan (two places).

The full description of the format is docs/ledger-format.md.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TypeVar

from bangfu.core.money import AMOUNT_TOO_LARGE, AmountError, parse_amount, quantize
from bangfu.registry import choices

K = TypeVar("K")

# --- columns ------------------------------------------------------------------------------------

HOUSEHOLD_NO = "户编号"
RELATIONSHIP_COL = "与户主关系"
NAME = "姓名"
ID_NUMBER = "身份证号"
PHONE = "手机号"
EMPLOYER = "工作单位"
WORK_STATUS_COL = "工作状态"
HEALTH_COL = "健康状况"
DISABILITY_TYPE_COL = "残疾类别"
DISABILITY_GRADE_COL = "残疾等级"
MONTHLY_INCOME = "月收入"
ANNUAL_INCOME = "家庭年收入"
RIGID_EXPENSE = "刚性支出"
CATEGORY_COL = "困难类别"
LEVEL_COL = "建档级别"
MAIN_CAUSE = "主要致困原因"
SECONDARY_CAUSES = "次要致困原因"
ORG_CODE = "所属工会代码"
REGION_CODE = "行政区划代码"
ADDRESS = "地址"
CONTACT_NAME = "联系人"
CONTACT_PHONE = "联系人电话"

HEADERS: list[str] = [
    HOUSEHOLD_NO,
    RELATIONSHIP_COL,
    NAME,
    ID_NUMBER,
    PHONE,
    EMPLOYER,
    WORK_STATUS_COL,
    HEALTH_COL,
    DISABILITY_TYPE_COL,
    DISABILITY_GRADE_COL,
    MONTHLY_INCOME,
    ANNUAL_INCOME,
    RIGID_EXPENSE,
    CATEGORY_COL,
    LEVEL_COL,
    MAIN_CAUSE,
    SECONDARY_CAUSES,
    ORG_CODE,
    REGION_CODE,
    ADDRESS,
    CONTACT_NAME,
    CONTACT_PHONE,
]

# Short English keys (used for row dicts inside the importer and by the export).
COLUMN: dict[str, str] = {
    HOUSEHOLD_NO: "household_no",
    RELATIONSHIP_COL: "relationship",
    NAME: "name",
    ID_NUMBER: "id_number",
    PHONE: "phone",
    EMPLOYER: "employer",
    WORK_STATUS_COL: "work_status",
    HEALTH_COL: "health",
    DISABILITY_TYPE_COL: "disability_type",
    DISABILITY_GRADE_COL: "disability_grade",
    MONTHLY_INCOME: "monthly_income",
    ANNUAL_INCOME: "annual_income",
    RIGID_EXPENSE: "rigid_expense",
    CATEGORY_COL: "category",
    LEVEL_COL: "level",
    MAIN_CAUSE: "main_cause",
    SECONDARY_CAUSES: "secondary_causes",
    ORG_CODE: "org_code",
    REGION_CODE: "region_code",
    ADDRESS: "address",
    CONTACT_NAME: "contact_name",
    CONTACT_PHONE: "contact_phone",
}
KEYS: list[str] = [COLUMN[h] for h in HEADERS]
HEADER_FOR_KEY: dict[str, str] = {key: header for header, key in COLUMN.items()}

# The data sheet of an XLSX ledger (else the first sheet is read), and the two columns the error
# file adds after the original ones.
SHEET_NAME = "台账"
ERROR_ROW = "行号"
ERROR_PROBLEMS = "问题"
# The note on the one rigid expenditure an import keeps per household (docs/ledger-format.md).
IMPORT_EXPENSE_NOTE = "台账导入"

# Columns only read from the head row (household-level facts).
HEAD_ONLY: tuple[str, ...] = (
    ANNUAL_INCOME,
    RIGID_EXPENSE,
    CATEGORY_COL,
    LEVEL_COL,
    MAIN_CAUSE,
    SECONDARY_CAUSES,
    ORG_CODE,
    REGION_CODE,
    ADDRESS,
    CONTACT_NAME,
    CONTACT_PHONE,
)
# Columns that must have a value on every row / on the head row.
REQUIRED: tuple[str, ...] = (HOUSEHOLD_NO, RELATIONSHIP_COL, NAME, ID_NUMBER)
REQUIRED_ON_HEAD: tuple[str, ...] = (ORG_CODE, REGION_CODE, ADDRESS)

# --- value maps (code → 中文) -------------------------------------------------------------------

RELATIONSHIP: dict[str, str] = {
    choices.Relationship.HEAD: "本人",
    choices.Relationship.SPOUSE: "配偶",
    choices.Relationship.CHILD: "子女",
    choices.Relationship.PARENT: "父母",
    choices.Relationship.SIBLING: "兄弟姐妹",
    choices.Relationship.GRANDPARENT: "祖父母",
    choices.Relationship.GRANDCHILD: "孙子女",
    choices.Relationship.OTHER: "其他",
}
WORK_STATUS: dict[str, str] = {
    choices.WorkStatus.EMPLOYED: "在岗",
    choices.WorkStatus.LAID_OFF: "下岗",
    choices.WorkStatus.UNEMPLOYED: "失业",
    choices.WorkStatus.RETIRED: "退休",
    choices.WorkStatus.FLEXIBLE: "灵活就业",
    choices.WorkStatus.MIGRANT: "农民工",
    choices.WorkStatus.IDLE: "无业",
    choices.WorkStatus.STUDENT: "在校",
    choices.WorkStatus.PRESCHOOL: "学龄前",
}
HEALTH: dict[str, str] = {
    choices.Health.HEALTHY: "健康",
    choices.Health.FAIR: "一般",
    choices.Health.ILL: "患病",
    choices.Health.SERIOUS_ILLNESS: "重特大疾病",
}
# The empty code (no disability) is an empty cell.
DISABILITY_TYPE: dict[str, str] = {
    choices.DisabilityType.NONE: "",
    choices.DisabilityType.VISUAL: "视力",
    choices.DisabilityType.HEARING: "听力",
    choices.DisabilityType.SPEECH: "言语",
    choices.DisabilityType.PHYSICAL: "肢体",
    choices.DisabilityType.INTELLECTUAL: "智力",
    choices.DisabilityType.MENTAL: "精神",
    choices.DisabilityType.MULTIPLE: "多重",
}
# Person.disability_grade is 1–4 (None = no grade, an empty cell).
DISABILITY_GRADE: dict[int, str] = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}
CATEGORY: dict[str, str] = {
    choices.Category.DEEP: "深度困难",
    choices.Category.RELATIVE: "相对困难",
    choices.Category.ACCIDENT: "意外致困",
}
LEVEL: dict[str, str] = {
    choices.Level.NATIONAL: "全国级",
    choices.Level.PROVINCIAL: "省级",
    choices.Level.CITY: "市级",
    choices.Level.COUNTY: "县级",
    choices.Level.GRASSROOTS: "基层",
}
CAUSE: dict[int, str] = {
    1: "无劳动能力",
    2: "有劳动能力而未就业",
    3: "下岗失业",
    4: "未参加社会保险",
    5: "社会保险待遇落实不到位",
    6: "患重特大疾病",
    7: "遭受自然灾害",
    8: "遭受意外事故",
    9: "子女上学",
    10: "其他",
}


def _inverse(mapping: dict[K, str]) -> dict[str, K]:
    """Label → code, with codes as plain values (not enum members: they are written millions of times)."""
    return {label: getattr(code, "value", code) for code, label in mapping.items()}


# --- inverses (中文 → code) ---------------------------------------------------------------------

RELATIONSHIP_FROM_LABEL: dict[str, str] = _inverse(RELATIONSHIP)
WORK_STATUS_FROM_LABEL: dict[str, str] = _inverse(WORK_STATUS)
HEALTH_FROM_LABEL: dict[str, str] = _inverse(HEALTH)
DISABILITY_TYPE_FROM_LABEL: dict[str, str] = _inverse(DISABILITY_TYPE)
DISABILITY_GRADE_FROM_LABEL: dict[str, int] = {
    **_inverse(DISABILITY_GRADE),
    # Common spellings in unions' sheets: 1级, 一, 1.
    **{f"{n}级": n for n in DISABILITY_GRADE},
    **{label[0]: n for n, label in DISABILITY_GRADE.items()},
    **{str(n): n for n in DISABILITY_GRADE},
}
CATEGORY_FROM_LABEL: dict[str, str] = _inverse(CATEGORY)
LEVEL_FROM_LABEL: dict[str, str] = {
    **_inverse(LEVEL),
    # Short spellings seen in sheets.
    "全国": choices.Level.NATIONAL.value,
    "省": choices.Level.PROVINCIAL.value,
    "市": choices.Level.CITY.value,
    "县": choices.Level.COUNTY.value,
}
CAUSE_FROM_LABEL: dict[str, int] = _inverse(CAUSE)

MAX_SECONDARY_CAUSES = 3
CAUSE_SEPARATORS = re.compile(r"[、,，;；/\s]+")

# --- causes -------------------------------------------------------------------------------------


def parse_cause(value: str) -> int | None:
    """A 致困原因 cell (code 1–10, "6.0" from Excel, or its Chinese name) → code; None if unknown."""
    text = value.strip()
    if text in CAUSE_FROM_LABEL:
        return CAUSE_FROM_LABEL[text]
    if text.endswith(".0"):
        text = text[:-2]
    if text.isdigit() and int(text) in CAUSE:
        return int(text)
    return None


def split_causes(value: str) -> list[str]:
    """The parts of a secondary-causes cell (separated by 、 , ， ; ； / or whitespace)."""
    return [part for part in CAUSE_SEPARATORS.split(value.strip()) if part]


def parse_causes(value: str) -> tuple[list[int], list[str]]:
    """A secondary-causes cell → (codes in order without repeats, the parts not understood)."""
    codes: list[int] = []
    unknown: list[str] = []
    for part in split_causes(value):
        code = parse_cause(part)
        if code is None:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def format_cause(code: int | None) -> str:
    """A cause code → its Chinese name (empty for None)."""
    return CAUSE.get(code, "") if code is not None else ""


def format_causes(codes: list[int] | tuple[int, ...]) -> str:
    """Secondary cause codes → names joined by 、."""
    return "、".join(CAUSE[c] for c in codes if c in CAUSE)


# --- money --------------------------------------------------------------------------------------

MAX_MONEY = Decimal("9999999999.99")  # MoneyField: 12 digits, 2 places
_MONEY_JUNK = str.maketrans("", "", ",，¥￥元 \u00a0")


def parse_money(value: str) -> Decimal | None:
    """A money cell ("1,234.5", "¥800", "800元") → Decimal with two places; None if empty.

    Raises ValueError when the cell is not a number in ASCII digits (the one parser,
    `core.money.parse_amount`: "٣٠٠", "１００", "1_00" are not), is negative, has more than two
    decimal places that are not zero, or is too large for the database.
    """
    text = value.strip().translate(_MONEY_JUNK)
    if not text:
        return None
    whole, point, fraction = text.partition(".")
    if point and len(fraction) > 2 and not fraction[2:].strip("0"):
        text = f"{whole}.{fraction[:2]}"  # Excel's 800.000: zeros only
    try:
        return quantize(parse_amount(text))
    except AmountError as exc:
        raise ValueError("out of range" if exc.code == AMOUNT_TOO_LARGE else "not a number") from exc


def format_money(amount: Decimal | None) -> str:
    """A Decimal → "1234.50" (empty for None)."""
    return "" if amount is None else f"{quantize(amount)}"
