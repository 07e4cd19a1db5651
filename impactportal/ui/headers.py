"""Response headers the security review asked for, on every response of the portal (pages, API,
errors); static files are served before this runs (whitenoise) and keep their own.

- ``Cache-Control``: a response for a signed-in user (a page, an htmx fragment, an API answer
  to a session or a token) is ``private, no-store``: no proxy keeps it and the browser does not
  store it for its back button on a shared computer. A response that sets a cookie (a CSRF or a
  session cookie) is never ``public``: a shared cache would hand the cookie to the next visitor.
  The visitor page cache (``impactportal.ui.cache``) keeps ``public, max-age`` on the showcase
  pages it serves to visitors who already have their cookies.
- ``Permissions-Policy``: the portal uses no camera, microphone, location, payment or sensors;
  no page (or anything injected into one) may ask for them. Only features every current browser
  recognises: an unknown one is a console error in Chromium."""

from django.utils.cache import patch_cache_control

PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone", "payment", "usb"))


class ResponseHeadersMiddleware:
    """Listed before ``SessionMiddleware`` and ``CsrfViewMiddleware``, so it sees the cookies
    they set on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        elif response.cookies:
            patch_cache_control(response, private=True)  # drops "public"
        return response
