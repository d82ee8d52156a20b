"""What the property-based tests share: the input, the budget and the tally.

``make test`` runs a small deterministic set (the same inputs every run).
``make fuzz`` sets FUZZ_EXAMPLES and runs the same tests with that many random
examples each; there a server error is recorded and the run goes on, so the
summary lists every 5xx found, and the run fails at the end if there was one.
"""

from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

#: Examples per property: FUZZ_EXAMPLES for ``make fuzz``, else a small fixed set.
FUZZING = bool(os.environ.get("FUZZ_EXAMPLES"))
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or 60)

INPUTS_TRIED: Counter = Counter()
SERVER_ERRORS: list[str] = []

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not FUZZING,
    database=None,
    # No shrinking: the failing request is printed as it was sent.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


#: The admin's forms are slower: FUZZ_ADMIN_EXAMPLES of them under ``make fuzz``.
ADMIN_EXAMPLES = int(os.environ.get("FUZZ_ADMIN_EXAMPLES") or max(EXAMPLES // 5, 1))


def fuzz_settings(examples: int) -> settings:
    """FUZZ for the admin: ``examples`` in make test, ADMIN_EXAMPLES when fuzzing."""
    return settings(FUZZ, max_examples=ADMIN_EXAMPLES if FUZZING else examples)


# Text as a browser or a bot might send it: any printable or control character,
# long strings, SQL and HTML fragments.
nasty_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=2500),
    st.sampled_from(
        [
            "",
            "' OR 1=1 --",
            "<script>alert(1)</script>",
            "\x00",
            "%00",
            "../../etc/passwd",
            "ÆØÅ æøå ÄÖ äö",
            "-1",
            "0",
            "99999999999999999999",
            "1e309",
            "NaN",
            "*",
            '"',
            "2026-13-45",
            "{{ 7*7 }}",
        ]
    ),
)
raw_bytes = st.binary(max_size=300)


def tried(kind: str, count: int = 1) -> None:
    INPUTS_TRIED[kind] += count


def assert_no_server_error(response, request: str = "") -> None:
    """A 5xx fails the test; under ``make fuzz`` it is listed and the run goes on."""
    if response.status_code < 500:
        return
    found = f"{response.status_code} {request or response.request.get('PATH_INFO')}"
    exc_info = getattr(response, "exc_info", None)
    if exc_info:
        found += f" ({exc_info[0].__name__}: {str(exc_info[1])[:200]})"
    if FUZZING:
        SERVER_ERRORS.append(found)
        return
    raise AssertionError(f"{found}: {response.content[:500]!r}")
