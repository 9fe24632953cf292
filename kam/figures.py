"""How every page, export and report writes a share: in per cent, to one decimal, and
None ("no data") when there is nothing to divide by — never 0 and never 100."""


def percent(part, whole) -> float | None:
    """``part`` of ``whole`` in %, one decimal (ints, Decimals or floats)."""
    if not whole:
        return None
    return round(float(part) * 100 / float(whole), 1)
