""""Inkoopvragen beheren" lists the requests one manages, not every public one."""

from django.urls import reverse

from procurement.constants import RequestStatus
from tests.procurement import builders_requests as rb


def test_the_management_list_holds_the_own_organisations_requests_only(login, haarlem, amersfoort, broker_haarlem,
                                                                        inkoper_haarlem):
    own_open = rb.purchase_request(haarlem, title="Schoonmaak Haarlem")
    own_closed = rb.purchase_request(haarlem, title="Catering Haarlem", status=RequestStatus.CLOSED)
    elsewhere = rb.purchase_request(amersfoort, title="Groenonderhoud Amersfoort")  # open: public
    for user in (broker_haarlem, inkoper_haarlem):
        page = login(user).get(reverse("procurement:request-list"))
        assert page.status_code == 200
        assert set(page.context["filter"].qs) == {own_open, own_closed}
        html = page.content.decode()
        assert '<h1 class="utrecht-heading-1">Inkoopvragen beheren</h1>' in html
        assert "Groenonderhoud Amersfoort" not in html
    # The public list still shows the other municipality's open request, to everyone.
    public = login(broker_haarlem).get(reverse("procurement:request-public-list"))
    assert elsewhere in set(public.context["filter"].qs)


def test_a_request_page_leads_back_to_the_list_it_came_from(login, haarlem, amersfoort, broker_haarlem):
    client = login(broker_haarlem)
    own = client.get(rb.purchase_request(haarlem).get_absolute_url()).content.decode()
    assert f'href="{reverse("procurement:request-list")}">← Inkoopvragen beheren' in own
    other = client.get(rb.purchase_request(amersfoort).get_absolute_url()).content.decode()
    assert f'href="{reverse("procurement:request-public-list")}">← Inkoopvragen' in other
