"""Figure metrics and table forms named in Chinese, for the reviewer views."""

from __future__ import annotations

# Figure metrics (SPEC.md) in Chinese.
METRIC_LABELS: dict[str, str] = {
    "posts_total": "主动公开信息总数",
    "catalog_posts": "目录信息",
    "news_posts": "政务动态",
    "policy_documents": "政策文件",
    "normative_documents": "规范性文件",
    "policy_interpretations": "政策解读",
    "new_media_posts": "新媒体发布",
    "website_visits": "网站访问量",
    "requests_received": "收到申请",
    "requests_answered": "办结申请",
    "hotline_calls": "热线来电",
    "mailbox_letters": "信箱来信",
    "satisfaction_rate": "满意率",
    "completion_rate": "办结率",
    "trainings": "培训",
    "special_columns": "专题专栏",
    "fees_collected": "信息处理费",
    "rules": "规章",
    "followers": "关注人数",
    "reads": "阅读量",
    "interviews": "在线访谈",
    "other": "其他",
}
FORMAT_LABELS: dict[str, str] = {
    "2021": "2021年版统计表",
    "2019": "2019年试行版统计表",
    "legacy": "旧格式（2019年以前，无标准统计表）",
    "unknown": "未识别",
}
