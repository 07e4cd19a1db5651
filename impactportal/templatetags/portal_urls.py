"""``{% url %}`` in every template (a builtin of the template engine, ``settings.TEMPLATES``):
Django's tag, with the path of a route without arguments remembered (``links.reverse_plain``)
instead of matched anew on every page; routes with arguments take Django's path unchanged."""

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape

from impactportal.links import reverse_plain

register = template.Library()


class RememberedURLNode(URLNode):
    def render(self, context):
        if self.args or self.kwargs:
            return super().render(context)
        view_name = self.view_name.resolve(context)
        # The current application as Django's tag finds it.
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse_plain(view_name, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    node.__class__ = RememberedURLNode
    return node
