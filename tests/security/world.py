"""One small city holding a record of every kind a URL can name, most of them one learner's,
and the people who ask for them: the access matrix (test_access_matrix.py) and the header
tests (test_headers.py) use it.

Everything goes through the factories and services, as in the rest of the suite: the
learner finishes the course (quiz passed), signs the pact and so receives a certificate,
both PDFs sealed; a compliance campaign tracks the city; an HR officer of the parent office
uploaded a roster; the learner has a notification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents.models import Document
from wagtail.models import Collection

from certificates import services as pact_services
from certificates.factories import PactIndexPageFactory, PactPageFactory
from certificates.models import Certificate, PactSignature, PactVersion
from courses import services as course_services
from courses.factories import course_with_modules, modules_of
from netra.campaigns import rebuild, rollups
from netra.campaigns.factories import ElectionPeriodFactory
from netra.campaigns.models import ElectionPeriod
from netra.notifications.factories import NotificationFactory
from netra.notifications.models import Notification
from netra.people import roster_load
from netra.people.factories import EmployeeFactory, UserFactory
from netra.people.models import Employee, HrAssignment, Office, RosterImport, User
from netra.regulations.factories import RegulationIndexPageFactory, RegulationPageFactory
from netra.regulations.models import RegulationPage
from netra.updates.factories import RegulationUpdateIndexPageFactory, RegulationUpdatePageFactory
from netra.updates.models import ChangeKind, UpdateImpact
from quizzes import services as quiz_services
from quizzes.factories import QuizPageFactory
from quizzes.models import Attempt, QuizPage
from tests.certificates.conftest import finish_course
from tests.certificates.test_pact_services import sign
from tests.conftest import login_with_mfa

# Who asks, in the order the matrix asks them: the owner last, so that a request that
# changes something (finishing an attempt) comes after everyone else's refusals.
ACTORS = (
    "anonymous",
    "other_learner",
    "hr_other_office",
    "hr_parent_office",
    "admin",
    "owner",
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ROSTER = b"NIP Baru;Nama;Unor Id;Email\r\n199001012015031001;Budi Santoso;DISDIK;\r\n"


@dataclass
class World:
    city: dict[str, Office]
    users: dict[str, User | None]
    employee: Employee
    course: object
    module: object
    quiz: QuizPage
    practice_quiz: QuizPage
    pact: object
    version: PactVersion
    signature: PactSignature
    certificate: Certificate
    passed_attempt: Attempt
    period: ElectionPeriod
    notification: Notification
    roster_import: RosterImport
    regulation: RegulationPage
    impact: UpdateImpact
    hr_assignment: HrAssignment

    def client(self, actor: str) -> Client:
        """A fresh client signed in as `actor`, with the second factor HR and admins need."""
        client = Client()
        user = self.users[actor]
        if user is None:
            return client
        if actor.startswith(("hr_", "admin")):
            return login_with_mfa(client, user)
        client.force_login(user)
        return client

    def open_attempt(self) -> Attempt:
        """The owner's open attempt of the practice quiz (started, or resumed, now)."""
        return quiz_services.attempt_start(
            user=self.users["owner"], quiz=self.practice_quiz
        ).attempt


def hr_officer(office: Office) -> User:
    user = UserFactory()
    HrAssignment.objects.create(user=user, office=office)
    return user


def build_world(*, city, owner, home, course_index, capture) -> World:
    """`capture` is pytest-django's `django_capture_on_commit_callbacks`: the certificate
    and the PDFs are made by after-commit jobs, run here as a real commit would."""
    course = course_with_modules(parent=course_index, modules=1, title="Netralitas di Medsos")
    quiz = QuizPageFactory(parent=course)
    practice = course_with_modules(parent=course_index, modules=1, title="Latihan")
    practice_quiz = QuizPageFactory(parent=practice)
    pact = PactPageFactory(
        parent=PactIndexPageFactory(parent=home), title="Pakta Netralitas", required_course=course
    )
    version = pact_services.current_version(pact)
    with capture(execute=True):
        finish_course(owner, course)
    with capture(execute=True):
        signature = sign(owner, version).signature
    for module in modules_of(practice):
        course_services.module_complete(user=owner, module=module)

    hr_parent = hr_officer(city["pemkot"])
    users = {
        "anonymous": None,
        "owner": owner,
        "other_learner": EmployeeFactory(office=city["dinas"], with_account=True).user,
        "hr_other_office": hr_officer(city["kec"]),
        "hr_parent_office": hr_parent,
        "admin": UserFactory(is_superuser=True, is_staff=True),
    }

    period = ElectionPeriodFactory(courses=[course], pact=pact)
    rebuild.rebuild(period.pk)
    rollups.fold()

    # Browser tests flush the tables, the root collection Wagtail's migration made included.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    document = Document(title="Salinan PP", collection=root)
    document.file.save("pp-94-2021.pdf", ContentFile(PDF), save=False)
    document.save()
    regulation = RegulationPageFactory(
        parent=RegulationIndexPageFactory(parent=home), document=document
    )
    update = RegulationUpdatePageFactory(
        parent=RegulationUpdateIndexPageFactory(parent=home),
        change_kind=ChangeKind.MINOR,
        date=dt.date(2029, 1, 2),
    )

    return World(
        city=city,
        users=users,
        employee=owner.employee,
        course=course,
        module=modules_of(course)[0],
        quiz=quiz,
        practice_quiz=practice_quiz,
        pact=pact,
        version=version,
        signature=signature,
        certificate=Certificate.objects.get(user=owner, course=course),
        passed_attempt=Attempt.objects.get(user=owner, quiz=quiz, passed=True),
        period=period,
        notification=NotificationFactory(recipient=owner, url="/kursus-saya/"),
        roster_import=roster_load.roster_import_create(
            uploaded_by=hr_parent, file_name="siasn.csv", content=ROSTER, scope=city["dinas"]
        ),
        regulation=regulation,
        impact=UpdateImpact.objects.get(update=update),
        hr_assignment=HrAssignment.objects.get(user=hr_parent),
    )
