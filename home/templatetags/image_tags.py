"""``{% image %}``, ``{% srcset_image %}`` and ``{% picture %}``: Wagtail's tags,
parsed by Wagtail, with each tag's filters built once per compiled template.

Wagtail's nodes build their ``Filter`` objects again on every render, and a
filter's operations are parsed (each operation's signature inspected) the first
time it is used: a twelve-card listing parsed the same four specs 48 times per
request, about a tenth of a page rendered from scratch. A filter depends only on
its spec, so one set per tag serves every image and request.
"""

from django import template
from django.utils.functional import cached_property
from wagtail.images.templatetags import wagtailimages_tags as wagtail_tags

register = template.Library()


class ImageNode(wagtail_tags.ImageNode):
    @cached_property
    def prepared_filter(self):
        return super().get_filter()

    def get_filter(self):
        return self.prepared_filter


class SrcsetImageNode(wagtail_tags.SrcsetImageNode):
    @cached_property
    def prepared_filters(self):
        return super().get_filters()

    def get_filters(self):
        return self.prepared_filters


class PictureNode(wagtail_tags.PictureNode):
    @cached_property
    def prepared_filters(self):
        return super().get_filters()

    def get_filters(self):
        return self.prepared_filters


NODES = {
    wagtail_tags.ImageNode: ImageNode,
    wagtail_tags.SrcsetImageNode: SrcsetImageNode,
    wagtail_tags.PictureNode: PictureNode,
}


def image(parser, token):
    parsed = wagtail_tags.image(parser, token)
    return NODES[type(parsed)](
        parsed.image_expr,
        parsed.filter_specs,
        attrs=parsed.attrs,
        output_var_name=parsed.output_var_name,
    )


register.tag("image", image)
register.tag("srcset_image", image)
register.tag("picture", image)
