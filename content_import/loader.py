"""Imports a folder of content documents through the APIs an editor's actions use.

A document is a YAML file: one page, one collection of snippets, or a site
setting (the format: ``demo/README.md``). Documents are imported in the order of
their paths, each in its own transaction, so a bad document leaves the database
as it was and names its file and field. A document may refer only to what the
database or the documents before it hold. Pages are created once and published
through a revision (or submitted to their workflow); a page that exists is left as
it is, so editors' changes survive a second import. Translations are made with
wagtail-localize from the text each document gives for each language.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalManyToManyField
from taggit.managers import TaggableManager
from wagtail import blocks
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site, TranslatableMixin

from content_import.translate import translate, translated_locales
from home.demo import demo_image

#: The fields that name an item in other documents, in order of preference.
KEY_FIELDS = ("slug", "username", "email", "name", "title")
PAGE_KEYS = {"type", "parent", "translations", "submitted_by"}
TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock)


class DocumentError(Exception):
    """A document that cannot be imported: its file, the field at fault, why."""

    def __init__(self, file: str, field: str | None, message: str):
        super().__init__(file, field, message)
        self.file, self.field, self.message = file, field, message

    def __str__(self) -> str:
        if self.field:
            return _("%(file)s, field “%(field)s”: %(message)s") % vars(self)
        return _("%(file)s: %(message)s") % vars(self)


class _YamlLoader(yaml.SafeLoader):
    """YAML without implicit dates: a date is checked, and named, by its field."""


_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith("timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def documents(folder: Path) -> list[Path]:
    """The YAML documents under ``folder``, in the order they are imported."""
    found = [*folder.rglob("*.yaml"), *folder.rglob("*.yml")]
    return sorted(found, key=lambda path: path.relative_to(folder).as_posix())


def import_folder(folder: Path) -> Iterator[tuple[str, DocumentError | None, list]]:
    """Imports every document; yields (file, error or None, untranslated strings)."""
    for path in documents(folder):
        name = path.relative_to(folder).as_posix()
        document = Document(name)
        try:
            with transaction.atomic():
                document.load(path)
                document.run()
        except DocumentError as error:
            yield name, error, []
        else:
            yield name, None, document.untranslated


class Document:
    def __init__(self, name: str):
        self.name = name
        self.untranslated: list[tuple[str, str]] = []

    def error(self, field: str | None, message: str) -> DocumentError:
        return DocumentError(self.name, field, message)

    def load(self, path: Path) -> None:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)  # noqa: S506 (a safe loader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else "?"
            problem = getattr(error, "problem", None) or str(error)
            raise self.error(
                None,
                _("not valid YAML (line %(line)s): %(problem)s")
                % {"line": line, "problem": problem},
            ) from error
        if not isinstance(data, dict):
            raise self.error(None, _("a document is a mapping of fields to values"))
        self.data = data
        self.locale = Locale.get_default()
        self.site = Site.objects.get(is_default_site=True)
        self.root = self.site.root_page.get_translation(self.locale)

    def run(self) -> None:
        if "type" in self.data:
            self.import_page()
        elif "model" in self.data:
            self.import_collection()
        elif "setting" in self.data:
            self.import_setting()
        else:
            raise self.error(
                None,
                _("a document needs “type” (a page), “model” (snippets) or “setting”"),
            )

    def required(self, data: dict, key: str, prefix: str = "") -> Any:
        if data.get(key) in (None, ""):
            raise self.error(f"{prefix}{key}", _("this required field is missing"))
        return data[key]

    def model(self, field: str, base: type) -> type:
        label = self.required(self.data, field)
        try:
            model = apps.get_model(str(label))
        except (LookupError, ValueError):
            model = None
        if model is None or not issubclass(model, base):
            raise self.error(field, _("unknown type “%(type)s”") % {"type": label})
        return model

    # Pages

    def import_page(self) -> None:
        model = self.model("type", Page)
        self.required(self.data, "title")
        fields = {k: v for k, v in self.data.items() if k not in PAGE_KEYS}
        if "parent" not in self.data and isinstance(self.root.specific, model):
            page = self.root.specific  # a language's home page, made with the site
            if page.latest_revision_id is None:
                self.fill_in(page, fields)
        else:
            page = self.create_page(model, fields)
        if page.live:
            self.translate(page, self.data)

    def create_page(self, model: type[Page], fields: dict) -> Page:
        parent = self.page(self.required(self.data, "parent"), "parent")
        slug = self.required(self.data, "slug")
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            return existing.specific
        if not model.can_exist_under(parent):
            raise self.error(
                "type",
                _("a %(type)s cannot be placed under %(parent)s")
                % {"type": self.data["type"], "parent": self.data["parent"]},
            )
        page = model(locale=self.locale)
        self.assign(page, fields)
        submitter = self.data.get("submitted_by")
        if submitter is not None:
            page.owner = self.reference(get_user_model(), submitter, "submitted_by")
            page.live = False
        with self.validation():
            parent.add_child(instance=page)
            revision = page.save_revision(user=page.owner)
        if submitter is None:
            revision.publish()
        else:
            workflow = page.get_workflow()
            if workflow is None:
                raise self.error("submitted_by", _("the page has no workflow"))
            workflow.start(page, page.owner)
        return page

    def fill_in(self, page: Page, fields: dict) -> None:
        self.assign(page, fields)
        with self.validation():
            page.save_revision().publish()

    def page(self, address: Any, field: str) -> Page:
        """The page at ``address`` (its path in this language, e.g. /nyheder/)."""
        if not isinstance(address, str) or not address.startswith("/"):
            raise self.error(field, _("name a page by its address, such as /nyheder/"))
        path = address.strip("/")
        url_path = f"{self.root.url_path}{path}/" if path else self.root.url_path
        page = Page.objects.filter(url_path=url_path, locale=self.locale).first()
        if page is None:
            raise self.error(field, _("no page at %(address)s") % {"address": address})
        return page.specific

    # Snippets and settings

    def import_collection(self) -> None:
        model = self.model("model", models.Model)
        key = next((k for k in KEY_FIELDS if has_field(model, k)), None)
        items = self.required(self.data, "items")
        if key is None:
            raise self.error("model", _("its items have no slug, e-mail or name"))
        if not isinstance(items, list):
            raise self.error("items", _("a list"))
        for number, item in enumerate(items):
            prefix = f"items[{number}]."
            if not isinstance(item, dict):
                raise self.error(prefix[:-1], _("an item is a mapping of fields"))
            lookup = {key: self.required(item, key, prefix)}
            if issubclass(model, TranslatableMixin):
                lookup["locale"] = self.locale
            instance = model.objects.filter(**lookup).first() or model(**lookup)
            fields = {k: v for k, v in item.items() if k != "translations"}
            self.save(instance, fields, prefix)
            self.translate(instance, item, prefix)

    def import_setting(self) -> None:
        model = self.model("setting", BaseSiteSetting)
        fields = {k: v for k, v in self.data.items() if k != "setting"}
        self.save(model.for_site(self.site), fields)

    def save(self, instance: models.Model, fields: dict, prefix: str = "") -> None:
        later = self.assign(instance, fields, prefix)
        with self.validation(prefix):
            instance.full_clean()
            instance.save()
        for name, related in later:
            getattr(instance, name).set(related)

    # Fields

    def assign(self, instance: models.Model, fields: dict, prefix: str = "") -> list:
        """Sets the fields on ``instance``; returns the many-to-many ones to set
        once it is saved."""
        later = []
        for name, value in fields.items():
            where = f"{prefix}{name}"
            try:
                field = instance._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            if field is None or not field.editable or field.auto_created:
                raise self.error(where, _("unknown field"))
            if isinstance(field, TaggableManager):
                getattr(instance, name).add(*self.strings_in(value, where))
            elif field.many_to_many:
                related = [
                    self.reference(field.related_model, item, f"{where}[{number}]")
                    for number, item in enumerate(self.list_in(value, where))
                ]
                if isinstance(field, ParentalManyToManyField):
                    setattr(instance, name, related)
                else:
                    later.append((name, related))
            elif isinstance(field, models.ForeignKey):
                related = None
                if value is not None:
                    related = self.reference(field.related_model, value, where)
                setattr(instance, name, related)
            elif isinstance(field, StreamField):
                raw = self.block_value(field.stream_block, value, where)
                stream = field.stream_block.to_python(raw)
                list(stream)  # binds every block, so it is saved as an editor's is
                setattr(instance, name, stream)
            elif isinstance(field, RichTextField):
                setattr(instance, name, rich_text(value))
            else:
                with self.validation(prefix, name):
                    setattr(instance, name, field.to_python(value))
        return later

    def reference(self, model: type, value: Any, where: str) -> models.Model:
        """The item ``value`` names: a page by address, an image by title (drawn
        when missing), anything else by its key field (slug, e-mail, name...)."""
        if issubclass(model, Page):
            page = self.page(value, where)
            if not isinstance(page, model):
                raise self.error(where, _("not a %(type)s") % {"type": model.__name__})
            return page
        if issubclass(model, get_image_model()):
            if not isinstance(value, dict):
                return demo_image(str(value))
            for name in value.keys() - {"title", "width", "height"}:
                raise self.error(f"{where}.{name}", _("unknown field"))
            return demo_image(**value)
        key = next((k for k in KEY_FIELDS if has_field(model, k)), "pk")
        lookup = {key: value}
        if issubclass(model, TranslatableMixin):
            lookup["locale"] = self.locale
        found = model._default_manager.filter(**lookup).first()
        if found is None:
            raise self.error(
                where,
                _("no %(type)s with %(key)s “%(value)s”")
                % {"type": model._meta.verbose_name, "key": key, "value": value},
            )
        return found

    def block_value(self, block: blocks.Block, value: Any, where: str) -> Any:
        """The raw (JSON) value of ``block`` for the document's ``value``."""
        if isinstance(block, blocks.StreamBlock):
            raw = []
            for number, item in enumerate(self.list_in(value, where)):
                if not isinstance(item, dict) or len(item) != 1:
                    raise self.error(f"{where}[{number}]", _("one block per item"))
                ((name, content),) = item.items()
                child = block.child_blocks.get(name)
                if child is None:
                    raise self.error(f"{where}[{number}]", _("unknown block type"))
                where_child = f"{where}[{number}].{name}"
                content = self.block_value(child, content, where_child)
                raw.append({"type": name, "value": content})
            return raw
        if isinstance(block, blocks.StructBlock):
            if not isinstance(value, dict):
                raise self.error(where, _("a mapping of fields"))
            for name in value.keys() - block.child_blocks.keys():
                raise self.error(f"{where}.{name}", _("unknown field"))
            raw = {
                name: self.block_value(block.child_blocks[name], content, where)
                for name, content in value.items()
            }
            # A text left out is stored as an editor's empty field is: wagtail-localize
            # cannot extract a missing one.
            for name, child in block.child_blocks.items():
                if name not in raw and isinstance(child, TEXT_BLOCKS):
                    raw[name] = ""
            return raw
        if isinstance(block, blocks.ListBlock):
            return [
                self.block_value(block.child_block, item, f"{where}[{number}]")
                for number, item in enumerate(self.list_in(value, where))
            ]
        if isinstance(block, blocks.ChooserBlock):
            return self.reference(block.target_model, value, where).pk
        if isinstance(block, blocks.RichTextBlock):
            return rich_text(value)
        return value

    def list_in(self, value: Any, where: str) -> list:
        if not isinstance(value, list):
            raise self.error(where, _("a list"))
        return value

    def strings_in(self, value: Any, where: str) -> list[str]:
        return [str(item) for item in self.list_in(value, where)]

    @contextmanager
    def validation(self, prefix: str = "", field: str | None = None):
        """Turns a ValidationError inside the block into the document's error."""
        try:
            yield
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                name, problems = next(iter(error.message_dict.items()))
            else:
                name, problems = field, error.messages
            where = None if name in (None, "__all__") else f"{prefix}{name}"
            raise self.error(where, " ".join(problems)) from error

    # Translations

    def translate(self, instance: TranslatableMixin, data: dict, prefix="") -> None:
        """Translates ``instance`` into each language of ``data["translations"]``
        (and refreshes the translations it has)."""
        given = data.get("translations") or {}
        if not isinstance(given, dict):
            raise self.error(f"{prefix}translations", _("a mapping of languages"))
        source = {k: v for k, v in data.items() if k not in PAGE_KEYS}
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        for language in given:
            if language not in locales or language == self.locale.language_code:
                where = f"{prefix}translations.{language}"
                raise self.error(where, _("unknown language"))
        # As stored, which is what a second import compares with.
        instance = type(instance)._default_manager.get(pk=instance.pk)
        languages = {*given, *(lo.language_code for lo in translated_locales(instance))}
        strings = {}
        for language in sorted(languages):
            strings[locales[language]] = {}
            if language in given:  # the fields a translation leaves out keep their text
                where = f"{prefix}translations.{language}"
                strings[locales[language]] = {
                    **pair_strings(source, source),
                    **self.translated_strings(source, given[language], where),
                }
        try:
            self.untranslated += translate(instance, strings)
        except ValidationError as error:
            where = f"{prefix}translations"
            raise self.error(where, " ".join(error.messages)) from error

    def translated_strings(self, source: dict, given: Any, where: str) -> dict:
        if not isinstance(given, dict):
            raise self.error(where, _("a mapping of fields"))
        try:
            return pair_strings(source, given)
        except KeyError as error:
            field = f"{where}.{error.args[0]}"
            message = _("not in the source, or shaped unlike it")
            raise self.error(field, message) from error


