import pytest


@pytest.mark.django_db
def test_partner_list_and_detail(client, make_partner, make_country):
    partner = make_partner(
        name="University of Ljubljana",
        slug="university-of-ljubljana",
        kind="academic",
        country=make_country(),
    )
    assert "University of Ljubljana" in client.get("/partners/").content.decode()
    response = client.get("/partners/university-of-ljubljana/")
    assert response.status_code == 200
    assert partner.name in response.content.decode()


@pytest.mark.django_db
def test_unpublished_partner_is_404(client, make_partner):
    make_partner(slug="hidden", is_published=False)
    assert client.get("/partners/hidden/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 30])
def test_partner_pages_cost_a_fixed_number_of_queries(
    client, make_partner, make_news, django_assert_num_queries, count
):
    partners = [make_partner() for _ in range(count)]
    for _ in range(count):
        make_news(partners=partners[:1])
    with django_assert_num_queries(1):
        client.get("/partners/")
    with django_assert_num_queries(3):
        client.get(partners[0].get_absolute_url())
