"""Acting subjects: the bodies a plan without 责任单位 tags names as doing a measure.

"区建设管理委、区绿化市容局要…", "市规划资源局要会同市水务局、相关区政府…", "由市城管执法局依法…": a list
of body names opening a clause and followed by a duty word, the partners after 会同, and the agent of
由. Recipients and objects ("报区人民政府审核", "督促各区…", "供相关部门调用") never open a clause in
this way, so they stay out. Used only for plans that write no tag at all (extract.py decides).
"""

from __future__ import annotations

import re
from typing import Literal

from .models import ResponsibleUnit
from .units import canonical

# what a body's name ends with; a name is the shortest run of Chinese characters up to one of them
_SUFFIX = "人民政府|政府|管理委员会|委员会|管委会|办公室|办事处|部门|总队|支队|大队|分局|局|委|办|中心"
_NAME = re.compile(
    rf"(?:(?:市|区|县)、(?=(?:市|区|县)))?[\u4e00-\u9fff（）]{{1,16}}?(?:{_SUFFIX})"
    r"|各(?:区|郊区|街镇|镇|乡镇|街道)(?:（[^（）]{1,6}）)?|有关区|(?:乡镇|街镇|街道)(?=[、和及与])"
)
# a body is named by its level or group (市…, 区…, 各…, 相关…) or by a head that only bodies carry
_PREFIX = re.compile(r"^(?:[市区县省镇乡村]|街道|街镇|各|相关|有关|属地|本市|全市|国家)")
# a functional category (公安部门, 绿化市容部门) needs no level; every other name starts with one
_CATEGORY = re.compile(r"部门$")
_NOT_BODY = re.compile(r"(布局|格局|大局|全局|当局|开局|结局|变局)$|^(多|众多|诸多)")  # 多部门 is no body
# names are noun phrases: a verb or adverb inside means the match ran over a predicate
_VERBISH = re.compile(
    r"由|建立|推动|推进|落实|通报|配合|协助|做到|促进|作为|加强|完善|支持|鼓励|引导|指导|督促|组织|开展|实施"
    r"|衡量|协调|负责|及时|分别|形成|强化|提高|提升|实现|深化|构建|通过|坚持|根据|结合|探索|研究|创建|发挥"
    r"|围绕|纳入|追查|处理|运送|打造|优化|健全|增强|统筹|明确|加快|做好|确保|交由|移交|报送|报请|对于|按照"
    r"|符合|呈现|[向把将在并可对的]"
)  # single characters only where no department name has them (经 交 为 报 发展 are in 经济信息化委 …)
# a list item without its own head, sharing the one of the last item: 城管执法、规划资源、林业等部门
_BARE = re.compile(r"[\u4e00-\u9fff]{2,8}?(?=[、和及与])")
_JOIN = re.compile(r"、|和|及|与|以及")
# after a subject comes its predicate; after an attribute (…部门的, …部门所) a noun
_ATTRIBUTE = re.compile(r"的|之|所")
_AGENT = re.compile(r"由")
# a subject set off by a comma before its modal or duty word: 市、区规划资源部门，可结合…
_DUTY_AFTER_COMMA = re.compile(r"[，,](?:可|要|应当|应|须|必须|负责|牵头|会同|按照职责|依法)")
_PARTNER = re.compile(r"会同|联合")
_AGENT_DUTY = re.compile(r"(?!的|之|所)")
_CLAUSE = re.compile(r"[^。；;！？\n，,：:]+")
_LEAD_IN = re.compile(r"^(同时|并|还|另外|此外|其中|二是|三是|一是|[一二三四五六七八九十]是)")


def acting_subjects(text: str) -> list[ResponsibleUnit]:
    """The bodies named as acting subjects in a measure's own text, in order, each once."""
    names: list[str] = []
    leads: set[str] = set()  # names followed by 牵头: 由区卫生健康委牵头，区民政局配合
    for clause in _CLAUSE.finditer(text):
        start = clause.start()
        lead = _LEAD_IN.match(text, start, clause.end())
        if lead:
            start = lead.end()
        found, end = _name_list(text, start)
        if found and end == clause.end() and _DUTY_AFTER_COMMA.match(text, end):
            end -= 1  # the names fill the clause and the predicate follows the comma: 市、区…部门，可…
        if found and end < clause.end() and not _ATTRIBUTE.match(text, end):
            names += found
            if text.startswith("牵头", end):
                leads.update(found)
            partner = _PARTNER.search(text, end, end + 6)
            if partner is not None:  # the partners: 要会同市水务局、相关区政府
                more, _ = _name_list(text, partner.end())
                names += more
        for agent in _AGENT.finditer(text, clause.start(), clause.end()):
            found, end = _name_list(text, agent.end())
            if found and _AGENT_DUTY.match(text, end):
                names += found
                if text.startswith("牵头", end):
                    leads.update(found)
    out: list[ResponsibleUnit] = []
    seen: set[str] = set()
    for n in names:
        if n in seen:
            continue
        seen.add(n)
        canon, level = canonical(n)
        role: Literal["lead", "support"] = "lead" if n in leads else "support"
        out.append(ResponsibleUnit(name=n, canonical=canon, level=level, role=role, source="subject"))
    return out


def _name_list(text: str, pos: int) -> tuple[list[str], int]:
    """Body names joined by 、和及与 starting exactly at pos, and where the list ends."""
    items: list[str] = []
    bare: list[str] = []
    end = pos
    while True:
        m = _NAME.match(text, pos)
        if m is not None and not _is_body(m.group(0)):
            m = None
        if m is None:
            b = _BARE.match(text, pos)
            j = _JOIN.match(text, b.end()) if b else None
            if b is None or j is None or _VERBISH.search(b.group(0)):
                break
            bare.append(b.group(0))
            pos = j.end()
            continue
        name = m.group(0)
        if bare:
            head = "部门" if name.endswith("部门") else ""
            if not head:
                break  # bare words before a full name that shares no head: prose, not a list
            items += [b + head for b in bare]
            bare = []
        items += _elided(name)
        pos = end = m.end()
        j = _JOIN.match(text, pos)
        if j is None:
            break
        pos = j.end()
    if bare and not items:
        return [], end
    items = [re.sub(r"等(?=部门$)", "", i) for i in items]
    return items, end


def _is_body(name: str) -> bool:
    name = re.sub(r"^[市区县]、", "", name)
    if _VERBISH.search(name) or _NOT_BODY.search(name):
        return False
    return bool(_PREFIX.match(name) or _CATEGORY.search(name))


def _elided(name: str) -> list[str]:
    """ "市、区民政局" names two bodies: 市民政局 and 区民政局."""
    m = re.match(r"^([市区县])、([市区县])(.+)$", name)
    if m:
        return [m.group(1) + m.group(3), m.group(2) + m.group(3)]
    return [name]
