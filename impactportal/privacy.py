"""What a model holds about a person (AVG), declared on the model as its ``access`` policy is::

    class CaseMessage(models.Model):
        personal_data = PersonalData(person="author")        # exported with the person's data

    class ContactPerson(models.Model):
        personal_data = PersonalData(email="email", erase={"name": ERASED, "email": "", "phone": ""})

``manage.py person_data`` and ``erase_person`` (``impactportal.accounts.personal_data``) collect
the declarations over every installed model, so the core names no app.

- ``person``: a foreign key to the user; the rows are the person's (their questions, their
  messages) and are exported in full. ``about``: the rows are *about* the person (a request to be
  linked to an enterprise): on erasure their audit entries lose the person's old values as well.
- ``email``: a field holding an e-mail address; rows with the person's address are exported, and
  on erasure get the values of ``erase`` (field → new value) and their audit entries lose the old
  ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERASED = "[verwijderd]"


@dataclass(frozen=True)
class PersonalData:
    person: str | None = None
    about: bool = False
    email: str | None = None
    erase: dict[str, str] = field(default_factory=dict)
