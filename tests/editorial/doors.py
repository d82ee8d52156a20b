"""Every admin view as a door: which requests to send it, against which objects.

``admin_views()`` walks the URL resolver (Wagtail's, wagtail-localize's and the
project's admin routes), so a view that a new version adds is found without
anyone listing it. ``targets_for()`` turns a route's parameters into addresses
of the objects under attack; a parameter it does not know raises
``Unclassified``, so the test fails until the new view is classified here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import product
from urllib.parse import urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

#: Views not sent requests, and why. Everything else under /admin/ is tried.
NOT_TRIED = {
    "wagtailadmin_login": "signing in is for anonymous visitors",
    "wagtailadmin_logout": "ends the session the test attacks with",
    "wagtailadmin_password_reset": "anonymous; sends a mail, changes no content",
    "wagtailadmin_password_reset_done": "anonymous; changes nothing",
    "wagtailadmin_password_reset_confirm": "anonymous; needs a mailed token",
    "wagtailadmin_password_reset_complete": "anonymous; changes nothing",
    "wagtailadmin_error_test": "answers 500 on purpose (Wagtail's own check)",
}

#: Buttons and boxes a publisher's forms have, sent by someone who may not.
FORGED_FIELDS = {
    "action-publish": "action-publish",
    "action-submit": "action-submit",
    "action": "publish",
    "publish": "1",
    "publish_translations": "on",
    "publish_copies": "on",
    "alias": "on",
    "copy_subpages": "on",
    "include_subtree": "on",
    "restriction_type": "password",
    "password": "forged-password-1234",
    "go_live_at": "2000-01-01 00:00",
}


class Unclassified(Exception):
    """A route parameter this module does not know how to fill."""


@dataclass(frozen=True)
class AdminView:
    route: str
    name: str
    callback: object
    parameters: tuple[str, ...]


def _walk(patterns, prefix: str, namespace: str):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), full)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern, namespace


def admin_views() -> list[AdminView]:
    """Every view reachable under /admin/, in the order the resolver tries them."""
    views = []
    seen = set()
    for route, pattern, namespace in _walk(get_resolver().url_patterns, "", ""):
        if not route.startswith("admin/"):
            continue
        parameters = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
        parameters = tuple(name or group for name, group in parameters)
        name = f"{namespace}:{pattern.name}" if namespace else pattern.name or ""
        key = (route, name)
        if key in seen:
            continue
        seen.add(key)
        views.append(
            AdminView(route, name, pattern.callback, tuple(dict.fromkeys(parameters)))
        )
    return views


def not_tried_reason(view: AdminView) -> str | None:
    short = view.name.rsplit(":", 1)[-1]
    return NOT_TRIED.get(view.name) or NOT_TRIED.get(short)


def _fill(route: str, values: dict[str, str]) -> str:
    """The path of ``route`` with its parameters replaced by ``values``."""
    path = route
    for name, value in values.items():
        path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
        path = re.sub(rf"\(\?P<{name}>[^)]*\)", str(value), path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".")
    if path.endswith(".*/"):
        path = path[: -len(".*/")] + "no-such-view/"
    return "/" + path


@dataclass
class World:
    """The objects under attack and the identifiers views take."""

    pages: dict[str, object]
    ids: dict[str, list[dict[str, object]]] = field(default_factory=dict)


def targets_for(view: AdminView, world: World) -> list[tuple[str, str]]:
    """Returns (label, path) for every object ``view`` is tried against."""
    parameters = set(view.parameters)
    if not parameters:
        return [("-", _fill(view.route, {}))]
    candidates = world.ids.get(_signature(view))
    if candidates is None:
        raise Unclassified(
            f"{view.route} ({view.name or view.callback}): parameters "
            f"{sorted(parameters)} are not classified in tests/editorial/doors.py"
        )
    targets = []
    for values in candidates:
        values = dict(values)
        query = values.pop("_query", "")
        path = _fill(view.route, values) + query
        try:
            match = resolve(urlsplit(path).path)
        except Resolver404:
            continue
        if match.func is not view.callback and getattr(
            match.func, "view_class", None
        ) is not getattr(view.callback, "view_class", object()):
            continue
        targets.append((",".join(f"{k}={v}" for k, v in values.items()), path))
    return targets


def _signature(view: AdminView) -> str:
    """The route's kind of object: its parameters, with a prefix where they clash."""
    parameters = ",".join(sorted(view.parameters))
    if parameters == "pk":
        prefix = view.route.removeprefix("admin/")
        for chooser in ("snippets/choose", "images/chooser", "documents/chooser"):
            if prefix.startswith(chooser):
                return "pk@snippets/choose" if "snippets" in chooser else "pk@chooser"
        for kind in (
            "api/main/^pages",
            "api/main/^documents",
            "api/main/^images",
            "collections",
            "workflows/tasks",
            "workflows",
            "snippets/municipalities/municipality",
            "snippets/contacts/person",
            "snippets/focusareas/agreementperiod",
            "newsletter/subscribers",
            "locales",
            "sites",
            "users",
            "groups",
            "pages",
        ):
            if prefix.startswith(kind):
                return f"pk@{kind}"
    if parameters == "app_label,model_name":
        return f"app_label,model_name@{view.route.removeprefix('admin/').split('/')[0]}"
    return parameters


def expand(**choices) -> list[dict[str, object]]:
    """Every combination of the given parameter values."""
    names = list(choices)
    return [
        dict(zip(names, values, strict=True)) for values in product(*choices.values())
    ]


class FormParser(HTMLParser):
    """Collects each POST form of a page: action, fields and submit buttons."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self._form = {
                    "action": attrs.get("action") or "",
                    "fields": [],
                    "buttons": [],
                }
                self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "image"):
                self._form["buttons"].append((name, attrs.get("value") or name))
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._form["fields"].append((name, attrs.get("value") or "on"))
            elif kind != "file":
                self._form["fields"].append((name, attrs.get("value") or ""))
        elif tag == "button" and name:
            self._form["buttons"].append((name, attrs.get("value") or name))
        elif tag == "select" and name:
            self._select = [name, None, None]
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in attrs:
                self._select[1] = value
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, selected, first = self._select
            value = selected if selected is not None else first
            if value is not None:
                self._form["fields"].append((name, value))
            self._select = None
        elif (
            tag == "textarea" and self._textarea is not None and self._form is not None
        ):
            self._form["fields"].append(tuple(self._textarea))
            self._textarea = None


def post_forms(url: str, html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The POST requests a page's own forms make: (action, fields), one per button.

    Only forms that post back to the page's own view; the others are views of
    their own and tried as such.
    """
    parser = FormParser()
    parser.feed(html)
    requests = []
    own_path = urlsplit(url).path
    for form in parser.forms:
        action = urljoin(url, form["action"]) if form["action"] else url
        if urlsplit(action).path != own_path:
            continue
        buttons = form["buttons"][:6] or [(None, None)]
        for name, value in buttons:
            fields = list(form["fields"])
            if name:
                fields.append((name, value))
            requests.append((action, fields))
        forged = list(form["fields"]) + list(FORGED_FIELDS.items())
        requests.append((action, forged))
    return requests
