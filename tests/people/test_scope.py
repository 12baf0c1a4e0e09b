"""HR scope: what an officer sees is exactly the union of their assigned subtrees, over
random office trees, and follows office moves at once."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netra.people import services
from netra.people.factories import UserFactory
from netra.people.models import HrAssignment, Office, OfficeKind
from netra.people.selectors import hr_scope, scope_top_offices, scoped_office

# A random tree: office n (n >= 1) hangs under one of the offices before it.
trees = st.integers(2, 14).flatmap(
    lambda size: st.tuples(
        st.just(size),
        st.lists(st.integers(0, size - 1), min_size=size - 1, max_size=size - 1),
    )
)


def build(size, parents):
    offices, parent_of = [], {}
    for n in range(size):
        parent = None
        if n:
            parent = parents[n - 1] % n  # always an earlier office: no cycles
            parent_of[n] = parent
        offices.append(
            services.office_create(
                name=f"Unit {n}",
                code=f"T{n}",
                kind=OfficeKind.OPD,
                parent=Office.objects.get(pk=offices[parent].pk) if parent is not None else None,
            )
        )
    return offices, parent_of


def descendants(root, parent_of):
    """Computed from the parent pointers, independently of paths."""
    found = {root}
    changed = True
    while changed:
        changed = False
        for child, parent in parent_of.items():
            if parent in found and child not in found:
                found.add(child)
                changed = True
    return found


def visible(user, offices):
    scope = hr_scope(user)
    by_query = set(Office.objects.filter(scope.q("path")).values_list("pk", flat=True))
    by_lookup = {o.pk for o in offices if scoped_office(scope, o.pk) is not None}
    assert by_query == by_lookup
    return by_query


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tree=trees, picks=st.lists(st.integers(0, 100), min_size=1, max_size=3), data=st.data())
def test_officer_sees_exactly_their_subtrees(tree, picks, data):
    size, parents = tree
    with transaction.atomic():
        offices, parent_of = build(size, parents)
        user = UserFactory()
        assigned = {p % size for p in picks}
        for n in assigned:
            HrAssignment.objects.create(user=user, office=offices[n])
        expected = set().union(*(descendants(n, parent_of) for n in assigned))
        assert visible(user, offices) == {offices[n].pk for n in expected}
        tops = {o.pk for o in scope_top_offices(hr_scope(user))}
        assert tops == {
            offices[n].pk for n in assigned if not (set(_ancestors(n, parent_of)) & assigned)
        }

        # Move a random office under another one outside its own subtree.
        mover = data.draw(st.integers(1, size - 1)) if size > 1 else 0
        targets = [n for n in range(size) if n not in descendants(mover, parent_of)]
        if mover and targets:
            target = data.draw(st.sampled_from(targets))
            services.office_move(
                Office.objects.get(pk=offices[mover].pk), Office.objects.get(pk=offices[target].pk)
            )
            parent_of[mover] = target
            expected = set().union(*(descendants(n, parent_of) for n in assigned))
            assert visible(user, offices) == {offices[n].pk for n in expected}
        transaction.set_rollback(True)


def _ancestors(n, parent_of):
    while n in parent_of:
        n = parent_of[n]
        yield n


def test_no_assignment_sees_nothing_and_superuser_everything(city):
    nobody = UserFactory()
    assert hr_scope(nobody).is_empty
    assert scoped_office(hr_scope(nobody), city["kel"].pk) is None
    boss = UserFactory(is_superuser=True)
    assert scoped_office(hr_scope(boss), city["kel"].pk) == city["kel"]
    assert list(scope_top_offices(hr_scope(boss))) == [city["pemkot"]]


def test_garbage_office_ids_are_not_found(city):
    boss = UserFactory(is_superuser=True)
    for bad in ("", "abc", "1;DROP", "-1", None, "999999"):
        assert scoped_office(hr_scope(boss), bad) is None
