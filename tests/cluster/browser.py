"""A small HTTP client that behaves like a browser towards the cluster: it keeps
cookies (Secure ones too: the nodes are reached as if through TLS), sends the
Origin a browser sends, follows no redirect by itself and reads forms."""

from __future__ import annotations

import http.client
import ssl
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

UNVERIFIED = ssl._create_unverified_context()  # the cluster's self-signed certificate


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """Requests against ``base_url``: nginx over HTTPS, or a node over HTTP with
    ``X-Forwarded-Proto: https`` as nginx sends it."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        parts = urlsplit(self.base_url)
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def at(self, base_url: str) -> Browser:
        """The same browser session (cookies) against another address."""
        other = Browser(base_url)
        other.cookies = self.cookies
        return other

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> Response:
        if self.scheme == "https":
            connection = http.client.HTTPSConnection(
                self.host, self.port, timeout=timeout, context=UNVERIFIED
            )
        else:
            connection = http.client.HTTPConnection(
                self.host, self.port, timeout=timeout
            )
        origin = f"https://{self.host}:{self.port}"
        all_headers = {"X-Forwarded-Proto": "https"} if self.scheme == "http" else {}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(
                f"{k}={v}" for k, v in self.cookies.items()
            )
        if method == "POST":
            all_headers.update(Origin=origin, Referer=f"{origin}{path}")
        all_headers.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            result = Response(response.status, response.headers, response.read())
        finally:
            connection.close()
        for header in result.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return result

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, fields: list[tuple[str, str]], **kwargs) -> Response:
        body = urlencode(fields).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body=body, headers=headers, **kwargs)

    def post_multipart(
        self,
        path: str,
        fields: list[tuple[str, str]],
        files: dict[str, tuple[str, bytes, str]],
    ) -> Response:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{value}\r\n".encode()
            )
        for name, (filename, content, content_type) in files.items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            )
            parts.append(head.encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, body=body, headers=headers)

    def log_in(self, username: str, password: str) -> None:
        page = self.get("/admin/login/")
        fields = form_fields(
            page.text, lambda attrs: "login" in attrs.get("action", "")
        )
        fields = [(k, v) for k, v in fields if k not in ("username", "password")]
        response = self.post(
            "/admin/login/",
            [*fields, ("username", username), ("password", password)],
        )
        assert response.status == 302, (response.status, response.text[:2000])


class _FormParser(HTMLParser):
    """The fields a browser would submit from the first form ``wanted`` accepts."""

    def __init__(self, wanted: Callable[[dict], bool]):
        super().__init__(convert_charrefs=True)
        self.wanted = wanted
        self.inside = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option: dict | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "form" and not self.inside and not self.done:
            self.inside = self.wanted(attrs)
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "image", "file", "reset"):
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
            self._multiple = "multiple" in attrs
        elif tag == "option" and self._select:
            self._option, self._text = attrs, []

    def handle_data(self, data):
        if self._textarea is not None or self._option is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside, self.done = False, True
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            value = self._option.get("value", "".join(self._text).strip())
            if self._select_first is None:
                self._select_first = value
            if "selected" in self._option:
                self.fields.append((self._select, value))
                self._select_chosen = True
            self._option = None
        elif tag == "select" and self._select:
            if not self._select_chosen and not self._multiple and self._select_first:
                self.fields.append((self._select, self._select_first))
            self._select = None


def form_fields(html: str, wanted: Callable[[dict], bool]) -> list[tuple[str, str]]:
    parser = _FormParser(wanted)
    parser.feed(html)
    assert parser.done or parser.fields, "form not found"
    return parser.fields


def replace(fields: list[tuple[str, str]], **values: str) -> list[tuple[str, str]]:
    """``fields`` with the named ones set (added where missing)."""
    kept = [(k, v) for k, v in fields if k not in values]
    return kept + list(values.items())


def poll(check: Callable[[], bool], deadline: float) -> float | None:
    """Seconds until ``check()`` held, polling until ``deadline`` seconds passed;
    None if it never did."""
    start = time.monotonic()
    while True:
        if check():
            return time.monotonic() - start
        if time.monotonic() - start > deadline:
            return None
        time.sleep(0.02)


def seen_after(
    checks: list[tuple[Browser, str, Callable[[Response], bool]]],
    since: float,
    deadline: float,
) -> float | None:
    """Polls every (browser, path, predicate) at once, each in its own thread.

    Returns the seconds from ``since`` (a ``time.monotonic()``) to the start of
    the latest first request whose response met its predicate: the time until
    every reader saw the change. None if one had not seen it by ``deadline``.
    """
    seen: list[float | None] = [None] * len(checks)

    def watch(number: int, browser: Browser, path: str, predicate) -> None:
        while True:
            asked = time.monotonic()
            if predicate(browser.get(path)):
                seen[number] = asked - since
                return
            if asked - since > deadline:
                return
            time.sleep(0.02)

    threads = [
        threading.Thread(target=watch, args=(number, *check))
        for number, check in enumerate(checks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if any(value is None for value in seen):
        return None
    return max(seen)
