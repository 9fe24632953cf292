"""What changed between two texts of a contract, for reading on any screen.

A unified diff, one column (a phone has no room for two): unchanged lines around each
change for context, removed and added lines marked, and inside a line that was edited
the changed words — or characters, for Chinese, which has no spaces — highlighted.
"""

import difflib
import re
from dataclasses import dataclass, field

#: Unchanged lines shown around each change.
CONTEXT = 3
#: Beyond this many lines a side, lines are compared without in-line highlights (a
#: character-level comparison of two long texts is quadratic).
INLINE_MAX = 400

#: Chinese, Japanese and Korean characters run together without spaces: each is a word.
_CJK = "\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff"
#: Words: a number (with its decimal or thousands marks), a run of other letters, one CJK
#: character, a run of spaces, or one mark — so "30天" changing to "60天" marks "30".
_TOKENS = re.compile(rf"\d+(?:[.,]\d+)*|[^\W\d{_CJK}]+|[{_CJK}]|\s+|[^\w\s]|\w", re.UNICODE)


@dataclass
class Line:
    kind: str  # "same", "removed", "added"
    old_no: int | None
    new_no: int | None
    #: (changed?, text) pieces of the line.
    parts: list[tuple[bool, str]] = field(default_factory=list)


@dataclass
class Hunk:
    old_start: int
    new_start: int
    lines: list[Line]


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _inline(old: str, new: str) -> tuple[list, list]:
    a, b = _tokens(old), _tokens(new)
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            old_parts.append((False, "".join(a[i1:i2])))
            new_parts.append((False, "".join(b[j1:j2])))
        else:
            if i2 > i1:
                old_parts.append((True, "".join(a[i1:i2])))
            if j2 > j1:
                new_parts.append((True, "".join(b[j1:j2])))
    return old_parts, new_parts


def line_diff(old: str, new: str, context: int = CONTEXT) -> list[Hunk]:
    """The changes from ``old`` to ``new`` as hunks of lines (empty when they are equal)."""
    a, b = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    inline = len(a) <= INLINE_MAX and len(b) <= INLINE_MAX
    hunks = []
    for group in matcher.get_grouped_opcodes(context):
        lines = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(
                    Line("same", i + 1, j + 1, [(False, a[i])])
                    for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
                )
                continue
            removed = [Line("removed", i + 1, None, [(False, a[i])]) for i in range(i1, i2)]
            added = [Line("added", None, j + 1, [(False, b[j])]) for j in range(j1, j2)]
            if tag == "replace" and inline:
                for old_line, new_line in zip(removed, added, strict=False):
                    old_line.parts, new_line.parts = _inline(
                        old_line.parts[0][1], new_line.parts[0][1]
                    )
            lines.extend(removed)
            lines.extend(added)
        first = group[0]
        hunks.append(Hunk(first[1] + 1, first[3] + 1, lines))
    return hunks


def diff_counts(hunks: list[Hunk]) -> dict:
    """Lines added and removed, for the summary above a diff."""
    counts = {"added": 0, "removed": 0}
    for hunk in hunks:
        for line in hunk.lines:
            if line.kind in counts:
                counts[line.kind] += 1
    return counts
