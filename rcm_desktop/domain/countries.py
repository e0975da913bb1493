"""Countries as RCM Desk knows them: every ISO 3166-1 code that CLDR names."""

from __future__ import annotations

from functools import cache

#: CLDR territory codes that are groupings, not countries.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "ZZ", "QO"})


@cache
def iso_country_codes() -> tuple[str, ...]:
    """Every ISO 3166-1 alpha-2 code that CLDR names, in code order."""
    from babel import Locale

    return tuple(
        sorted(
            code
            for code in Locale.parse("en").territories
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
        )
    )
