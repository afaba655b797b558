"""What the demo city's households and cases are made of: names, places, bands and plans."""

from __future__ import annotations

from datetime import date
from random import Random

CITY_REGION = "990100"
G01 = "demo-d1-g01"  # the `caseworker`'s union, where the demo shows the most
# (from, to, dibao, minimum wage)
POLICIES = [
    (date(2024, 1, 1), date(2025, 12, 31), "800", "2000"),
    (date(2026, 1, 1), None, "850", "2100"),
]
HOLIDAYS = [(date(2027, 1, 1), "元旦（演示数据）")] + [
    (date(2027, 2, day), "春节（演示数据）") for day in range(6, 13)
]
NOTICE_DAYS = 5

SURNAMES = list(
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
OLD_MALE = ["建国", "建华", "国强", "志强", "卫东", "红军", "振华", "永强", "立新", "德明", "保国", "长江", "海涛", "志刚", "文斌", "庆丰", "树林", "金山"]  # fmt: skip
OLD_FEMALE = ["秀英", "桂英", "秀兰", "玉兰", "淑珍", "凤英", "翠花", "红梅", "雪梅", "丽娟", "春花", "美玲", "海燕", "素芬", "玉珍", "金凤", "丽华", "桂芳"]  # fmt: skip
YOUNG_MALE = ["浩然", "子轩", "宇航", "晨阳", "俊杰", "博文", "天宇", "明轩", "家豪", "一鸣", "皓轩", "梓睿", "思远", "嘉乐", "鹏飞", "志远"]  # fmt: skip
YOUNG_FEMALE = ["欣怡", "梓涵", "雨萱", "诗涵", "思琪", "佳怡", "婷婷", "晓雪", "语桐", "可馨", "若曦", "一诺", "紫萱", "梦瑶", "心怡", "雅琪"]  # fmt: skip
STREETS = ["幸福路", "建设路", "人民路", "解放路", "和平街", "胜利街", "工人新村", "光明路", "团结路", "长江路", "黄河路", "新华街", "红旗路", "朝阳路", "友谊路"]  # fmt: skip
ILLNESSES = ["尿毒症", "肺癌", "乳腺癌", "白血病", "脑出血后遗症", "冠心病", "糖尿病并发症", "类风湿关节炎", "肝硬化", "脑梗死", "胃癌", "精神分裂症"]  # fmt: skip
ACCIDENTS = [(8, "交通事故"), (8, "工伤事故"), (7, "房屋火灾"), (7, "暴雨洪涝"), (6, "突发重病")]
BANKS = ["中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "长宁农村商业银行", "中国邮政储蓄银行"]
SKILLS = ["电焊", "驾驶", "家政服务", "烹饪", "电工", "缝纫", "保安", "仓储管理", "汽车维修"]
WISHES = ["希望就近就业", "希望参加技能培训", "希望灵活就业", "希望有稳定工作"]
MOODS = [
    "家庭成员情绪稳定，希望得到帮扶渡过难关",
    "户主心理压力较大，需要关心疏导",
    "家庭和睦，积极乐观面对困难",
    "子女懂事，学习努力",
    "生活节俭，对未来有信心",
]
CATEGORY_LABELS = {"deep": "深度困难", "relative": "相对困难", "accident": "意外致困"}

# Per-capita monthly income as a multiple of the dibao in force, by band.
BANDS = {
    "deep": (0.30, 0.95),
    "relative": (1.08, 1.92),
    "accident": (2.10, 2.60),
    "edge": (2.03, 2.17),
    "none": (2.30, 3.60),
}
HARDSHIP_BANDS = {"deep", "relative", "accident"}
WORKING = {"employed", "flexible", "migrant"}
STUDYING = {"student", "preschool"}

# What happens to the households of demo-d1-g01, in order; the first has no case (the worker's).
G01_PLAN = [
    "", "applied_overdue", "applied", "applied_returned", "visited", "peer_reviewed",
    "in_notice_soon", "in_notice_objection", "noticed", "noticed", "rejected", "open_objection",
    *["open"] * 11,
]  # fmt: skip
# The other unions: plan → weight.
OTHER_PLANS = {
    "open": 52, "": 14, "applied_overdue": 4, "applied": 4, "visited": 5, "peer_reviewed": 4,
    "in_notice": 5, "noticed": 6, "rejected": 6,
}  # fmt: skip
FINAL_STATUS = {
    "applied_overdue": "applied", "applied": "applied", "applied_returned": "applied", "visited": "visited",
    "peer_reviewed": "peer_reviewed", "in_notice": "in_notice", "in_notice_soon": "in_notice",
    "in_notice_objection": "in_notice", "noticed": "noticed", "open": "open", "open_objection": "open",
    "rejected": "rejected",
}  # fmt: skip


def cadre_name(rng: Random) -> str:
    """A plausible name for a union cadre (visitors, contacts, the demo's agents)."""
    return rng.choice(SURNAMES) + rng.choice(OLD_MALE + OLD_FEMALE)
