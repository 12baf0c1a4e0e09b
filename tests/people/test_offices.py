import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netra.people.factories import EmployeeFactory, OfficeFactory
from netra.people.selectors import employees_in_subtree, offices_in_subtree

pytestmark = pytest.mark.django_db


class OfficeSubtreeTests:
    def test_subtree_lists_descendants_in_one_query_when_nested(
        self, city, django_assert_num_queries
    ):
        with django_assert_num_queries(1):
            names = [o.name for o in offices_in_subtree(city["kec"])]
        assert names == ["Kecamatan Utara", "Kelurahan Sukamaju"]

    def test_subtree_of_root_holds_every_office_when_queried(self, city):
        assert set(offices_in_subtree(city["pemkot"])) == set(city.values())

    def test_subtree_excludes_siblings_when_codes_share_prefix(self, city):
        # Paths, not names or codes, decide membership.
        twin = OfficeFactory(name="Dinas Pendidikan 2", code="DISDIK2", parent=city["pemkot"])
        assert twin not in offices_in_subtree(city["dinas"])

    def test_ancestor_paths_come_from_the_path_when_computed(self, city):
        kel = city["kel"]
        assert kel.ancestor_paths() == [city["pemkot"].path, city["kec"].path, kel.path]
        assert kel.ancestor_paths(include_self=False) == [city["pemkot"].path, city["kec"].path]

    def test_employees_in_subtree_counts_deep_units_when_filtered(self, city):
        EmployeeFactory(office=city["sd"])
        EmployeeFactory(office=city["dinas"])
        EmployeeFactory(office=city["kel"])
        EmployeeFactory(office=city["sd"], is_active=False)
        assert employees_in_subtree(city["dinas"]).count() == 2
        assert employees_in_subtree(city["dinas"], active_only=False).count() == 3

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="index plans are PostgreSQL's")
    def test_subtree_query_uses_the_path_index_when_on_postgresql(self, city):
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = offices_in_subtree(city["dinas"]).order_by().explain()
        assert "people_office_path_like" in plan, plan


def test_subtree_query_counts_stay_flat_when_tree_grows(city):
    for i in range(30):
        OfficeFactory(name=f"Kelurahan {i}", code=f"K{i}", parent=city["kec"])
    with CaptureQueriesContext(connection) as ctx:
        assert len(list(offices_in_subtree(city["kec"]))) == 32
    assert len(ctx.captured_queries) == 1
