# ruff: noqa
# Cases for the rules in .semgrep/netra.yml (`semgrep --test --config .semgrep .semgrep/tests`):
# each `ruleid:` line must be reported, each `ok:` line must not.
import pickle

import yaml
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt

from .models import Employee


def markup(request, employee):
    # ruleid: netra-mark-safe-non-literal
    mark_safe(employee.name)
    # ruleid: netra-mark-safe-non-literal
    mark_safe(f"<b>{request.GET['q']}</b>")
    # ok: netra-mark-safe-non-literal
    mark_safe("<hr>")
    # ruleid: netra-format-html-non-literal-format
    format_html(f"<b>{employee.name}</b>")
    # ruleid: netra-format-html-non-literal-format
    format_html("<b>%s</b>" % employee.name)
    # ruleid: netra-format-html-non-literal-format
    format_html_join("\n", template, ((e.name,) for e in employees))
    # ok: netra-format-html-non-literal-format
    format_html("<b>{}</b>", employee.name)
    # ok: netra-format-html-non-literal-format
    format_html_join("\n", "<li>{}</li>", ((e.name,) for e in employees))


# ruleid: netra-csrf-exempt
@csrf_exempt
def webhook(request):
    return None


# ruleid: netra-csrf-exempt
hook = csrf_exempt(webhook)


def queries(request, table, pk):
    name = request.GET["name"]
    with connection.cursor() as cursor:
        # ruleid: netra-sql-string-formatting
        cursor.execute(f"SELECT * FROM people_employee WHERE name = '{name}'")
        # ruleid: netra-sql-string-formatting
        cursor.execute("SELECT * FROM people_employee WHERE name = '%s'" % name)
        # ruleid: netra-sql-string-formatting
        cursor.execute("SELECT * FROM people_employee WHERE name = '{}'".format(name))
        # ruleid: netra-sql-string-formatting
        cursor.execute("SELECT * FROM people_employee WHERE name = '" + name + "'")
        sql = f"DELETE FROM {table} WHERE id = {pk}"
        # ruleid: netra-sql-string-formatting
        cursor.execute(sql)
        # ok: netra-sql-string-formatting
        cursor.execute("SELECT * FROM people_employee WHERE name = %s", [name])
        # ok: netra-sql-string-formatting
        cursor.execute("SELECT * FROM people_employee WHERE name LIKE %s", [name + "%"])
    # ruleid: netra-sql-string-formatting
    Employee.objects.raw(f"SELECT * FROM people_employee WHERE nip = '{name}'")
    # ruleid: netra-sql-string-formatting
    Employee.objects.filter(RawSQL(f"nip = '{name}'", []))
    # ok: netra-sql-string-formatting
    Employee.objects.raw("SELECT * FROM people_employee WHERE nip = %s", [name])
    with connection.cursor() as cursor:
        # nosemgrep: netra-sql-string-formatting (a reviewed statement: table from model metadata)
        cursor.execute(f"SELECT COUNT(*) FROM {Employee._meta.db_table}")


# ok: netra-login-not-required-unlisted
@login_not_required
def verify(request, code):
    return None


# ruleid: netra-login-not-required-unlisted
@login_not_required
def employee_export(request):
    return None


# ruleid: netra-login-not-required-unlisted
leaked = login_not_required(employee_export)
# ok: netra-login-not-required-unlisted
public_search = login_not_required(search)


def files(request, upload):
    # ruleid: netra-open-user-path
    open(request.GET["path"])
    # ruleid: netra-open-user-path
    open("/srv/netra/media/" + upload.name, "wb")
    # ok: netra-open-user-path
    open(settings.NETRA_SEAL_PKCS12, "rb")


def loading(request, data):
    # ruleid: netra-unsafe-deserialisation
    pickle.loads(request.body)
    # ruleid: netra-unsafe-deserialisation
    yaml.load(data)
    # ruleid: netra-unsafe-deserialisation
    yaml.load(data, Loader=yaml.Loader)
    # ok: netra-unsafe-deserialisation
    yaml.load(data, Loader=yaml.SafeLoader)
    # ok: netra-unsafe-deserialisation
    yaml.safe_load(data)
