"""Kuis demo "Uji Pemahaman: Netralitas ASN di Media Sosial".

Plain Python data for the demo quiz that follows the course in `courses/demo_content.py`:
`QUIZ` holds the page settings and `QUESTIONS` the (block type, value) pairs for
`QuizPage.questions`, matching `quizzes/blocks.py` field for field. Facts come from the
team's domain notes (netralitas-asn.md, sections 1–5). Points the notes mark [verify] are
left out or softened, and feedback states sanction ranges rather than one fixed penalty.
The setting (Pemerintah Kota Wiratama), candidates (Paslon 01/02/03) and party (Partai
Contoh) are fictional. Image fields are None; `image_description` stands in for the
picture.
"""

QUIZ = {
    "title": "Uji Pemahaman: Netralitas ASN di Media Sosial",
    "slug": "kuis-netralitas",
    "intro": (
        "<p>Kuis ini menguji apa yang sudah Anda pelajari di kursus Netralitas ASN di Media "
        "Sosial. Anda akan menemui <b>kartu unggahan</b> seperti di linimasa Instagram, "
        "Facebook, X, dan TikTok, <b>skenario bercabang</b> yang berlanjut sesuai pilihan "
        "Anda, serta soal pilihan ganda dan benar/salah. Pada kartu unggahan, pilih tindakan "
        "yang benar-benar akan Anda lakukan.</p>"
        "<p>Penjelasan dan dasar aturannya muncul setelah Anda menjawab setiap soal. "
        "<b>Nilai lulus 70.</b> Anda punya 3 kesempatan, dengan jeda 30 menit antarpercobaan.</p>"
    ),
    "estimated_minutes": 20,
    "pass_mark": 70,  # nosec B105  # a pass mark, not a password
    "max_attempts": 3,
    "cooldown_minutes": 30,
    "time_limit_minutes": None,
    "shuffle_questions": False,
    "shuffle_options": True,
    "feedback_timing": "immediate",
}

