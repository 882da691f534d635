"""``host_of``: the one way a URL's host is named in a message, never its credentials."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from civickit.lookup.http import host_of

_LABEL = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
_SECRET = st.from_regex(r"[A-Za-z0-9]{6,16}", fullmatch=True)


@given(
    labels=st.lists(_LABEL, min_size=1, max_size=3),
    user=_SECRET,
    password=_SECRET,
    port=st.none() | st.integers(1, 65535),
    tail=st.sampled_from(["", "/", "/x?api_key=abc", "#frag", "?token=t"]),
)
def test_host_of_names_host_and_port_only(
    labels: list[str], user: str, password: str, port: int | None, tail: str
) -> None:
    host = ".".join(labels)
    where = f"{host}:{port}" if port else host
    url = f"https://{user}:{password}@{where}{tail}"
    assert host_of(url) == where
    assert host_of(f"http://{where}{tail}") == where


def test_host_of_without_a_host() -> None:
    assert host_of("") == "the server"
    assert host_of("/relative/path") == "the server"
    assert host_of("http://host:port-is-not-a-number/") == "the server"
