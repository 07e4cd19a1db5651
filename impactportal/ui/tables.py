"""django-tables2 asks ``inspect.signature`` which arguments a ``render_*``/``value_*`` method
takes once per cell: 25 rows × 9 columns is 225 signature walks per page, a fifth of a list's
rendering time. The answer depends only on the function, so it is remembered per function
(bounded, so functions made per request cannot grow it without end)."""

from django_tables2 import utils

_original_signature = utils.signature
_known: dict = {}
MAX_KNOWN = 4096


def cached_signature(fn):
    # A bound method is a new object on every access: key on the function and whether ``self``
    # is bound (which django-tables2's answer leaves out).
    key = (getattr(fn, "__func__", fn), hasattr(fn, "__self__"))
    try:
        return _known[key]
    except KeyError:
        pass
    except TypeError:  # unhashable callable: ask every time
        return _original_signature(fn)
    result = _original_signature(fn)
    if len(_known) < MAX_KNOWN:
        _known[key] = result
    return result


def install() -> None:
    """Called once at start-up (``ImpactportalConfig.ready``)."""
    utils.signature = cached_signature
