"""Isi kursus demo "Netralitas ASN di Media Sosial".

Plain Python data read by `courses/demo.py`. Facts come from the team's domain notes
(netralitas-asn.md). Points the notes mark as uncertain are left out or phrased as a range. The "who handles reports" module will need updating
when the independent supervisory body ordered by MK 121/PUU-XXII/2024 is formed.
"""

COURSE = {
    "title": "Netralitas ASN di Media Sosial",
    "slug": "netralitas-asn-di-media-sosial",
    "summary": (
        "Kursus singkat ini membantu Anda menjaga netralitas sebagai aparatur negara saat "
        "memakai media sosial, terutama menjelang dan selama pemilu dan pilkada. Anda akan "
        "mengenali tindakan yang dianggap sebagai dukungan politik, dari sekadar memberi "
        "tanda suka sampai berfoto dengan pose jari tertentu; apa yang tetap boleh dilakukan; "
        "langkah yang perlu diambil bila terlanjur keliru; rentang sanksinya; dan bagaimana "
        "sebuah laporan ditangani. Materi dirancang untuk dibaca di ponsel dalam sekitar "
        "45 menit."
    ),
    "learning_objectives": (
        "<ul>"
        "<li>Menjelaskan mengapa ASN wajib netral dan siapa saja yang terikat, termasuk "
        "<b>PPPK</b> dan <b>pegawai non-ASN</b>.</li>"
        "<li>Mengenali dukungan di media sosial yang dilarang: menyukai, berkomentar, "
        "membagikan, mengunggah, serta mengikuti akun atau bergabung dengan grup pemenangan.</li>"
        "<li>Menghindari foto, pose jari, dan atribut yang dapat dibaca sebagai simbol "
        "keberpihakan.</li>"
        "<li>Membedakan kegiatan yang tetap boleh, seperti menggunakan hak pilih dan "
        "menyebarkan informasi resmi KPU.</li>"
        "<li>Mengambil langkah yang tepat bila <i>tidak sengaja</i> menyukai unggahan "
        "kampanye.</li>"
        "<li>Memahami rentang sanksi, dari sanksi moral sampai pemberhentian dan pidana, serta "
        "alur penanganan laporan dari Bawaslu ke BKN dan Pejabat Pembina Kepegawaian.</li>"
        "</ul>"
    ),
    "audience_description": (
        "Wajib bagi seluruh PNS (termasuk CPNS), PPPK, dan pegawai non-ASN seperti PTT dan "
        "tenaga honorer di lingkungan Pemerintah Kota, apa pun jabatan dan unit kerjanya."
    ),
    "estimated_minutes": 45,
    "regulations": [
        {
            "title": "UU Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
            "citation": "Pasal 2 huruf f; Pasal 24 ayat (1) huruf d; Pasal 52 ayat (3) huruf j dan ayat (4)",
            "url": "",
        },
        {
            "title": "PP Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
            "citation": "Pasal 5 huruf n; Pasal 8; Pasal 14 huruf i; Pasal 26 dan Pasal 28",
            "url": "",
        },
        {
            "title": "PP Nomor 42 Tahun 2004 tentang Pembinaan Jiwa Korps dan Kode Etik PNS",
            "citation": "Pasal 11 huruf c; Pasal 15",
            "url": "",
        },
        {
            "title": (
                "Keputusan Bersama MenPAN-RB, Mendagri, Kepala BKN, Ketua KASN, dan Ketua "
                "Bawaslu Tahun 2022 tentang Pedoman Pembinaan dan Pengawasan Netralitas "
                "Pegawai ASN dalam Pemilu dan Pemilihan"
            ),
            "citation": (
                "MenPAN-RB No. 2/2022; Mendagri No. 800-5474/2022; Kepala BKN No. 246/2022; "
                "Ketua KASN No. 30/2022; Ketua Bawaslu No. 1447.1/PM.01/K.1/09/2022"
            ),
            "url": "",
        },
        {
            "title": (
                "SE MenPAN-RB Nomor 01 Tahun 2023 tentang Pedoman Pembinaan dan Pengawasan "
                "Netralitas Pegawai Pemerintah Non-PNS (PPNPN)"
            ),
            "citation": "Berlaku bagi PTT, tenaga honorer, dan pegawai non-ASN lainnya",
            "url": "",
        },
        {
            "title": "UU Nomor 7 Tahun 2017 tentang Pemilihan Umum",
            "citation": "Pasal 280 ayat (3); Pasal 283; Pasal 494",
            "url": "",
        },
        {
            "title": "UU Nomor 10 Tahun 2016 (UU Pilkada), sebagaimana diubah dengan UU Nomor 6 Tahun 2020",
            "citation": "Pasal 71 ayat (1); Pasal 188",
            "url": "",
        },
        {
            "title": (
                "Peraturan BKN Nomor 1 Tahun 2023 tentang Pemblokiran Data Kepegawaian "
                "dan/atau Layanan Kepegawaian pada SIASN"
            ),
            "citation": "Dasar pemblokiran data bila PPK tidak menindaklanjuti rekomendasi",
            "url": "",
        },
    ],
    "modules": [
        # ------------------------------------------------------------------ 1
        {
            "title": "Mengapa netralitas, dan berlaku untuk siapa",
            "slug": "mengapa-netralitas-dan-untuk-siapa",
            "intro": (
                "Netralitas bukan larangan punya pilihan politik. Netralitas adalah jaminan "
                "bahwa pelayanan publik tidak memihak. Modul ini menjelaskan dasar hukumnya, "
                "siapa saja yang terikat, dan kapan kewajiban ini berlaku."
            ),
            "estimated_minutes": 6,
            "body": [
                ("heading", "Pelayanan yang sama untuk semua warga"),
                (
                    "paragraph",
                    "<p>Warga datang ke kantor Anda dengan pilihan politik yang berbeda-beda. "
                    "Mereka berhak dilayani dengan cara yang sama, tanpa curiga bahwa urusannya "
                    "dipermudah atau dipersulit karena calon yang mereka dukung. Karena itulah "
                    "netralitas dijadikan salah satu <b>asas</b> pengelolaan ASN sekaligus "
                    "<b>kewajiban</b> setiap pegawai.</p>"
                    "<p>Netral berarti Anda tidak memihak kepentingan siapa pun dan tidak "
                    "membiarkan diri dipengaruhi golongan atau partai politik. Hak pilih Anda "
                    "tetap utuh: pilihan itu Anda sampaikan di bilik suara, bukan di ruang "
                    "kerja dan bukan di media sosial. Kampanye netralitas merangkumnya dengan "
                    "ungkapan <i>“don't ask, don't tell”</i>: jangan menanyakan pilihan orang "
                    "lain dan jangan memamerkan pilihan sendiri.</p>",
                ),
                (
                    "rule_quote",
                    {
                        "text": (
                            "Netralitas merupakan salah satu asas penyelenggaraan manajemen ASN, "
                            "dan menjaga netralitas adalah kewajiban setiap pegawai ASN."
                        ),
                        "citation": "UU 20/2023 tentang ASN, Pasal 2 huruf f dan Pasal 24 ayat (1) huruf d",
                        "source_url": "",
                    },
                ),
                ("heading", "Siapa yang terikat?"),
                (
                    "paragraph",
                    "<p>Aturan ini berlaku untuk semua pegawai, dari staf pelaksana di "
                    "kelurahan sampai kepala dinas:</p>"
                    "<ul>"
                    "<li><b>PNS dan CPNS.</b> Aturan disiplin PNS juga diberlakukan bagi calon "
                    "PNS.</li>"
                    "<li><b>PPPK.</b> Kewajiban netral dalam UU ASN berlaku bagi PNS dan PPPK, "
                    "dan sanksinya mengikuti aturan manajemen PPPK.</li>"
                    "<li><b>Pegawai non-ASN</b> seperti PTT, tenaga honorer, dan pegawai lain "
                    "yang digaji dari APBN/APBD. Bentuk pelanggarannya sama dengan ASN.</li>"
                    "</ul>"
                    "<p>Jika Anda sendiri ingin mencalonkan diri, Anda boleh mendaftar, tetapi "
                    "wajib mengundurkan diri secara tertulis sebagai ASN sejak ditetapkan "
                    "sebagai calon.</p>",
                ),
                ("heading", "Kapan berlaku? Setiap saat"),
                (
                    "paragraph",
                    "<p>Kewajiban netral tidak hanya berlaku selama masa kampanye. Larangan "
                    "berpihak mencakup masa <b>sebelum, selama, dan sesudah</b> kampanye, "
                    "bahkan sejak seseorang masih berstatus bakal calon. Sebagai gambaran, "
                    "kampanye Pilkada serentak 2024 berlangsung 25 September–23 November 2024 "
                    "dengan pemungutan suara 27 November 2024, tetapi pelanggaran sudah bisa "
                    "terjadi berbulan-bulan sebelumnya. Pemilihan ulang juga bisa digelar di "
                    "luar jadwal nasional, seperti di Kabupaten Bangka dan Kota Pangkalpinang pada 2025.</p>"
                    "<p>Media sosial adalah tempat pelanggaran paling sering terjadi. Pada "
                    "Pilkada 2020, <b>1.596 ASN</b> dinyatakan melanggar netralitas, dan "
                    "kampanye atau sosialisasi lewat media sosial menjadi jenis pelanggaran "
                    "terbanyak (30,4%). Pemerintah juga menyatakan bahwa akun media sosial "
                    "dan WhatsApp ASN ikut dipantau. Di banyak instansi, komitmen ini "
                    "dikuatkan dengan <b>pakta integritas</b>: menjaga netralitas, menghindari "
                    "konflik kepentingan, bijak bermedia sosial tanpa hoaks dan ujaran "
                    "kebencian, serta menolak politik uang.</p>",
                ),
            ],
        },
        # ------------------------------------------------------------------ 2
        {
            "title": "Jempol Anda di media sosial: suka, komentar, bagikan, unggah, ikuti",
            "slug": "jempol-anda-di-media-sosial",
            "intro": (
                "Satu ketukan bisa dibaca sebagai dukungan. Modul ini membahas lima tindakan "
                "sehari-hari di media sosial: menyukai, berkomentar, membagikan, mengunggah, "
                "dan mengikuti, termasuk grup WhatsApp dan stiker bergambar calon."
            ),
            "estimated_minutes": 7,
            "body": [
                ("heading", "Mengapa tanda suka pun dihitung"),
                (
                    "paragraph",
                    "<p>Banyak pegawai mengira hanya unggahan sendiri yang bisa bermasalah. "
                    "Kenyataannya, pedoman bersama tentang netralitas ASN menyebut "
                    "<b>menyukai, mengomentari, membagikan, dan membuat unggahan</b>, serta "
                    "<b>bergabung dengan atau mengikuti grup maupun akun pemenangan</b>, "
                    "sebagai bentuk pelanggaran. Ketua Bawaslu pada 2020 sudah menegaskan "
                    "bahwa tanda suka adalah bentuk dukungan.</p>"
                    "<p>Larangan ini mencakup semua jenis calon: presiden dan wakil presiden, "
                    "anggota DPR, DPD, dan DPRD, serta gubernur, bupati, wali kota, dan "
                    "wakilnya, termasuk saat mereka masih bakal calon. Bawaslu Kota Semarang "
                    "punya pengingat yang mudah diingat: <i>“Jempolmu bisa menjadi "
                    "harimaumu.”</i></p>",
                ),
                (
                    "rule_quote",
                    {
                        "text": (
                            "Pegawai ASN tidak boleh mengunggah, mengomentari, membagikan, atau "
                            "menyukai konten bakal calon, dan tidak boleh bergabung dengan atau "
                            "mengikuti grup atau akun pemenangan bakal calon, baik untuk pemilu "
                            "maupun pilkada. (Parafrase)"
                        ),
                        "citation": "SKB Netralitas ASN 2022, lampiran daftar pelanggaran kode etik dan disiplin",
                        "source_url": "",
                    },
                ),
                ("heading", "Lima tindakan, satu prinsip"),
                (
                    "paragraph",
                    "<p>Prinsipnya sederhana: <b>jangan berinteraksi dengan konten kampanye "
                    "dalam bentuk apa pun.</b></p>"
                    "<ul>"
                    "<li><b>Suka:</b> jempol, hati, atau reaksi lain pada unggahan calon atau "
                    "tim pemenangannya.</li>"
                    "<li><b>Komentar:</b> termasuk komentar singkat seperti “Mantap, "
                    "lanjutkan!” atau sekadar emoji. Akun kampanye petahana tetap akun "
                    "kampanye, walaupun pemiliknya atasan Anda.</li>"
                    "<li><b>Bagikan:</b> <i>repost</i>, meneruskan ke grup, atau memasang "
                    "ulang di status dan <i>story</i>.</li>"
                    "<li><b>Unggah:</b> konten buatan sendiri yang mendukung atau menjatuhkan "
                    "calon. Aturan tidak menyebut foto profil secara khusus, tetapi bingkai "
                    "<i>twibbon</i> calon dapat dinilai sebagai sosialisasi daring, jadi "
                    "hindari.</li>"
                    "<li><b>Ikuti:</b> mengikuti akun calon atau tim pemenangan dan bergabung "
                    "dengan grup Facebook, WhatsApp, atau Telegram mereka.</li>"
                    "</ul>"
                    "<p>Menyebarkan kabar bohong atau ujaran kebencian tentang calon juga "
                    "termasuk berpihak, karena merugikan salah satu pihak. Bila anggota "
                    "keluarga Anda sendiri menjadi calon, sebaiknya tetap jangan menyukai "
                    "atau membagikan unggahan kampanyenya.</p>",
                ),
                ("heading", "Grup WhatsApp dan stiker"),
                (
                    "paragraph",
                    "<p>Rekan kerja atau tetangga bisa saja memasukkan Anda ke grup seperti "
                    "“Relawan Paslon 02 Kelurahan Sukamaju”. Jangan menunggu: <b>keluar dari "
                    "grup itu</b>, dan sebaiknya beri tahu atasan langsung. Meneruskan pesan "
                    "siaran dari grup semacam itu sama dengan membagikan konten kampanye.</p>"
                    "<p>Kementerian PANRB juga mengingatkan ASN agar tidak membagikan "
                    "<b>stiker WhatsApp</b> bergambar calon atau nomor urutnya. Ingat, grup "
                    "keluarga atau alumni bukan ruang yang benar-benar tertutup; satu "
                    "tangkapan layar cukup untuk membuat pesan Anda tersebar.</p>",
                ),
                (
                    "do_dont",
                    {
                        "title": "Di media sosial selama tahapan pemilu dan pilkada",
                        "allowed": [
                            "Membaca berita dan melihat halaman publik tanpa memberi reaksi",
                            "Menyukai atau membagikan informasi resmi KPU, misalnya cara cek DPT dan jadwal pemungutan suara",
                            "Keluar dari grup pemenangan yang memasukkan Anda tanpa izin",
                            "Berhenti mengikuti atau membisukan akun calon agar kontennya tidak muncul",
                        ],
                        "forbidden": [
                            "Menyukai, mengomentari, atau membagikan unggahan calon dan tim pemenangannya",
                            "Membuat unggahan yang mendukung atau menjatuhkan calon",
                            "Mengikuti akun pemenangan atau bergabung dengan grup relawan calon",
                            "Mengirim stiker WhatsApp bergambar calon atau nomor urutnya",
                            "Memasang twibbon atau foto profil bertema calon",
                            "Menyebarkan hoaks atau ujaran kebencian tentang calon",
                        ],
                    },
                ),
            ],
        },
        # ------------------------------------------------------------------ 3
        {
            "title": "Foto, pose, dan atribut",
            "slug": "foto-pose-dan-atribut",
            "intro": (
                "Berfoto dengan calon sambil mengangkat jari adalah salah satu pelanggaran "
                "yang paling sering ditemukan. Pelajari pose yang berisiko, atribut yang harus "
                "dihindari, dan mengapa kepalan tangan dianggap pilihan yang lebih aman."
            ),
            "estimated_minutes": 7,
            "body": [
                ("heading", "Foto yang menjadi masalah"),
                (
                    "paragraph",
                    "<p>Calon sering hadir di pesta pernikahan, peresmian, atau acara warga, "
                    "lalu mengajak hadirin berfoto. Foto itu menjadi masalah bila Anda "
                    "<b>menunjukkan simbol keberpihakan</b>, memakai atribut partai, atau "
                    "berfoto dengan latar gambar partai atau calon, lalu fotonya beredar di "
                    "media sosial. Pada Pilkada 2020, foto bersama calon dengan simbol tangan "
                    "menyumbang sekitar 12,6% pelanggaran netralitas.</p>"
                    "<p>Simbol kecil pun tetap dihitung. Dalam satu kasus di Maluku Utara, "
                    "seorang kepala desa dinyatakan bersalah hanya karena mengacungkan jari "
                    "yang sesuai dengan nomor urut calon.</p>",
                ),
                (
                    "rule_quote",
                    {
                        "text": (
                            "Pegawai ASN tidak boleh mengunggah foto bersama bakal calon atau "
                            "tim suksesnya di media sosial atau media lain yang dapat diakses "
                            "publik bila foto itu memperlihatkan simbol keberpihakan, atribut "
                            "partai, atau latar gambar partai maupun calon. (Parafrase)"
                        ),
                        "citation": "SKB Netralitas ASN 2022, lampiran daftar pelanggaran kode etik dan disiplin",
                        "source_url": "",
                    },
                ),
                ("heading", "Pose jari: panduan, bukan bunyi pasal"),
                (
                    "paragraph",
                    "<p>Menjelang Pemilu 2024, Kementerian PANRB dan banyak pemerintah daerah "
                    "menyebarkan infografik pose foto yang sebaiknya dihindari. Daftar itu "
                    "adalah <b>panduan</b>, bukan bunyi peraturan. Isinya contoh “simbol "
                    "keberpihakan” yang dikaitkan dengan nomor urut, dan nomor urut berubah "
                    "setiap pemilihan. Jadi pegang prinsipnya: <b>gerakan tangan apa pun "
                    "yang bisa dibaca sebagai nomor atau tanda calon tertentu sebaiknya "
                    "dihindari.</b></p>"
                    "<p>Menurut panduan tersebut, <b>kepalan tangan</b> adalah pose yang "
                    "dianggap aman. Meski begitu, pilihan paling aman tetap tidak berfoto "
                    "bersama calon di luar tugas kedinasan.</p>",
                ),
                (
                    "do_dont",
                    {
                        "title": "Saat diajak berfoto",
                        "allowed": [
                            "Kepalan tangan atau tangan di samping badan tanpa simbol apa pun (menurut panduan)",
                            "Menolak dengan sopan: “Mohon maaf, saya ASN, harus menjaga netralitas”",
                            "Berfoto dengan pasangan sendiri yang menjadi calon, tanpa simbol dan tanpa atribut",
                        ],
                        "forbidden": [
                            "Mengacungkan satu, dua (V/peace), tiga, empat, atau lima jari (telapak terbuka)",
                            "Jempol ke atas, tanda “OK”, atau hati dengan jari (finger heart)",
                            "Salam metal, “pistol” jari di dagu, atau gaya telepon",
                            "Berfoto dengan latar baliho atau spanduk calon atau partai",
                            "Mengunggah foto bersama calon atau tim sukses ke media sosial",
                        ],
                    },
                ),
                ("heading", "Atribut, seragam, dan kendaraan dinas"),
                (
                    "paragraph",
                    "<p>Aturan disiplin PNS melarang ikut kampanye, apalagi sambil memakai "
                    "<b>atribut partai atau atribut PNS</b>, termasuk seragam dinas atau "
                    "seragam KORPRI. Keduanya diancam hukuman disiplin tingkat sedang. "
                    "Hindari juga kaus, topi, rompi, atau stiker calon di kendaraan Anda.</p>"
                    "<p>Datang ke acara calon dengan <b>kendaraan dinas</b> berpelat merah "
                    "berarti memakai fasilitas negara. Mengajak rekan sesama PNS ikut serta "
                    "berarti memobilisasi pegawai. Keduanya termasuk kelompok pelanggaran "
                    "yang diancam hukuman disiplin <b>berat</b>.</p>",
                ),
            ],
        },
        # ------------------------------------------------------------------ 4
        {
            "title": "Yang tetap boleh Anda lakukan",
            "slug": "yang-tetap-boleh",
            "intro": (
                "Netral bukan berarti menjauhi pemilu. Anda tetap memilih, boleh mencari tahu "
                "program calon, dan justru diharapkan membantu warga datang ke TPS. Modul ini "
                "menunjukkan batas amannya."
            ),
            "estimated_minutes": 6,
            "body": [
                ("heading", "Hak pilih Anda tetap utuh"),
                (
                    "paragraph",
                    "<p>Sebagai warga negara, Anda tetap <b>menggunakan hak pilih</b>. ASN "
                    "bahkan didorong ikut menaikkan partisipasi pemilih. Informasi resmi dari "
                    "KPU, seperti cara cek DPT, lokasi TPS, tanggal pemungutan suara, dan tata "
                    "cara mencoblos, bersifat netral dan boleh Anda bagikan, misalnya ke grup "
                    "keluarga. Memberi tanda suka atau komentar di <b>akun resmi KPU</b> juga "
                    "boleh.</p>"
                    "<p>Perhatikan bedanya. Poster KPU yang sama, tetapi sudah ditambahi nomor "
                    "urut calon, atau grafis “ayo ke TPS” buatan tim calon, <b>tidak "
                    "boleh</b> dibagikan. Pesan “Jangan lupa besok ke TPS, gunakan hak pilih "
                    "Anda!” aman, bahkan di masa tenang. Pesan “Besok coblos nomor 1 ya!” "
                    "adalah kampanye.</p>",
                ),
                (
                    "do_dont",
                    {
                        "title": "Boleh atau tidak?",
                        "allowed": [
                            "Datang ke TPS dan memilih sesuai hati nurani",
                            "Membagikan info resmi KPU tentang DPT, lokasi TPS, dan jadwal pemungutan suara",
                            "Membaca profil serta visi-misi calon di situs KPU",
                            "Bertugas di acara kampanye karena perintah jabatan, misalnya pengamanan, tanpa bersorak atau berpose",
                        ],
                        "forbidden": [
                            "Membagikan poster KPU yang sudah ditambahi nomor atau foto calon",
                            "Mengajak orang memilih calon tertentu, termasuk saat masa tenang",
                            "Mengikuti akun semua calon “supaya adil”; mengikuti akun pemenangan tetap pelanggaran",
                            "Mendampingi pasangan yang menjadi calon tanpa cuti di luar tanggungan negara",
                        ],
                    },
                ),
                ("heading", "Mencari tahu tanpa memihak"),
                (
                    "paragraph",
                    "<p>Anda berhak mengenal calon sebelum memilih. Cara paling aman adalah "
                    "membaca dokumen calon di kanal resmi KPU atau melihat halaman publik "
                    "<b>tanpa</b> mengikuti akunnya.</p>"
                    "<p>Bagaimana dengan menonton kampanye terbuka? Arahan Bawaslu RI dan "
                    "Mendagri menoleransi kehadiran pasif, yaitu tanpa seragam atau atribut, "
                    "tanpa fasilitas negara, tanpa bersorak, tanpa membuat simbol, dan tidak "
                    "duduk dekat panggung. Namun, sejumlah Bawaslu daerah melarang kehadiran "
                    "dalam bentuk apa pun. Karena itu, kehadiran pasif <b>berisiko</b>, dan "
                    "situs KPU tetap pilihan yang lebih aman. Lain halnya jika Anda hadir "
                    "karena tugas jabatan: itu bukan ikut kampanye, asalkan Anda tidak "
                    "bersorak, berpose, atau mengunggah apa pun tentang acara itu.</p>",
                ),
                ("heading", "Jika pasangan Anda menjadi calon"),
                (
                    "rule_quote",
                    {
                        "text": (
                            "ASN yang suami atau istrinya menjadi calon boleh mendampingi pasangannya "
                            "saat pendaftaran di KPU dan saat kampanye, dengan syarat mengambil cuti di "
                            "luar tanggungan negara (CLTN), tidak terlibat aktif, tidak memakai atribut "
                            "ASN, partai, atau calon, dan tidak membuat simbol tangan. Berfoto bersama "
                            "pasangan tetap diperbolehkan. (Parafrase)"
                        ),
                        "citation": "Surat MenPAN-RB Nomor B/36/M.SM.00.00/2018",
                        "source_url": "",
                    },
                ),
                (
                    "paragraph",
                    "<p>Tanpa CLTN, menghadiri deklarasi atau kampanye pasangan sendiri "
                    "termasuk pelanggaran menurut pedoman netralitas. Urus cuti lebih dulu "
                    "melalui unit kepegawaian Anda sebelum ikut mendampingi.</p>",
                ),
            ],
        },
        # ------------------------------------------------------------------ 5
        {
            "title": "Tidak sengaja menyukai? Ini yang harus dilakukan",
            "slug": "tidak-sengaja-menyukai",
            "intro": (
                "Jari terpeleset saat menggulir layar bisa terjadi pada siapa saja. Aturan "
                "tidak memberi pengecualian untuk ketidaksengajaan, jadi yang paling penting "
                "adalah apa yang Anda lakukan sesudahnya."
            ),
            "estimated_minutes": 6,
            "body": [
                ("heading", "Apa kata aturan"),
                (
                    "paragraph",
                    "<p>Pedoman netralitas menyebut tanda suka pada konten calon sebagai "
                    "pelanggaran. <b>Tidak ada ketentuan yang membebaskan tanda suka karena "
                    "tidak sengaja.</b> Dalam sebuah kasus nyata pada masa kampanye Pilkada "
                    "2024, Bawaslu Kota Semarang tetap meneruskan dugaan pelanggaran seorang "
                    "ASN ke BKN, meskipun ASN itu mengaku tidak sengaja menyukai unggahan "
                    "calon.</p>"
                    "<p>Niat dan seberapa cepat Anda memperbaiki kekeliruan mungkin "
                    "dipertimbangkan saat klarifikasi. Keputusan itu ada di tangan pemeriksa, "
                    "bukan di tangan Anda. Maka bersikaplah seolah setiap ketukan akan "
                    "dilihat orang lain.</p>",
                ),
                ("heading", "Langkah yang dianjurkan, segera"),
                (
                    "paragraph",
                    "<ol>"
                    "<li><b>Batalkan tanda suka saat itu juga.</b> Jangan menunggu sampai "
                    "selesai menggulir.</li>"
                    "<li><b>Catat waktunya:</b> tanggal, jam, dan unggahan mana. Bila perlu, "
                    "simpan tangkapan layar untuk catatan pribadi.</li>"
                    "<li><b>Beri tahu atasan langsung</b> pada hari yang sama, dengan jujur "
                    "dan apa adanya. Atasan langsung bertanggung jawab atas disiplin "
                    "bawahannya, jadi lebih baik ia mendengarnya dari Anda.</li>"
                    "<li><b>Jangan berinteraksi lagi</b> dengan unggahan itu, termasuk menulis "
                    "komentar permintaan maaf. Komentar adalah interaksi baru.</li>"
                    "<li><b>Jawab dengan jujur</b> bila dipanggil untuk klarifikasi, dan "
                    "tunjukkan catatan Anda.</li>"
                    "</ol>"
                    "<p>Langkah-langkah ini adalah <i>praktik yang baik</i>, bukan prosedur "
                    "yang diatur dalam peraturan, dan tidak menjamin Anda bebas dari "
                    "sanksi. Namun, kejujuran dan tindakan cepat menunjukkan itikad baik.</p>",
                ),
                (
                    "do_dont",
                    {
                        "title": "Setelah terlanjur menyukai unggahan calon",
                        "allowed": [
                            "Segera membatalkan tanda suka",
                            "Mencatat waktu kejadian untuk catatan pribadi",
                            "Melapor dengan jujur kepada atasan langsung",
                            "Menjelaskan apa adanya saat klarifikasi",
                        ],
                        "forbidden": [
                            "Membiarkannya karena “cuma like”",
                            "Menulis komentar “maaf, tidak sengaja” di unggahan itu",
                            "Menghapus akun atau menyembunyikan jejak untuk menghindari pemeriksaan",
                            "Memberi keterangan yang tidak benar saat diklarifikasi",
                        ],
                    },
                ),
                ("heading", "Mencegah lebih baik daripada menjelaskan"),
                (
                    "paragraph",
                    "<p>Kurangi peluang jari terpeleset. Berhenti mengikuti atau bisukan akun "
                    "calon dan tim pemenangan, tinggalkan grup yang berisi materi kampanye, "
                    "dan berhati-hatilah dengan ketuk dua kali di aplikasi video dan foto. "
                    "Sesekali, periksa riwayat aktivitas atau daftar “suka” di akun Anda "
                    "selama masa pemilihan. Bila menemukan tanda suka yang keliru, tangani "
                    "dengan langkah di atas.</p>",
                ),
            ],
        },
        # ------------------------------------------------------------------ 6
        {
            "title": "Sanksi: dari sanksi moral sampai pemberhentian",
            "slug": "sanksi-dari-sanksi-moral-sampai-pemberhentian",
            "intro": (
                "Sanksi pelanggaran netralitas berjenjang: sanksi moral, hukuman disiplin "
                "sedang dan berat, pemberhentian, hingga pidana untuk perbuatan tertentu. "
                "Modul ini memetakan rentangnya bagi PNS, PPPK, dan pegawai non-ASN."
            ),
            "estimated_minutes": 7,
            "body": [
                ("heading", "Dua jalur: kode etik dan disiplin"),
                (
                    "paragraph",
                    "<p>Pedoman bersama 2022 memuat dua daftar yang berjalan berdampingan: "
                    "<b>pelanggaran kode etik</b>, yang dikenai <b>sanksi moral</b>, dan "
                    "<b>pelanggaran disiplin</b>, yang dikenai hukuman disiplin. Sejumlah "
                    "perbuatan, seperti menyukai atau membagikan konten calon, muncul di "
                    "kedua daftar. Jalur mana yang dipakai bergantung pada hasil pemeriksaan "
                    "atas kasusnya. Karena itu, akibat dari satu tanda suka bisa berkisar "
                    "dari <b>sanksi moral hingga hukuman disiplin berat</b>.</p>"
                    "<p>Sanksi moral dibuat tertulis dan dinyatakan oleh Pejabat Pembina "
                    "Kepegawaian (PPK), baik sebagai pernyataan tertutup maupun terbuka. Atas "
                    "rekomendasi Majelis Kode Etik, pelanggar juga dapat dikenai tindakan "
                    "administratif.</p>",
                ),
                ("heading", "Tiga tingkat hukuman disiplin PNS"),
                (
                    "paragraph",
                    "<ul>"
                    "<li><b>Ringan:</b> teguran lisan, teguran tertulis, atau pernyataan "
                    "tidak puas secara tertulis.</li>"
                    "<li><b>Sedang:</b> pemotongan tunjangan kinerja sebesar 25% selama 6, "
                    "9, atau 12 bulan.</li>"
                    "<li><b>Berat:</b> penurunan jabatan setingkat lebih rendah selama 12 "
                    "bulan, pembebasan dari jabatan menjadi jabatan pelaksana selama 12 "
                    "bulan, atau pemberhentian dengan hormat tidak atas permintaan sendiri "
                    "sebagai PNS.</li>"
                    "</ul>"
                    "<p>Untuk dukungan politik kepada calon, PP 94/2021 <b>tidak memakai "
                    "tingkat ringan</b>. Ikut kampanye, termasuk dengan atribut partai atau "
                    "PNS, diancam hukuman <b>sedang</b>. Memobilisasi PNS lain, memakai "
                    "fasilitas negara, membuat keputusan yang menguntungkan atau merugikan "
                    "calon, mengadakan kegiatan yang menunjukkan keberpihakan, dan "
                    "menyerahkan dukungan beserta fotokopi KTP diancam hukuman <b>berat</b>.</p>",
                ),
                (
                    "rule_quote",
                    {
                        "text": (
                            "PNS dilarang mendukung calon presiden/wakil presiden, kepala daerah/"
                            "wakil kepala daerah, anggota DPR, DPD, atau DPRD dengan cara: ikut "
                            "kampanye; menjadi peserta kampanye dengan atribut partai atau PNS; "
                            "menjadi peserta kampanye sambil mengerahkan PNS lain; menjadi peserta "
                            "kampanye dengan fasilitas negara; membuat keputusan atau tindakan yang "
                            "menguntungkan atau merugikan pasangan calon; mengadakan kegiatan yang "
                            "menunjukkan keberpihakan, termasuk pertemuan, ajakan, imbauan, seruan, "
                            "atau pemberian barang; serta memberikan surat dukungan disertai "
                            "fotokopi KTP. (Parafrase)"
                        ),
                        "citation": "PP 94/2021 Pasal 5 huruf n; hukuman berat untuk angka 3–7: Pasal 14 huruf i",
                        "source_url": "",
                    },
                ),
                ("heading", "Pemberhentian: partai politik, PPPK, dan non-ASN"),
                (
                    "paragraph",
                    "<p>PNS <b>dan PPPK</b> yang menjadi anggota atau pengurus partai "
                    "politik <b>diberhentikan tidak dengan hormat</b> (PTDH). Tidak ada "
                    "jenjang di sini: bergabung dengan partai, meskipun “hanya untuk membantu "
                    "saudara”, berujung pada pemberhentian.</p>"
                    "<p>Pelanggaran netralitas oleh <b>PPPK</b> dijatuhi sanksi berdasarkan "
                    "aturan manajemen PPPK (PP 49/2018). Untuk keanggotaan partai, "
                    "hubungan perjanjian kerjanya diputus tidak dengan hormat. Bagi "
                    "<b>pegawai non-ASN</b> seperti PTT dan tenaga honorer, SE MenPAN-RB "
                    "01/2023 menetapkan sanksi berjenjang hingga <b>pemutusan hubungan "
                    "kerja</b> sesuai kontrak kerja tahunannya.</p>",
                ),
                ("heading", "Ancaman pidana"),
                (
                    "paragraph",
                    "<p>Beberapa perbuatan juga merupakan tindak pidana pemilihan, yang "
                    "ditangani melalui Sentra Gakkumdu, terpisah dari proses disiplin:</p>"
                    "<ul>"
                    "<li><b>Pemilu</b> (UU 7/2017): ASN dilarang menjadi pelaksana atau tim "
                    "kampanye (Pasal 280 ayat (3)). Pelanggarnya diancam kurungan paling lama "
                    "<b>1 tahun</b> dan denda paling banyak <b>Rp12 juta</b> (Pasal 494).</li>"
                    "<li><b>Pilkada</b> (UU 10/2016): pejabat ASN dilarang membuat keputusan "
                    "atau tindakan yang menguntungkan atau merugikan pasangan calon (Pasal 71 "
                    "ayat (1)). Ancamannya penjara <b>1 sampai 6 bulan</b> dan/atau denda "
                    "<b>Rp600.000 sampai Rp6 juta</b> (Pasal 188).</li>"
                    "</ul>",
                ),
            ],
        },
        # ------------------------------------------------------------------ 7
        {
            "title": "Melapor dan ditangani: siapa berbuat apa",
            "slug": "melapor-dan-ditangani",
            "intro": (
                "Siapa yang menerima laporan, siapa yang memeriksa, dan siapa yang menjatuhkan "
                "hukuman? Sejak KASN dibubarkan pada 2024, alurnya berubah. Modul ini "
                "menjelaskan alur yang berlaku saat ini dan kewajiban atasan langsung."
            ),
            "estimated_minutes": 6,
            "body": [
                ("heading", "Dari laporan sampai keputusan"),
                (
                    "paragraph",
                    "<ol>"
                    "<li><b>Masuk.</b> Dugaan pelanggaran bisa berupa <i>temuan</i> pengawas "
                    "pemilu (Bawaslu sampai Panwascam dan pengawas kelurahan/desa) atau "
                    "<i>laporan</i> masyarakat ke Bawaslu, ke SP4N-LAPOR! (kategori "
                    "netralitas), atau ke aplikasi SBT milik BKN.</li>"
                    "<li><b>Kajian Bawaslu.</b> Bawaslu memeriksa syarat formal dan material, "
                    "memanggil ASN untuk <b>klarifikasi</b>, dan mengumpulkan fakta. Dugaan "
                    "tindak pidana pemilihan dibawa ke Sentra Gakkumdu, sedangkan pelanggaran "
                    "aturan ASN diteruskan ke BKN.</li>"
                    "<li><b>Rekomendasi BKN.</b> BKN, bersama satuan tugas netralitas yang "
                    "melibatkan Kementerian PANRB, Kemendagri, dan Bawaslu, memverifikasi "
                    "kasusnya lalu mengirim rekomendasi kepada PPK instansi ASN tersebut.</li>"
                    "<li><b>Keputusan PPK.</b> Di pemerintah kota, PPK adalah <b>Wali "
                    "Kota</b>. Melalui BKPSDM, ASN diperiksa berdasarkan PP 94/2021, lalu "
                    "hukuman dijatuhkan dengan keputusan. Bawaslu sendiri <b>tidak</b> "
                    "menjatuhkan hukuman kepada ASN.</li>"
                    "<li><b>Bila PPK diam.</b> BKN dapat <b>memblokir data kepegawaian</b> "
                    "ASN tersebut di SIASN, sehingga layanan seperti kenaikan pangkat "
                    "terhenti. PPK yang mengabaikan rekomendasi juga dapat dikenai sanksi. "
                    "Pada 2020, data ASN di puluhan pemerintah daerah pernah diblokir karena "
                    "rekomendasi tidak dijalankan.</li>"
                    "</ol>"
                    "<p>ASN yang dijatuhi hukuman disiplin tetap dapat menempuh upaya "
                    "administratif sesuai ketentuan.</p>",
                ),
                ("heading", "KASN sudah tidak ada: siapa penggantinya?"),
                (
                    "paragraph",
                    "<p>UU 20/2023 tidak lagi mengatur Komisi ASN (KASN). Sejak akhir Agustus "
                    "2024, Bawaslu meneruskan dugaan pelanggaran netralitas ke <b>BKN</b>. "
                    "Berkas baru dan berkas yang belum diproses KASN dialihkan kepada Kepala "
                    "BKN, sementara Kementerian PANRB menetapkan kebijakan pengawasannya.</p>"
                    "<p>Susunan ini belum final. Pada Oktober 2025, Mahkamah Konstitusi "
                    "melalui Putusan Nomor 121/PUU-XXII/2024 memerintahkan agar pengawasan "
                    "sistem merit, termasuk kode etik dan kode perilaku ASN, dilakukan oleh "
                    "<b>lembaga independen</b> yang dibentuk paling lambat dua tahun sejak "
                    "putusan. Sampai lembaga itu terbentuk, BKN dan Kementerian PANRB tetap "
                    "menjalankan tugas tersebut.</p>",
                ),
                ("heading", "Kewajiban atasan langsung"),
                (
                    "rule_quote",
                    {
                        "text": (
                            "Atasan langsung yang mengetahui adanya dugaan pelanggaran disiplin "
                            "wajib memanggil dan memeriksa PNS yang bersangkutan. Atasan yang tidak "
                            "melakukannya dijatuhi hukuman disiplin yang lebih berat daripada "
                            "hukuman bagi pelanggar. (Parafrase)"
                        ),
                        "citation": "PP 94/2021 Pasal 26 ayat (1) dan Pasal 28",
                        "source_url": "",
                    },
                ),
                (
                    "paragraph",
                    "<p>Pelanggaran disiplin bukan delik aduan. Atasan tidak perlu menunggu "
                    "laporan atau hasil kajian Bawaslu untuk bertindak. Kepala bidang yang "
                    "melihat unggahan partisan bawahannya lalu diam saja ikut bersalah.</p>"
                    "<p>Jika Anda staf dan justru pimpinan yang mengarahkan, misalnya "
                    "“mengingatkan” saat apel siapa yang harus dipilih, tetaplah netral dan "
                    "laporkan melalui saluran resmi. Di aplikasi SBT (sbt.bkn.go.id), pilih "
                    "<i>Pelaporan Publik</i>, lalu <i>Netralitas</i>. Anda perlu NIK atau NIP "
                    "pihak yang dilaporkan. Jika tidak tahu, gunakan SP4N-LAPOR!. Simpan "
                    "nomor aduan untuk memantau perkembangannya.</p>",
                ),
                (
                    "do_dont",
                    {
                        "title": "Melapor dengan benar",
                        "allowed": [
                            "Melapor lewat Bawaslu, SP4N-LAPOR!, atau SBT BKN",
                            "Menyertakan bukti: tangkapan layar, tanggal, tautan, dan nama akun",
                            "Menyimpan nomor aduan untuk memantau statusnya",
                            "Sebagai atasan, segera memanggil dan memeriksa bawahan yang diduga melanggar",
                        ],
                        "forbidden": [
                            "Menyebarkan tangkapan layar pelanggaran rekan ke grup atau media sosial",
                            "Membuat laporan yang tidak benar untuk menjatuhkan rekan kerja",
                            "Mengintimidasi atau menekan rekan agar tidak melapor",
                            "Sebagai atasan, mendiamkan dugaan pelanggaran yang Anda ketahui",
                        ],
                    },
                ),
            ],
        },
    ],
}
