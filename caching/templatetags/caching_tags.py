"""``{% fragment "name" var ... %}...{% endfragment %}``: a fragment cached until
the next invalidation, varying by host, language and the given values
(caching.fragments.cached_fragment)."""

from django import template

from caching.fragments import cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name: str, vary: list[template.base.FilterExpression]):
        self.nodelist = nodelist
        self.name = name
        self.vary = vary

    def render(self, context) -> str:
        return cached_fragment(
            context.get("request"),
            self.name,
            [expression.resolve(context) for expression in self.vary],
            lambda: self.nodelist.render(context),
        )


@register.tag
def fragment(parser, token):
    """Caches what it encloses: ``{% fragment "name" var ... %}``."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return FragmentNode(
        nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]]
    )
