"""Names that end in a type suffix: 贵阳低空飞行服务基地, 燕楼镇, 花溪区人大常委会."""
from __future__ import annotations

import re

from kg.extract import lexicon
from kg.doc import Doc, Mention, Sentence, Token
from kg.extract.recognize.base import (
    LEVEL_CHARS,
    STOP_SINGLE,
    VERBAL_AFTER_POLICY,
    accept_name,
    division_level,
    head_ok,
    head_used_as_word,
    index_starting_at,
    left_edge,
    make_mention,
    modifies,
    recognizer,
    shrink_to_name,
    suffix_last_chars,
    Typed,
    is_specific,
    type_of_name,
)

ORGANIZATION_FIRM = Typed("Organization", "", "公司")
LIST_ITEM_MAX = 30  # characters: a list item may hold a long programme name
LIST_ITEM_WORD = re.compile(r"[\u4e00-\u9fff0-9A-Za-z()]+")  # (compiled once: asked of every word left of a programme)


@recognizer("suffix")
def suffix_names(doc: Doc, sentence: Sentence, tokens: list[Token]) -> list[Mention]:
    found: list[Mention] = []
    boundary = lexicon.boundary_words()
    ends = suffix_last_chars()
    for head, tok in enumerate(tokens):
        if tok.text[-1:] not in ends:
            continue  # (most words: what type_of_name would say, without the call)
        head_type = type_of_name(tok.text)
        if head_type is None or "titled" in head_type.rule or "quoted" in head_type.rule or not head_ok(tokens, head, head_type):
            continue
        following = tokens[head + 1] if head + 1 < len(tokens) else None
        nxt = following.text if following is not None else ""
        # 中共银川市委员会|银川市人民政府: a body, then the next body's own area (not 城区)
        next_body = "body" in head_type.rule and len(nxt) >= 3 and division_level(nxt) is not None
        # (a name with a type ends in a suffix's last character: most next words do not)
        if nxt[-1:] in ends and nxt not in boundary and type_of_name(tok.text + nxt) is not None \
                and not is_planning(tokens, head + 1) and not next_body:
            continue  # the name goes on (花溪区|人民法院): the later head is the real one
        # (the tests below hold only for a programme's head or a policy's: asked of those alone)
        if head_type.type == "Program" and (
                (following is not None and modifies(following))  # 重要改革|事项: the head word is a modifier here
                or head_used_as_word(head_type, following)  # 长春新区计划|开工项目406个: a verb here
                or marks_a_milestone(tokens, head, head_type) or launched_bare(tokens, head, head_type)):
            continue
        if head_type.type == "Policy" and is_planning(tokens, head):
            continue
        first = left_edge(tokens, head)
        if head_type.type == "AdministrativeArea":
            # A town or village name holds no level word: 青岩镇|西街村 are two names.
            while first < head and any(t.text.endswith(LEVEL_CHARS) for t in tokens[first:head]):
                first += 1
        mention = ((head_type.type == "Program" and programme_with_its_verbs(doc, sentence, tokens, head))
                   or (head_type.sub in LOCAL_LEVELS and split_local_name(doc, sentence, tokens, head))
                   or shrink_to_name(doc, sentence, tokens, first, head))
        if mention is not None and mention.type == "Organization":
            mention = with_trade_name(doc, sentence, tokens, mention)
        if mention is not None:
            found.append(mention)
    return found


LOCAL_LEVELS = ("Township", "Village")  # (split_local_name reads only these)
FIRM_HEADS = ("公司", "集团")
TRADE_NAME_MAX = 6  # characters of a firm's trade name (and its province) the segmenter misread
TRADE_NAME_STOP_POS = ("p", "c", "u", "r", "x", "w", "m", "q", "f", "t")


def with_trade_name(doc: Doc, sentence: Sentence, tokens: list[Token], mention: Mention) -> Mention:
    """A firm is named with its trade name (字号) before its line of business; a trade name
    the segmenter reads as a verb or an adverb (裕|能/v, 长飞/v, 豪斯|特/d) stopped the name
    short: 贵州裕能|新能源电池材料有限公司. When the words left of a firm's name with no proper
    name in it are such glued words, up to a province or a stop, they are its start."""
    if not mention.label.endswith(FIRM_HEADS):
        return mention
    first = index_starting_at(tokens, mention.start)
    if first is None or first == 0 or is_specific([t for t in tokens[first:] if t.start < mention.end]):
        return mention
    start = first
    while start > 0:
        tok = tokens[start - 1]
        if (tok.pos.startswith(TRADE_NAME_STOP_POS) and tok.pos not in ("d",)) or tok.text in lexicon.boundary_words() \
                or tok.text in STOP_SINGLE or not re.fullmatch(r"[\u4e00-\u9fff]+", tok.text) \
                or mention.start - tok.start > TRADE_NAME_MAX or type_of_name(tok.text) is not None \
                or (tok.pos == "v" and len(tok.text) > 1):  # 帮助|贵茶集团: a verb of two characters governs the name
            break
        start -= 1
        if tok.pos.startswith("ns"):
            break  # a firm's name opens with its province or city (贵州裕能…)
    added = tokens[start:first]
    if not added or not any(t.pos.startswith(("v", "d", "a", "nr", "ns", "nz", "j")) for t in added):
        return mention
    return make_mention(doc, sentence, tokens[start].start, mention.end, ORGANIZATION_FIRM, "suffix")


