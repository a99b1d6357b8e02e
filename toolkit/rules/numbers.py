"""Numbers as people read and write them: one formatter for every figure a user sees."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from toolkit.rules.measures import COUNT, unit_family

# A completion rate in a workbook cell: whole percents, but a shortfall that whole percents
# would round up to 100% keeps one decimal (99.6%); Excel, WPS and LibreOffice read the
# conditions of a number format alike.
RATE_FORMAT = "[<0.995]0%;[<1]0.0%;0%"


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


def computed(value: float | None) -> float | None:
    """A figure worked out rather than counted (本轮应达: 25 x 0.5 = 12.5), as computed: two
    decimals, never rounded to a whole count, so 12.5 is not shown as 13 beside a 12 that is
    on track."""
    if value is None:
        return None
    return round(value, 2 if abs(value) >= 1 else 4)


def fmt_computed(value: float | None) -> str:
    """`computed` as text: 12.5 -> '12.5', 4320.0 -> '4320'."""
    if value is None:
        return ""
    text = f"{computed(value):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(rate: float) -> str:
    """1.0199 -> '102%', 0.004 -> '0.4%'.

    Halves round up, as Excel shows a 0% cell (1.125 -> '113%', the workbook's figure); a rate
    short of 1 never reads 100% (0.999 -> '99.9%', 8639/8640 -> '99.98%': not met is not
    "完成目标的100%").
    """
    value = Decimal(format(rate, ".15g")) * 100  # Excel's 15 significant digits
    shown_ = value.quantize(Decimal(1) if abs(value) >= 1 else Decimal("0.1"), ROUND_HALF_UP)
    if shown_ >= 100 > value + Decimal("1e-7"):
        for places in ("0.1", "0.01", "0.001"):
            cut = value.quantize(Decimal(places), ROUND_DOWN)
            if cut < 100:
                return f"{cut:f}".rstrip("0").rstrip(".") + "%"
    return f"{shown_:f}%"


def share(part: int, whole: int) -> str:
    """A count's share of a total, one decimal, as bulletins give it: 6 of 35 -> '17.1%',
    4 of 5 -> '80.0%'; a part short of the whole never reads 100.0% (a bulletin that says
    占100.0% says all)."""
    if not whole:
        return "0.0%"
    value = Decimal(part) * 100 / Decimal(whole)
    text = value.quantize(Decimal("0.1"), ROUND_HALF_UP)
    if text >= 100 and part < whole:
        text = Decimal("99.9")
    return f"{text:.1f}%"


def plain(value) -> str:
    """A number exactly as typed, without a useless .0: 25.0 -> '25', 0.92 -> '0.92',
    1e+308 (not 309 digits); never rounded (fmt_number rounds a figure for a reader)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)
