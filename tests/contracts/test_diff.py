"""What changed between two texts of a contract (``contracts.diff``): hunks of lines with
their numbers on both sides, and inside an edited line the changed words — or characters,
for Chinese — marked."""

import pytest

from contracts.diff import CONTEXT, INLINE_MAX, Hunk, Line, diff_counts, line_diff

V1 = "1. Scope of supply\n2. Price: 100 per piece\n3. Payment within 30 days"
V2 = "1. Scope of supply\n2. Price: 95 per piece\n3. Payment within 30 days"


def shape(hunks: list[Hunk]) -> list[tuple]:
    """Each hunk as (old start, new start, [(kind, old no, new no, text)])."""
    return [
        (
            hunk.old_start,
            hunk.new_start,
            [(line.kind, line.old_no, line.new_no, text(line)) for line in hunk.lines],
        )
        for hunk in hunks
    ]


def text(line: Line) -> str:
    return "".join(piece for _changed, piece in line.parts)


def marked(line: Line) -> list[str]:
    return [piece for changed, piece in line.parts if changed]


def numbered(count: int, prefix="clause") -> list[str]:
    return [f"{prefix} {number}" for number in range(1, count + 1)]


# -- equal texts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [(V1, V1), ("", ""), (V1, V1 + "\n"), ("合同正文\n第二条", "合同正文\n第二条")],
)
def test_equal_texts_have_no_hunks(old, new):
    hunks = line_diff(old, new)

    assert hunks == []
    assert diff_counts(hunks) == {"added": 0, "removed": 0}


# -- English ----------------------------------------------------------------------------------


def test_an_edited_line_marks_the_changed_word():
    hunks = line_diff(V1, V2)

    assert shape(hunks) == [
        (
            1,
            1,
            [
                ("same", 1, 1, "1. Scope of supply"),
                ("removed", 2, None, "2. Price: 100 per piece"),
                ("added", None, 2, "2. Price: 95 per piece"),
                ("same", 3, 3, "3. Payment within 30 days"),
            ],
        )
    ]
    removed, added = hunks[0].lines[1], hunks[0].lines[2]
    assert removed.parts == [(False, "2. Price: "), (True, "100"), (False, " per piece")]
    assert added.parts == [(False, "2. Price: "), (True, "95"), (False, " per piece")]
    assert hunks[0].lines[0].parts == [(False, "1. Scope of supply")]
    assert diff_counts(hunks) == {"added": 1, "removed": 1}


def test_whole_words_are_marked_not_letters():
    (hunk,) = line_diff("Delivery to the plant in Hangzhou", "Delivery to the port in Ningbo")

    removed, added = hunk.lines
    assert marked(removed) == ["plant", "Hangzhou"]
    assert marked(added) == ["port", "Ningbo"]
    assert removed.parts[0] == (False, "Delivery to the ")


def test_an_added_word_is_marked_on_the_new_line_only():
    (hunk,) = line_diff("Payment within 30 days", "Payment within 30 calendar days")

    removed, added = hunk.lines
    assert marked(removed) == []
    assert removed.parts == [(False, "Payment within 30 "), (False, "days")]
    assert marked(added) == ["calendar "]
    assert text(added) == "Payment within 30 calendar days"


# -- Chinese ----------------------------------------------------------------------------------


def test_chinese_is_compared_character_by_character():
    hunks = line_diff(
        "甲方应于交货后三十日内付款。\n交货地点：杭州",
        "甲方应于验收后六十日内付款。\n交货地点：杭州",
    )

    assert shape(hunks) == [
        (
            1,
            1,
            [
                ("removed", 1, None, "甲方应于交货后三十日内付款。"),
                ("added", None, 1, "甲方应于验收后六十日内付款。"),
                ("same", 2, 2, "交货地点：杭州"),
            ],
        )
    ]
    removed, added = hunks[0].lines[:2]
    assert removed.parts == [
        (False, "甲方应于"),
        (True, "交货"),
        (False, "后"),
        (True, "三"),
        (False, "十日内付款。"),
    ]
    assert added.parts == [
        (False, "甲方应于"),
        (True, "验收"),
        (False, "后"),
        (True, "六"),
        (False, "十日内付款。"),
    ]


def test_chinese_mixed_with_english_and_numbers():
    (hunk,) = line_diff("单价 USD 100，含税价格", "单价 CNY 100，不含税价格")

    removed, added = hunk.lines
    assert marked(removed) == ["USD"]
    assert marked(added) == ["CNY", "不"]
    assert text(added) == "单价 CNY 100，不含税价格"


def test_an_added_chinese_clause():
    hunks = line_diff(
        "第一条 供货范围\n第二条 价格", "第一条 供货范围\n第二条 价格\n第三条 质量保证"
    )

    assert shape(hunks) == [
        (
            1,
            1,
            [
                ("same", 1, 1, "第一条 供货范围"),
                ("same", 2, 2, "第二条 价格"),
                ("added", None, 3, "第三条 质量保证"),
            ],
        )
    ]
    assert hunks[0].lines[2].parts == [(False, "第三条 质量保证")]


# -- hunks ------------------------------------------------------------------------------------


