"""Question blocks for `QuizPage.questions`, one block type per question kind.

Editors compose a quiz from these in the Wagtail admin. What a learner is shown comes from
a frozen snapshot of them (`versions.py`), never from the live blocks, so editing a
published quiz cannot change an attempt in progress. Correct flags and feedback live here
and reach the browser only after the learner has answered (see `templates/quizzes/`).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from . import samples
from .sanctions import SANCTION_CHOICES, sanction_index


class SanctionRangeBlock(blocks.StructBlock):
    """The range of sanctions an act can bring. Sources give ranges, not one fixed penalty
    per act (the SKB 2022 lists some acts under both the ethics and the discipline list),
    so feedback states the range."""

    lowest = blocks.ChoiceBlock(
        choices=SANCTION_CHOICES, required=False, label=_("Sanksi paling ringan")
    )
    highest = blocks.ChoiceBlock(
        choices=SANCTION_CHOICES, required=False, label=_("Sanksi paling berat")
    )
    note = blocks.CharBlock(
        required=False,
        max_length=300,
        label=_("Catatan sanksi"),
        help_text=_("mis. 'tergantung tahap: bakal calon atau calon yang sudah ditetapkan'"),
    )

    class Meta:
        icon = "warning"
        label = _("Rentang sanksi")

    def clean(self, value):
        value = super().clean(value)
        lowest, highest = value.get("lowest"), value.get("highest")
        if bool(lowest) != bool(highest):
            raise StructBlockValidationError(
                block_errors={
                    "highest" if lowest else "lowest": ValidationError(
                        _("Isi kedua ujung rentang, atau kosongkan keduanya.")
                    )
                }
            )
        if lowest and sanction_index(lowest) > sanction_index(highest):
            raise StructBlockValidationError(
                block_errors={
                    "highest": ValidationError(
                        _("Sanksi paling berat tidak boleh lebih ringan dari yang paling ringan.")
                    )
                }
            )
        return value


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=300, label=_("Pilihan"))
    correct = blocks.BooleanBlock(required=False, label=_("Jawaban benar"))
    feedback = blocks.TextBlock(
        required=False,
        label=_("Umpan balik bila dipilih"),
        help_text=_("Mengapa pilihan ini tepat atau keliru."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Pilihan jawaban")


class QuestionBlock(blocks.StructBlock):
    """Fields every question kind shares: the prompt, its weight and the feedback that
    explains why, cites the rule and states the sanction range."""

    prompt = blocks.TextBlock(label=_("Pertanyaan"))
    points = blocks.IntegerBlock(min_value=1, max_value=10, default=1, label=_("Bobot"))
    explanation = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"],
        label=_("Penjelasan (mengapa)"),
        help_text=_("Ditampilkan setelah peserta menjawab."),
    )
    citations = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        min_num=1,
        label=_("Dasar aturan"),
        help_text=_("mis. 'PP 94/2021 Pasal 5 huruf n' atau 'SKB 2022 lampiran, daftar B no. 6'"),
    )
    # Optional, beside the free-text citations (which name the article): learners follow
    # these to the regulation's page in the library. Questions saved before have none.
    regulations = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="regulations.RegulationPage"),
        default=[],
        label=_("Regulasi di pustaka"),
        help_text=_("Ditautkan dari umpan balik ke halamannya di pustaka regulasi."),
    )
    sanction = SanctionRangeBlock()

    def _options_error(self, message, field="options"):
        return StructBlockValidationError(block_errors={field: ValidationError(message)})


class SingleChoiceBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), min_num=2, max_num=8, label=_("Pilihan"))

    class Meta:
        icon = "radio-full"
        label = _("Pilihan ganda (satu jawaban)")
        description = _("Satu jawaban benar di antara beberapa pilihan.")
        template = "quizzes/blocks/question_preview.html"
        preview_value = samples.SINGLE_CHOICE

    def clean(self, value):
        value = super().clean(value)
        if sum(1 for option in value["options"] if option["correct"]) != 1:
            raise self._options_error(_("Tandai tepat satu pilihan sebagai jawaban benar."))
        return value


class MultipleChoiceBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), min_num=2, max_num=10, label=_("Pilihan"))
    partial_credit = blocks.BooleanBlock(
        required=False,
        label=_("Nilai sebagian"),
        help_text=_(
            "Tanpa ini, nilai penuh hanya bila semua jawaban benar dipilih dan tidak ada yang "
            "salah. Dengan ini, tiap pilihan salah mengurangi satu pilihan benar."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Pilihan ganda (beberapa jawaban)")
        description = _("Peserta memilih semua jawaban yang benar.")
        template = "quizzes/blocks/question_preview.html"
        preview_value = samples.MULTIPLE_CHOICE

    def clean(self, value):
        value = super().clean(value)
        if not any(option["correct"] for option in value["options"]):
            raise self._options_error(_("Tandai sedikitnya satu pilihan sebagai jawaban benar."))
        return value


class TrueFalseBlock(QuestionBlock):
    answer = blocks.ChoiceBlock(
        choices=[("benar", _("Benar")), ("salah", _("Salah"))], label=_("Jawaban yang benar")
    )
    feedback_true = blocks.TextBlock(required=False, label=_("Umpan balik bila menjawab Benar"))
    feedback_false = blocks.TextBlock(required=False, label=_("Umpan balik bila menjawab Salah"))

    class Meta:
        icon = "tick"
        label = _("Benar / salah")
        description = _("Satu pernyataan; peserta menjawab benar atau salah.")
        template = "quizzes/blocks/question_preview.html"
        preview_value = samples.TRUE_FALSE


FEED_BAR_ACTIONS = ("like", "comment", "share", "follow")


class FeedActionBlock(blocks.StructBlock):
    """One thing the learner can do to the post. Like, comment, share and follow are the
    card's own buttons; the rest are listed under it."""

    action = blocks.ChoiceBlock(
        choices=[
            ("like", _("Suka (atau batal suka bila sudah disukai)")),
            ("comment", _("Komentar")),
            ("share", _("Bagikan")),
            ("follow", _("Ikuti akun")),
            ("report", _("Laporkan")),
            ("hide", _("Lewati / sembunyikan")),
            ("other", _("Tindakan lain")),
        ],
        label=_("Tombol"),
    )
    label = blocks.CharBlock(
        max_length=300,
        label=_("Teks tindakan"),
        help_text=_("mis. 'Komentar: Mantap, lanjutkan!' atau 'Batalkan suka dan lapor atasan'"),
    )
    correct = blocks.BooleanBlock(required=False, label=_("Tindakan yang tepat"))
    feedback = blocks.TextBlock(required=False, label=_("Umpan balik bila dipilih"))

    class Meta:
        icon = "pick"
        label = _("Tindakan")