EVENT_HEADS = ("活动", "仪式")


def marks_a_milestone(tokens: list[Token], head: int, typed: Typed) -> bool:
    """An event held for a project's milestone (…项目开工|活动, 签约|仪式) is an occasion,
    no programme: the milestone word (data/milestone_cues.tsv) stands right before the head."""
    if typed.type != "Program" or tokens[head].text not in EVENT_HEADS or head == 0:
        return False
    return tokens[head - 1].text in lexicon.milestone_words()


def launched_bare(tokens: list[Token], head: int, typed: Typed) -> bool:
    """A programme head right after the verb that launches it is that verb's bare object
    (…组织开展|活动, 健全|机制): the words before the verb name who acts, not the programme."""
    if typed.type != "Program":
        return False
    glued = tokens[head].text[:len(tokens[head].text) - len(typed.suffix)]  # 开展活动/l: one word
    return glued in lexicon.programme_verbs() or (head > 0 and not glued and tokens[head - 1].text in lexicon.programme_verbs())


def is_planning(tokens: list[Token], i: int) -> bool:
    """Is the policy head at `i` the act of planning rather than a plan: 推进X规划建设,
    推进阿哈湖区域规划、融资 (then 贵州民族文化园|规划建设 still names the park)."""
    typed = type_of_name(tokens[i].text) if i < len(tokens) else None
    if typed is None or typed.type != "Policy":
        return False
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    listed_with_acts = nxt == "、" and i + 2 < len(tokens) and tokens[i + 2].pos == "vn"
    return nxt in VERBAL_AFTER_POLICY or listed_with_acts


def split_local_name(doc: Doc, sentence: Sentence, tokens: list[Token], head: int) -> Mention | None:
    """A three-character town or village name the segmenter cut after its first
    character: 久|安乡, 镇|山村 (依托|镇|山村生态优势). The head word is tagged as a place
    and holds one character before the level word; the character before it stands alone
    after a verb, a punctuation mark or a list comma."""
    tok = tokens[head]
    typed = type_of_name(tok.text)
    if head < 1 or typed is None or typed.sub not in LOCAL_LEVELS or not tok.pos.startswith("ns") \
            or len(tok.text) - len(typed.suffix) != 1:
        return None
    first = tokens[head - 1]
    before = tokens[head - 2] if head >= 2 else None
    if len(first.text) != 1 or not re.fullmatch(r"[\u4e00-\u9fff]", first.text) or first.text in STOP_SINGLE \
            or first.pos.startswith(("u", "p", "c", "r", "m", "q")):
        return None
    if before is not None and not (before.pos.startswith(("v", "x", "w")) or before.text == "、"):
        return None
    return make_mention(doc, sentence, first.start, tok.start + len(tok.text), typed, "suffix")


def programme_with_its_verbs(doc: Doc, sentence: Sentence, tokens: list[Token], head: int) -> Mention | None:
    """A programme that is an item of a 、-list, or follows a verb that launches it, and
    opens with a verb is the whole item, verbs and all:
    …、学习贯彻习近平新时代中国特色社会主义思想主题教育、党纪学习教育…,
    深入实施|提振消费专项行动, 扎实开展|深入贯彻中央八项规定精神学习教育."""
    typed = type_of_name(tokens[head].text)
    if typed is None or typed.type != "Program":
        return None
    end = tokens[head].start + len(tokens[head].text)
    for i in range(head - 1, -1, -1):
        tok = tokens[i]
        if end - tok.start > LIST_ITEM_MAX or tok.pos.startswith(("u", "p", "c")):
            return None
        if tok.text == "、" or tok.text in lexicon.programme_verbs():
            start = tokens[i + 1].start
            name = doc.text[start:end]
            named = type_of_name(name)
            opens_with_verb = tokens[i + 1].pos.startswith(("v", "ad", "d"))  # 学习贯彻…, 深入贯彻…
            launched = tok.text in lexicon.programme_verbs()
            bracketed = "(" in name  # 开展|高校毕业生留(引)筑行动: the other rules stop at a bracket
            if i + 1 < head and (opens_with_verb or (launched and bracketed)) and named is not None \
                    and accept_name(name, named, tokens[i + 1:head + 1], introduced=launched):
                return make_mention(doc, sentence, start, end, named, "suffix")
            return None
        if not LIST_ITEM_WORD.fullmatch(tok.text):
            return None
    return None