def test_changes_far_apart_are_separate_hunks_with_context():
    old = numbered(20)
    new = list(old)
    new[1], new[17] = "clause two", "clause eighteen"

    hunks = line_diff("\n".join(old), "\n".join(new))

    assert CONTEXT == 3
    assert [(hunk.old_start, hunk.new_start) for hunk in hunks] == [(1, 1), (15, 15)]
    assert [(line.kind, line.old_no, line.new_no) for line in hunks[0].lines] == [
        ("same", 1, 1),
        ("removed", 2, None),
        ("added", None, 2),
        ("same", 3, 3),
        ("same", 4, 4),
        ("same", 5, 5),
    ]
    assert [(line.kind, line.old_no, line.new_no) for line in hunks[1].lines] == [
        ("same", 15, 15),
        ("same", 16, 16),
        ("same", 17, 17),
        ("removed", 18, None),
        ("added", None, 18),
        ("same", 19, 19),
        ("same", 20, 20),
    ]
    assert diff_counts(hunks) == {"added": 2, "removed": 2}


def test_changes_close_together_share_a_hunk():
    old = numbered(12)
    new = list(old)
    new[2], new[7] = "clause three", "clause eight"

    hunks = line_diff("\n".join(old), "\n".join(new))

    assert len(hunks) == 1
    # Old lines 1–11 (3 of context after the second change), and the two new ones.
    assert (hunks[0].old_start, len(hunks[0].lines)) == (1, 13)


def test_the_context_is_a_parameter():
    old = numbered(9)
    new = list(old)
    new[4] = "clause five, amended"

    assert shape(line_diff("\n".join(old), "\n".join(new), context=0)) == [
        (
            5,
            5,
            [("removed", 5, None, "clause 5"), ("added", None, 5, "clause five, amended")],
        )
    ]
    assert shape(line_diff("\n".join(old), "\n".join(new), context=1)) == [
        (
            4,
            4,
            [
                ("same", 4, 4, "clause 4"),
                ("removed", 5, None, "clause 5"),
                ("added", None, 5, "clause five, amended"),
                ("same", 6, 6, "clause 6"),
            ],
        )
    ]


def test_inserted_lines_shift_the_new_numbers():
    old = numbered(8)
    new = [*old[:2], "clause 2a", "clause 2b", *old[2:]]
    new[8] = "clause 7, amended"

    (hunk,) = line_diff("\n".join(old), "\n".join(new))

    assert [(line.kind, line.old_no, line.new_no) for line in hunk.lines] == [
        ("same", 1, 1),
        ("same", 2, 2),
        ("added", None, 3),
        ("added", None, 4),
        ("same", 3, 5),
        ("same", 4, 6),
        ("same", 5, 7),
        ("same", 6, 8),
        ("removed", 7, None),
        ("added", None, 9),
        ("same", 8, 10),
    ]


def test_removed_lines_are_only_removed():
    hunks = line_diff(V1, "1. Scope of supply")

    assert shape(hunks) == [
        (
            1,
            1,
            [
                ("same", 1, 1, "1. Scope of supply"),
                ("removed", 2, None, "2. Price: 100 per piece"),
                ("removed", 3, None, "3. Payment within 30 days"),
            ],
        )
    ]
    assert diff_counts(hunks) == {"added": 0, "removed": 2}


def test_two_lines_replaced_by_one_pair_the_first_only():
    (hunk,) = line_diff("Price: 100\nDiscount: none", "Price: 95")

    removed_price, removed_discount, added = hunk.lines
    assert [line.kind for line in hunk.lines] == ["removed", "removed", "added"]
    assert marked(removed_price) == ["100"]
    assert marked(added) == ["95"]
    assert removed_discount.parts == [(False, "Discount: none")]


@pytest.mark.parametrize(("old", "new"), [("", V1), (V1, "")])
def test_from_or_to_nothing(old, new):
    (hunk,) = line_diff(old, new)

    assert (hunk.old_start, hunk.new_start) == (1, 1)
    kind = "added" if not old else "removed"
    assert [line.kind for line in hunk.lines] == [kind, kind, kind]
    assert diff_counts([hunk]) == {"added": 3 * (kind == "added"), "removed": 3 * (kind != "added")}


def test_long_texts_are_compared_without_inline_marks():
    old = numbered(INLINE_MAX + 1)
    new = [f"{line}." for line in old]

    hunks = line_diff("\n".join(old), "\n".join(new))

    lines = [line for hunk in hunks for line in hunk.lines]
    assert len(lines) == 2 * (INLINE_MAX + 1)
    assert all(len(line.parts) == 1 and line.parts[0][0] is False for line in lines)
    assert diff_counts(hunks) == {"added": INLINE_MAX + 1, "removed": INLINE_MAX + 1}
    # At the limit, edited lines are still marked.
    at_limit = line_diff("\n".join(old[:INLINE_MAX]), "\n".join(new[:INLINE_MAX]))
    assert marked(at_limit[0].lines[0]) == [] and marked(at_limit[0].lines[-1]) == ["."]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("2. Price: 100 per piece", "2. Price: 95 per piece"),
        ("甲方应于交货后三十日内付款。", "乙方应于验收后六十日内付款！"),
        ("Price (net): 1,200.00 CNY\t/piece", "Price (gross): 1,380.00 CNY /piece"),
        ("  indented  ", "indented"),
    ],
)
def test_the_parts_of_a_line_are_the_line(old, new):
    (hunk,) = line_diff(old, new)

    texts = {line.kind: text(line) for line in hunk.lines}
    assert texts == {"removed": old, "added": new}


def test_diff_counts_of_no_hunks():
    assert diff_counts([]) == {"added": 0, "removed": 0}
