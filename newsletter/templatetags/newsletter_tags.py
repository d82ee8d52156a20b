from django import template

from newsletter.forms import SignUpForm

register = template.Library()


@register.simple_tag(takes_context=True)
def newsletter_signup_form(context) -> SignUpForm:
    """An empty sign-up form that records the page it is shown on."""
    request = context.get("request")
    return SignUpForm(
        initial={"source": request.path if request else ""}, auto_id="newsletter-%s"
    )
