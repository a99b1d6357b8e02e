"""Numbers as people read and write them: one formatter for every figure a user sees."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from toolkit.rules.measures import COUNT, unit_family


def shown(value: float | None, unit: str = "") -> float | None:
    """A figure as a person writes it: two decimals (5.33, not 5.33333333), four below 1
    (0.0045); a count of schools or places (个, 所 …) in whole numbers, halves up."""
    if value is None:
        return None
    if unit_family(unit) == COUNT:
        return float(Decimal(repr(value)).quantize(Decimal(1), ROUND_HALF_UP))
    return round(value, 2 if abs(value) >= 1 else 4)


def fmt_number(value: float | None, unit: str = "") -> str:
    """8812.0 -> '8812', 0.9500 -> '0.95', 16/3 -> '5.33', None -> ''."""
    if value is None:
        return ""
    text = f"{shown(value, unit):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def plain(value) -> str:
    """A number exactly as typed, without a useless .0: 25.0 -> '25', 0.92 -> '0.92',
    1e+308 (not 309 digits); never rounded (fmt_number rounds a figure for a reader)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)
