"""Freeze a quiz page into the spec that attempts are played and scored against.

The spec is plain JSON: the quiz rules plus every question with its options, correct
flags and feedback, keyed by the StreamField block ids (stable across edits of the same
block). Images are stored as rendition URLs so playing an attempt never touches the
image tables. `scoring.py` reads this format.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from django.core.cache import cache
from django.db import IntegrityError, transaction

from .models import QuizPage, QuizVersion

_SETTINGS = (
    "pass_mark",
    "max_attempts",
    "cooldown_minutes",
    "time_limit_minutes",
    "shuffle_questions",
    "shuffle_options",
    "feedback_timing",
)


def _items(list_value) -> list[tuple[str, dict]]:
    """(key, value) of ListBlock items; the index stands in for an id only for data that
    was never saved through a form or `QuizPage.clean` (old imports)."""
    bound = getattr(list_value, "bound_blocks", None)
    if bound is None:
        return [(f"i{index}", value) for index, value in enumerate(list_value)]
    return [(item.id or f"i{index}", item.value) for index, item in enumerate(bound)]


def _option(key: str, value) -> dict:
    return {
        "key": key,
        "text": value["text"],
        "correct": bool(value["correct"]),
        "feedback": value.get("feedback") or "",
    }


def _rendition_url(image, spec: str) -> str | None:
    if image is None:
        return None
    try:
        return image.get_rendition(spec).url
    except Exception:  # a missing file must not break the quiz: show no image
        return None


def _question(block) -> dict:
    value = block.value
    question = {
        "key": block.id,
        "kind": block.block_type,
        "prompt": value["prompt"],
        "points": int(value["points"] or 1),
        "explanation": value["explanation"].source if value["explanation"] else "",
        "citations": [c for c in value["citations"] if c],
        "sanction": {
            "lowest": value["sanction"]["lowest"] or "",
            "highest": value["sanction"]["highest"] or "",
            "note": value["sanction"]["note"] or "",
        },
    }
    # Page ids and labels, linked through the library's stable /regulasi/<id>/ URL so a
    # frozen version keeps working when a regulation page moves. Only present when set, so
    # quizzes without links freeze exactly as before.
    regulations = [
        {"id": page.pk, "label": page.label}
        for page in value.get("regulations") or []
        if page is not None
    ]
    if regulations:
        question["regulations"] = regulations
    kind = block.block_type
    if kind in ("single_choice", "multiple_choice"):
        question["options"] = [_option(k, v) for k, v in _items(value["options"])]
        question["partial_credit"] = bool(value.get("partial_credit"))
    elif kind == "true_false":
        question["options"] = [
            {
                "key": key,
                "text": "",
                "correct": value["answer"] == key,
                "feedback": value[f"feedback_{'true' if key == 'benar' else 'false'}"] or "",
            }
            for key in ("benar", "salah")
        ]
    elif kind == "feed_post":
        post = value["post"]
        question["post"] = {
            "platform": post["platform"],
            "author_name": post["author_name"],
            "author_handle": post["author_handle"] or "",
            "avatar_url": _rendition_url(post["author_avatar"], "fill-96x96"),
            "badge": post["badge"] or "",
            "badge_text": post["badge_text"] or "",
            "text": post["text"],
            "image_url": _rendition_url(post["image"], "width-800"),
            "image_description": post["image_description"] or "",
            "posted": post["posted"] or "",
            "likes": int(post["likes"] or 0),
            "comments": int(post["comments"] or 0),
            "shares": int(post["shares"] or 0),
            "already_liked": bool(post["already_liked"]),
        }
        question["options"] = [
            {**_option(k, {**v, "text": v["label"]}), "action": v["action"]}
            for k, v in _items(value["actions"])
        ]
    elif kind == "branching":
        question["choices"] = [
            {
                "key": key,
                "text": choice["text"],
                "correct": bool(choice["correct"]),
                "feedback": "",
                "consequence": choice["consequence"],
                "follow_up_prompt": choice["follow_up_prompt"],
                "follow_up_options": [
                    _option(k, v) for k, v in _items(choice["follow_up_options"])
                ],
            }
            for key, choice in _items(value["choices"])
        ]
    return question


def build_spec(quiz: QuizPage) -> dict:
    """The spec of `quiz` as it stands in memory (live content, or a draft in preview)."""
    return {
        "settings": {name: getattr(quiz, name) for name in _SETTINGS},
        "questions": [_question(block) for block in quiz.questions],
    }


def spec_digest(spec: dict) -> str:
    canonical = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _cache_key(quiz: QuizPage) -> str:
    return f"netra:quiz-version:{quiz.pk}:{quiz.live_revision_id}"


def version_for_live(quiz: QuizPage) -> QuizVersion:
    """The version new attempts of the live quiz are played against, created on first use
    after each publish. Cached per live revision, so starting an attempt does not rebuild
    the spec; identical content maps to the same version."""
    version_id = cache.get(_cache_key(quiz))
    if version_id is not None:
        version = QuizVersion.objects.filter(pk=version_id, quiz=quiz).first()
        if version is not None:
            return version
    spec = build_spec(quiz)
    digest = spec_digest(spec)
    try:
        with transaction.atomic():
            version, _created = QuizVersion.objects.get_or_create(
                quiz=quiz,
                digest=digest,
                defaults={"spec": spec, "revision_id": quiz.live_revision_id},
            )
    except IntegrityError:
        # Another request created it between our read and write.
        version = QuizVersion.objects.get(quiz=quiz, digest=digest)
    cache.set(_cache_key(quiz), version.pk, None)
    return version


@lru_cache(maxsize=256)
def spec_for(version_id: int, digest: str) -> dict:
    """The spec of a version, read once per process. Versions never change (a new edit
    makes a new one), and the key includes the content digest, so a cached spec can never
    be stale; hot paths defer the JSON column and take it from here."""
    return QuizVersion.objects.values_list("spec", flat=True).get(pk=version_id, digest=digest)
