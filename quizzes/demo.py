"""Demo seed for quizzes: the scenario quiz at the end of the demo course.

The questions live in `demo_content.py`. The quiz is created once and then left alone, so
an editor's changes survive a second `seed_demo`.
"""

from courses.demo_content import COURSE
from courses.models import CoursePage
from netra.regulations.demo import regulations_cited

from .demo_content import QUESTIONS, QUIZ
from .factories import QuizPageFactory
from .models import QuizPage


def seed(*, stdout):
    course = CoursePage.objects.filter(slug=COURSE["slug"]).first()
    if course is None:
        return
    quiz = QuizPage.objects.child_of(course).first()
    if quiz is None:
        # Feedback links the regulations its citations name to their library pages.
        questions = [
            (kind, {**value, "regulations": regulations_cited(value["citations"])})
            for kind, value in QUESTIONS
        ]
        quiz = QuizPageFactory(parent=course, questions=questions, **QUIZ)
    stdout.write(f"  quiz “{quiz.title}” with {len(quiz.questions)} questions")
