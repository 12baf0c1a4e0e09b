"""Hand-built quiz specs for the pure tests (no ORM, no Wagtail blocks)."""


def option(key, correct=False, text=None, action=""):
    entry = {"key": key, "text": text or key, "correct": correct, "feedback": f"fb {key}"}
    if action:
        entry["action"] = action
    return entry


def question(key, kind="single_choice", points=1, options=None, **extra):
    base = {
        "key": key,
        "kind": kind,
        "prompt": f"prompt {key}",
        "points": points,
        "explanation": "<p>why</p>",
        "citations": ["PP 94/2021 Pasal 5 huruf n"],
        "sanction": {"lowest": "moral", "highest": "berat", "note": ""},
    }
    if options is not None:
        base["options"] = options
    base.update(extra)
    return base


def single(key, correct="a", keys=("a", "b", "c"), points=1):
    return question(key, points=points, options=[option(k, k == correct) for k in keys])


def multiple(key, correct=("a", "c"), keys=("a", "b", "c", "d"), partial=False, points=1):
    return question(
        key,
        "multiple_choice",
        points,
        [option(k, k in correct) for k in keys],
        partial_credit=partial,
    )


def true_false(key, answer="benar", points=1):
    return question(
        key,
        "true_false",
        points,
        [option("benar", answer == "benar"), option("salah", answer == "salah")],
    )


def feed(key, correct=("undo",), points=2):
    actions = [("undo", "like"), ("ignore", "hide"), ("sorry", "comment"), ("share", "share")]
    return question(
        key,
        "feed_post",
        points,
        [option(k, k in correct, action=a) for k, a in actions],
        post={"already_liked": True, "platform": "instagram"},
    )


def branching(key, points=1):
    return question(
        key,
        "branching",
        points,
        choices=[
            {
                "key": "leave",
                "text": "leave",
                "correct": True,
                "feedback": "",
                "consequence": "you left",
                "follow_up_prompt": "then?",
                "follow_up_options": [option("say", True), option("mute")],
            },
            {
                "key": "stay",
                "text": "stay",
                "correct": False,
                "feedback": "",
                "consequence": "messages keep coming",
                "follow_up_prompt": "now?",
                "follow_up_options": [option("exit", True), option("forward")],
            },
        ],
    )


def mixed_quiz():
    return [
        single("q1"),
        multiple("q2", partial=True),
        true_false("q3"),
        feed("q4"),
        branching("q5"),
        multiple("q6", partial=False, points=3),
    ]
