"""An answer is not saved or reset over a change a colleague made since the page was loaded, as the
generic edit forms (``impactportal.ui.versions``): each answer form of a module page carries the
version of the organisation's answer to its question (a hash of what the form shows and sets), the
service compares it with the row it has locked, and a different one saves nothing (the view answers
409 with the new answer and ``versions.stale_message()``). A question nobody answered yet has the
version ``NO_ANSWER``: a colleague's first answer counts as a change too. A POST without a version
(the API, a script, an old page) is handled as before."""

from impactportal.ui import versions

from ..models import Answer

FIELDS = ["value", "status", "saved_value"]  # what the answer form shows and a save or reset changes
NO_ANSWER = "0" * 20  # the version of a question without an answer row (a hash is never all zeros)


class StaleAnswer(Exception):
    """The answer changed since the form was loaded; ``version`` is the one it has now."""

    def __init__(self, version: str):
        super().__init__(version)
        self.version = version


def answer_version(answer_pk, lock: bool = False) -> str:
    """The version of answer ``answer_pk`` (None or a deleted row: ``NO_ANSWER``); ``lock``: locked
    until the transaction ends."""
    if answer_pk is None:
        return NO_ANSWER
    return versions.row_version(Answer, answer_pk, FIELDS, lock=lock) or NO_ANSWER


def version_of(answer) -> str:
    """The version of a loaded answer (None: ``NO_ANSWER``), as ``answer_version`` reads it from the
    row: a module page shows many answers and reads them all in one query already."""
    if answer is None:
        return NO_ANSWER
    return versions.digest(tuple(getattr(answer, name) for name in FIELDS))


def check(answer_pk, sent: str | None) -> None:
    """Raise ``StaleAnswer`` when ``sent`` (``versions.posted``) is a version and not the answer's
    version now; locks the row (call it inside the transaction that saves). ``None``: no check."""
    if sent is None:
        return
    current = answer_version(answer_pk, lock=True)
    if current != sent:
        raise StaleAnswer(current)
