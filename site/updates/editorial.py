"""Who may write and who approves regulation pages: the groups, the review workflow and
their page permissions.

- "Editor Regulasi" adds and edits regulation and update pages and submits them for
  moderation; it cannot publish.
- "Peninjau Regulasi" approves through the `GroupApprovalTask` of the workflow "Tinjauan
  regulasi"; approving publishes (or schedules, with a go-live date), so reviewers also
  hold the publish permission Wagtail checks at that moment.

The groups, task and workflow are made by a data migration (`ensure_groups_and_workflow`
with the migration's model registry). Page permissions and the workflow's assignment need
the index pages, so `editorial_setup` adds them; `seed_demo` and
`manage.py setup_editorial` call it (both idempotent).
"""

from django.apps import apps as django_apps

EDITORS = "Editor Regulasi"
REVIEWERS = "Peninjau Regulasi"
TASK = "Persetujuan peninjau regulasi"
WORKFLOW = "Tinjauan regulasi"

EDITOR_PAGE_PERMISSIONS = ("add", "change")
REVIEWER_PAGE_PERMISSIONS = ("add", "change", "publish")


def ensure_groups_and_workflow(apps=django_apps):
    """Create the two groups, the approval task and the workflow if missing. Takes a model
    registry so the data migration can run it with historical models."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin is not None:
        editors.permissions.add(access_admin)
        reviewers.permissions.add(access_admin)

    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        # Historical models do not fill Wagtail's polymorphic content type themselves.
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK, content_type=content_type, active=True)
    task.groups.add(reviewers)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task_id=task.pk).exists():
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    return editors, reviewers, workflow


def editorial_pages() -> list:
    """The index pages the editorial groups work under: the regulation updates index and,
    when the regulation library exists, its index."""
    from .models import RegulationUpdateIndexPage

    pages = list(RegulationUpdateIndexPage.objects.all())
    try:
        regulation_index = django_apps.get_model("regulations", "RegulationIndexPage")
    except LookupError:
        regulation_index = None
    if regulation_index is not None:
        pages += list(regulation_index.objects.all())
    return pages


def editorial_setup() -> list[str]:
    """Groups, workflow, page permissions and workflow assignment on every editorial index
    page. Idempotent; an admin's own workflow choice for a page is kept. Returns what it
    did, one line per page, for the command and the seed."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission, Page, WorkflowPage

    editors, reviewers, workflow = ensure_groups_and_workflow()
    page_permissions = {
        p.codename: p
        for p in Permission.objects.filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        )
    }
    done = []
    for page in editorial_pages():
        base_page = Page.objects.get(pk=page.pk)
        for group, kinds in (
            (editors, EDITOR_PAGE_PERMISSIONS),
            (reviewers, REVIEWER_PAGE_PERMISSIONS),
        ):
            for kind in kinds:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=base_page, permission=page_permissions[f"{kind}_page"]
                )
        WorkflowPage.objects.get_or_create(page=base_page, defaults={"workflow": workflow})
        done.append(f"{page.title}: {EDITORS}, {REVIEWERS}, {WORKFLOW}")
    _collection_permissions(editors, reviewers)
    return done


# Editors attach a regulation's official PDF (a Wagtail document) and an update's images;
# both groups may add, edit and choose them in the root collection and its children.
COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "document", ("add", "change", "choose")),
    ("wagtailimages", "image", ("add", "change", "choose")),
)


def _collection_permissions(*groups) -> None:
    from django.contrib.auth.models import Permission
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    for app_label, model, kinds in COLLECTION_PERMISSIONS:
        for kind in kinds:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=f"{kind}_{model}"
            ).first()
            if permission is None:
                continue
            for group in groups:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=permission
                )
