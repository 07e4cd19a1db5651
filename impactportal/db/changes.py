"""Whether a model instance changes what is stored, for checks added after rows were saved."""


def changed_since_saved(obj, *fields: str) -> bool:
    """New, or one of ``fields`` differs from the stored row. A rule added later (no start date in
    the past, no contact moment ahead) applies to what is typed now, while a row stored before it
    stays editable as long as those fields stay as they are. One query for a stored row."""
    if obj._state.adding or obj.pk is None:
        return True
    stored = type(obj)._default_manager.filter(pk=obj.pk).values_list(*fields).first()
    return stored is None or tuple(stored) != tuple(getattr(obj, name) for name in fields)