PLATFORM_CHOICES = [
    ("instagram", "Instagram"),
    ("facebook", "Facebook"),
    ("x", "X"),
    ("tiktok", "TikTok"),
]
BADGE_CHOICES = [
    ("", _("Tanpa label")),
    ("calon", _("Calon / pasangan calon")),
    ("tim", _("Tim pemenangan / relawan")),
    ("partai", _("Partai politik")),
    ("resmi", _("Akun resmi lembaga (KPU, Bawaslu, pemerintah)")),
    ("pribadi", _("Akun pribadi")),
]


class FeedPostBlock(blocks.StructBlock):
    """A post as it appears in a social-media feed."""

    platform = blocks.ChoiceBlock(choices=PLATFORM_CHOICES, default="instagram")
    author_name = blocks.CharBlock(max_length=80, label=_("Nama akun"))
    author_handle = blocks.CharBlock(max_length=60, required=False, label=_("Nama pengguna"))
    author_avatar = ImageChooserBlock(required=False, label=_("Foto profil"))
    badge = blocks.ChoiceBlock(
        choices=BADGE_CHOICES, required=False, label=_("Jenis akun"), default=""
    )
    badge_text = blocks.CharBlock(
        max_length=40, required=False, label=_("Label"), help_text=_("mis. 'Paslon 02'")
    )
    text = blocks.TextBlock(label=_("Isi unggahan"))
    image = ImageChooserBlock(required=False, label=_("Gambar unggahan"))
    image_description = blocks.CharBlock(
        max_length=200,
        required=False,
        label=_("Deskripsi gambar"),
        help_text=_("Teks alternatif; tanpa gambar, ditampilkan sebagai pengganti gambar."),
    )
    posted = blocks.CharBlock(max_length=40, required=False, label=_("Waktu"), default="2 jam")
    likes = blocks.IntegerBlock(min_value=0, default=0, label=_("Jumlah suka"))
    comments = blocks.IntegerBlock(min_value=0, default=0, label=_("Jumlah komentar"))
    shares = blocks.IntegerBlock(min_value=0, default=0, label=_("Jumlah dibagikan"))
    already_liked = blocks.BooleanBlock(
        required=False,
        label=_("Sudah disukai peserta"),
        help_text=_("Varian 'tidak sengaja menyukai': kartu dibuka dengan 'Anda menyukai ini'."),
    )

    class Meta:
        icon = "image"
        label = _("Unggahan")


