"""The portal keeps no API key, only its digest (``impactportal.api.tokens.digest``): every key in
``authtoken.Token`` is rewritten to its digest, so a client keeps working with the key it holds. The
key is the token's primary key and ``VerifiedApiToken`` points at it: each token is read, deleted
(its mark goes with it) and made again under its digest, with its user, its date and its mark.
Not reversible (a digest gives no key back): going back leaves the digests, which then work for no one."""

import hashlib

from django.db import migrations


def digest(key: str) -> str:
    """As ``impactportal.api.tokens.digest`` when this was written (kept here: a migration stays as it ran)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def digest_keys(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    VerifiedApiToken = apps.get_model("accounts", "VerifiedApiToken")
    marked = set(VerifiedApiToken.objects.values_list("token_id", flat=True))
    for key, user_id, created in list(Token.objects.values_list("key", "user_id", "created")):
        Token.objects.filter(key=key).delete()  # the one-to-one to the user: the old row goes first
        new = digest(key)
        Token.objects.create(key=new, user_id=user_id)
        Token.objects.filter(key=new).update(created=created)  # not now: the key's age still counts
        if key in marked:
            VerifiedApiToken.objects.create(token_id=new)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0013_user_two_factor_changed_at"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(digest_keys, migrations.RunPython.noop)]
