"""When two company names are the same company: 杭州精密铸造有限公司 = 杭州精密铸造 (有限公司).

Used to warn before a duplicate account is created. The key ignores case, full-width
forms, spaces and punctuation, and the legal-form suffixes a name is written with or
without (有限公司, Co., Ltd., GmbH…).
"""

import re
import unicodedata

#: Latin-script legal forms: whole words at the end of a name ("Co., Ltd.", "Sdn Bhd").
LATIN_FORMS = frozenset(
    {
        "ag",
        "bhd",
        "bv",
        "co",
        "company",
        "corp",
        "corporation",
        "gmbh",
        "group",
        "holdings",
        "inc",
        "incorporated",
        "kg",
        "limited",
        "llc",
        "ltd",
        "nv",
        "oy",
        "plc",
        "pte",
        "sa",
        "sarl",
        "sdn",
        "spa",
    }
)
#: Chinese legal forms, written without spaces at the end; longest first.
CJK_FORMS = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司", "公司", "集团")
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)
#: The key's column length: normalising can lengthen a name (one ligature, many letters).
KEY_LENGTH = 200


def company_name_key(name: str) -> str:
    """The comparison key of a company name."""
    words = [
        word
        for word in _SEPARATORS.split(unicodedata.normalize("NFKC", name or "").casefold())
        if word
    ]
    while len(words) > 1 and words[-1] in LATIN_FORMS:
        words.pop()
    key = "".join(words)
    stripped = True
    while stripped:
        stripped = False
        for form in CJK_FORMS:
            if key.endswith(form) and len(key) > len(form):
                key = key[: -len(form)]
                stripped = True
                break
    return key[:KEY_LENGTH]
