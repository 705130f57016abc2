"""Lead-in cues: the words that announce problems, plans or rectifications.

Shared text facts read by the paragraph context, the classifier features and
the statement splitter; kept here so none of them imports another.
"""

from __future__ import annotations

import re

CUE_PROBLEM = re.compile(r"存在.{0,12}(?:问题|不足|差距|短板|薄弱)|(?:问题|不足)(?:主要)?(?:有|是|表现在)|不足之处")
CUE_PLAN = re.compile(
    r"下一步|以下措施|如下措施|改进措施|整改措施|今后|(?:20\d\d年|明年|新的一年)[，,]?.{0,12}将|从以下.{0,6}方面|我们将|将采取"
)
CUE_RECTIFY = re.compile(r"针对.{0,40}(?:上年|去年|上一年|问题)|做了如下改进|整改情况|改进情况[:：]")