QUESTIONS = [
    # ------------------------------------------------------------------ 1
    # Scenario 14: "Mantap, lanjutkan!" on the incumbent's campaign post.
    (
        "feed_post",
        {
            "prompt": (
                "Masa kampanye Pilkada. Wali kota petahana, yang kini maju lagi sebagai "
                "Paslon 01, mengunggah capaiannya. Anda merasa programnya memang bagus. "
                "Apa yang Anda lakukan?"
            ),
            "points": 2,
            "explanation": (
                "<p>Akun kampanye petahana tetap <b>akun kampanye</b>, walaupun pemiliknya "
                "pimpinan Anda sendiri. Pedoman netralitas ASN (SKB 2022) menyebut "
                "<b>menyukai, mengomentari, membagikan</b>, dan <b>mengikuti</b> akun "
                "calon atau tim pemenangan sebagai pelanggaran. Komentar singkat seperti "
                "“Mantap, lanjutkan!” atau sekadar emoji pun dihitung.</p>"
                "<p>Satu-satunya pilihan yang aman adalah menggulir terus tanpa memberi "
                "reaksi. Pendapat Anda tentang program calon cukup Anda bawa ke bilik "
                "suara.</p>"
            ),
            "citations": [
                "SKB 2022 lampiran, daftar A no. 4 dan daftar B no. 6",
                "UU 20/2023 Pasal 24 ayat (1) huruf d",
            ],
            "sanction": {
                "lowest": "moral",
                "highest": "berat",
                "note": (
                    "Perbuatan ini ada di daftar kode etik (sanksi moral) dan daftar disiplin "
                    "(hingga hukuman berat); jalurnya ditentukan saat pemeriksaan."
                ),
            },
            "post": {
                "platform": "facebook",
                "author_name": "Harun Setiadi",
                "author_handle": "harunsetiadi.wiratama",
                "author_avatar": None,
                "badge": "calon",
                "badge_text": "Paslon 01 · Petahana",
                "text": (
                    "Lima tahun kita bangun Wiratama bersama: 12 puskesmas direnovasi, jalan "
                    "ke Pesisir sudah mulus. Pekerjaan belum selesai. Mari lanjutkan! "
                    "#Lanjutkan01 #PilkadaWiratama"
                ),
                "image": None,
                "image_description": (
                    "Foto: Harun Setiadi berkaus kampanye nomor 01 meninjau jalan baru di Pesisir"
                ),
                "posted": "2 jam",
                "likes": 3120,
                "comments": 458,
                "shares": 210,
                "already_liked": False,
            },
            "actions": [
                {
                    "action": "comment",
                    "label": "Komentar: “Mantap, lanjutkan!”",
                    "correct": False,
                    "feedback": (
                        "Keliru. Komentar di unggahan kampanye adalah bentuk dukungan, sependek "
                        "apa pun isinya."
                    ),
                },
                {
                    "action": "like",
                    "label": "Suka saja, toh beliau pimpinan kita sendiri",
                    "correct": False,
                    "feedback": (
                        "Keliru. Status petahana tidak mengubah apa pun: ini unggahan kampanye, "
                        "dan tanda suka dihitung sebagai dukungan."
                    ),
                },
                {
                    "action": "share",
                    "label": "Bagikan ke grup kantor sebagai info capaian pemkot",
                    "correct": False,
                    "feedback": (
                        "Keliru. Membagikan konten kampanye, apalagi ke rekan sekantor, adalah "
                        "dukungan dan bisa dibaca sebagai ajakan kepada sesama pegawai."
                    ),
                },
                {
                    "action": "follow",
                    "label": "Ikuti akun ini supaya tidak ketinggalan kabar",
                    "correct": False,
                    "feedback": (
                        "Keliru. Mengikuti akun calon atau tim pemenangan termasuk pelanggaran "
                        "menurut SKB 2022."
                    ),
                },
                {
                    "action": "hide",
                    "label": "Lewati tanpa memberi reaksi apa pun",
                    "correct": True,
                    "feedback": (
                        "Tepat. Membaca tanpa bereaksi tidak melanggar. Simpan penilaian Anda "
                        "untuk bilik suara."
                    ),
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 2
    (
        "multiple_choice",
        {
            "prompt": (
                "Selama tahapan pilkada, mana saja yang termasuk dukungan kepada calon di "
                "media sosial dan karena itu dilarang bagi ASN? Pilih semua yang benar."
            ),
            "points": 1,
            "explanation": (
                "<p>Prinsipnya: <b>jangan berinteraksi dengan konten calon atau tim "
                "pemenangannya dalam bentuk apa pun.</b> SKB 2022 menyebut unggahan, "
                "komentar, tanda suka, dan membagikan, serta bergabung dengan atau mengikuti "
                "grup maupun akun pemenangan. Kementerian PANRB juga mengingatkan agar ASN "
                "tidak mengirim stiker WhatsApp bergambar calon.</p>"
                "<p>Yang tetap boleh: menyebarkan informasi resmi KPU, membaca profil calon "
                "di situs KPU, dan berhenti mengikuti akun calon.</p>"
            ),
            "citations": [
                "SKB 2022 lampiran, daftar A no. 4 dan daftar B no. 6",
                "Imbauan MenPAN-RB, 9 November 2023 (stiker WhatsApp)",
            ],
            "sanction": {
                "lowest": "moral",
                "highest": "berat",
                "note": "Sanksi moral (kode etik) sampai hukuman disiplin berat.",
            },
            "partial_credit": True,
            "options": [
                {
                    "text": "Menyukai video kampanye pasangan calon",
                    "correct": True,
                    "feedback": "Benar, tanda suka adalah bentuk dukungan.",
                },
                {
                    "text": "Berkomentar hanya dengan emoji 👍 di unggahan tim pemenangan",
                    "correct": True,
                    "feedback": "Benar, emoji pun termasuk komentar.",
                },
                {
                    "text": "Meneruskan pesan siaran relawan calon ke grup alumni",
                    "correct": True,
                    "feedback": ("Benar, meneruskan pesan sama dengan membagikan konten kampanye."),
                },
                {
                    "text": "Mengirim stiker WhatsApp bergambar calon dan nomor urutnya",
                    "correct": True,
                    "feedback": "Benar, Kementerian PANRB secara khusus melarangnya.",
                },
                {
                    "text": "Membagikan jadwal pemungutan suara dari akun resmi KPU",
                    "correct": False,
                    "feedback": (
                        "Ini boleh. Informasi resmi KPU bersifat netral dan membantu warga "
                        "datang ke TPS."
                    ),
                },
                {
                    "text": "Berhenti mengikuti akun calon agar kontennya tidak muncul lagi",
                    "correct": False,
                    "feedback": (
                        "Ini boleh, bahkan dianjurkan untuk mengurangi risiko salah ketuk."
                    ),
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 3
    # Scenario 17: following all candidates "to compare".
    (
        "feed_post",
        {
            "prompt": (
                "Anda belum menentukan pilihan dan ingin membandingkan program ketiga paslon "
                "secara adil. Video ini muncul di beranda TikTok Anda. Apa yang Anda lakukan?"
            ),
            "points": 2,
            "explanation": (
                "<p>Niat membandingkan itu baik, tetapi <b>mengikuti akun tim pemenangan "
                "tetap pelanggaran</b>, berapa pun jumlah calon yang Anda ikuti. Mengikuti "
                "ketiganya tidak membuat Anda netral; itu tiga pelanggaran, bukan nol.</p>"
                "<p>Cara yang aman untuk mengenal calon:</p>"
                "<ul>"
                "<li>baca visi, misi, dan program semua paslon di kanal resmi KPU;</li>"
                "<li>lihat halaman publik tanpa mengikuti akunnya dan tanpa memberi "
                "reaksi.</li>"
                "</ul>"
            ),
            "citations": ["SKB 2022 lampiran, daftar A no. 4 dan daftar B no. 6"],
            "sanction": {
                "lowest": "moral",
                "highest": "berat",
                "note": "Berlaku untuk mengikuti, menyukai, dan membagikan konten tim pemenangan.",
            },
            "post": {
                "platform": "tiktok",
                "author_name": "Relawan Rudi–Ayu Wiratama",
                "author_handle": "relawanrudiayu",
                "author_avatar": None,
                "badge": "tim",
                "badge_text": "Tim Pemenangan Paslon 03",
                "text": (
                    "Malam ini debat kedua! Follow akun ini biar nggak ketinggalan jadwal dan "
                    "cuplikan debat Rudi–Ayu 🔥 #Paslon03 #DebatPilkadaWiratama"
                ),
                "image": None,
                "image_description": "Video: cuplikan debat, calon wali kota Paslon 03 berbicara di podium",
                "posted": "5 jam",
                "likes": 8450,
                "comments": 612,
                "shares": 1303,
                "already_liked": False,
            },
            "actions": [
                {
                    "action": "follow",
                    "label": "Ikuti akun ini, lalu ikuti juga akun tim Paslon 01 dan 02 supaya adil",
                    "correct": False,
                    "feedback": (
                        "Keliru. Aturan melarang mengikuti akun pemenangan, bukan hanya "
                        "mengikuti satu pihak. Adil bagi ASN berarti tidak mengikuti semuanya."
                    ),
                },
                {
                    "action": "like",
                    "label": "Sukai videonya saja sebagai tanda sudah menonton",
                    "correct": False,
                    "feedback": (
                        "Keliru. Tanda suka pada konten tim pemenangan adalah dukungan, "
                        "apa pun maksud Anda."
                    ),
                },
                {
                    "action": "share",
                    "label": "Bagikan ke grup keluarga supaya mereka juga bisa membandingkan",
                    "correct": False,
                    "feedback": (
                        "Keliru. Membagikan konten kampanye tetap dukungan, walaupun tujuannya "
                        "memberi informasi."
                    ),
                },
                {
                    "action": "other",
                    "label": "Baca visi, misi, dan program ketiga paslon di situs resmi KPU",
                    "correct": True,
                    "feedback": (
                        "Tepat. Kanal resmi KPU memuat dokumen semua paslon secara setara, "
                        "tanpa jejak interaksi dengan akun kampanye."
                    ),
                },
                {
                    "action": "hide",
                    "label": "Tonton tanpa memberi reaksi apa pun, lalu lanjut menggulir",
                    "correct": True,
                    "feedback": (
                        "Boleh. Melihat tanpa bereaksi atau mengikuti bukan interaksi. Untuk "
                        "perbandingan yang adil, tetap lengkapi dengan dokumen di situs KPU."
                    ),
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 4
    # Scenario 15: a relative's caleg photo.
    (
        "feed_post",
        {
            "prompt": (
                "Nadia adalah putri Anda. Ia baru mendaftar sebagai bakal caleg dan "
                "mengunggah foto ini. Anda bangga sekali. Apa yang Anda lakukan?"
            ),
            "points": 2,
            "explanation": (
                "<p>Larangan menyukai, mengomentari, dan membagikan konten berlaku untuk "
                "semua bakal calon, termasuk calon anggota DPRD. <b>Aturan tidak memberi "
                "pengecualian untuk keluarga.</b> KASN pada 2023 secara khusus mengimbau ASN "
                "agar tidak memberi dukungan di media sosial kepada pasangan, anak, atau "
                "kerabat yang menjadi calon.</p>"
                "<p>Dukungan sebagai orang tua tetap bisa Anda berikan secara pribadi, di "
                "rumah atau lewat telepon, bukan di ruang publik media sosial.</p>"
            ),
            "citations": [
                "SKB 2022 lampiran, daftar A no. 4 dan daftar B no. 6",
                "Imbauan KASN, Agustus 2023 (pasangan, anak, dan kerabat yang menjadi calon)",
            ],
            "sanction": {
                "lowest": "moral",
                "highest": "berat",
                "note": "Hubungan keluarga tidak mengubah rentang sanksinya.",
            },
            "post": {
                "platform": "instagram",
                "author_name": "Nadia Rahmawati",
                "author_handle": "nadiarahma.id",
                "author_avatar": None,
                "badge": "calon",
                "badge_text": "Bakal caleg · Partai Contoh",
                "text": (
                    "Bismillah. Hari ini resmi mendaftar sebagai bakal calon anggota DPRD Kota "
                    "Wiratama dari Partai Contoh, dapil Wiratama Utara. Mohon doa dan "
                    "dukungannya 🙏"
                ),
                "image": None,
                "image_description": (
                    "Foto: Nadia berkemeja Partai Contoh tersenyum di depan kantor KPU Kota Wiratama"
                ),
                "posted": "kemarin",
                "likes": 534,
                "comments": 97,
                "shares": 12,
                "already_liked": False,
            },
            "actions": [
                {
                    "action": "like",
                    "label": "Suka: ini anak saya sendiri, wajar saja",
                    "correct": False,
                    "feedback": (
                        "Keliru. Tanda suka dari ASN tetap dibaca sebagai dukungan, siapa pun "
                        "calonnya."
                    ),
                },
                {
                    "action": "comment",
                    "label": "Komentar: “Bangga sama kamu, Nak! ❤️”",
                    "correct": False,
                    "feedback": (
                        "Keliru. Komentar hangat di unggahan kampanye tetap komentar pada "
                        "konten bakal calon."
                    ),
                },
                {
                    "action": "share",
                    "label": "Bagikan ke story agar teman-teman ikut mendoakan",
                    "correct": False,
                    "feedback": (
                        "Keliru. Membagikan unggahan bakal calon ke story berarti ikut "
                        "menyebarkan materi kampanyenya."
                    ),
                },
                {
                    "action": "other",
                    "label": "Tidak bereaksi di media sosial; ucapkan selamat langsung di rumah atau lewat telepon",
                    "correct": True,
                    "feedback": (
                        "Tepat. Anda tetap bisa mendukung anak Anda secara pribadi tanpa "
                        "meninggalkan jejak dukungan di media sosial."
                    ),
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 5
    # Scenario 2: sharing official KPU information is allowed.
    (
        "feed_post",
        {
            "prompt": (
                "Keluarga Anda sering bingung soal cara cek DPT. Unggahan KPU ini muncul di "
                "beranda Instagram Anda. Apa yang Anda lakukan?"
            ),
            "points": 2,
            "explanation": (
                "<p>Informasi resmi penyelenggara pemilu, seperti cara cek DPT, lokasi TPS, "
                "dan tanggal pemungutan suara, bersifat <b>netral</b>. ASN justru diharapkan "
                "ikut mendorong warga menggunakan hak pilihnya. Menyukai atau membagikan "
                "unggahan di akun resmi KPU boleh.</p>"
                "<p>Perhatikan batasnya: poster yang sama menjadi <b>tidak boleh</b> "
                "dibagikan bila Anda menambahkan nomor urut, foto, atau petunjuk ke calon "
                "tertentu.</p>"
            ),
            "citations": [
                "Arahan KPU Kabupaten Purbalingga (2018): ASN boleh memberi tanda suka dan berkomentar di akun resmi KPU",
                "SKB 2022 lampiran, daftar A no. 4 dan daftar B no. 6 (yang dilarang: konten calon dan tim pemenangan)",
            ],
            "sanction": {
                "lowest": "none",
                "highest": "none",
                "note": (
                    "Menjadi pelanggaran bila ditambah nomor, gambar, atau ajakan memilih calon "
                    "tertentu."
                ),
            },
            "post": {
                "platform": "instagram",
                "author_name": "KPU Kota Wiratama",
                "author_handle": "kpu_kotawiratama",
                "author_avatar": None,
                "badge": "resmi",
                "badge_text": "KPU Kota Wiratama",
                "text": (
                    "📢 Sudah cek namamu di DPT? Cek DPT online di situs resmi KPU, cukup "
                    "dengan NIK. Pemungutan suara Pilkada Kota Wiratama: Rabu, 27 November "
                    "2024, di TPS masing-masing. Ajak keluarga datang ke TPS! #PilkadaWiratama"
                ),
                "image": None,
                "image_description": (
                    "Poster KPU: tiga langkah cek DPT online dan tanggal pemungutan suara 27 November"
                ),
                "posted": "kemarin",
                "likes": 412,
                "comments": 23,
                "shares": 198,
                "already_liked": False,
            },
            "actions": [
                {
                    "action": "share",
                    "label": "Bagikan ke grup WhatsApp keluarga",
                    "correct": True,
                    "feedback": (
                        "Tepat. Ini informasi netral dari KPU dan membantu keluarga Anda "
                        "menggunakan hak pilihnya."
                    ),
                },
                {
                    "action": "like",
                    "label": "Suka",
                    "correct": True,
                    "feedback": (
                        "Boleh. Memberi tanda suka di akun resmi KPU tidak sama dengan "
                        "mendukung calon."
                    ),
                },
                {
                    "action": "comment",
                    "label": "Komentar: “Sudah cek! Tanggal 27 pilih yang muda dan merakyat ya 😉”",
                    "correct": False,
                    "feedback": (
                        "Keliru. Petunjuk terselubung ke calon tertentu mengubah komentar "
                        "netral menjadi ajakan memilih."
                    ),
                },
                {
                    "action": "other",
                    "label": "Bagikan, tapi tambahkan stiker nomor urut calon pilihan saya",
                    "correct": False,
                    "feedback": (
                        "Keliru. Begitu ditambah nomor urut calon, poster KPU berubah menjadi "
                        "materi kampanye."
                    ),
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 6
    # Scenario 22: masa tenang.
    (
        "true_false",
        {
            "prompt": (
                "Saat masa tenang, masa kampanye sudah berakhir. Jadi, status WhatsApp ASN "
                "berbunyi “Jangan lupa besok coblos nomor 1 ya!” tidak lagi dihitung sebagai "
                "pelanggaran netralitas."
            ),
            "points": 1,
            "explanation": (
                "<p>Kewajiban netral berlaku <b>sebelum, selama, dan sesudah</b> masa "
                "kampanye, termasuk di masa tenang. Ajakan memilih nomor tertentu adalah "
                "ajakan atau seruan yang menunjukkan keberpihakan, kapan pun diunggah. "
                "Status WhatsApp juga media sosial dan ikut dipantau.</p>"
                "<p>Bandingkan dengan “Jangan lupa besok ke TPS, gunakan hak pilihmu!” tanpa "
                "menyebut calon atau nomor. Ajakan netral seperti itu <b>boleh</b>, bahkan di "
                "masa tenang.</p>"
            ),
            "citations": [
                "PP 94/2021 Pasal 5 huruf n angka 6",
                "SKB 2022 lampiran, daftar A no. 2 dan daftar B no. 2",
            ],
            "sanction": {
                "lowest": "moral",
                "highest": "berat",
                "note": "Ajakan netral untuk datang ke TPS tidak melanggar.",
            },
            "answer": "salah",
            "feedback_true": (
                "Kurang tepat. Larangan berpihak tidak berhenti saat kampanye usai. Ajakan "
                "memilih nomor tertentu tetap kampanye, juga di masa tenang."
            ),
            "feedback_false": (
                "Tepat. Status itu tetap ajakan memilih calon tertentu. Yang aman adalah ajakan "
                "netral seperti “Jangan lupa besok ke TPS, gunakan hak pilihmu!”."
            ),
        },
    ),
    # ------------------------------------------------------------------ 7
    # Scenario 1: the accidental like.
    (
        "feed_post",
        {
            "prompt": (
                "Saat menggulir Instagram di jam istirahat, jempol Anda terpeleset dan "
                "mengetuk dua kali video ini. Anda tidak sengaja menyukai video ini. Apa yang "
                "Anda lakukan sekarang?"
            ),
            "points": 2,
            "explanation": (
                "<p>Tanda suka pada konten calon tercantum sebagai pelanggaran dalam SKB "
                "2022. <b>Tidak ada aturan yang memberi pengecualian karena tidak "
                "sengaja.</b> Pada masa kampanye Pilkada 2024, Bawaslu Kota Semarang tetap "
                "meneruskan kasus seorang ASN ke BKN, meskipun ASN itu mengaku tidak sengaja "
                "menyukai unggahan calon. Niat dan kecepatan memperbaiki mungkin "
                "dipertimbangkan saat klarifikasi, tetapi itu keputusan pemeriksa.</p>"
                "<p>Langkah yang dianjurkan:</p>"
                "<ul>"
                "<li>batalkan tanda suka saat itu juga;</li>"
                "<li>catat tanggal, jam, dan unggahannya untuk catatan pribadi;</li>"
                "<li>beri tahu atasan langsung dengan jujur pada hari yang sama;</li>"
                "<li>jangan berinteraksi lagi dengan unggahan itu;</li>"
                "<li>jawab apa adanya bila dipanggil klarifikasi.</li>"
                "</ul>"
                "<p>Langkah-langkah ini adalah <b>praktik yang baik, bukan prosedur yang "
                "diatur peraturan</b>, dan tidak menjamin Anda bebas dari sanksi.</p>"
            ),
            "citations": ["SKB 2022 lampiran, daftar A no. 4 dan daftar B no. 6"],
            "sanction": {
                "lowest": "moral",
                "highest": "berat",
                "note": (
                    "Tidak ada pengecualian karena tidak sengaja; niat dan tindakan Anda "
                    "sesudahnya dinilai oleh pemeriksa."
                ),
            },
            "post": {
                "platform": "instagram",
                "author_name": "Budi & Sari untuk Wiratama",
                "author_handle": "budisari.wiratama",
                "author_avatar": None,
                "badge": "calon",
                "badge_text": "Paslon 02",
                "text": (
                    "Hari ke-20 kampanye: menyapa pedagang Pasar Sukamaju. Wiratama maju, "
                    "warganya sejahtera! 💪 #BudiSari02 #PilkadaWiratama"
                ),
                "image": None,
                "image_description": (
                    "Video: pasangan calon berpose dua jari di depan baliho di Pasar Sukamaju"
                ),
                "posted": "3 jam",
                "likes": 2318,
                "comments": 146,
                "shares": 87,
                "already_liked": True,
            },
            "actions": [
                {
                    "action": "like",
                    "label": "Batalkan suka, catat waktunya, lalu beri tahu atasan langsung",
                    "correct": True,
                    "feedback": (
                        "Tepat. Memperbaiki segera dan melapor dengan jujur menunjukkan itikad "
                        "baik, walau tidak menjamin bebas sanksi."
                    ),
                },
                {
                    "action": "hide",
                    "label": "Biarkan saja, cuma satu tanda suka",
                    "correct": False,
                    "feedback": (
                        "Keliru. Satu tanda suka sudah cukup menjadi dugaan pelanggaran, dan "
                        "makin lama dibiarkan, makin besar peluangnya terekam orang lain."
                    ),
                },
                {
                    "action": "comment",
                    "label": "Komentar: “Maaf, tidak sengaja”",
                    "correct": False,
                    "feedback": (
                        "Keliru. Komentar adalah interaksi baru di unggahan kampanye, jadi "
                        "justru menambah jejak."
                    ),
                },
                {
                    "action": "other",
                    "label": "Hapus akun media sosial saya",
                    "correct": False,
                    "feedback": (
                        "Keliru. Menghapus akun tidak menghapus tangkapan layar orang lain dan "
                        "bisa terlihat seperti menyembunyikan jejak."
                    ),
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 8
    # Scenario 7: added to a relawan WhatsApp group.
    (
        "branching",
        {
            "prompt": (
                "Pukul sembilan malam, sebuah notifikasi masuk. Bu Wati, rekan satu bidang di "
                "Dinas Pendidikan Kota Wiratama, menambahkan Anda ke grup WhatsApp “Relawan "
                "Paslon 02 Kelurahan Sukamaju”. Pesan pertama di grup: jadwal blusukan calon "
                "besok pagi. Apa yang Anda lakukan?"
            ),
            "points": 2,
            "explanation": (
                "<p>Bergabung dengan grup atau akun pemenangan calon adalah pelanggaran, "
                "termasuk grup WhatsApp. Anda tidak memilih untuk dimasukkan, tetapi Anda "
                "bisa memilih untuk <b>segera keluar</b>. Sebaiknya beri tahu juga atasan "
                "langsung.</p>"
                "<p>Meneruskan pesan dari grup itu sama dengan membagikan konten kampanye. "
                "Grup keluarga atau kantor bukan ruang tertutup: satu tangkapan layar cukup "
                "untuk membuatnya tersebar.</p>"
            ),
            "citations": ["SKB 2022 lampiran, daftar A no. 4 dan daftar B no. 6"],
            "sanction": {
                "lowest": "moral",
                "highest": "berat",
                "note": "Berlaku untuk bergabung dengan grup pemenangan dan meneruskan pesannya.",
            },
            "choices": [
                {
                    "text": "Keluar dari grup sekarang juga",
                    "correct": True,
                    "consequence": (
                        "Anda keluar dari grup. Beberapa menit kemudian Bu Wati mengirim pesan "
                        "pribadi: “Lho, kok keluar? Cuma grup info kok, nggak wajib ikut "
                        "acara.”"
                    ),
                    "follow_up_prompt": "Apa balasan yang paling tepat?",
                    "follow_up_options": [
                        {
                            "text": (
                                "“Maaf, Bu. Saya ASN, wajib netral. Saya tidak bisa ada di grup "
                                "relawan calon mana pun.”"
                            ),
                            "correct": True,
                            "feedback": (
                                "Tepat. Jawaban singkat, sopan, dan merujuk pada kewajiban, "
                                "bukan pada calonnya."
                            ),
                        },
                        {
                            "text": "“Maaf, Bu, salah pencet. Tolong masukkan lagi ya.”",
                            "correct": False,
                            "feedback": (
                                "Keliru. Masuk kembali ke grup pemenangan berarti mengulang "
                                "pelanggaran yang baru Anda hindari."
                            ),
                        },
                        {
                            "text": (
                                "Tidak membalas, lalu menyebarkan tangkapan layar grup itu ke "
                                "grup kantor supaya semua tahu"
                            ),
                            "correct": False,
                            "feedback": (
                                "Keliru. Menyebarkan bukti ke grup bukan cara melapor. Bila "
                                "perlu, sampaikan lewat atasan atau saluran resmi."
                            ),
                        },
                    ],
                },
                {
                    "text": "Tetap di grup, tapi diam dan tidak ikut berkomentar",
                    "correct": False,
                    "consequence": (
                        "Seminggu kemudian, daftar anggota grup itu beredar di media sosial. "
                        "Nama dan foto profil Anda ada di sana, dan seorang warga melaporkannya "
                        "ke Panwascam."
                    ),
                    "follow_up_prompt": "Apa yang sebaiknya Anda lakukan sekarang?",
                    "follow_up_options": [
                        {
                            "text": (
                                "Keluar dari grup, beri tahu atasan langsung, dan jawab jujur "
                                "bila dipanggil klarifikasi"
                            ),
                            "correct": True,
                            "feedback": (
                                "Tepat. Hentikan pelanggarannya, lalu hadapi prosesnya dengan "
                                "jujur."
                            ),
                        },
                        {
                            "text": "Ganti nama dan foto profil WhatsApp supaya tidak dikenali",
                            "correct": False,
                            "feedback": (
                                "Keliru. Anda tetap anggota grup, dan menyamarkan diri bisa "
                                "dinilai sebagai menyembunyikan jejak."
                            ),
                        },
                        {
                            "text": "Tetap di grup, toh saya tidak pernah berkomentar",
                            "correct": False,
                            "feedback": (
                                "Keliru. Yang dilarang adalah bergabung, bukan hanya aktif "
                                "berkomentar."
                            ),
                        },
                    ],
                },
                {
                    "text": "Teruskan dulu jadwal blusukan itu ke grup keluarga, baru keluar",
                    "correct": False,
                    "consequence": (
                        "Pesan itu kini ada di grup keluarga dengan nama Anda sebagai pengirim. "
                        "Seorang sepupu membalas: “Wah, kamu ikut tim 02 ya?”"
                    ),
                    "follow_up_prompt": "Apa langkah Anda berikutnya?",
                    "follow_up_options": [
                        {
                            "text": (
                                "Hapus pesan itu untuk semua orang, keluar dari grup relawan, "
                                "dan beri tahu atasan langsung"
                            ),
                            "correct": True,
                            "feedback": (
                                "Tepat. Batasi penyebarannya, putus hubungan dengan grup "
                                "pemenangan, dan laporkan dengan jujur."
                            ),
                        },
                        {
                            "text": "Jelaskan di grup keluarga bahwa Anda mendukung 02 hanya secara pribadi",
                            "correct": False,
                            "feedback": (
                                "Keliru. Pernyataan dukungan di grup justru menambah "
                                "pelanggaran baru."
                            ),
                        },
                        {
                            "text": "Biarkan saja, grup keluarga kan tertutup",
                            "correct": False,
                            "feedback": (
                                "Keliru. Grup keluarga bukan ruang tertutup; satu tangkapan "
                                "layar cukup untuk menyebarkannya."
                            ),
                        },
                    ],
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 9
    # Section 1.6: photo poses (guidance, not SKB text).
    (
        "multiple_choice",
        {
            "prompt": (
                "Di sebuah pesta pernikahan di Kelurahan Mekarsari, seorang calon wali kota "
                "mengajak para tamu berfoto. Menurut panduan pose foto yang disebarkan "
                "Kementerian PANRB dan pemerintah daerah, pose mana yang sebaiknya Anda "
                "hindari? Pilih semua yang benar."
            ),
            "points": 1,
            "explanation": (
                "<p>SKB 2022 melarang ASN mengunggah foto bersama bakal calon atau tim "
                "suksesnya bila foto itu menunjukkan <b>simbol keberpihakan</b>. Daftar pose "
                "adalah <b>panduan, bukan bunyi peraturan</b>: isinya contoh gerakan tangan "
                "yang bisa dibaca sebagai nomor atau tanda calon, seperti satu jari, dua "
                "jari (V), jempol, dan finger heart. Kepalan tangan dianggap aman.</p>"
                "<p>Pilihan paling aman tetap menolak dengan sopan berfoto bersama calon di "
                "luar tugas kedinasan, dan tidak mengunggah foto semacam itu.</p>"
            ),
            "citations": [
                "SKB 2022 lampiran, daftar A no. 5 dan daftar B no. 7",
                "Panduan pose foto KemenPANRB dan pemerintah daerah menjelang Pemilu 2024 (panduan, bukan peraturan)",
            ],
            "sanction": {
                "lowest": "moral",
                "highest": "berat",
                "note": (
                    "Terutama bila foto dengan simbol keberpihakan diunggah atau beredar di "
                    "media sosial."
                ),
            },
            "partial_credit": False,
            "options": [
                {
                    "text": "Dua jari membentuk huruf V (peace)",
                    "correct": True,
                    "feedback": "Benar, dua jari mudah dibaca sebagai nomor urut 2.",
                },
                {
                    "text": "Jempol ke atas",
                    "correct": True,
                    "feedback": "Benar, jempol termasuk pose yang disebut dalam panduan.",
                },
                {
                    "text": "Telunjuk ke atas (satu jari)",
                    "correct": True,
                    "feedback": "Benar, satu jari bisa dibaca sebagai nomor urut 1.",
                },
                {
                    "text": "Hati dengan jari (finger heart)",
                    "correct": True,
                    "feedback": "Benar, pose ini juga masuk daftar yang harus dihindari.",
                },
                {
                    "text": "Kepalan tangan",
                    "correct": False,
                    "feedback": (
                        "Kepalan tangan disebut aman oleh panduan, walau berfoto dengan calon "
                        "tetap sebaiknya dihindari."
                    ),
                },
                {
                    "text": "Tangan lurus di samping badan tanpa simbol apa pun",
                    "correct": False,
                    "feedback": "Pose tanpa simbol tidak menunjukkan keberpihakan.",
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 10
    # Scenario 3: uniform at a rally, with colleagues.
    (
        "single_choice",
        {
            "prompt": (
                "Sepulang kantor, Pak Dedi, staf Dinas Pekerjaan Umum dan Penataan Ruang, "
                "langsung datang ke kampanye terbuka Paslon 03 di Lapangan Sukamaju. Ia masih "
                "memakai seragam dinas dan mengajak tiga rekan sekantor ikut. Bagaimana "
                "penilaian yang tepat?"
            ),
            "points": 1,
            "explanation": (
                "<p>PP 94/2021 melarang PNS mendukung calon dengan menjadi peserta kampanye "
                "<b>memakai atribut PNS</b>, termasuk seragam dinas. Ancamannya hukuman "
                "disiplin <b>sedang</b>: pemotongan tunjangan kinerja 25% selama 6, 9, atau "
                "12 bulan.</p>"
                "<p>Karena Pak Dedi juga <b>mengajak rekan PNS</b>, perbuatannya bisa masuk "
                "larangan menjadi peserta kampanye sambil mengerahkan PNS lain, yang diancam "
                "hukuman disiplin <b>berat</b>. Jam kerja tidak relevan: larangan ini "
                "berlaku kapan pun. Untuk dukungan kepada calon, PP 94/2021 tidak memakai "
                "tingkat hukuman ringan.</p>"
            ),
            "citations": [
                "PP 94/2021 Pasal 5 huruf n angka 2 dan angka 3",
                "PP 94/2021 Pasal 8",
                "PP 94/2021 Pasal 14 huruf i",
            ],
            "sanction": {
                "lowest": "sedang",
                "highest": "berat",
                "note": (
                    "Sedang untuk ikut kampanye dengan atribut PNS; berat bila sekaligus "
                    "mengerahkan PNS lain."
                ),
            },
            "options": [
                {
                    "text": "Tidak melanggar, karena kampanye itu di luar jam kerja",
                    "correct": False,
                    "feedback": (
                        "Keliru. Larangan ikut kampanye dengan atribut PNS tidak bergantung "
                        "pada jam kerja."
                    ),
                },
                {
                    "text": "Melanggar, tetapi cukup dengan hukuman ringan berupa teguran lisan",
                    "correct": False,
                    "feedback": (
                        "Keliru. Untuk dukungan kepada calon, PP 94/2021 memakai hukuman sedang "
                        "atau berat, bukan ringan."
                    ),
                },
                {
                    "text": (
                        "Melanggar: ikut kampanye dengan atribut PNS diancam hukuman sedang, "
                        "dan karena ia mengajak rekan PNS, ancamannya bisa naik menjadi berat"
                    ),
                    "correct": True,
                    "feedback": (
                        "Tepat. Seragam dinas adalah atribut PNS, dan mengajak rekan termasuk "
                        "mengerahkan PNS lain."
                    ),
                },
                {
                    "text": "Melanggar hanya bila ia naik ke panggung atau berorasi",
                    "correct": False,
                    "feedback": (
                        "Keliru. Hadir sebagai peserta kampanye dengan seragam dinas sudah "
                        "cukup menjadi pelanggaran."
                    ),
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 11
    # Scenarios 9, 10, 13 and 21: which acts are violations.
    (
        "multiple_choice",
        {
            "prompt": "Mana saja yang termasuk pelanggaran netralitas? Pilih semua yang benar.",
            "points": 1,
            "explanation": (
                "<p>Tiga perbuatan pertama ada dalam daftar larangan PP 94/2021 Pasal 5 huruf "
                "n yang diancam hukuman disiplin <b>berat</b>:</p>"
                "<ul>"
                "<li>datang ke kampanye dengan mobil dinas berarti memakai <b>fasilitas "
                "negara</b>;</li>"
                "<li>membagikan sembako berstiker calon adalah kegiatan yang menunjukkan "
                "keberpihakan melalui <b>pemberian barang</b>;</li>"
                "<li>menyerahkan <b>fotokopi KTP</b> sebagai dukungan untuk calon "
                "perseorangan.</li>"
                "</ul>"
                "<p>Lurah yang membagikan sembako juga dapat dijerat UU Pilkada. Pejabat ASN "
                "dan kepala desa atau lurah dilarang membuat keputusan atau tindakan yang "
                "menguntungkan atau merugikan pasangan calon. Ancamannya penjara 1–6 bulan "
                "dan/atau denda Rp600.000–Rp6 juta.</p>"
                "<p>Sebaliknya, hadir di kampanye karena <b>tugas jabatan</b>, seperti "
                "pengamanan oleh Satpol PP, bukan ikut kampanye, asalkan tidak bersorak, "
                "berpose, atau mengunggah apa pun. Membaca visi-misi di situs KPU juga "
                "boleh.</p>"
            ),
            "citations": [
                "PP 94/2021 Pasal 5 huruf n angka 4, 6, dan 7",
                "PP 94/2021 Pasal 14 huruf i",
                "SKB 2022 lampiran, daftar B no. 10",
                "UU 10/2016 Pasal 71 ayat (1) dan Pasal 188",
            ],
            "sanction": {
                "lowest": "berat",
                "highest": "pidana",
                "note": (
                    "Hukuman disiplin berat untuk ketiga perbuatan; pembagian sembako oleh "
                    "lurah juga dapat dipidana berdasarkan UU Pilkada."
                ),
            },
            "partial_credit": True,
            "options": [
                {
                    "text": "Pak Joko memakai mobil dinas pelat merah untuk datang ke acara kampanye Paslon 02",
                    "correct": True,
                    "feedback": "Benar. Ini memakai fasilitas negara; ancamannya hukuman berat.",
                },
                {
                    "text": "Lurah Sukamaju membagikan paket sembako bertempel stiker Paslon 01 selama masa kampanye",
                    "correct": True,
                    "feedback": (
                        "Benar. Pemberian barang yang menunjukkan keberpihakan; selain hukuman "
                        "berat, ada ancaman pidana Pilkada."
                    ),
                },
                {
                    "text": "Bu Sari, guru SD, menyerahkan fotokopi KTP untuk mendukung bakal calon wali kota perseorangan",
                    "correct": True,
                    "feedback": (
                        "Benar. Dukungan disertai fotokopi KTP dilarang dan diancam hukuman berat."
                    ),
                },
                {
                    "text": "Pak Eko, anggota Satpol PP, ditugaskan mengamankan kampanye terbuka dan berjaga tanpa bersorak atau berfoto",
                    "correct": False,
                    "feedback": (
                        "Ini boleh. Hadir karena tugas jabatan bukan ikut kampanye, selama ia "
                        "tidak menunjukkan keberpihakan."
                    ),
                },
                {
                    "text": "Mbak Lina membaca visi-misi ketiga paslon di situs KPU sebelum memilih",
                    "correct": False,
                    "feedback": "Ini boleh dan justru cara paling aman untuk mengenal calon.",
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 12
    # Scenario 20: envelope "uang transport".
    (
        "branching",
        {
            "prompt": (
                "Anda diundang ke pertemuan warga di rumah Pak RT di Kelurahan Mekarsari. "
                "Ternyata tim Paslon 01 ikut hadir dan memaparkan program. Selesai acara, "
                "seorang anggota tim menyodorkan amplop: “Untuk uang transport, Pak/Bu.” Apa "
                "yang Anda lakukan?"
            ),
            "points": 2,
            "explanation": (
                "<p>Pakta integritas netralitas ASN memuat komitmen untuk <b>menolak politik "
                "uang dan segala jenis pemberian</b> dalam bentuk apa pun. Amplop dari tim "
                "calon tetap pemberian dari tim calon, apa pun sebutannya dan ke mana pun "
                "uangnya kemudian disalurkan. Politik uang juga dapat menjadi tindak pidana "
                "pemilihan, yang ditangani terpisah dari proses disiplin.</p>"
                "<p>Tolak dengan sopan sejak awal. Bila terlanjur menerima, kembalikan, "
                "catat kejadiannya, dan beri tahu atasan langsung atau pengawas pemilu. "
                "Ingat juga: pertemuan yang ternyata menjadi ajang kampanye sebaiknya Anda "
                "tinggalkan.</p>"
            ),
            "citations": [
                "Pakta integritas netralitas ASN, butir 4: menolak politik uang dan segala jenis pemberian",
                "UU 20/2023 Pasal 24 ayat (1) huruf d",
            ],
            "sanction": {
                "lowest": "",
                "highest": "",
                "note": (
                    "Menerima melanggar pakta integritas yang Anda tanda tangani; politik uang "
                    "juga dapat diproses sebagai tindak pidana pemilihan."
                ),
            },
            "choices": [
                {
                    "text": "Menolak amplop itu dengan sopan",
                    "correct": True,
                    "consequence": (
                        "Anggota tim itu tersenyum: “Ini bukan apa-apa, Pak. Semua warga juga "
                        "dapat, tidak ada yang minta pilih siapa-siapa.” Beberapa tetangga "
                        "menoleh ke arah Anda."
                    ),
                    "follow_up_prompt": "Apa yang Anda katakan?",
                    "follow_up_options": [
                        {
                            "text": (
                                "“Terima kasih, tetapi saya ASN dan tidak boleh menerima "
                                "pemberian apa pun dari tim calon.”"
                            ),
                            "correct": True,
                            "feedback": (
                                "Tepat. Tegas, sopan, dan tidak membuka ruang tawar-menawar."
                            ),
                        },
                        {
                            "text": "“Ya sudah, titipkan saja ke Pak RT untuk kas warga.”",
                            "correct": False,
                            "feedback": (
                                "Keliru. Anda tetap menerima, lalu ikut menyalurkan pemberian "
                                "tim calon atas nama Anda."
                            ),
                        },
                        {
                            "text": "“Baik, saya ambil, tapi saya tidak janji memilih paslon Anda.”",
                            "correct": False,
                            "feedback": (
                                "Keliru. Yang dilarang adalah menerimanya, apa pun pilihan Anda "
                                "nanti."
                            ),
                        },
                    ],
                },
                {
                    "text": "Menerima amplop, toh saya tidak akan memilih paslon itu",
                    "correct": False,
                    "consequence": (
                        "Di rumah, Anda membuka amplop: isinya Rp100.000 dan kartu bergambar "
                        "Paslon 01 bertuliskan “Jangan lupa 27 November”. Keesokan harinya, "
                        "foto pembagian amplop beredar di grup warga."
                    ),
                    "follow_up_prompt": "Apa yang sebaiknya Anda lakukan sekarang?",
                    "follow_up_options": [
                        {
                            "text": (
                                "Kembalikan amplop kepada tim tersebut, catat kejadiannya, dan "
                                "beri tahu atasan langsung atau pengawas pemilu"
                            ),
                            "correct": True,
                            "feedback": (
                                "Tepat. Memperbaiki dan melapor dengan jujur lebih baik "
                                "daripada berharap tidak ada yang tahu."
                            ),
                        },
                        {
                            "text": "Simpan saja; isinya tidak seberapa",
                            "correct": False,
                            "feedback": (
                                "Keliru. Besar kecilnya jumlah tidak mengubah bahwa ini "
                                "pemberian dari tim calon."
                            ),
                        },
                        {
                            "text": "Bagikan uangnya ke tetangga yang tidak kebagian",
                            "correct": False,
                            "feedback": (
                                "Keliru. Anda justru ikut menyebarkan pemberian tim calon."
                            ),
                        },
                    ],
                },
                {
                    "text": "Menerima amplop, lalu menyumbangkannya ke masjid",
                    "correct": False,
                    "consequence": (
                        "Saat pengumuman infak hari Jumat, pengurus masjid menyebut sumbangan "
                        "itu “titipan tim Paslon 01 lewat Bapak”. Sekarang nama Anda dikaitkan "
                        "dengan tim calon."
                    ),
                    "follow_up_prompt": "Apa pelajaran dari kejadian ini?",
                    "follow_up_options": [
                        {
                            "text": (
                                "Pemberian dari tim calon harus ditolak sejak awal; disalurkan "
                                "ke mana pun, Anda sudah menerimanya"
                            ),
                            "correct": True,
                            "feedback": (
                                "Tepat. Niat baik sesudahnya tidak menghapus fakta bahwa Anda "
                                "menerima pemberian itu."
                            ),
                        },
                        {
                            "text": "Tidak apa-apa, selama uangnya dipakai untuk kebaikan",
                            "correct": False,
                            "feedback": (
                                "Keliru. Pakta integritas meminta Anda menolak pemberian dalam "
                                "bentuk apa pun, bukan menyalurkannya."
                            ),
                        },
                    ],
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 13
    # Scenario 8: the kepala dinas hints at the morning assembly.
    (
        "branching",
        {
            "prompt": (
                "Senin pagi, saat apel di Dinas Pendidikan Kota Wiratama, kepala dinas "
                "berkata: “Gedung baru ini dibangun di masa Pak Wali. Saya tidak menyuruh, ya. "
                "Tapi kalian tahu lah harus pilih siapa.” Pak Wali adalah petahana yang kini "
                "maju sebagai Paslon 01. Anda staf di subbagian umum. Apa yang Anda lakukan?"
            ),
            "points": 2,
            "explanation": (
                "<p>Imbauan atau seruan kepada pegawai di unitnya untuk memilih calon "
                "tertentu termasuk kegiatan yang menunjukkan keberpihakan. Bagi kepala "
                "dinas, ancamannya hukuman disiplin <b>berat</b>. Apakah perbuatannya juga "
                "memenuhi unsur pidana pemilihan, itu dikaji tersendiri oleh Bawaslu.</p>"
                "<p>Sebagai bawahan, Anda tidak wajib mengikuti arahan itu. <b>Tetaplah "
                "netral</b>, catat apa yang terjadi, dan laporkan melalui saluran resmi:</p>"
                "<ul>"
                "<li>Bawaslu atau pengawas pemilu setempat;</li>"
                "<li>SP4N-LAPOR! (kategori netralitas);</li>"
                "<li>aplikasi SBT BKN (sbt.bkn.go.id), menu Pelaporan Publik, lalu "
                "Netralitas.</li>"
                "</ul>"
                "<p>Simpan nomor aduan untuk memantau perkembangannya. Meneruskan arahan itu "
                "kepada rekan membuat Anda ikut berpihak.</p>"
            ),
            "citations": [
                "PP 94/2021 Pasal 5 huruf n angka 6",
                "PP 94/2021 Pasal 14 huruf i",
            ],
            "sanction": {
                "lowest": "berat",
                "highest": "berat",
                "note": (
                    "Untuk kepala dinas. Kemungkinan pidana pemilihan dikaji terpisah oleh "
                    "Bawaslu dan Sentra Gakkumdu."
                ),
            },
            "choices": [
                {
                    "text": "Tetap netral, catat kejadiannya, lalu laporkan lewat saluran resmi",
                    "correct": True,
                    "consequence": (
                        "Anda mencatat tanggal, tempat, kata-kata kepala dinas, dan siapa saja "
                        "yang hadir. Seorang rekan berbisik: “Jangan cari masalah. Memangnya "
                        "mau lapor ke mana?”"
                    ),
                    "follow_up_prompt": "Saluran mana yang bisa Anda pakai?",
                    "follow_up_options": [
                        {
                            "text": "Bawaslu Kota Wiratama, SP4N-LAPOR! kategori netralitas, atau aplikasi SBT BKN",
                            "correct": True,
                            "feedback": (
                                "Tepat. Ketiganya saluran resmi. Di SBT Anda perlu NIK atau "
                                "NIP pihak yang dilaporkan; bila tidak tahu, pakai SP4N-LAPOR!."
                            ),
                        },
                        {
                            "text": "Unggah rekaman apel ke TikTok supaya viral",
                            "correct": False,
                            "feedback": (
                                "Keliru. Menyebarkan di media sosial bukan cara melapor dan "
                                "bisa menimbulkan masalah baru bagi Anda."
                            ),
                        },
                        {
                            "text": "Cukup dibicarakan di grup WhatsApp kantor",
                            "correct": False,
                            "feedback": (
                                "Keliru. Obrolan di grup tidak sampai ke pihak yang berwenang "
                                "menangani pelanggaran."
                            ),
                        },
                    ],
                },
                {
                    "text": "Ikut meneruskan pesan itu di grup WhatsApp subbagian: “Ingat pesan Bapak tadi ya, teman-teman”",
                    "correct": False,
                    "consequence": (
                        "Pesan Anda ditangkap layar oleh seorang rekan dan sampai ke "
                        "Panwascam. Kini Anda ikut dipanggil klarifikasi bersama kepala dinas."
                    ),
                    "follow_up_prompt": "Mengapa Anda ikut dipanggil?",
                    "follow_up_options": [
                        {
                            "text": (
                                "Karena pesan saya adalah ajakan kepada rekan PNS untuk memilih "
                                "calon tertentu, jadi saya ikut menunjukkan keberpihakan"
                            ),
                            "correct": True,
                            "feedback": (
                                "Tepat. Meneruskan arahan atasan tidak memindahkan tanggung "
                                "jawab; ajakan itu kini juga datang dari Anda."
                            ),
                        },
                        {
                            "text": "Tidak ada alasan: saya hanya meneruskan pesan atasan, jadi tanggung jawabnya pada kepala dinas",
                            "correct": False,
                            "feedback": (
                                "Keliru. Setiap ASN wajib menjaga netralitas, termasuk saat "
                                "diarahkan atasan."
                            ),
                        },
                    ],
                },
                {
                    "text": "Diam saja, tidak ikut arahan, dan tidak melakukan apa-apa",
                    "correct": False,
                    "consequence": (
                        "Anda tidak melanggar, tetapi arahan itu tidak berhenti. Minggu "
                        "berikutnya, kepala dinas mengedarkan formulir “data pendukung” yang "
                        "harus diisi tiap subbagian."
                    ),
                    "follow_up_prompt": "Apa yang Anda lakukan dengan formulir itu?",
                    "follow_up_options": [
                        {
                            "text": (
                                "Tidak mengisinya, lalu melapor lewat saluran resmi dengan "
                                "formulir itu sebagai bukti"
                            ),
                            "correct": True,
                            "feedback": (
                                "Tepat. Anda tetap netral, dan formulir itu menjadi bukti "
                                "yang kuat bagi pemeriksa."
                            ),
                        },
                        {
                            "text": "Mengisinya saja supaya aman dari mutasi",
                            "correct": False,
                            "feedback": (
                                "Keliru. Mengisi formulir dukungan berarti ikut berpihak, "
                                "walaupun karena tekanan."
                            ),
                        },
                        {
                            "text": "Mengisinya dengan data asal-asalan",
                            "correct": False,
                            "feedback": (
                                "Keliru. Anda tetap ikut dalam kegiatan yang berpihak, dan "
                                "masalahnya tidak dilaporkan."
                            ),
                        },
                    ],
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 14
    # Scenario 11: a PPPK nurse joins a party.
    (
        "true_false",
        {
            "prompt": (
                "Ners Rina, PPPK di UPT Puskesmas Wiratama Utara, mendaftar menjadi anggota "
                "Partai Contoh untuk membantu sepupunya yang maju sebagai caleg. Pernyataan: "
                "Rina terancam diberhentikan tidak dengan hormat, sama seperti PNS yang "
                "menjadi anggota partai."
            ),
            "points": 1,
            "explanation": (
                "<p>UU 20/2023 tentang ASN menyatakan bahwa PNS <b>dan PPPK</b> yang menjadi "
                "anggota atau pengurus partai politik <b>diberhentikan tidak dengan "
                "hormat</b>. Tidak ada jenjang sanksi di sini, dan alasan “hanya membantu "
                "saudara” tidak mengubahnya.</p>"
                "<p>Bagi PPPK, sanksi mengikuti aturan manajemen PPPK: hubungan perjanjian "
                "kerjanya diputus tidak dengan hormat.</p>"
            ),
            "citations": [
                "UU 20/2023 Pasal 52 ayat (3) huruf j dan ayat (4)",
                "SKB 2022 lampiran, daftar B no. 5",
                "PP 49/2018 tentang Manajemen PPPK",
            ],
            "sanction": {
                "lowest": "ptdh",
                "highest": "ptdh",
                "note": "Bagi PPPK: pemutusan hubungan perjanjian kerja tidak dengan hormat.",
            },
            "answer": "benar",
            "feedback_true": (
                "Tepat. Keanggotaan partai berujung pada pemberhentian tidak dengan hormat, "
                "baik bagi PNS maupun PPPK."
            ),
            "feedback_false": (
                "Kurang tepat. Larangan menjadi anggota partai berlaku sama bagi PNS dan PPPK, "
                "dan sanksinya pemberhentian tidak dengan hormat."
            ),
        },
    ),
    # ------------------------------------------------------------------ 15
    # Scenario 19: a non-ASN contract driver.
    (
        "single_choice",
        {
            "prompt": (
                "Mas Anton adalah sopir kontrak (PTT) di Kantor Kecamatan Wiratama Barat. Ia "
                "bukan ASN. Di akun TikTok-nya, ia mengunggah video kampanye Paslon 02 dengan "
                "tulisan “Gas terus 02!”. Bagaimana penilaian yang tepat?"
            ),
            "points": 1,
            "explanation": (
                "<p>Kewajiban netral juga berlaku bagi <b>pegawai non-ASN</b>, seperti PTT "
                "dan tenaga honorer yang digaji dari APBN/APBD. Bentuk pelanggarannya sama "
                "dengan ASN. Sanksinya berjenjang sesuai kontrak kerja tahunannya, paling "
                "berat <b>pemutusan hubungan kerja</b>.</p>"
                "<p>Pejabat Pembina Kepegawaian dan Pejabat yang Berwenang wajib membina dan "
                "mengawasi pegawai non-ASN, termasuk soal netralitas.</p>"
            ),
            "citations": ["SE MenPAN-RB Nomor 01 Tahun 2023 tentang netralitas PPNPN"],
            "sanction": {
                "lowest": "phk",
                "highest": "phk",
                "note": (
                    "Sanksi berjenjang sesuai kontrak kerja tahunan; yang paling berat "
                    "pemutusan hubungan kerja."
                ),
            },
            "options": [
                {
                    "text": "Boleh, karena aturan netralitas hanya untuk PNS dan PPPK",
                    "correct": False,
                    "feedback": (
                        "Keliru. SE MenPAN-RB 01/2023 memperluas kewajiban netral kepada pegawai "
                        "non-ASN."
                    ),
                },
                {
                    "text": (
                        "Melanggar: aturan netralitas juga berlaku bagi pegawai non-ASN, dengan "
                        "sanksi berjenjang hingga pemutusan kontrak"
                    ),
                    "correct": True,
                    "feedback": (
                        "Tepat. Status kontrak tidak membebaskan dari kewajiban netral; "
                        "sanksinya mengikuti kontrak kerja."
                    ),
                },
                {
                    "text": "Boleh, asal diunggah di luar jam kerja",
                    "correct": False,
                    "feedback": (
                        "Keliru. Unggahan kampanye di akun pribadi tetap dukungan, kapan pun "
                        "diunggah."
                    ),
                },
                {
                    "text": "Melanggar, dan ia otomatis dipidana penjara",
                    "correct": False,
                    "feedback": (
                        "Keliru. Sanksi utamanya administratif sesuai kontrak; pidana hanya "
                        "untuk perbuatan tertentu dan diputuskan pengadilan."
                    ),
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 16
    # Scenario 25: who decides (process question).
    (
        "single_choice",
        {
            "prompt": (
                "Bawaslu Kota Wiratama menemukan unggahan kampanye seorang PNS Dinas "
                "Kesehatan, lalu meneruskannya. Setelah ada rekomendasi, siapa yang "
                "menjatuhkan hukuman disiplin kepada PNS tersebut?"
            ),
            "points": 1,
            "explanation": (
                "<p>Alurnya: Bawaslu mengkaji dan mengklarifikasi, lalu meneruskan kasus ke "
                "<b>BKN</b> (sejak KASN berhenti menangani laporan pada Agustus 2024). BKN "
                "memverifikasi dan mengirim rekomendasi kepada <b>Pejabat Pembina "
                "Kepegawaian (PPK)</b>. Di pemerintah kota, PPK adalah <b>Wali Kota</b>, "
                "yang memeriksa melalui BKPSDM dan menjatuhkan hukuman dengan keputusan. "
                "Untuk hukuman tertentu, kewenangan ini bisa dijalankan pejabat di "
                "bawahnya.</p>"
                "<p>Bawaslu <b>tidak</b> menghukum ASN. Dugaan tindak pidana pemilihan "
                "dibawa ke Sentra Gakkumdu, terpisah dari proses disiplin. Bila PPK "
                "mengabaikan rekomendasi, BKN dapat memblokir data kepegawaian ASN tersebut "
                "di SIASN. Alur ini bisa berubah setelah lembaga pengawas independen yang "
                "diperintahkan Mahkamah Konstitusi terbentuk.</p>"
            ),
            "citations": [
                "PP 94/2021 tentang Disiplin PNS",
                "SE MenPAN-RB Nomor 4 Tahun 2024 (pengalihan tugas KASN)",
                "Peraturan BKN Nomor 1 Tahun 2023 (pemblokiran data di SIASN)",
            ],
            "sanction": {"lowest": "", "highest": "", "note": ""},
            "options": [
                {
                    "text": "Bawaslu Kota Wiratama",
                    "correct": False,
                    "feedback": (
                        "Keliru. Bawaslu mengkaji dan meneruskan, tetapi tidak menjatuhkan "
                        "hukuman kepada ASN."
                    ),
                },
                {
                    "text": "Badan Kepegawaian Negara (BKN)",
                    "correct": False,
                    "feedback": (
                        "Keliru. BKN memverifikasi dan memberi rekomendasi, dan dapat memblokir "
                        "data bila PPK diam, tetapi tidak menjatuhkan hukuman."
                    ),
                },
                {
                    "text": "Wali Kota Wiratama sebagai Pejabat Pembina Kepegawaian, melalui BKPSDM",
                    "correct": True,
                    "feedback": (
                        "Tepat. PPK yang memeriksa dan menjatuhkan hukuman disiplin berdasarkan "
                        "PP 94/2021."
                    ),
                },
                {
                    "text": "Sentra Gakkumdu",
                    "correct": False,
                    "feedback": (
                        "Keliru. Gakkumdu menangani dugaan tindak pidana pemilihan, bukan "
                        "hukuman disiplin."
                    ),
                },
            ],
        },
    ),
    # ------------------------------------------------------------------ 17
    # Scenario 23: the superior who knew.
    (
        "true_false",
        {
            "prompt": (
                "Bu Ratna, kepala bidang di Dinas Kependudukan dan Pencatatan Sipil, melihat "
                "seorang bawahannya rutin membagikan konten Paslon 03 di Facebook. Karena "
                "belum ada laporan ke Bawaslu, Bu Ratna belum wajib berbuat apa-apa."
            ),
            "points": 1,
            "explanation": (
                "<p>Pelanggaran disiplin <b>bukan delik aduan</b>. Atasan langsung yang "
                "mengetahui dugaan pelanggaran wajib memanggil dan memeriksa bawahannya, "
                "tanpa menunggu laporan atau kajian Bawaslu.</p>"
                "<p>Atasan yang mendiamkan justru dijatuhi hukuman disiplin <b>lebih "
                "berat</b> daripada hukuman bagi pelanggarnya.</p>"
            ),
            "citations": ["PP 94/2021 Pasal 26 ayat (1)", "PP 94/2021 Pasal 28"],
            "sanction": {
                "lowest": "",
                "highest": "",
                "note": (
                    "Atasan yang diam dijatuhi hukuman lebih berat daripada hukuman bagi "
                    "bawahan yang melanggar."
                ),
            },
            "answer": "salah",
            "feedback_true": (
                "Kurang tepat. Atasan langsung wajib bertindak begitu mengetahui dugaan "
                "pelanggaran, tanpa menunggu laporan."
            ),
            "feedback_false": (
                "Tepat. Bu Ratna wajib segera memanggil dan memeriksa bawahannya. Bila diam, ia "
                "sendiri dapat dihukum lebih berat."
            ),
        },
    ),
]
