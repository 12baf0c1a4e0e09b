from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("kuis/<int:quiz_id>/mulai/", views.attempt_start, name="attempt_start"),
    path("kuis/percobaan/<int:attempt_id>/", views.attempt_play, name="attempt_play"),
    path("kuis/percobaan/<int:attempt_id>/jawab/", views.answer_submit, name="answer_submit"),
    path(
        "kuis/percobaan/<int:attempt_id>/umpan-balik/<str:question_key>/",
        views.answer_feedback,
        name="answer_feedback",
    ),
    path("kuis/percobaan/<int:attempt_id>/selesai/", views.attempt_finish, name="attempt_finish"),
    path("kuis/percobaan/<int:attempt_id>/hasil/", views.attempt_result, name="attempt_result"),
]
