"""Sample questions, one per block type: the blocks' `preview_value` in the editor's
block chooser and the defaults of the test factories (`factories.py`, which copy them).
"""

SINGLE_CHOICE = {
    "prompt": "Siapa yang menjatuhkan hukuman disiplin kepada PNS yang tidak netral?",
    "points": 1,
    "explanation": "<p>Bawaslu mengkaji; PPK yang menjatuhkan hukuman.</p>",
    "citations": ["PP 94/2021"],
    "sanction": {"lowest": "", "highest": "", "note": ""},
    "options": [
        {"text": "Bawaslu", "correct": False, "feedback": "Bawaslu tidak menghukum ASN."},
        {"text": "Pejabat Pembina Kepegawaian", "correct": True, "feedback": "Tepat."},
        {"text": "Camat", "correct": False, "feedback": "Bukan kewenangan camat."},
    ],
}

MULTIPLE_CHOICE = {
    "prompt": "Mana yang termasuk dukungan di media sosial?",
    "points": 1,
    "explanation": "<p>Semua interaksi dengan akun kampanye adalah dukungan.</p>",
    "citations": ["SKB 2022 lampiran, daftar B no. 6"],
    "sanction": {"lowest": "moral", "highest": "berat", "note": ""},
    "partial_credit": False,
    "options": [
        {"text": "Menyukai unggahan calon", "correct": True, "feedback": ""},
        {"text": "Membagikan jadwal TPS dari KPU", "correct": False, "feedback": ""},
        {"text": "Mengikuti akun tim pemenangan", "correct": True, "feedback": ""},
    ],
}

TRUE_FALSE = {
    "prompt": "Membagikan poster resmi KPU tentang jadwal pemungutan suara itu boleh.",
    "points": 1,
    "explanation": "<p>Informasi netral dari penyelenggara pemilu boleh dibagikan.</p>",
    "citations": ["SKB 2022"],
    "sanction": {"lowest": "none", "highest": "none", "note": ""},
    "answer": "benar",
    "feedback_true": "Tepat, informasi KPU netral.",
    "feedback_false": "Informasi resmi KPU boleh dibagikan.",
}

FEED_POST = {
    "prompt": "Anda tidak sengaja menyukai video ini. Apa yang Anda lakukan sekarang?",
    "points": 2,
    "explanation": "<p>Tanda suka pada unggahan calon adalah bentuk dukungan.</p>",
    "citations": ["SKB 2022 lampiran, daftar A no. 4 dan daftar B no. 6"],
    "sanction": {"lowest": "moral", "highest": "berat", "note": ""},
    "post": {
        "platform": "instagram",
        "author_name": "Budi & Sari untuk Wiratama",
        "author_handle": "budisari",
        "author_avatar": None,
        "badge": "calon",
        "badge_text": "Paslon 02",
        "text": "Bersama membangun Wiratama!",
        "image": None,
        "image_description": "Video kampanye pasangan calon",
        "posted": "1 jam",
        "likes": 1204,
        "comments": 88,
        "shares": 41,
        "already_liked": True,
    },
    "actions": [
        {
            "action": "like",
            "label": "Batalkan suka, lalu beri tahu atasan langsung",
            "correct": True,
            "feedback": "Tepat: hentikan interaksinya dan laporkan dengan jujur.",
        },
        {
            "action": "hide",
            "label": "Biarkan saja, cuma satu tanda suka",
            "correct": False,
            "feedback": "Tanda suka tetap tercatat sebagai dukungan.",
        },
        {
            "action": "comment",
            "label": "Komentar: 'Maaf, tidak sengaja'",
            "correct": False,
            "feedback": "Komentar adalah interaksi baru dengan akun kampanye.",
        },
    ],
}

BRANCHING = {
    "prompt": "Rekan kerja memasukkan Anda ke grup WhatsApp relawan pasangan calon.",
    "points": 1,
    "explanation": "<p>Bergabung dengan grup pemenangan adalah bentuk dukungan.</p>",
    "citations": ["SKB 2022 lampiran, daftar B no. 6"],
    "sanction": {"lowest": "moral", "highest": "berat", "note": ""},
    "choices": [
        {
            "text": "Keluar dari grup",
            "correct": True,
            "consequence": "Anda keluar. Rekan Anda bertanya mengapa.",
            "follow_up_prompt": "Apa yang Anda sampaikan kepadanya?",
            "follow_up_options": [
                {"text": "ASN wajib netral", "correct": True, "feedback": "Tepat."},
                {"text": "HP saya penuh", "correct": False, "feedback": "Sampaikan alasannya."},
            ],
        },
        {
            "text": "Tetap di grup tanpa berkomentar",
            "correct": False,
            "consequence": "Grup terus mengirim materi kampanye.",
            "follow_up_prompt": "Apa yang sebaiknya Anda lakukan sekarang?",
            "follow_up_options": [
                {"text": "Keluar dan beri tahu atasan", "correct": True, "feedback": "Ya."},
                {"text": "Meneruskan materinya", "correct": False, "feedback": "Jangan."},
            ],
        },
    ],
}
