"""`{% quiz_feedback item %}`: one question's feedback (quizzes/includes/feedback.html),
rendered once per process for each distinct content and language.

The same feedback is shown to thousands of learners (most answer most questions the same
way), and rendering it (options, the why, rich text, citations) was most of the result
page's time. The cache key is a digest of everything the fragment shows, so a cached
fragment is never shown for other content; it holds only quiz content and the learner's
choice marks, nothing personal.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "quizzes/includes/feedback.html"
MAX_FRAGMENTS = 2048  # a few quizzes' worth of questions x common answers, ~3 KB each

_fragments: OrderedDict[str, SafeString] = OrderedDict()
_lock = threading.Lock()


def _key(item: dict) -> str:
    content = json.dumps(item, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(f"{get_language()}\0{content}".encode(), digest_size=16).hexdigest()


@register.simple_tag
def quiz_feedback(item: dict) -> SafeString:
    key = _key(item)
    with _lock:
        html = _fragments.get(key)
        if html is not None:
            _fragments.move_to_end(key)
            return html
    html = mark_safe(render_to_string(TEMPLATE, {"item": item}))  # noqa: S308 - our template's output
    with _lock:
        _fragments[key] = html
        while len(_fragments) > MAX_FRAGMENTS:
            _fragments.popitem(last=False)
    return html


def clear() -> None:
    """Forget every fragment (tests; nothing else needs to: keys cover the content)."""
    with _lock:
        _fragments.clear()