class FeedScenarioBlock(QuestionBlock):
    post = FeedPostBlock()
    actions = blocks.ListBlock(FeedActionBlock(), min_num=2, max_num=8, label=_("Tindakan"))

    class Meta:
        icon = "image"
        label = _("Skenario linimasa media sosial")
        description = _("Unggahan seperti di linimasa; tindakan peserta adalah jawabannya.")
        template = "quizzes/blocks/question_preview.html"
        preview_value = samples.FEED_POST

    def clean(self, value):
        value = super().clean(value)
        actions = [a["action"] for a in value["actions"]]
        if not any(a["correct"] for a in value["actions"]):
            raise self._options_error(_("Tandai sedikitnya satu tindakan yang tepat."), "actions")
        for bar_action in FEED_BAR_ACTIONS:
            if actions.count(bar_action) > 1:
                raise self._options_error(
                    _("Tombol suka, komentar, bagikan dan ikuti masing-masing hanya sekali."),
                    "actions",
                )
        return value


class BranchChoiceBlock(blocks.StructBlock):
    """One path through a branching scenario: the choice, what happens next, and the
    follow-up question that only this path asks."""

    text = blocks.CharBlock(max_length=300, label=_("Pilihan"))
    correct = blocks.BooleanBlock(required=False, label=_("Pilihan terbaik"))
    consequence = blocks.TextBlock(label=_("Akibat pilihan ini"))
    follow_up_prompt = blocks.TextBlock(label=_("Pertanyaan lanjutan"))
    follow_up_options = blocks.ListBlock(
        OptionBlock(), min_num=2, max_num=6, label=_("Pilihan pertanyaan lanjutan")
    )

    class Meta:
        icon = "redirect"
        label = _("Cabang")


class BranchingScenarioBlock(QuestionBlock):
    choices = blocks.ListBlock(BranchChoiceBlock(), min_num=2, max_num=5, label=_("Cabang"))

    class Meta:
        icon = "redirect"
        label = _("Skenario bercabang")
        description = _(
            "Situasi, pilihan, akibat tiap pilihan, lalu pertanyaan lanjutan sesuai pilihan. "
            "Keputusan dan pertanyaan lanjutan masing-masing bernilai sesuai bobot."
        )
        template = "quizzes/blocks/question_preview.html"
        preview_value = samples.BRANCHING

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise self._options_error(_("Tandai sedikitnya satu pilihan terbaik."), "choices")
        for choice in value["choices"]:
            if not any(option["correct"] for option in choice["follow_up_options"]):
                raise self._options_error(
                    _("Setiap pertanyaan lanjutan perlu sedikitnya satu jawaban benar."), "choices"
                )
        return value


class QuizStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    feed_post = FeedScenarioBlock()
    branching = BranchingScenarioBlock()

    class Meta:
        min_num = 1
