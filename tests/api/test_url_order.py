"""The API's paths are matched first (impactportal/urls.py): Django tries the URL patterns in order,
and before the API it would search every app include without a prefix and list its misses."""

from django.urls import resolve


def test_an_api_path_is_matched_without_searching_the_apps():
    match = resolve("/api/v1/enterprises/")
    assert match.url_name == "enterprise-list"
    assert {str(tried[0].pattern) for tried in match.tried} == {"api/v1/"}


def test_the_apps_pages_still_resolve_after_the_api():
    assert resolve("/register/").url_name == "register"
    assert resolve("/helpdesk/").url_name == "inbox"
    assert resolve("/").url_name == "home"