def pair_strings(source: Any, translated: Any, where: str = "") -> dict[str, str]:
    """Maps each string of ``source`` to the string in the same place of
    ``translated``; a field ``translated`` leaves out is not mapped. Raises KeyError
    naming the first place where the two differ in shape."""
    if isinstance(source, str) and isinstance(translated, str):
        return {segment_text(source): segment_text(translated)}
    found: dict[str, str] = {}
    if isinstance(source, dict) and isinstance(translated, dict):
        for key, value in translated.items():
            if key not in source:
                raise KeyError(f"{where}{key}")
            found.update(pair_strings(source[key], value, f"{where}{key}."))
    elif isinstance(source, list) and isinstance(translated, list):
        if len(source) != len(translated):
            raise KeyError(where.rstrip("."))
        for number, (one, other) in enumerate(zip(source, translated, strict=True)):
            found.update(pair_strings(one, other, f"{where.rstrip('.')}[{number}]."))
    elif isinstance(source, (str, list, dict)) or isinstance(translated, (list, dict)):
        raise KeyError(where.rstrip("."))
    return found


def rich_text(value: Any) -> str:
    """Rich text as HTML; plain text becomes one paragraph."""
    text = str(value or "").strip()
    return text if text.startswith("<") else f"<p>{escape(text)}</p>" if text else ""


def segment_text(text: str) -> str:
    """The text wagtail-localize shows a translator for a field or a paragraph."""
    text = text.strip()
    if text.startswith("<p>") and text.endswith("</p>") and text.count("<p>") == 1:
        return text[3:-4]
    return text


def has_field(model: type, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True
