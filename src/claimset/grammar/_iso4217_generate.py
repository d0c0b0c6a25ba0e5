"""Writes ``_iso4217.py``, the ISO 4217 currency table, from pycountry's copy of the standard.

Run ``python -m claimset.grammar._iso4217_generate`` after upgrading pycountry and
commit the result; ``tests/test_currencies.py`` fails while the committed table
and the installed pycountry disagree.  pycountry is needed only here and in that
test, never at run time: the grammar reads the committed table.

Left out: ISO codes that are not money written in prose - precious metals, fund
and accounting units, bond-market units, the testing and "no currency" codes.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

#: Codes in ISO 4217 that name no currency a text would quote an amount in.
NOT_MONEY = frozenset({
    "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW",  # fund codes
    "XAD", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS",
    "XUA", "XXX", "ZWG",  # metals, units of account, testing, gold-backed tokens
})

TARGET = Path(__file__).with_name("_iso4217.py")


def table() -> dict[str, str]:
    """ISO 4217 alphabetic code -> the standard's English name, from pycountry."""
    import pycountry

    return {currency.alpha_3: currency.name for currency in
            sorted(pycountry.currencies, key=lambda c: c.alpha_3)
            if currency.alpha_3 not in NOT_MONEY}


def source(codes: dict[str, str]) -> str:
    lines = [
        '"""ISO 4217 currencies: code -> English name.  Generated; do not edit.',
        "",
        "Written by ``python -m claimset.grammar._iso4217_generate`` from pycountry's data.",
        '"""',
        "",
        "CURRENCIES: dict[str, str] = {",
    ]
    lines += [f"    {json.dumps(code)}: {json.dumps(name, ensure_ascii=False)},"
              for code, name in codes.items()]
    lines += ["}", ""]
    return "\n".join(lines)


def main() -> int:
    codes = table()
    # atomic: a half-written table would break every import of the grammar
    handle, temporary = tempfile.mkstemp(dir=TARGET.parent, prefix=".iso4217-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(source(codes))
    Path(temporary).replace(TARGET)
    print(f"wrote {TARGET.name}: {len(codes)} currencies", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
