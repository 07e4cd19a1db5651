"""A challenge offers "Inzenden" only to an entrepreneur with an enterprise that may still enter."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests.procurement import builders_requests as rb


def test_an_entered_enterprise_is_not_offered_to_enter_again(login, haarlem, ondernemer_1, enterprise_haarlem):
    challenge = rb.challenge(haarlem)
    client = login(ondernemer_1)
    submit = reverse("procurement:challenge-submit", args=[challenge.pk])
    assert f'href="{submit}"' in client.get(challenge.get_absolute_url()).content.decode()
    rb.submission(challenge, enterprise_haarlem, by=ondernemer_1)
    assert f'href="{submit}"' not in client.get(challenge.get_absolute_url()).content.decode()
    page = client.get(submit)
    assert 'id="entered"' in page.content.decode() and 'name="title"' not in page.content.decode()
    assert list(page.context["form"].fields["enterprise"].queryset) == []


def test_after_the_deadline_nobody_is_offered_to_enter(login, haarlem, ondernemer_1):
    challenge = rb.challenge(haarlem)
    challenge.submission_deadline = timezone.localdate() - dt.timedelta(days=1)
    challenge.save()
    html = login(ondernemer_1).get(challenge.get_absolute_url()).content.decode()
    assert reverse("procurement:challenge-submit", args=[challenge.pk]) not in html
